import { useEffect, useMemo, useRef, useState, type FormEvent } from 'react';
import { api, saveFile } from '../api';
import { isAuthority, useUser } from '../auth';
import { chartTones, EChart, type ChartOption } from '../components/echart';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { ErrorSummary, Field, useSubmit } from '../components/forms';
import { formatDate, formatEndInstant, shanghaiDate, todayInShanghai } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type Lang, type Translate } from '../i18n';
import { label, processLabels, rungLabels } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { Assessment, DepartmentAssessment } from '../types';

/** The rungs the assessment counts (api/assessment.ts). */
const rungs = ['reminder', 'overdue', 'rectification', 'government-report'] as const;
/** The width of the department names beside the bars, in px. */
const LABEL_WIDTH = 170;
/** The longest period the API assesses (api/routes/oversight.ts). */
const MAX_PERIOD_DAYS = 3 * 365 + 1;

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

function isDay(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/** What is wrong with a period, by field, before it is sent; empty when it may be sent. */
export function checkPeriod(from: string, to: string, t: Translate): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!isDay(from)) errors.from = from ? t('asDayInvalid') : t('required');
  if (!isDay(to)) errors.to = to ? t('asDayInvalid') : t('required');
  if (errors.from || errors.to) return errors;
  if (to < from) errors.to = t('asToBeforeFrom');
  else if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > MAX_PERIOD_DAYS) errors.to = t('asPeriodTooLong');
  return errors;
}

/** A week as the days it covers: 12月1日–12月7日 / 1–7 Dec. */
export function weekRange(start: string, end: string, lang: Lang): string {
  const a = formatDate(start, lang, { weekday: false, year: false });
  const b = formatDate(end, lang, { weekday: false, year: false });
  if (start === end) return a;
  if (lang === 'en' && start.slice(0, 7) === end.slice(0, 7)) return `${Number(start.slice(8))}–${b}`;
  return `${a}–${b}`;
}

const percent = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
const rateTone = (v: number | null) => (v === null ? chartTones.grey : v >= 0.9 ? chartTones.ok : v >= 0.6 ? chartTones.warn : chartTones.late);

export function AssessmentView() {
  const user = useUser();
  const { t, lang } = useI18n();
  const { query, navigate } = useRouter();
  const today = todayInShanghai();
  const from = query.get('from') ?? addDays(today, -83);
  const to = query.get('to') ?? today;
  const department = query.get('department');
  const [draft, setDraft] = useState({ from, to });
  // A period refused (here or by the API): the charts of the period shown before are cleared, not left standing.
  const [refused, setRefused] = useState(false);
  const submit = useSubmit(['from', 'to'], 'query');
  const loaded = useLoad((signal) => (isAuthority(user) ? api.assessment(from, to, signal) : Promise.resolve(null)), [from, to, user.id]);
  const [csvBusy, setCsvBusy] = useState(false);
  useEffect(() => setDraft({ from, to }), [from, to]);

  if (!isAuthority(user)) {
    return (
      <>
        <PageTitle>{t('assessmentTitle')}</PageTitle>
        <p className="notice notice-info">{t('onlyAuthority')}</p>
      </>
    );
  }

  /** Checks the period before sending it; on a refusal the old charts go. */
  function checked(): boolean {
    const errors = checkPeriod(draft.from, draft.to, t);
    if (Object.keys(errors).length === 0) return true;
    submit.reject(errors);
    setRefused(true);
    return false;
  }

  async function onShow(event: FormEvent) {
    event.preventDefault();
    if (!checked()) return;
    // The API checks it too: a range it refuses comes back as query.from / query.to, shown at the field.
    const ok = await submit.run(() => api.assessment(draft.from, draft.to));
    setRefused(!ok);
    if (ok) navigate(`${paths.assessment()}?from=${draft.from}&to=${draft.to}`, { replace: true });
  }

  async function exportCsv() {
    if (!checked()) return;
    setCsvBusy(true);
    const csv = await submit.run(() => api.assessmentCsv(draft.from, draft.to, lang));
    setCsvBusy(false);
    if (csv !== undefined) saveFile(csv, `${t('asCsvName')}-${draft.from}-${draft.to}.csv`, 'text/csv;charset=utf-8');
    else setRefused(true);
  }

  return (
    <>
      <PageTitle sub={t('assessmentIntro')}>{t('assessmentTitle')}</PageTitle>
      <form className="card filters" onSubmit={onShow} noValidate aria-label={t('assessmentPeriod')}>
        <ErrorSummary formId="as" fields={submit.fields} general={submit.general} labels={{ from: t('from'), to: t('to') }} />
        <Field id="as-from" label={t('from')} required error={submit.fields.from}>
          {(p) => <input {...p} type="date" value={draft.from} onChange={(e) => setDraft((d) => ({ ...d, from: e.target.value }))} className="input-medium" />}
        </Field>
        <Field id="as-to" label={t('to')} required error={submit.fields.to}>
          {(p) => <input {...p} type="date" value={draft.to} onChange={(e) => setDraft((d) => ({ ...d, to: e.target.value }))} className="input-medium" />}
        </Field>
        <div className="form-actions filter-actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {t('show')}
          </button>
          <button type="button" className="btn" onClick={exportCsv} disabled={csvBusy} data-testid="export-csv">
            {t('exportCsv')}
          </button>
        </div>
      </form>
      {refused ? (
        <p className="notice notice-warn" role="status" data-testid="assessment-cleared">
          {t('asCleared')}
        </p>
      ) : (
        <Loaded value={loaded} what="GET /api/assessment">
          {(data) => (data ? <Dashboard data={data} department={department} /> : null)}
        </Loaded>
      )}
      <Definitions />
    </>
  );
}

/** What each measure counts and over what: the page says it, so the numbers are read as they are meant. */
function Definitions() {
  const { t } = useI18n();
  const terms: [string, string][] = [
    [t('asDue'), t('asDefDue')],
    [t('asCompleted'), t('asDefCompleted')],
    [`${t('asOnTime')} / ${t('asLate')}`, t('asDefOnTimeLate')],
    [t('asOpenOverdue'), t('asDefOpenOverdue')],
    [t('rate'), t('asDefRate')],
    [`${t('asMedianLate')} / ${t('asWorstLate')}`, t('asDefLateness')],
    [t('escalationsByRung'), t('asDefEscalations')],
    [t('overdueTrend'), t('asDefTrend')],
    [t('asNotCounted'), t('asDefNotCounted')],
  ];
  return (
    <section className="card" aria-labelledby="as-definitions" data-testid="assessment-definitions">
      <h2 id="as-definitions">{t('asDefinitions')}</h2>
      <dl className="definitions">
        {terms.map(([term, text]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{text}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Dashboard({ data, department }: { data: Assessment; department: string | null }) {
  const { t, lang } = useI18n();
  const { name } = useDepartments();
  const { navigate } = useRouter();
  const byName = useMemo(() => new Map(data.departments.map((d) => [name(d.departmentId), d.departmentId])), [data, name]);
  const drill = (departmentId: string) => `${paths.assessment()}?from=${data.from}&to=${data.to}&department=${encodeURIComponent(departmentId)}`;

  const rows = useMemo(() => [...data.departments].sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2) || a.departmentId.localeCompare(b.departmentId)), [data]);
  const weeks = useMemo(() => data.overdueByWeek.map((w) => ({ ...w, label: weekRange(w.start, w.end, lang) })), [data, lang]);
  const rungTotals = useMemo(
    () => rungs.map((r) => ({ rung: r, label: label(rungLabels, r, lang), n: data.departments.reduce((s, d) => s + (d.escalations[r] ?? 0), 0) })),
    [data, lang],
  );

  const options = useMemo(() => {
    // Horizontal bars list the first category at the bottom: reversed, the lowest rate is read first, at the top.
    const top = [...rows].reverse();
    const names = top.map((d) => name(d.departmentId));
    // A fixed column for the names (long English ones end in …; the tooltip and the table give them whole).
    const categoryAxis = { type: 'category', data: names, axisLabel: { width: LABEL_WIDTH, overflow: 'truncate' }, axisTick: { show: false } };
    const rate: ChartOption = {
      grid: { left: LABEL_WIDTH + 16, right: 56, top: 8, bottom: 28 },
      tooltip: { trigger: 'item', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${v}%` : '—') },
      xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      yAxis: categoryAxis,
      series: [
        {
          type: 'bar',
          name: t('rate'),
          barMaxWidth: 20,
          data: top.map((d) => ({ value: d.onTimeRate === null ? null : Math.round(d.onTimeRate * 100), itemStyle: { color: rateTone(d.onTimeRate) } })),
          label: { show: true, position: 'right', formatter: (p: { value: unknown }) => (typeof p.value === 'number' ? `${p.value}%` : '—'), fontWeight: 600 },
        },
      ],
    };
    const outcomes: ChartOption = {
      grid: { left: LABEL_WIDTH + 16, right: 24, top: 40, bottom: 28 },
      legend: { top: 0, left: 0 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: categoryAxis,
      series: [
        { key: 'completedOnTime', tone: chartTones.ok, text: t('asOnTime') },
        { key: 'completedLate', tone: chartTones.warn, text: t('asLate') },
        { key: 'openOverdue', tone: chartTones.late, text: t('asOpenOverdue') },
      ].map((s) => ({ type: 'bar', stack: 'outcome', name: s.text, barMaxWidth: 20, itemStyle: { color: s.tone }, data: top.map((d) => d[s.key as keyof DepartmentAssessment] as number) })),
    };
    const trend: ChartOption = {
      grid: { left: 40, right: 16, top: 24, bottom: weeks.length > 4 ? 72 : 32 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: weeks.map((w) => w.label), axisLabel: { rotate: weeks.length > 4 ? 35 : 0, interval: weeks.length > 16 ? 'auto' : 0, hideOverlap: true } },
      yAxis: { type: 'value', minInterval: 1 },
      series: [{ type: 'bar', name: t('asOverdueNotices'), barMaxWidth: 28, itemStyle: { color: chartTones.late }, data: weeks.map((w) => w.overdue), label: { show: true, position: 'top', formatter: (p: { value: number }) => (p.value ? String(p.value) : '') } }],
    };
    const escalations: ChartOption = {
      grid: { left: LABEL_WIDTH + 16, right: 40, top: 8, bottom: 28 },
      tooltip: { trigger: 'item' },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: [...rungTotals].reverse().map((r) => r.label), axisLabel: { width: LABEL_WIDTH, overflow: 'truncate' }, axisTick: { show: false } },
      series: [
        {
          type: 'bar',
          name: t('count'),
          barMaxWidth: 20,
          data: [...rungTotals].reverse().map((r) => ({
            value: r.n,
            itemStyle: { color: r.rung === 'reminder' ? chartTones.info : r.rung === 'overdue' ? chartTones.warn : r.rung === 'rectification' ? chartTones.late : chartTones.dark },
          })),
          label: { show: true, position: 'right', fontWeight: 600 },
        },
      ],
    };
    return { rate, outcomes, trend, escalations };
  }, [rows, weeks, rungTotals, name, t]);

  if (data.departments.length === 0) return <p className="empty">{t('noData')}</p>;
  const barsHeight = Math.max(150, rows.length * 32 + 48);
  const selectDepartment = (category: string) => {
    const id = byName.get(category);
    if (id) navigate(`${drill(id)}#as-overdue`);
  };

  return (
    <>
      <p className="muted" data-testid="assessment-period">
        {t('asPeriodShown', { from: formatDate(data.from, lang, { weekday: false }), to: formatDate(data.to, lang, { weekday: false }) })}
      </p>
      <div className="charts" data-testid="assessment-charts">
        <section className="card chart" aria-labelledby="ch-rate">
          <h2 id="ch-rate">{t('onTimeRate')}</h2>
          <EChart option={options.rate} height={barsHeight} label={t('onTimeRate')} testId="chart-rate" onSelect={selectDepartment} />
        </section>
        <section className="card chart" aria-labelledby="ch-outcomes">
          <h2 id="ch-outcomes">{t('asOutcomes')}</h2>
          <EChart option={options.outcomes} height={barsHeight + 28} label={t('asOutcomes')} testId="chart-outcomes" onSelect={selectDepartment} />
        </section>
        <section className="card chart" aria-labelledby="ch-trend">
          <h2 id="ch-trend">{t('overdueTrend')}</h2>
          <EChart option={options.trend} height={240} label={t('overdueTrend')} testId="chart-trend" />
          {/* The same figures for screen readers; wrapped, because a table itself ignores the 1 px box and would stretch the page. */}
          <div className="sr-only">
            <table>
              <caption>{t('overdueTrend')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('week')}</th>
                  <th scope="col">{t('asOverdueNotices')}</th>
                </tr>
              </thead>
              <tbody>
                {weeks.map((w) => (
                  <tr key={w.week}>
                    <th scope="row">{w.label}</th>
                    <td>{w.overdue}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <section className="card chart" aria-labelledby="ch-rungs">
          <h2 id="ch-rungs">{t('escalationsByRung')}</h2>
          <EChart option={options.escalations} height={200} label={t('escalationsByRung')} testId="chart-rungs" />
        </section>
      </div>
      <section className="card" aria-labelledby="as-table">
        <h2 id="as-table">{t('asByDepartment')}</h2>
        <div className="table-scroll">
          <table className="assessment" data-testid="assessment-table">
            <caption className="sr-only">{t('asByDepartment')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                <th scope="col">{t('asDue')}</th>
                <th scope="col">{t('asCompleted')}</th>
                <th scope="col">{t('asOnTime')}</th>
                <th scope="col">{t('asLate')}</th>
                <th scope="col">{t('asOpenOverdue')}</th>
                <th scope="col">{t('rate')}</th>
                <th scope="col">{t('asMedianLate')}</th>
                <th scope="col">{t('asWorstLate')}</th>
                {rungs.map((r) => (
                  <th key={r} scope="col">
                    {label(rungLabels, r, lang)}
                  </th>
                ))}
                <th scope="col">{t('asOverdueItems')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => {
                const late = d.completedLate + d.openOverdue;
                return (
                  <tr key={d.departmentId} data-department={d.departmentId} className={d.departmentId === department ? 'row-selected' : undefined}>
                    <th scope="row">{name(d.departmentId)}</th>
                    <td>{d.tasksDue}</td>
                    <td>{d.completed}</td>
                    <td>{d.completedOnTime}</td>
                    <td>{d.completedLate}</td>
                    <td>{d.openOverdue}</td>
                    <td>{percent(d.onTimeRate)}</td>
                    <td>{d.medianLatenessWorkingDays ?? '—'}</td>
                    <td>{d.worstLatenessWorkingDays ?? '—'}</td>
                    {rungs.map((r) => (
                      <td key={r}>{d.escalations[r] ?? 0}</td>
                    ))}
                    <td>
                      {late > 0 ? (
                        <Link to={`${drill(d.departmentId)}#as-overdue`} aria-current={d.departmentId === department ? 'true' : undefined} data-testid="drill-down">
                          {t('asShowItems', { n: late })}
                          <span className="sr-only">{`${lang === 'zh' ? '：' : ': '}${name(d.departmentId)}`}</span>
                        </Link>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      {department ? <OverdueItems from={data.from} to={data.to} departmentId={department} /> : null}
    </>
  );
}

/** The drill-down: a department's tasks completed late or open past their time limit in the period, each linked. */
function OverdueItems({ from, to, departmentId }: { from: string; to: string; departmentId: string }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const heading = useRef<HTMLHeadingElement>(null);
  const loaded = useLoad((signal) => api.assessmentOverdue(from, to, departmentId, signal), [from, to, departmentId]);
  // Opened from a link, the list takes the focus, so keyboard and screen-reader users land on what they asked for.
  useEffect(() => {
    if (loaded.state === 'ok') {
      heading.current?.focus({ preventScroll: true });
      heading.current?.scrollIntoView({ block: 'start' });
    }
  }, [loaded.state, departmentId]);
  return (
    <section className="card" aria-labelledby="as-overdue" data-testid="overdue-items">
      <h2 id="as-overdue" ref={heading} tabIndex={-1}>
        {t('asOverdueItemsOf', { department: name(departmentId) })}
      </h2>
      <p>
        <Link to={`${paths.assessment()}?from=${from}&to=${to}`}>{t('asCloseItems')}</Link>
      </p>
      <Loaded value={loaded} what="GET /api/assessment/overdue">
        {(list) =>
          list.items.length === 0 ? (
            <p className="empty">{t('asNoOverdueItems')}</p>
          ) : (
            <div className="table-scroll">
              <table className="assessment">
                <caption className="sr-only">{t('asOverdueItemsOf', { department: name(departmentId) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('asItemStep')}</th>
                    <th scope="col">{t('caseRef')}</th>
                    <th scope="col">{t('stepDue')}</th>
                    <th scope="col">{t('asItemState')}</th>
                    <th scope="col">{t('asItemLateness')}</th>
                  </tr>
                </thead>
                <tbody>
                  {list.items.map((item) => (
                    <tr key={item.taskId} data-task-id={item.taskId}>
                      <th scope="row">
                        <Link to={paths.task(item.taskId)}>{pick(item.titleZh, item.titleEn)}</Link>
                      </th>
                      <td>
                        <Link to={paths.case(item.process, item.requestId)}>
                          {label(processLabels, item.process, lang)}
                          {item.catalogueEntryId ? ` ${item.catalogueEntryId}` : ''}
                        </Link>
                        {item.scenario ? <div className="muted">{item.scenario}</div> : null}
                      </td>
                      <td>{formatEndInstant(item.dueAt, lang)}</td>
                      <td>
                        {item.state === 'open-overdue' ? (
                          <span className="tag tag-late">{t('asOpenOverdue')}</span>
                        ) : (
                          <>
                            <span className="tag tag-warn">{t('asLate')}</span> {item.completedAt ? formatDate(shanghaiDate(item.completedAt), lang, { weekday: false }) : ''}
                          </>
                        )}
                      </td>
                      <td>{t('asWorkingDays', { n: item.latenessWorkingDays })}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {list.total > list.items.length ? <p className="hint">{t('asMoreItems', { shown: list.items.length, total: list.total })}</p> : null}
            </div>
          )
        }
      </Loaded>
    </section>
  );
}
