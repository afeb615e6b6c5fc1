import { useState, type FormEvent } from 'react';
import { api, saveFile } from '../api';
import { isAuthority, useUser } from '../auth';
import { ColumnChart, HBarChart, type Bar } from '../components/charts';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { ErrorSummary, Field, useSubmit } from '../components/forms';
import { todayInShanghai } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { label, rungLabels, rungOrder } from '../labels';
import { paths, useRouter } from '../router';
import type { Assessment } from '../types';

function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** ISO week of a date, as the API labels weeks (2026-W47). */
function isoWeek(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  const day = (t.getUTCDay() + 6) % 7;
  t.setUTCDate(t.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(t.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((t.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

function weeksBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let d = from, guard = 0; d <= to && guard < 200; d = addDays(d, 7), guard++) weeks.push(isoWeek(d));
  const last = isoWeek(to);
  if (!weeks.includes(last)) weeks.push(last);
  return weeks;
}

export function AssessmentView() {
  const user = useUser();
  const { t } = useI18n();
  const { query, navigate } = useRouter();
  const today = todayInShanghai();
  const from = query.get('from') ?? addDays(today, -83);
  const to = query.get('to') ?? today;
  const [draft, setDraft] = useState({ from, to });
  const submit = useSubmit(['from', 'to'], 'query');
  const loaded = useLoad((signal) => (isAuthority(user) ? api.assessment(from, to, signal) : Promise.resolve(null)), [from, to, user.id]);
  const [csvBusy, setCsvBusy] = useState(false);

  if (!isAuthority(user)) {
    return (
      <>
        <PageTitle>{t('assessmentTitle')}</PageTitle>
        <p className="notice notice-info">{t('onlyAuthority')}</p>
      </>
    );
  }

  async function onShow(event: FormEvent) {
    event.preventDefault();
    // Checked by the server: a bad range comes back as query.from / query.to, shown at the field.
    const ok = await submit.run(() => api.assessment(draft.from, draft.to));
    if (ok) navigate(`${paths.assessment()}?from=${draft.from}&to=${draft.to}`, { replace: true });
  }

  async function exportCsv() {
    setCsvBusy(true);
    const csv = await submit.run(() => api.assessmentCsv(draft.from, draft.to));
    setCsvBusy(false);
    if (csv !== undefined) saveFile(csv, `assessment-${draft.from}-${draft.to}.csv`, 'text/csv;charset=utf-8');
  }

  return (
    <>
      <PageTitle sub={t('assessmentIntro')}>{t('assessmentTitle')}</PageTitle>
      <form className="card filters" onSubmit={onShow} noValidate aria-label={t('assessmentTitle')}>
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
      <Loaded value={loaded} what="GET /api/assessment">
        {(data) => (data ? <Dashboard data={data} /> : null)}
      </Loaded>
    </>
  );
}

function Dashboard({ data }: { data: Assessment }) {
  const { t, lang } = useI18n();
  const { name } = useDepartments();
  if (data.departments.length === 0) return <p className="empty">{t('noData')}</p>;
  const rateBars: Bar[] = [...data.departments]
    .sort((a, b) => (a.onTimeRate ?? 2) - (b.onTimeRate ?? 2))
    .map((d) => {
      const pct = d.onTimeRate === null ? null : Math.round(d.onTimeRate * 100);
      return { label: name(d.departmentId), value: pct, text: pct === null ? '—' : `${pct}%`, tone: pct === null ? 'info' : pct >= 90 ? 'ok' : pct >= 60 ? 'warn' : 'late' };
    });
  const byWeek = new Map(data.overdueByWeek.map((w) => [w.week, w.overdue]));
  const weekBars: Bar[] = weeksBetween(data.from, data.to).map((w) => ({ label: w.slice(5), value: byWeek.get(w) ?? 0, tone: 'late' }));
  const rungTotals = rungOrder.map((r) => ({ rung: r, n: data.departments.reduce((s, d) => s + (d.escalations[r as keyof typeof d.escalations] ?? 0), 0) }));
  const rungBars: Bar[] = rungTotals.map(({ rung, n }) => ({
    label: label(rungLabels, rung, lang),
    value: n,
    tone: rung === 'reminder' ? 'info' : rung === 'overdue' ? 'warn' : rung === 'rectification' ? 'late' : 'dark',
  }));
  const pct = (v: number | null) => (v === null ? '—' : `${Math.round(v * 100)}%`);
  return (
    <>
      <div className="charts">
        <section className="card chart chart-wide" aria-labelledby="ch-rate">
          <h2 id="ch-rate">{t('onTimeRate')}</h2>
          <HBarChart title={t('onTimeRate')} bars={rateBars} max={100} unit="%" />
        </section>
        <section className="card chart" aria-labelledby="ch-trend">
          <h2 id="ch-trend">{t('overdueTrend')}</h2>
          <ColumnChart title={t('overdueTrend')} bars={weekBars} />
          <table className="sr-only">
            <caption>{t('overdueTrend')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('week')}</th>
                <th scope="col">{t('count')}</th>
              </tr>
            </thead>
            <tbody>
              {weekBars.map((b) => (
                <tr key={b.label}>
                  <th scope="row">{b.label}</th>
                  <td>{b.value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
        <section className="card chart" aria-labelledby="ch-rungs">
          <h2 id="ch-rungs">{t('escalationsByRung')}</h2>
          <HBarChart title={t('escalationsByRung')} bars={rungBars} max={Math.max(1, ...rungTotals.map((r) => r.n))} />
        </section>
      </div>
      <section className="card" aria-labelledby="as-table">
        <h2 id="as-table">{t('department')}</h2>
        <div className="table-scroll">
          <table className="assessment" data-testid="assessment-table">
            <thead>
              <tr>
                <th scope="col">{t('department')}</th>
                <th scope="col">{t('asDue')}</th>
                <th scope="col">{t('asOnTime')}</th>
                <th scope="col">{t('asLate')}</th>
                <th scope="col">{t('asOpenOverdue')}</th>
                <th scope="col">{t('rate')}</th>
                <th scope="col">{t('asMedianLate')}</th>
                <th scope="col">{t('asWorstLate')}</th>
                {rungOrder.map((r) => (
                  <th key={r} scope="col">
                    {label(rungLabels, r, lang)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.departments.map((d) => (
                <tr key={d.departmentId}>
                  <th scope="row">{name(d.departmentId)}</th>
                  <td>{d.tasksDue}</td>
                  <td>{d.completedOnTime}</td>
                  <td>{d.completedLate}</td>
                  <td>{d.openOverdue}</td>
                  <td>{pct(d.onTimeRate)}</td>
                  <td>{d.medianLatenessWorkingDays ?? '—'}</td>
                  <td>{d.worstLatenessWorkingDays ?? '—'}</td>
                  {rungOrder.map((r) => (
                    <td key={r}>{d.escalations[r as keyof typeof d.escalations] ?? 0}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
