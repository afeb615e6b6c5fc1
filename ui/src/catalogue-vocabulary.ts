/**
 * The fixed vocabularies of a catalogue entry, as the catalogue writes them (bilingual, Chinese first: db/seed/catalogue.ts).
 * A form offers these as choices; a value already in the catalogue that is not among them is kept as a choice too.
 */
export const updateFrequencies = ['实时 real time', '每日 daily', '每周 weekly', '每月 monthly', '每季度 quarterly', '每学期 each term', '每年 yearly', '按需 on demand', '—'] as const;

/** Security levels of a catalogue entry (一般 / 敏感 / 涉密). */
export const securityLevels = ['一般 general', '敏感 sensitive', '涉密 classified'] as const;

/** Which entry fields take a value from a fixed vocabulary. */
export const vocabularyOf: Partial<Record<string, readonly string[]>> = {
  updateFrequency: updateFrequencies,
  securityLevel: securityLevels,
};

/** The choices for a field: its vocabulary, with the current value first kept if the vocabulary lacks it. */
export function choicesFor(field: string, current: string | null | undefined): string[] | null {
  const vocabulary = vocabularyOf[field];
  if (!vocabulary) return null;
  return current && !vocabulary.includes(current) ? [current, ...vocabulary] : [...vocabulary];
}
