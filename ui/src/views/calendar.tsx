import { useState, type FormEvent } from 'react';
import { api, saveFile } from '../api';
import { useUser } from '../auth';
import { Loaded, NotFound, PageTitle, useDepartments } from '../components/common';
import { ConfirmDialog } from '../components/confirm-dialog';
import { DeadlineExplained } from '../components/deadline';
import { ErrorSummary, Field, useSubmit } from '../components/forms';
import { bilingual, formatDate, formatInstant, paren, todayInShanghai, weekdayIndex } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { jurisdictionLabels, label } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { CalendarFeed, DayStatus, Deadline, DeadlineOnDay } from '../types';
import { errorText } from '../error-text';

const kinds: { kind: string; key: MessageKey }[] = [
  { kind: 'workday', key: 'kindWorkday' },
  { kind: 'weekend', key: 'kindWeekend' },
  { kind: 'holiday', key: 'kindHoliday' },
  { kind: 'make-up', key: 'kindMakeUp' },
  { kind: 'regional-holiday', key: 'kindRegional' },
];
const jurisdictions = ['national', 'hebei', 'anhui', 'xinjiang'];

function shiftMonth(month: string, by: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const d = new Date(Date.UTC(y, m - 1 + by, 1));
  return d.toISOString().slice(0, 7);
}

/** The months the calendar knows (its range of years, calendar/dates.ts). */
const inRange = (mm: string) => mm >= '2015-01' && mm <= '2035-12';

/** A month in the URL that exists and that the calendar covers: `2026-02`, not `2026-13` or `1999-01`. */
export function isCalendarMonth(month: string): boolean {
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(month) && inRange(month);
}

/**
 * The region whose calendar is shown: the one in the URL (`?j=`), else the user's own department's. An unknown
 * `?j=` is not silently replaced: the page says it is not found.
 */
function useJurisdiction(): { jurisdiction: string | null; own: string } {
  const { query } = useRouter();
  const user = useUser();
  const departments = useDepartments();
  const fromList = departments.list.find((d) => d.id === user.departmentId)?.jurisdiction;
  const mine = user.departmentJurisdiction ?? fromList;
  const own = mine && jurisdictions.includes(mine) ? mine : 'national';
  const asked = query.get('j');
  if (asked === null) return { jurisdiction: own, own };
  return { jurisdiction: jurisdictions.includes(asked) ? asked : null, own };
}

export function CalendarView({ month: requested }: { month?: string }) {
  const { jurisdiction, own } = useJurisdiction();
  // An impossible month or year, or an unknown region, in the URL is a page that does not exist.
  if ((requested !== undefined && !isCalendarMonth(requested)) || jurisdiction === null) return <CalendarNotFound />;
  return <CalendarPage month={requested ?? todayInShanghai().slice(0, 7)} jurisdiction={jurisdiction} own={own} />;
}

function CalendarNotFound() {
  const { t } = useI18n();
  return (
    <>
      <NotFound />
      <p>
        <Link to={paths.calendar()}>{t('backToCalendar')}</Link>
      </p>
    </>
  );
}

function CalendarPage({ month, jurisdiction, own }: { month: string; jurisdiction: string; own: string }) {
  const { t, lang } = useI18n();
  const { navigate } = useRouter();
  const year = Number(month.slice(0, 4));
  const loaded = useLoad((signal) => api.calendarYear(year, jurisdiction, signal), [year, jurisdiction]);
  const deadlines = useLoad((signal) => api.calendarDeadlines(month, signal), [month]);
  const suffix = jurisdiction === own ? '' : `?j=${jurisdiction}`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const mine = deadlines.state === 'ok' ? deadlines.data : [];

  return (
    <>
      <PageTitle sub={t('calendarIntro')}>{t('calendarTitle')}</PageTitle>
      <div className="cal-toolbar card">
        <div className="filter">
          <label htmlFor="cal-j">{t('jurisdiction')}</label>
          <select id="cal-j" value={jurisdiction} onChange={(e) => navigate(`${paths.calendar(month)}${e.target.value === own ? '' : `?j=${e.target.value}`}`, { replace: true })}>
            {jurisdictions.map((j) => (
              <option key={j} value={j}>
                {label(jurisdictionLabels, j, lang)}
                {j === own ? t('ownRegion') : ''}
              </option>
            ))}
          </select>
        </div>
        <div className="cal-nav">
          {inRange(shiftMonth(month, -1)) ? (
            <Link to={`${paths.calendar(shiftMonth(month, -1))}${suffix}`} className="btn btn-small" aria-label={t('prevMonth')}>
              ‹ <span aria-hidden="true">{t('prevMonth')}</span>
            </Link>
          ) : null}
          <h2 className="cal-month" aria-live="polite">
            {t('monthLabel', { y, m })}
          </h2>
          {inRange(shiftMonth(month, 1)) ? (
            <Link to={`${paths.calendar(shiftMonth(month, 1))}${suffix}`} className="btn btn-small" aria-label={t('nextMonth')}>
              <span aria-hidden="true">{t('nextMonth')}</span> ›
            </Link>
          ) : null}
          <Link to={`${paths.calendar()}${suffix}`} className="btn btn-small btn-ghost">
            {t('thisMonth')}
          </Link>
        </div>
      </div>
      <Loaded value={loaded} what="GET /api/calendar/:year">
        {(cal) => {
          const days = cal.days.filter((d) => d.date.startsWith(month));
          return (
            <>
              {cal.status === 'unknown' || cal.provisional ? <p className="notice notice-warn">{t('yearUnknown', { y: year })}</p> : null}
              <MonthGrid days={days} deadlines={mine} />
              <ul className="legend" aria-label={t('legend')}>
                {kinds
                  .filter((k) => k.kind !== 'regional-holiday' || jurisdiction === 'xinjiang')
                  .map((k) => (
                    <li key={k.kind}>
                      <span className={`swatch day-${k.kind}`} aria-hidden="true" /> {t(k.key)}
                    </li>
                  ))}
              </ul>
              {cal.notice?.title ? (
                <p className="sources">{t('noticeLabel', { title: cal.notice.title, number: cal.notice.documentNumber ?? '' })}</p>
              ) : null}
              <MonthDeadlines deadlines={deadlines.state === 'ok' ? mine : null} />
              <SpecialDays days={days} />
            </>
          );
        }}
      </Loaded>
      <DeadlineCalculator key={jurisdiction} jurisdiction={jurisdiction} />
      <Subscription />
    </>
  );
}

/** One deadline in a day's cell: the step, linked to its task; the case in the link's title and the list below. */
function DeadlineChip({ d }: { d: DeadlineOnDay }) {
  const { t, lang } = useI18n();
  const title = lang === 'zh' ? d.titleZh : d.titleEn;
  return (
    <li>
      <Link to={paths.task(d.taskId)} className={`dl-chip${d.overdue ? ' dl-late' : ''}${d.suggested ? ' dl-suggested' : ''}`} title={lang === 'zh' ? `${d.caseZh} · ${d.titleZh}` : `${d.caseEn} · ${d.titleEn}`}>
        <span className="dl-kind">{d.suggested ? t('suggestedOnDay') : t('deadlineOnDay')}</span> {title}
        {d.overdue ? <span className="sr-only">（{t('overdueShort')}）</span> : null}
      </Link>
    </li>
  );
}

function MonthGrid({ days, deadlines }: { days: DayStatus[]; deadlines: DeadlineOnDay[] }) {
  const { t, lang } = useI18n();
  const today = todayInShanghai();
  const weekdays = t('weekdays').split(',');
  if (days.length === 0) return null;
  const lead = weekdayIndex(days[0]!.date);
  const cells: (DayStatus | null)[] = [...Array.from({ length: lead }, () => null), ...days];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, i) => cells.slice(i * 7, i * 7 + 7));
  return (
    <table className="month" data-testid="month">
      <thead>
        <tr>
          {weekdays.map((w) => (
            <th key={w} scope="col">
              {w}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, i) => (
          <tr key={i}>
            {week.map((d, j) =>
              d ? (
                <td key={d.date} className={`day-${d.kind}${d.date === today ? ' today' : ''}${d.provisional ? ' provisional' : ''}`} data-date={d.date} data-kind={d.kind}>
                  <span className="sr-only">{formatDate(d.date, lang)}</span>
                  <span className="dnum" aria-hidden="true">
                    {Number(d.date.slice(8))}
                  </span>
                  <span className="dkind">{kindText(d, t)}</span>
                  {d.name ? <span className="dname">{bilingual(d.name, lang)}</span> : null}
                  <DayDeadlines list={deadlines.filter((x) => x.lastDay === d.date)} />
                </td>
              ) : (
                <td key={`e${j}`} className="empty-cell" />
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A day's deadlines: up to three named, the rest counted (all of them are in the list below the grid). */
function DayDeadlines({ list }: { list: DeadlineOnDay[] }) {
  const { t } = useI18n();
  if (list.length === 0) return null;
  const shown = list.slice(0, 3);
  return (
    <>
      <span className="sr-only">{t('deadlinesOnDay', { n: list.length })}</span>
      <ul className="dl-list" data-testid="day-deadlines">
        {shown.map((d) => (
          <DeadlineChip key={d.taskId} d={d} />
        ))}
        {list.length > shown.length ? <li className="dl-more">+{list.length - shown.length}</li> : null}
      </ul>
    </>
  );
}

/** The month's deadlines of the department as a list: each day, the case and the step, linked to the task. */
function MonthDeadlines({ deadlines }: { deadlines: DeadlineOnDay[] | null }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby="my-deadlines-title" data-testid="month-deadlines">
      <h2 id="my-deadlines-title">{t('myDeadlinesTitle')}</h2>
      <p className="hint">{t('myDeadlinesIntro')}</p>
      {deadlines === null ? null : deadlines.length === 0 ? (
        <p>{t('noDeadlinesThisMonth')}</p>
      ) : (
        <ul className="plain month-deadlines">
          {deadlines.map((d) => (
            <li key={d.taskId} className={d.overdue ? 'dl-late' : undefined}>
              <span className="dl-day">{formatDate(d.lastDay, lang, { year: false })} 24:00</span>{' '}
              <Link to={paths.task(d.taskId)}>
                {lang === 'zh' ? `${d.caseZh} · ${d.titleZh}` : `${d.caseEn} · ${d.titleEn}`}
              </Link>
              {d.overdue ? <span className="tag tag-late">{t('overdueShort')}</span> : null}
              {d.suggested ? <span className="tag tag-info">{t('suggestedOnDay')}</span> : null}
              {d.provisional ? <span className="tag tag-warn">{t('provisional')}</span> : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A day that exists, YYYY-MM-DD, in the calendar's range: what the calculator may send. */
function isCalendarDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !isCalendarMonth(value.slice(0, 7))) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/**
 * 期限计算器: start + N working days on a region's calendar, explained as every task explains its deadline. The
 * date is checked before sending; the API's field errors are shown by field, in the interface's language.
 */
function DeadlineCalculator({ jurisdiction: initial }: { jurisdiction: string }) {
  const { t, lang } = useI18n();
  const [start, setStart] = useState(todayInShanghai());
  const [n, setN] = useState('15');
  const [jurisdiction, setJurisdiction] = useState(initial);
  const [result, setResult] = useState<Deadline | null>(null);
  const submit = useSubmit(['start', 'n', 'jurisdiction'], 'query');
  const messages: Record<string, string> = { start: t('calcStartInvalid'), n: t('calcNInvalid'), jurisdiction: t('calcJurisdictionInvalid') };
  // The API names the field; the words are ours (its own message is in English).
  const fields = Object.fromEntries(Object.keys(submit.fields).map((f) => [f, messages[f] ?? submit.fields[f]!]));
  const labels = { start: t('calcStart'), n: t('calcN'), jurisdiction: t('calcJurisdiction') };

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const problems: Record<string, string> = {};
    if (!isCalendarDay(start)) problems.start = messages.start!;
    if (!/^\d+$/.test(n.trim()) || Number(n) < 1 || Number(n) > 400) problems.n = messages.n!;
    if (Object.keys(problems).length) {
      setResult(null);
      submit.reject(problems);
      return;
    }
    setResult(null);
    const deadline = await submit.run(() => api.computeDeadline(start, Number(n), jurisdiction));
    if (deadline) setResult(deadline);
  }

  return (
    <section className="card calculator" aria-labelledby="calc-title" data-testid="calculator">
      <h2 id="calc-title">{t('calcTitle')}</h2>
      <p className="hint">{t('calcIntro')}</p>
      <form id="calc" onSubmit={onSubmit} noValidate>
        <ErrorSummary formId="calc" fields={fields} general={submit.general} labels={labels} />
        <div className="calc-fields">
          <Field id="calc-start" label={t('calcStart')} hint={t('calcStartHint')} error={fields.start} required>
            {(props) => (
              <span className="calc-date">
                <input
                  {...props}
                  type="date"
                  min="2015-01-01"
                  max="2035-12-31"
                  value={start}
                  onChange={(e) => {
                    setStart(e.target.value);
                    submit.clearField('start');
                  }}
                />
                {/* The browser shows the date in its own locale's order; here it is as people here write it. */}
                <span className="calc-readout" data-testid="calc-start-readout">
                  {isCalendarDay(start) ? formatDate(start, lang) : ''}
                </span>
              </span>
            )}
          </Field>
          <Field id="calc-n" label={t('calcN')} hint={t('calcNHint')} error={fields.n} required>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                min={1}
                max={400}
                step={1}
                value={n}
                onChange={(e) => {
                  setN(e.target.value);
                  submit.clearField('n');
                }}
              />
            )}
          </Field>
          <Field id="calc-jurisdiction" label={t('calcJurisdiction')} error={fields.jurisdiction} required>
            {(props) => (
              <select {...props} value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)}>
                {jurisdictions.map((j) => (
                  <option key={j} value={j}>
                    {label(jurisdictionLabels, j, lang)}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <p>
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('calcSubmit')}
          </button>
        </p>
      </form>
      {result ? (
        <div data-testid="calc-result" aria-live="polite">
          <p className="calc-answer">
            <strong>{t('calcResult', { start: formatDate(result.startDate, lang), n: result.n, date: formatDate(result.due, lang) })}</strong>
          </p>
          <DeadlineExplained deadline={result} headingLevel={3} />
        </div>
      ) : null}
    </section>
  );
}

/**
 * 订阅期限日历: a secret URL a calendar client fetches (it cannot send the bearer token); shown once when created,
 * re-created or stopped here. The iCalendar download stays for a one-off copy.
 */
function Subscription() {
  const { t, lang } = useI18n();
  const feed = useLoad((signal) => api.calendarFeed(signal), []);
  const [created, setCreated] = useState<CalendarFeed | null>(null);
  const [asking, setAsking] = useState<'recreate' | 'revoke' | null>(null);
  const [copied, setCopied] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const submit = useSubmit([]);
  const current = created ?? (feed.state === 'ok' ? feed.data : null);
  const url = created?.path ? `${window.location.origin}${created.path}` : null;

  async function create() {
    setAsking(null);
    setMessage(null);
    setCopied(false);
    const made = await submit.run(() => api.createCalendarFeed());
    if (made) setCreated(made);
  }
  async function revoke() {
    setAsking(null);
    const done = await submit.run(() => api.revokeCalendarFeed());
    if (done) {
      setCreated(done);
      setMessage(t('feedRevoked'));
    }
  }
  async function copy() {
    if (!url) return;
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      (document.getElementById('feed-url') as HTMLInputElement | null)?.select();
    }
  }

  return (
    <section className="card" aria-labelledby="feed-title" data-testid="subscription">
      <h2 id="feed-title">{t('feedTitle')}</h2>
      <p className="hint">{t('feedIntro')}</p>
      {current === null ? null : current.active && current.createdAt ? (
        <p data-testid="feed-status">
          {t('feedActive', {
            created: formatInstant(current.createdAt, lang),
            used: current.lastUsedAt ? t('feedLastUsed', { at: formatInstant(current.lastUsedAt, lang) }) : t('feedNeverUsed'),
          })}
        </p>
      ) : (
        <p data-testid="feed-status">{message ?? t('feedNone')}</p>
      )}
      {url ? (
        <div className="field feed-url">
          <label htmlFor="feed-url">{t('feedUrlLabel')}</label>
          <p id="feed-url-hint" className="hint">
            {t('feedUrlHint')}
          </p>
          <span className="feed-url-row">
            <input id="feed-url" type="text" readOnly value={url} aria-describedby="feed-url-hint" onFocus={(e) => e.target.select()} data-testid="feed-url" />
            <button type="button" className="btn btn-small" onClick={copy}>
              {copied ? t('feedCopied') : t('feedCopy')}
            </button>
          </span>
        </div>
      ) : null}
      {submit.general.length ? (
        <p className="field-error" role="alert">
          {submit.general.join(' ')}
        </p>
      ) : null}
      <p className="feed-actions">
        {current?.active ? (
          <>
            <button type="button" className="btn" onClick={() => setAsking('recreate')} disabled={submit.busy}>
              {t('feedRecreate')}
            </button>
            <button type="button" className="btn btn-ghost" onClick={() => setAsking('revoke')} disabled={submit.busy}>
              {t('feedRevoke')}
            </button>
          </>
        ) : (
          <button type="button" className="btn btn-primary" onClick={create} disabled={submit.busy || current === null}>
            {t('feedCreate')}
          </button>
        )}
        <IcsDownload />
      </p>
      <ConfirmDialog
        open={asking === 'recreate'}
        title={t('feedRecreate')}
        question={t('feedRecreateConfirm')}
        confirmLabel={t('feedRecreate')}
        onConfirm={create}
        onCancel={() => setAsking(null)}
      />
      <ConfirmDialog
        open={asking === 'revoke'}
        title={t('feedRevoke')}
        question={t('feedRevokeConfirm')}
        confirmLabel={t('feedRevoke')}
        onConfirm={revoke}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}

function kindText(d: DayStatus, t: ReturnType<typeof useI18n>['t']): string {
  switch (d.kind) {
    case 'holiday':
      return t('kindHoliday');
    case 'make-up':
      return t('kindMakeUp');
    case 'regional-holiday':
      return t('kindRegional');
    case 'weekend':
      return t('kindWeekend');
    default:
      return '';
  }
}

/** The month's holidays and make-up days as a list: what the grid shows, in words. */
function SpecialDays({ days }: { days: DayStatus[] }) {
  const { t, lang } = useI18n();
  const special = days.filter((d) => d.kind === 'holiday' || d.kind === 'make-up' || d.kind === 'regional-holiday');
  if (special.length === 0) return null;
  return (
    <section className="card" aria-labelledby="special-title">
      <h2 id="special-title">
        {t('kindHoliday')} / {t('kindMakeUp')}
      </h2>
      <ul className="plain special-days">
        {special.map((d) => (
          <li key={d.date}>
            <span className={`swatch day-${d.kind}`} aria-hidden="true" /> {formatDate(d.date, lang)} — {kindText(d, t)}
            {d.name ? paren(bilingual(d.name, lang), lang) : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The department's open due instants as an iCalendar file, for a desktop calendar. */
function IcsDownload() {
  const user = useUser();
  const { t, lang } = useI18n();
  const [error, setError] = useState<string | null>(null);
  async function download() {
    setError(null);
    try {
      saveFile(await api.deadlinesIcs(user.departmentId), `deadlines-${user.departmentId}.ics`, 'text/calendar;charset=utf-8');
    } catch (e) {
      setError(errorText(e, lang, t));
    }
  }
  return (
    <span className="ics-download">
      <button type="button" className="btn btn-ghost" onClick={download}>
        {t('downloadIcs')}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}
