/** Han characters: a Chinese text has some. */
const han = /[\u4e00-\u9fff]/;
/** Four English words in a row: an English sentence left in a Chinese text. */
const englishSentence = /\b[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+\b/;

function chineseFault(label: string, value: unknown): string | undefined {
  if (typeof value !== 'string' || !han.test(value)) return `${label} is not Chinese: ${JSON.stringify(value)}`;
  const english = englishSentence.exec(value);
  if (english) return `${label} holds English ("${english[0]}"): ${value}`;
  return undefined;
}

/**
 * What is wrong with a problem's languages: every text in English and in 简体中文, the Chinese complete on its own (no
 * English sentence in it), every field error with a code. Empty when nothing is.
 */
export function problemLanguageFaults(problem: unknown): string[] {
  const p = problem as { title?: unknown; titleZh?: unknown; detail?: unknown; detailZh?: unknown; errors?: Array<Record<string, unknown>> };
  const faults: (string | undefined)[] = [];
  if (typeof p.title !== 'string') faults.push('title missing');
  faults.push(chineseFault('titleZh', p.titleZh));
  if (p.detail !== undefined) faults.push(chineseFault('detailZh', p.detailZh));
  for (const e of p.errors ?? []) {
    if (typeof e.code !== 'string' || !e.code) faults.push(`errors[${String(e.path)}].code missing`);
    if (typeof e.message !== 'string') faults.push(`errors[${String(e.path)}].message missing`);
    faults.push(chineseFault(`errors[${String(e.path)}].messageZh`, e.messageZh));
  }
  return faults.filter((f): f is string => !!f);
}
