import { useState } from 'react';
import { api, processes, type CaseQuery } from '../api';
import { useUser } from '../auth';
import { rememberCases } from '../cases';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { SearchBox, SortHeader, type SortState } from '../components/list';
import { colon, formatInstant, shortId } from '../format';
import { useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { label, processLabels, statusLabel } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { CaseSummary, Process, User } from '../types';

/**
 * Who may start which process: requests and disputes are the demand side's, changes, negative lists and inconsistent
 * data of the same category (a department providing its own data, Anhui art. 27) the provider's.
 */
export function mayStart(process: Process, user: User): boolean {
  const role = process === 'share-request' || process === 'quality-dispute' ? 'requester' : 'provider';
  return user.roles.includes(role);
}

/** The authority's reviewer registers a department's submission received earlier (api/receipt.ts). */
export const mayRegisterLate = (user: User): boolean => user.roles.includes('authority-reviewer');

export function CasesView() {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const { list } = useDepartments();
  const { query, navigate } = useRouter();
  const department = query.get('dept') ?? '';
  const overdue = query.get('overdue') === '1';
  const search = query.get('q') ?? '';
  const sortParam = query.get('sort');
  const sort: SortState<CaseSort> = {
    sort: caseSorts.includes(sortParam as CaseSort) ? (sortParam as CaseSort) : null,
    order: query.get('order') === 'asc' ? 'asc' : 'desc',
  };
  const setSort = (next: SortState<CaseSort>) => {
    const params = new URLSearchParams(query);
    if (next.sort) params.set('sort', next.sort);
    params.set('order', next.order);
    navigate(`${paths.cases()}?${params.toString()}`, { replace: true });
  };
  const startable = processes.filter((p) => mayStart(p, user) || mayRegisterLate(user));
  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    const s = next.toString();
    navigate(`${paths.cases()}${s ? `?${s}` : ''}`, { replace: true });
  };
  const departments = list.filter((d) => d.kind === 'department');
  return (
    <>
      <PageTitle sub={t('casesIntro')}>{t('casesTitle')}</PageTitle>
      {startable.length ? (
        <nav className="new-case card" aria-label={t('newCase')}>
          <span className="new-case-label">
            {t('newCase')}
            {colon(lang)}
          </span>
          {startable.map((p) => (
            <Link key={p} to={paths.newCase(p)} className="btn btn-small">
              + <ProcessName process={p} />
            </Link>
          ))}
        </nav>
      ) : null}
      <div className="filters card">
        <SearchBox id="c-q" value={search} onSearch={(value) => setFilter('q', value)} />
      </div>
      <form className="filters card" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        <div className="filter">
          <label htmlFor="c-dept">{t('filterCaseDepartment')}</label>
          <select id="c-dept" value={department} onChange={(e) => setFilter('dept', e.target.value)}>
            <option value="">{t('all')}</option>
            {departments.map((d) => (
              <option key={d.id} value={d.id}>
                {pick(d.nameZh, d.nameEn)}
              </option>
            ))}
          </select>
        </div>
        <div className="filter filter-check">
          <input id="c-overdue" type="checkbox" checked={overdue} onChange={(e) => setFilter('overdue', e.target.checked ? '1' : '')} />
          <label htmlFor="c-overdue">{t('filterCasesOverdue')}</label>
        </div>
      </form>
      {processes.map((p) => (
        <CaseList key={p} process={p} department={department} overdue={overdue} search={search} sort={sort} onSort={setSort} />
      ))}
    </>
  );
}

function ProcessName({ process }: { process: Process }) {
  const { lang } = useI18n();
  return <>{label(processLabels, process, lang)}</>;
}

const caseSorts = ['receivedAt', 'caseNumber', 'status', 'catalogueEntryId'] as const;
type CaseSort = (typeof caseSorts)[number];

function CaseList({
  process,
  department,
  overdue,
  search,
  sort,
  onSort,
}: {
  process: Process;
  department: string;
  overdue: boolean;
  search: string;
  sort: SortState<CaseSort>;
  onSort(next: SortState<CaseSort>): void;
}) {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const params: CaseQuery = {
    department: department || undefined,
    overdue: overdue ? 'true' : undefined,
    q: search || undefined,
    sort: sort.sort ?? undefined,
    order: sort.sort ? sort.order : undefined,
    limit: 20,
  };
  const [more, setMore] = useState<{ cases: CaseSummary[]; cursor: string | null } | null>(null);
  const loaded = useLoad(
    async (signal) => {
      const page = await api.casesPage(process, params, signal);
      rememberCases(page.cases);
      setMore(null);
      return page;
    },
    [process, user.id, department, overdue, search, sort.sort, sort.order],
  );
  const first = loaded.state === 'ok' ? loaded.data : null;
  const shown = (first?.cases.length ?? 0) + (more?.cases.length ?? 0);
  const total = first?.total ?? null;
  // The default order pages by cursor; a sorted list by offset (what is shown so far).
  const cursor = more ? more.cursor : (first?.nextCursor ?? (sort.sort && total !== null && shown < total ? 'offset' : null));
  async function loadMore() {
    if (!cursor) return;
    const page = await api.casesPage(process, sort.sort ? { ...params, offset: shown } : { ...params, cursor });
    rememberCases(page.cases);
    const next = sort.sort ? (page.total !== null && shown + page.cases.length < page.total ? 'offset' : null) : page.nextCursor;
    setMore((old) => ({ cases: [...(old?.cases ?? []), ...page.cases], cursor: next }));
  }
  const headingId = `cases-${process}`;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>
        <ProcessName process={process} />
        {total !== null ? (
          <span className="muted count" data-testid={`cases-total-${process}`}>
            {' '}
            {total > shown ? t('shownOf', { m: shown, n: total }) : t('totalCount', { n: total })}
          </span>
        ) : null}
      </h2>
      <Loaded value={loaded} what={`GET /api/${process}`}>
        {(page) => {
          const cases = [...page.cases, ...(more?.cases ?? [])];
          return cases.length === 0 ? (
            <p className="empty">{t('noCases')}</p>
          ) : (
            <table className="cases" data-testid={`cases-${process}`}>
              <thead>
                <tr>
                  <SortHeader column="caseNumber" label={t('caseNumber')} state={sort} onSort={onSort} />
                  <SortHeader column="catalogueEntryId" label={t('colEntry')} state={sort} onSort={onSort} />
                  <th scope="col">{t('requesterDept')}</th>
                  <SortHeader column="receivedAt" label={t('colReceived')} state={sort} onSort={onSort} />
                  <SortHeader column="status" label={t('colStatus')} state={sort} onSort={onSort} />
                </tr>
              </thead>
              <tbody>
                {cases.map((c) => (
                  <tr key={c.id} data-case-id={c.id}>
                    <td data-label={t('caseNumber')}>
                      <Link to={paths.case(c.process, c.id)} className="case-number">
                        {c.caseNumber || shortId(c.id)}
                      </Link>
                      {c.scenario ? <div className="muted clamp">{c.scenario}</div> : null}
                    </td>
                    <td data-label={t('colEntry')}>
                      {c.entryNameZh ? <div>{pick(c.entryNameZh, c.entryNameEn ?? c.entryNameZh)}</div> : null}
                      <div className={c.entryNameZh ? 'muted mono' : 'mono'}>{c.catalogueEntryId ?? '—'}</div>
                    </td>
                    <td data-label={t('requesterDept')}>{name(c.requesterDepartmentId)}</td>
                    <td data-label={t('colReceived')}>{formatInstant(c.receivedAt, lang)}</td>
                    <td data-label={t('colStatus')}>
                      <span className={`tag status-${c.closedAt ? 'closed' : 'open'}`}>{statusLabel(c.status, lang)}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          );
        }}
      </Loaded>
      {cursor ? (
        <button type="button" className="btn btn-small" onClick={loadMore}>
          {t('loadMore')}
        </button>
      ) : null}
    </section>
  );
}
