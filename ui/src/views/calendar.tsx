import { useState } from 'react';
import { api, saveFile } from '../api';
import { useUser } from '../auth';
import { Loaded, PageTitle } from '../components/common';
import { bilingual, formatDate, paren, todayInShanghai, weekdayIndex } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { jurisdictionLabels, label } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { DayStatus } from '../types';
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

export function CalendarView({ month: requested }: { month?: string }) {
  const { t, lang } = useI18n();
  const { query, navigate } = useRouter();
  const month = requested && /^\d{4}-\d{2}$/.test(requested) ? requested : todayInShanghai().slice(0, 7);
  const year = Number(month.slice(0, 4));
  const jurisdiction = jurisdictions.includes(query.get('j') ?? '') ? query.get('j')! : 'national';
  const loaded = useLoad((signal) => api.calendarYear(year, jurisdiction, signal), [year, jurisdiction]);
  const suffix = jurisdiction === 'national' ? '' : `?j=${jurisdiction}`;
  const [y, m] = month.split('-').map(Number) as [number, number];
  const inRange = (mm: string) => mm >= '2015-01' && mm <= '2035-12';

  return (
    <>
      <PageTitle sub={t('calendarIntro')}>{t('calendarTitle')}</PageTitle>
      <div className="cal-toolbar card">
        <div className="filter">
          <label htmlFor="cal-j">{t('jurisdiction')}</label>
          <select id="cal-j" value={jurisdiction} onChange={(e) => navigate(`${paths.calendar(month)}${e.target.value === 'national' ? '' : `?j=${e.target.value}`}`, { replace: true })}>
            {jurisdictions.map((j) => (
              <option key={j} value={j}>
                {label(jurisdictionLabels, j, lang)}
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
      <IcsDownload />
      <Loaded value={loaded} what="GET /api/calendar/:year">
        {(cal) => {
          const days = cal.days.filter((d) => d.date.startsWith(month));
          return (
            <>
              {cal.status === 'unknown' || cal.provisional ? <p className="notice notice-warn">{t('yearUnknown', { y: year })}</p> : null}
              <MonthGrid days={days} />
              <ul className="legend" aria-label={t('legend')}>
                {kinds
                  .filter((k) => k.kind !== 'regional-holiday' || jurisdiction === 'xinjiang')
                  .map((k) => (
                    <li key={k.kind}>
                      <span className={`swatch day-${k.kind}`} aria-hidden="true" /> {t(k.key)}
                    </li>
                  ))}
              </ul>
              <SpecialDays days={days} />
              {cal.notice?.title ? (
                <p className="sources">{t('noticeLabel', { title: cal.notice.title, number: cal.notice.documentNumber ?? '' })}</p>
              ) : null}
            </>
          );
        }}
      </Loaded>
    </>
  );
}

function MonthGrid({ days }: { days: DayStatus[] }) {
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
    <p className="ics">
      <button type="button" className="btn btn-small" onClick={download}>
        {t('downloadIcs')}
      </button>
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </p>
  );
}
