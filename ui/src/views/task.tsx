import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { findCase, notFoundAsNull } from '../cases';
import { ArgumentsSoFar } from '../components/arguments';
import { AssignControl } from '../components/assign-control';
import { CaseFacts, shareRouteOf } from '../components/case-facts';
import { useCatalogueEntry } from '../components/catalogue-entry';
import { DecisionForm, payloadSteps } from '../components/decision-form';
import { ProposedChanges } from '../components/proposed-changes';
import { ErrorBlock, Loading, NotFound, PageTitle, useDepartments } from '../components/common';
import { CitationBlock, DeadlineExplained, DueBadge, OptionNote, RungBadge } from '../components/deadline';
import { ErrorSummary, Field, useSubmit } from '../components/forms';
import { HigherTextNotice, HigherTextTag, higherTitles } from '../components/hierarchy';
import { EscalationList, Steps, Timeline } from '../components/timeline';
import { formatInstant, paren } from '../format';
import { useInterval, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { decisionLabel, label, processLabels } from '../labels';
import { Link, paths } from '../router';
import type { CaseDetail, PreviewStep, Task, User } from '../types';
import { errorText } from '../error-text';
import { useDraft } from '../drafts';

/** Whether the user is the one who must act on the task. */
export function mayAct(task: Task, user: User): boolean {
  return task.status === 'open' && task.assigneeDepartmentId === user.departmentId && user.roles.includes(task.assigneeRole);
}

/** The rule-pack step behind a task: its period basis (law, draft, local policy) and the extension it allows. */
async function stepRule(kase: CaseDetail, step: string, signal: AbortSignal): Promise<PreviewStep | undefined> {
  // A review applied for to the provider directly (Anhui art. 26) runs the pack's flow of that route; a share request
  // across levels (Hebei draft art. 21) the cross-level flows.
  const direct = kase.process === 'quality-dispute' && kase.details?.route === 'direct';
  const flows =
    kase.process !== 'share-request'
      ? direct
        ? ['quality-dispute-direct']
        : [kase.process]
      : shareRouteOf(kase)?.kind === 'cross-level'
        ? ['cross-level-conditional-share', 'cross-level-unconditional-share']
        : ['conditional-share', 'unconditional-share'];
  for (const flow of flows) {
    try {
      const preview = await api.preview(kase.pack, flow, kase.receivedAt, signal);
      const found = preview.steps.find((s) => s.stepId === step);
      if (found) return found;
    } catch {
      /* the preview is an aid; the task stands without it */
    }
  }
  return undefined;
}

export function TaskView({ taskId }: { taskId: string }) {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const requestId = taskId.split('/')[0] ?? '';
  const loaded = useLoad(
    async (signal) => {
      const [task, kase] = await Promise.all([api.task(taskId, signal).catch(notFoundAsNull), findCase(requestId, signal)]);
      if (!task) return null;
      const rule = kase && !task.step.includes('.') ? await stepRule(kase, task.step, signal) : undefined;
      return { task, kase, rule };
    },
    [taskId, user.id],
  );

  const [done, setDone] = useState<string | null>(null);
  const [actedOn, setActedOn] = useState<string | null>(null);
  // The page follows the task live, as the case page does: a decision taken elsewhere shows within seconds.
  useInterval(() => {
    if (loaded.state === 'ok' && loaded.data?.task.status === 'open' && !done) loaded.reload();
  }, 10_000);
  const seenOpen = useRef(false);
  const current = loaded.state === 'ok' ? loaded.data?.task : undefined;
  useEffect(() => {
    if (!current) return;
    if (current.status === 'open') seenOpen.current = true;
    else if (seenOpen.current && !done && !actedOn) {
      // Closed while this page showed it open, and not by this page: say by whom and when.
      seenOpen.current = false;
      const when = current.completedAt ? formatInstant(current.completedAt, lang) : '';
      setActedOn(current.completedByName ? t('taskClosedBy', { who: current.completedByName, when }) : t('taskClosedMeanwhile'));
    }
  }, [current, done, actedOn, lang, t]);
  const catalogueEntryId = loaded.state === 'ok' ? (loaded.data?.kase?.catalogueEntryId ?? loaded.data?.task.catalogueEntryId) : undefined;
  const { entry, reload: reloadEntry } = useCatalogueEntry(catalogueEntryId);
  if (loaded.state === 'loading') return <Loading />;
  if (loaded.state === 'error' || loaded.state === 'unavailable') return <ErrorBlock error={loaded.error} retry={loaded.reload} />;
  if (loaded.state === 'not-found' || !loaded.data) return <NotFound />;
  const { task, kase, rule } = loaded.data;
  const actionable = mayAct(task, user);

  return (
    <>
      <PageTitle>{task.caseNumber ? `${pick(task.titleZh, task.titleEn)} · ${task.caseNumber}` : pick(task.titleZh, task.titleEn)}</PageTitle>
      <div className="task-head">
        <DueBadge task={task} />
        <HigherTextTag texts={task} />
        {task.timeLeft?.overdue ? <span className="tag tag-late">{t('overdue')}</span> : null}
        <RungBadge rung={task.rung} />
        {actionable ? <ClaimControl task={task} onChange={loaded.reload} /> : null}
        {kase ? (
          <Link to={paths.case(kase.process, kase.id)} className="btn btn-small btn-ghost">
            {t('openCase')}
          </Link>
        ) : null}
      </div>
      <div className="layout-2">
        <div className="col-main">
          {kase ? <CaseFacts kase={kase} entry={entry} /> : <TaskFacts task={task} />}
          {task.extensionRequest ? <ExtensionRequestFacts request={task.extensionRequest} /> : null}
          {kase ? <ArgumentsSoFar kase={kase} exceptTaskId={task.id} /> : null}
          {kase?.process === 'catalogue-change' && !payloadSteps.has(task.step) ? <ProposedChanges kase={kase} entry={entry} /> : null}
          <section className="card" aria-labelledby="act-title">
            <h2 id="act-title">{t('actionsTitle')}</h2>
            {done ? (
              <p className="notice notice-ok" role="status">
                {t('taskCompleted', { decision: done })}
              </p>
            ) : null}
            {actedOn ? (
              <p className="notice notice-warn" role="alert" data-testid="acted-on">
                {actedOn}
              </p>
            ) : null}
            {actionable && !done ? (
              <DecisionForm
                task={task}
                entry={entry}
                onDone={(decision) => {
                  setDone(decision);
                  loaded.reload();
                  reloadEntry();
                }}
                onActedOn={(message) => {
                  // The task as it is now: its form gives way to who decided what.
                  setActedOn(message);
                  loaded.reload();
                }}
              />
            ) : done ? null : task.status !== 'open' ? (
              <p>
                {t('taskClosed')}
                {task.decision ? (
                  <>
                    {' '}
                    <strong>{decisionLabel(task.decision, lang, task.step)}</strong>
                    {task.completedByName ? ` · ${t('completedByName', { who: task.completedByName })}` : ''}
                    {task.reason ? ` · ${task.reason}` : ''}
                    {task.completedAt ? ` · ${formatInstant(task.completedAt, lang)}` : ''}
                  </>
                ) : null}
              </p>
            ) : (
              <NotYours task={task} />
            )}
          </section>
          <AssignControl task={task} onChange={loaded.reload} />
          {actionable && rule?.extension?.max ? (
            <ExtensionForm
              task={task}
              max={rule.extension.max}
              approvedBy={rule.extension.approvedBy}
              pending={kase?.tasks.some((x) => x.step === `${task.step}.extension` && x.status === 'open') ?? false}
            />
          ) : null}
        </div>
        <aside className="col-side">
          {task.option ? <OptionNote option={task.option} /> : null}
          <HigherTextNotice texts={task} />
          {/* The trigger as recorded on the task: a resumed step's restart is not the pack's own trigger. */}
          <DeadlineExplained deadline={task.deadline} trigger={task.trigger} />
          {task.citation ? (
            <CitationBlock
              citation={task.citation}
              basis={rule?.periodBasis}
              policy={rule?.policy}
              higherTextsLeftOut={task.warning ? higherTitles(task, lang) : undefined}
            />
          ) : null}
        </aside>
      </div>
      {kase ? (
        <div className="layout-2">
          <div className="col-main">
            <Steps tasks={kase.tasks} canOpen={() => true} />
            <EscalationList escalations={kase.escalations} tasks={kase.tasks} />
          </div>
          <div className="col-side">
            <Timeline detail={kase} />
          </div>
        </div>
      ) : null}
    </>
  );
}

/** On the authority's task deciding an extension: what was asked, by whom, and why — the decision is not made blind. */
function ExtensionRequestFacts({ request }: { request: NonNullable<Task['extensionRequest']> }) {
  const { t, lang } = useI18n();
  return (
    <section className="card" aria-labelledby="extension-request-title" data-testid="extension-request">
      <h2 id="extension-request-title">{t('extensionRequestTitle')}</h2>
      <dl className="facts">
        <dt>{t('extensionFor')}</dt>
        <dd>
          <Link to={paths.task(request.taskId)}>{request.taskId}</Link>
        </dd>
        <dt>{t('extensionLength')}</dt>
        <dd>
          {request.n} {request.unit === 'days' ? (lang === 'zh' ? '日' : 'days') : lang === 'zh' ? '个工作日' : 'working days'}
        </dd>
        <dt>{t('extensionReason')}</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{request.reason}</dd>
        <dt>{t('extensionRequestedBy')}</dt>
        <dd>{request.requestedBy}</dd>
        <dt>{t('extensionRequestedAt')}</dt>
        <dd>
          <time dateTime={request.requestedAt}>{formatInstant(request.requestedAt, lang)}</time>
        </dd>
      </dl>
    </section>
  );
}

/** Who is on the task: claim it so colleagues see it is taken, release it for them. */
function ClaimControl({ task, onChange }: { task: Task; onChange(): void }) {
  const user = useUser();
  const { t, lang } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function act(release: boolean) {
    setBusy(true);
    setError(null);
    try {
      await (release ? api.release(task.id) : api.claim(task.id));
    } catch (e) {
      setError(errorText(e, lang, t));
    } finally {
      setBusy(false);
      onChange();
    }
  }
  return (
    <span className="claim" data-testid="claim">
      {task.claimedBy === user.id ? (
        <>
          <span className="tag tag-info">{t('claimedByYou')}</span>
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => act(true)}>
            {t('release')}
          </button>
        </>
      ) : task.claimedBy ? (
        <span className="tag tag-warn">{t('claimedBy', { who: task.claimedByName ?? task.claimedBy })}</span>
      ) : (
        <button type="button" className="btn btn-small" disabled={busy} onClick={() => act(false)}>
          {t('claim')}
        </button>
      )}
      {error ? (
        <span className="field-error" role="alert">
          {error}
        </span>
      ) : null}
    </span>
  );
}

/** What the task list says of the case, for a party that may act on the task but not read the case itself. */
function TaskFacts({ task }: { task: Task }) {
  const { t, lang } = useI18n();
  const { name } = useDepartments();
  return (
    <section className="card" aria-labelledby="request-title" data-testid="request">
      <h2 id="request-title">{t('theRequest')}</h2>
      <dl className="facts">
        {task.process ? (
          <>
            <dt>{t('process')}</dt>
            <dd>{label(processLabels, task.process, lang)}</dd>
          </>
        ) : null}
        {task.catalogueEntryId ? (
          <>
            <dt>{t('catalogueEntry')}</dt>
            <dd>{task.catalogueEntryId}</dd>
          </>
        ) : null}
        {task.requesterDepartmentId ? (
          <>
            <dt>{t('requesterDept')}</dt>
            <dd>{name(task.requesterDepartmentId)}</dd>
          </>
        ) : null}
        <dt>{t('caseId')}</dt>
        <dd className="mono">{task.requestId}</dd>
      </dl>
    </section>
  );
}

function NotYours({ task }: { task: Task }) {
  const { t } = useI18n();
  const { name } = useDepartments();
  return <p>{t('notYourTask', { dept: name(task.assigneeDepartmentId) })}</p>;
}

function ExtensionForm({ task, max, approvedBy, pending }: { task: Task; max: { n: number; unit: string }; approvedBy?: string; pending: boolean }) {
  const { t, lang } = useI18n();
  // What the statute allows in all, less what was already granted.
  const granted = (task.deadline.extensions ?? []).reduce((a, b) => a + b, 0);
  const remaining = Math.max(0, max.n - granted);
  const user = useUser();
  const draft = `${user.id}:extension:${task.id}`;
  const [n, setN, dropN] = useDraft(`${draft}:n`, () => String(remaining));
  const [reason, setReason, dropReason] = useDraft(`${draft}:reason`, () => '');
  const [sent, setSent] = useState(false);
  const submit = useSubmit(['n', 'reason']);
  const unit = max.unit === 'days' ? (lang === 'zh' ? '日' : 'days') : lang === 'zh' ? '个工作日' : 'working days';

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const result = await submit.run(() => api.extension(task.id, { n: Number(n), reason: reason.trim() }));
    if (result) {
      dropN();
      dropReason();
      setSent(true);
    }
  }

  if (remaining === 0) return null;
  return (
    <section className="card" aria-labelledby="ext-title">
      <h2 id="ext-title">{t('extensionTitle')}</h2>
      {sent || pending ? (
        <p className="notice notice-ok" role="status">
          {t('extensionSent')}
        </p>
      ) : (
        <form onSubmit={onSubmit} noValidate data-testid="extension-form">
          <p className="hint">
            {t(approvedBy === 'provider' ? 'extensionIntroProvider' : 'extensionIntro', { max: `${max.n} ${unit}` })}
            {granted ? ` ${t('extensionRemaining', { granted, remaining })}` : ''}
          </p>
          <ErrorSummary formId="ext" fields={submit.fields} general={submit.general} labels={{ n: t('extensionDays'), reason: t('extensionReason') }} />
          <Field id="ext-n" label={`${t('extensionDays')}${paren(unit, lang)}`} required error={submit.fields.n}>
            {(p) => <input {...p} type="number" inputMode="numeric" min={1} max={remaining} value={n} onChange={(e) => setN(e.target.value)} className="input-short" />}
          </Field>
          <Field id="ext-reason" label={t('extensionReason')} required error={submit.fields.reason} count={{ value: reason, max: 4000 }}>
            {(p) => <textarea {...p} rows={3} maxLength={4000} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <button type="submit" className="btn" disabled={submit.busy}>
            {submit.busy ? t('submitting') : t('extensionSubmit')}
          </button>
        </form>
      )}
    </section>
  );
}
