import { citedByAnalogy, otherLanguageKey, zhIsBackTranslated } from '../citation-labels';
import { useI18n } from '../i18n';
import { bilingual, formatDate, formatInstant, paren, timeLeftText, weekdayIndex } from '../format';
import { label, packLabels, rungLabels } from '../labels';
import type { Citation, ClockTrigger, Deadline, DeadlineSummary, OptionTerms, Task, TaskListItem } from '../types';

/** True for a party's option still open that does not lapse: its date is a reminder point, not a time limit. */
export function optionStaysOpen(task: Pick<Task, 'status' | 'option'>): boolean {
  return task.status === 'open' && !!task.option && !task.option.lapses;
}

/** The due date and 还剩 / 逾期 N 个工作日; for an option that stays open, its suggested date and that it stays open. */
export function DueBadge({ task, compact }: { task: Task | TaskListItem; compact?: boolean }) {
  const { t, lang } = useI18n();
  if (optionStaysOpen(task)) {
    return (
      <span className={`due${compact ? ' due-compact' : ''}`} data-testid="due">
        <span className="due-date">{t('optionSuggested', { date: formatDate(task.deadline.due, lang) })}</span>
        <span className="tag tag-info">{t('optionStaysOpen')}</span>
      </span>
    );
  }
  const late = task.timeLeft?.overdue ?? false;
  return (
    <span className={`due${late ? ' due-late' : ''}${compact ? ' due-compact' : ''}`} data-testid="due">
      <span className="due-date">{t('dueOn', { date: formatDate(task.deadline.due, lang) })}</span>
      {task.timeLeft ? (
        <span className="due-left">
          {late ? <span aria-hidden="true">⚠ </span> : null}
          {timeLeftText(task.timeLeft, t)}
        </span>
      ) : task.completedAt ? (
        <span className={`due-left${Date.parse(task.completedAt) > Date.parse(task.dueAt) ? ' done-late' : ''}`}>
          {t('completedOn', { date: formatInstant(task.completedAt, lang) })}
          {paren(Date.parse(task.completedAt) > Date.parse(task.dueAt) ? t('lateShort') : t('onTime'), lang)}
        </span>
      ) : null}
      {task.deadline.provisional ? <span className="tag tag-warn">{t('provisional')}</span> : null}
    </span>
  );
}

/** How a listed deadline was computed, in one line: start, period, what was skipped, make-up days counted. */
export function DeadlineBrief({ deadline }: { deadline: DeadlineSummary }) {
  const { t, lang } = useI18n();
  const unit = deadline.unit === 'days' ? t('unitDays') : t('unitWorkingDays');
  const parts = [t('briefFrom', { date: formatDate(deadline.startDate, lang, { weekday: false }), n: deadline.n, unit })];
  if (deadline.skippedDays) {
    const holidays = deadline.holidays.map((h) => bilingual(h, lang)).join(lang === 'zh' ? '、' : ', ');
    parts.push(holidays ? t('briefSkippedHolidays', { n: deadline.skippedDays, list: holidays }) : t('briefSkipped', { n: deadline.skippedDays }));
  }
  if (deadline.makeUpDaysCounted) parts.push(t('briefMakeUp', { n: deadline.makeUpDaysCounted }));
  if (deadline.extensions.length) parts.push(t('briefExtended', { n: deadline.extensions.reduce((a, b) => a + b, 0) }));
  return (
    <span className="muted meta deadline-brief" data-testid="deadline-brief" title={deadline.rule}>
      {parts.join(' · ')}
    </span>
  );
}

export function RungBadge({ rung }: { rung: string | null }) {
  const { lang } = useI18n();
  if (!rung) return null;
  return (
    <span className={`tag rung rung-${rung}`} data-testid="rung">
      {label(rungLabels, rung, lang)}
    </span>
  );
}

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

interface DayRow {
  date: string;
  /** The last day of a run of days skipped for the same reason, shown as one row. */
  until?: string;
  kind: 'event' | 'counted' | 'make-up' | 'rollover' | 'skipped';
  text: string;
  due: boolean;
}

/** Consecutive days skipped for the same reason (a weekend, a holiday) as one row: 10月1日 至 10月7日. */
export function groupSkipped(rows: DayRow[]): DayRow[] {
  const out: DayRow[] = [];
  for (const row of rows) {
    const last = out[out.length - 1];
    if (last && row.kind === 'skipped' && last.kind === 'skipped' && last.text === row.text && addDays(last.until ?? last.date, 1) === row.date) {
      last.until = row.date;
    } else {
      out.push({ ...row });
    }
  }
  return out;
}

function dateRange(row: DayRow, lang: 'zh' | 'en'): string {
  if (!row.until) return formatDate(row.date, lang);
  const sameYear = row.date.slice(0, 4) === row.until.slice(0, 4);
  const days = Math.round((Date.parse(row.until) - Date.parse(row.date)) / 86_400_000) + 1;
  return lang === 'zh'
    ? `${formatDate(row.date, lang)} 至 ${formatDate(row.until, lang, { year: !sameYear })}（${days} 天）`
    : `${formatDate(row.date, lang, { year: !sameYear })} – ${formatDate(row.until, lang)} (${days} days)`;
}

/** Every day from the triggering event to the last day, each with why it was counted or skipped. */
export function dayRows(deadline: Deadline, t: ReturnType<typeof useI18n>['t'], lang: 'zh' | 'en'): DayRow[] {
  const skipped = new Map(deadline.skipped.map((s) => [s.date, s]));
  const counted = new Map(deadline.counted.map((c) => [c.date, c]));
  const rows: DayRow[] = [];
  const natural = deadline.unit === 'days';
  const last = deadline.due;
  let n = 0;
  rows.push({ date: deadline.startDate, kind: 'event', text: t('deadlineStartText'), due: false });
  for (let date = addDays(deadline.startDate, 1), guard = 0; date <= last && guard < 800; date = addDays(date, 1), guard++) {
    const s = skipped.get(date);
    const c = counted.get(date);
    if (c) {
      n += c.rollover ? 0 : 1;
      const kind = c.rollover ? 'rollover' : c.makeUp ? 'make-up' : 'counted';
      const base = natural ? t('dayCountedNatural', { n }) : t('dayCounted', { n });
      const text =
        kind === 'rollover'
          ? t('dayRollover')
          : kind === 'make-up'
            ? `${base} · ${t('dayMakeUp')}${c.name ? paren(bilingual(c.name, lang), lang) : ''}`
            : base;
      rows.push({ date, kind, text, due: date === last });
    } else if (s) {
      const name = bilingual(s.name, lang);
      const text =
        s.reason === 'weekend'
          ? t('daySkippedWeekend')
          : s.reason === 'holiday'
            ? t('daySkippedHoliday', { name })
            : s.reason === 'regional-holiday'
              ? t('daySkippedRegional', { name })
              : s.reason === 'unknown-year'
                ? t('daySkippedUnknown')
                : t('daySkippedOther');
      rows.push({ date, kind: 'skipped', text, due: false });
    } else if (natural) {
      // A natural-day period lists only what it rolled over; other days count one by one.
      n += 1;
      rows.push({ date, kind: 'counted', text: t('dayCountedNatural', { n }), due: date === last });
    } else if (weekdayIndex(date) >= 5) {
      rows.push({ date, kind: 'skipped', text: t('daySkippedWeekend'), due: false });
    }
  }
  return rows;
}

/** Skipped days grouped by why: "周末 4 天，国庆节、中秋节 8 天". */
function skippedSummary(deadline: Deadline, lang: 'zh' | 'en'): string {
  const groups = new Map<string, number>();
  for (const s of deadline.skipped) {
    const key =
      s.reason === 'weekend'
        ? lang === 'zh'
          ? '周末'
          : 'weekend'
        : s.reason === 'unknown-year'
          ? lang === 'zh'
            ? '未公布年度的周末'
            : 'weekend of an unpublished year'
          : bilingual(s.name, lang) || s.reason;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()].map(([k, n]) => (lang === 'zh' ? `${k} ${n} 天` : `${k}: ${n} day${n === 1 ? '' : 's'}`)).join(lang === 'zh' ? '，' : '; ');
}

/** What a party's option comes to when its period ends: stays open, or lapses (and on what authority). */
export function OptionNote({ option }: { option: OptionTerms }) {
  const { t, pick } = useI18n();
  const tag = !option.lapses ? t('optionStaysOpen') : option.basis === 'policy' ? t('optionLapsesPolicy') : t('optionLapsesLaw');
  return (
    <section className="card" aria-labelledby="option-title" data-testid="option">
      <h2 id="option-title">{t('optionTitle')}</h2>
      <p>
        <span className={`tag ${option.lapses && option.basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{tag}</span> {pick(option.zh, option.en)}
      </p>
    </section>
  );
}

/**
 * The deadline explained: what starts it as the text says it (the legal trigger), start, rule, end, and every day
 * skipped and why; which make-up days were counted.
 */
export function DeadlineExplained({ deadline, trigger, headingLevel = 2 }: { deadline: Deadline; trigger?: ClockTrigger | null; headingLevel?: 2 | 3 }) {
  const { t, lang } = useI18n();
  const H = `h${headingLevel}` as 'h2';
  const Sub = `h${headingLevel + 1}` as 'h3';
  const rows = groupSkipped(dayRows(deadline, t, lang));
  const makeUps = deadline.counted.filter((c) => c.makeUp);
  const unit = deadline.unit === 'days' ? (lang === 'zh' ? '日' : 'days') : lang === 'zh' ? '个工作日' : 'working days';
  return (
    <section className="card deadline" aria-labelledby="deadline-title" data-testid="deadline-explained">
      <H id="deadline-title">{t('deadlineTitle')}</H>
      <dl className="facts">
        {trigger ? (
          <>
            <dt>{t('deadlineTrigger')}</dt>
            <dd data-testid="deadline-trigger">
              {lang === 'zh' ? trigger.zh : trigger.en}
              {trigger.byAnalogy ? <span className="tag tag-warn">{t('deadlineTriggerAnalogy')}</span> : null}
            </dd>
          </>
        ) : null}
        <dt>{t('deadlinePeriod')}</dt>
        <dd>
          {deadline.n} {unit}
          {deadline.extensions?.length ? ` · ${t('deadlineExtended', { list: deadline.extensions.map((e) => `+${e}`).join(', ') })}` : ''}
        </dd>
        <dt>{t('deadlineStart')}</dt>
        <dd>{formatInstant(deadline.start, lang)}</dd>
        <dt>{t('deadlineEnd')}</dt>
        <dd>
          <strong>{t('deadlineEndText', { date: formatDate(deadline.due, lang) })}</strong>
        </dd>
        <dt>{t('deadlineRule')}</dt>
        <dd>{bilingual(deadline.rule, lang)}</dd>
      </dl>
      {deadline.provisional ? (
        <p className="notice notice-warn">{t('provisionalNote', { reason: bilingual(deadline.provisionalReason, lang) })}</p>
      ) : null}
      <p>{deadline.skipped.length ? t('skippedSummary', { n: deadline.skipped.length, list: skippedSummary(deadline, lang) }) : null}</p>
      <p>
        {makeUps.length
          ? t('makeUpSummary', { list: makeUps.map((m) => `${formatDate(m.date, lang)}${m.name ? paren(bilingual(m.name, lang), lang) : ''}`).join(lang === 'zh' ? '、' : ', ') })
          : t('noMakeUp')}
      </p>
      <Sub>{t('dayByDay')}</Sub>
      <ol className="days" data-testid="day-by-day">
        {rows.map((r) => (
          <li key={r.date} className={`day day-${r.kind}${r.due ? ' day-due' : ''}`}>
            <span className="day-date">{dateRange(r, lang)}</span>
            <span className="day-text">
              {r.text}
              {r.due ? <strong className="tag tag-due">{t('dayDue')}</strong> : null}
            </span>
          </li>
        ))}
      </ol>
      {deadline.sources.length ? (
        <p className="sources">
          {deadline.sources.map((s) => (
            <span key={s}>{bilingual(s, lang)}</span>
          ))}
        </p>
      ) : null}
    </section>
  );
}

/** The article the step's period comes from, and whether it is law, the draft, or local policy. */
export function CitationBlock({
  citation,
  basis,
  policy,
  higherTextsLeftOut,
}: {
  citation: Citation;
  basis?: string;
  policy?: { zh?: string; en?: string };
  /** The higher texts in force for the case whose rules are not loaded, by title: the figure is then not all the law. */
  higherTextsLeftOut?: string;
}) {
  const { t, lang } = useI18n();
  // Without the rule pack's step (e.g. for a party that may not read the case), the note still says what the figure is.
  basis ??= citation.note?.includes('本地政策') ? 'policy' : citation.note?.includes('征求意见稿') ? 'draft' : undefined;
  // A provincial figure is never called 法定期限 alone while a higher text it leaves out applies.
  const lawText = higherTextsLeftOut ? t('periodBasisProvincialOnly') : t('periodBasisLaw');
  const basisText = basis === 'law' ? lawText : basis === 'draft' ? t('periodBasisDraft') : basis === 'policy' ? t('periodBasisPolicy') : null;
  return (
    <section className="card citation" aria-labelledby="citation-title" data-testid="citation">
      <h2 id="citation-title">{t('citationTitle')}</h2>
      <p className="citation-source">
        《{label(packLabels, citation.source, 'zh')}》{lang === 'en' ? ` (${label(packLabels, citation.source, 'en')})` : ''} · {bilingual(citation.article, lang)}
        {basisText ? <span className={`tag ${basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{basisText}</span> : null}
        {citedByAnalogy(citation) ? <span className="tag tag-warn">{t('citationByAnalogy')}</span> : null}
      </p>
      <blockquote lang={lang === 'zh' ? 'zh-CN' : 'en'}>{lang === 'zh' ? citation.textZh : citation.textEn}</blockquote>
      {lang === 'zh' && zhIsBackTranslated(citation) ? <p className="hint">{t('citationZhBackTranslated')}</p> : null}
      <details>
        <summary>{t(otherLanguageKey(citation, lang))}</summary>
        <blockquote lang={lang === 'zh' ? 'en' : 'zh-CN'}>{lang === 'zh' ? citation.textEn : citation.textZh}</blockquote>
        {lang === 'en' && zhIsBackTranslated(citation) ? <p className="hint">{t('citationZhBackTranslated')}</p> : null}
      </details>
      {higherTextsLeftOut ? (
        <p className="notice notice-warn" data-testid="citation-higher-text">
          {t('higherTextCitation', { titles: higherTextsLeftOut })}
        </p>
      ) : null}
      {policy && basis === 'policy' ? <p className="hint">{lang === 'zh' ? policy.zh : policy.en}</p> : null}
      {citation.note ? <p className="hint">{bilingual(citation.note, lang)}</p> : null}
    </section>
  );
}
