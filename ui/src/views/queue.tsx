import { useState } from 'react';
import { colon, formatInstant } from '../format';
import { api, processes, type TaskQuery } from '../api';
import { isAuthority, useUser } from '../auth';
import { rememberProcess } from '../cases';
import { ErrorBlock, Loading, NotAvailable, PageTitle, useDepartments } from '../components/common';
import { DeadlineBrief, DueBadge, RungBadge } from '../components/deadline';
import { SearchBox, SortHeader, type SortState } from '../components/list';
import { useInterval, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { label, processLabels, rungLabels, rungOrder } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { TaskListItem } from '../types';
import { errorText } from '../error-text';

const taskSorts = ['dueAt', 'receivedAt', 'caseNumber'] as const;
type TaskSort = (typeof taskSorts)[number];

const pageSize = 50;

export function QueueView() {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const departments = useDepartments();
  const { query, navigate } = useRouter();
  const authority = isAuthority(user);
  const status = (query.get('status') ?? 'open') as 'open' | 'completed' | 'all';
  const scope = authority && query.get('scope') === 'level' ? 'level' : 'mine';
  const processFilter = query.get('process') ?? '';
  const deptFilter = scope === 'level' ? (query.get('dept') ?? '') : '';
  const rungFilter = query.get('rung') ?? '';
  const overdueOnly = query.get('overdue') === '1';
  const search = query.get('q') ?? '';
  const sortParam = query.get('sort');
  const sortState: SortState<TaskSort> = {
    sort: taskSorts.includes(sortParam as TaskSort) ? (sortParam as TaskSort) : null,
    order: query.get('order') === 'desc' ? 'desc' : 'asc',
  };
  const params: TaskQuery = {
    q: search || undefined,
    sort: sortState.sort ?? undefined,
    order: sortState.sort ? sortState.order : undefined,
    status,
    scope: scope === 'level' ? 'level' : undefined,
    process: processFilter || undefined,
    rung: rungFilter || undefined,
    overdue: overdueOnly ? 'true' : undefined,
    department: deptFilter || undefined,
    limit: pageSize,
  };
  const key = JSON.stringify(params);

  const [more, setMore] = useState<{ key: string; tasks: TaskListItem[]; cursor: string | null } | null>(null);
  const loaded = useLoad(
    async (signal) => {
      const page = await api.tasksPage(params, signal);
      for (const task of page.tasks) rememberProcess(task.requestId, task.process);
      setMore(null);
      return page;
    },
    [key, user.id],
  );
  useInterval(() => {
    if (!more) loaded.reload();
  }, 20_000);

  const [claimError, setClaimError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);

  const setFilter = (name: string, value: string) => {
    const next = new URLSearchParams(query);
    if (value) next.set(name, value);
    else next.delete(name);
    if (name === 'scope' && !value) next.delete('dept');
    const s = next.toString();
    navigate(`${paths.queue()}${s ? `?${s}` : ''}`, { replace: true });
  };

  const firstPage = loaded.state === 'ok' ? loaded.data : null;
  const tasks = firstPage ? [...firstPage.tasks, ...(more?.key === key ? more.tasks : [])] : [];
  const total = firstPage?.total ?? null;
  // The default order pages by cursor; a sorted list by offset (what is shown so far).
  const cursor = more?.key === key ? more.cursor : (firstPage?.nextCursor ?? (sortState.sort && total !== null && tasks.length < total ? 'offset' : null));
  const overdueCount = tasks.filter((task) => task.timeLeft?.overdue).length;
  // 督办 only when some row has a rung: an empty column is noise (an overdue task says so in its due column too).
  const showRung = tasks.some((task) => task.rung);

  async function loadMore() {
    if (!cursor) return;
    setBusy('more');
    try {
      const page = await api.tasksPage(sortState.sort ? { ...params, offset: tasks.length } : { ...params, cursor });
      const shown = tasks.length + page.tasks.length;
      const next = sortState.sort ? (page.total !== null && shown < page.total ? 'offset' : null) : page.nextCursor;
      setMore((old) => ({ key, tasks: [...(old?.key === key ? old.tasks : []), ...page.tasks], cursor: next }));
    } catch (error) {
      setClaimError(errorText(error, lang, t));
    } finally {
      setBusy(null);
    }
  }

  async function claim(task: TaskListItem, release: boolean) {
    setBusy(task.id);
    setClaimError(null);
    try {
      await (release ? api.release(task.id) : api.claim(task.id));
      setMore(null);
      loaded.reload();
    } catch (error) {
      // A 409 says who holds or closed the task (the API names them); the list is reloaded either way.
      setClaimError(errorText(error, lang, t));
      loaded.reload();
    } finally {
      setBusy(null);
    }
  }

  const setSort = (next: SortState<TaskSort>) => {
    const params = new URLSearchParams(query);
    if (next.sort) params.set('sort', next.sort);
    params.set('order', next.order);
    navigate(`${paths.queue()}?${params.toString()}`, { replace: true });
  };
  const filtersActive = processFilter || deptFilter || rungFilter || overdueOnly;
  const assignees = departments.list.filter((d) => d.kind === 'department' || d.kind === 'authority' || d.kind === 'government' || d.kind === 'upper-authority');
  return (
    <>
      <PageTitle sub={t('queueIntro')}>{scope === 'level' ? t('queueLevelTitle') : t('queueTitle')}</PageTitle>
      <div className="filters card">
        <SearchBox id="f-q" value={search} onSearch={(value) => setFilter('q', value)} />
      </div>
      <form className="filters card" aria-label={t('filters')} onSubmit={(e) => e.preventDefault()}>
        {authority ? (
          <div className="filter">
            <label htmlFor="f-scope">{t('filterScope')}</label>
            <select id="f-scope" value={scope} onChange={(e) => setFilter('scope', e.target.value === 'level' ? 'level' : '')}>
              <option value="mine">{t('scopeMine')}</option>
              <option value="level">{t('scopeLevel')}</option>
            </select>
          </div>
        ) : null}
        <div className="filter">
          <label htmlFor="f-status">{t('filterStatus')}</label>
          <select id="f-status" value={status} onChange={(e) => setFilter('status', e.target.value === 'open' ? '' : e.target.value)}>
            <option value="open">{t('statusOpen')}</option>
            <option value="completed">{t('statusCompleted')}</option>
            <option value="all">{t('statusAll')}</option>
          </select>
        </div>
        <div className="filter">
          <label htmlFor="f-process">{t('filterProcess')}</label>
          <select id="f-process" value={processFilter} onChange={(e) => setFilter('process', e.target.value)}>
            <option value="">{t('all')}</option>
            {processes.map((p) => (
              <option key={p} value={p}>
                {label(processLabels, p, lang)}
              </option>
            ))}
          </select>
        </div>
        {scope === 'level' ? (
          <div className="filter">
            <label htmlFor="f-dept">{t('filterDepartment')}</label>
            <select id="f-dept" value={deptFilter} onChange={(e) => setFilter('dept', e.target.value)}>
              <option value="">{t('all')}</option>
              {assignees.map((d) => (
                <option key={d.id} value={d.id}>
                  {pick(d.nameZh, d.nameEn)}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="filter">
          <label htmlFor="f-rung">{t('filterRung')}</label>
          <select id="f-rung" value={rungFilter} onChange={(e) => setFilter('rung', e.target.value)}>
            <option value="">{t('all')}</option>
            {rungOrder
              .filter((r) => r !== 'reminder')
              .map((r) => (
                <option key={r} value={r}>
                  {label(rungLabels, r, lang)}
                </option>
              ))}
          </select>
        </div>
        <div className="filter filter-check">
          <input id="f-overdue" type="checkbox" checked={overdueOnly} onChange={(e) => setFilter('overdue', e.target.checked ? '1' : '')} />
          <label htmlFor="f-overdue">{t('filterOverdueOnly')}</label>
        </div>
        <div className="filter filter-actions">
          {filtersActive ? (
            <button
              type="button"
              className="btn btn-ghost"
              onClick={() => {
                const next = new URLSearchParams();
                if (status !== 'open') next.set('status', status);
                if (scope === 'level') next.set('scope', 'level');
                const s = next.toString();
                navigate(`${paths.queue()}${s ? `?${s}` : ''}`, { replace: true });
              }}
            >
              {t('clearFilters')}
            </button>
          ) : null}
          <button
            type="button"
            className="btn"
            onClick={() => {
              setMore(null);
              loaded.reload();
            }}
          >
            {t('refresh')}
          </button>
        </div>
      </form>

      {claimError ? (
        <p className="notice notice-error" role="alert">
          {claimError}
        </p>
      ) : null}

      {loaded.state === 'loading' ? <Loading /> : null}
      {loaded.state === 'error' || loaded.state === 'not-found' ? <ErrorBlock error={loaded.error} retry={loaded.reload} /> : null}
      {loaded.state === 'unavailable' ? <NotAvailable what="GET /api/tasks" /> : null}
      {firstPage ? (
        <>
          <p className="summary" role="status" aria-live="polite">
            {search ? `${t('searchResults', { q: search })} · ` : ''}
            {total !== null && total > tasks.length ? t('shownOf', { m: tasks.length, n: total }) : t('taskCount', { n: total ?? tasks.length })}
            {overdueCount ? ` · ${t('overdueCount', { n: overdueCount })}` : ''}
          </p>
          {tasks.length === 0 ? (
            <p className="empty">{t('noTasks')}</p>
          ) : (
            <table className="queue" data-testid="queue">
              <caption className="sr-only">{t('queueTitle')}</caption>
              <thead>
                <tr>
                  <SortHeader column="caseNumber" label={t('caseNumber')} state={sortState} onSort={setSort} />
                  <th scope="col">{t('colTask')}</th>
                  <SortHeader column="receivedAt" label={t('colReceived')} state={sortState} onSort={setSort} />
                  <SortHeader column="dueAt" label={t('colDue')} state={sortState} onSort={setSort} />
                  {showRung ? <th scope="col">{t('colRung')}</th> : null}
                  <th scope="col">{t('colActions')}</th>
                </tr>
              </thead>
              <tbody>
                {tasks.map((task) => {
                  const late = task.timeLeft?.overdue ?? false;
                  const title = pick(task.titleZh, task.titleEn);
                  return (
                    <tr key={task.id} className={late ? 'row-late' : undefined} data-task-id={task.id} data-request-id={task.requestId}>
                      <td data-label={t('caseNumber')} className="case-number">
                        {task.caseNumber ?? '—'}
                      </td>
                      <td data-label={t('colTask')}>
                        <Link to={paths.task(task.id)} className="task-link">
                          {title}
                        </Link>
                        <div className="muted meta">
                          {task.process ? label(processLabels, task.process, lang) : null}
                          {task.catalogueEntryId ? ` · ${task.entryNameZh ? `${pick(task.entryNameZh, task.entryNameEn ?? task.entryNameZh)}（${task.catalogueEntryId}）` : task.catalogueEntryId}` : ''}
                          {task.requesterDepartmentId && task.requesterDepartmentId !== user.departmentId
                            ? ` · ${t('requesterShort')}${colon(lang)}${departments.name(task.requesterDepartmentId)}`
                            : ''}
                          {scope === 'level' ? ` · ${t('assignee')}${colon(lang)}${departments.name(task.assigneeDepartmentId)}` : ''}
                          {task.status !== 'open' && task.completedByName
                            ? ` · ${t('completedByName', { who: task.completedByName })}`
                            : scope === 'level' && task.claimedByName
                              ? ` · ${t('holderName', { who: task.claimedByName })}`
                              : ''}
                        </div>
                        {task.scenario ? <div className="muted clamp">{task.scenario}</div> : null}
                      </td>
                      <td data-label={t('colReceived')}>{task.receivedAt ? formatInstant(task.receivedAt, lang) : '—'}</td>
                      <td data-label={t('colDue')}>
                        <DueBadge task={task} />
                        <DeadlineBrief deadline={task.deadline} />
                      </td>
                      {showRung ? (
                        <td data-label={t('colRung')}>
                          {late ? <span className="tag tag-late">{t('overdue')}</span> : null} <RungBadge rung={task.rung} />
                        </td>
                      ) : null}
                      <td data-label={t('colActions')} className="actions">
                        <Link to={paths.task(task.id)} className="btn btn-small">
                          {task.status === 'open' && mayActOn(task, user) ? t('open') : t('view')}
                          <span className="sr-only">
                            {colon(lang)}
                            {title}
                          </span>
                        </Link>
                        {task.status === 'open' && mayActOn(task, user) ? (
                          task.claimedBy ? (
                            task.claimedBy === user.id ? (
                              <button type="button" className="btn btn-small btn-ghost" disabled={busy === task.id} onClick={() => claim(task, true)}>
                                {t('release')}
                                <span className="sr-only">
                            {colon(lang)}
                            {title}
                          </span>
                              </button>
                            ) : (
                              <span className="muted claimed">{t('claimedBy', { who: task.claimedByName ?? task.claimedBy })}</span>
                            )
                          ) : (
                            <button type="button" className="btn btn-small" disabled={busy === task.id} onClick={() => claim(task, false)}>
                              {t('claim')}
                              <span className="sr-only">
                            {colon(lang)}
                            {title}
                          </span>
                            </button>
                          )
                        ) : null}
                        {task.claimedBy === user.id ? <span className="tag tag-info">{t('claimedByYou')}</span> : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {cursor ? (
            <p>
              <button type="button" className="btn" onClick={loadMore} disabled={busy === 'more'}>
                {t('loadMore')}
              </button>
            </p>
          ) : null}
        </>
      ) : null}
    </>
  );
}

function mayActOn(task: TaskListItem, user: { departmentId: string; roles: string[] }): boolean {
  return task.assigneeDepartmentId === user.departmentId && user.roles.includes(task.assigneeRole);
}
