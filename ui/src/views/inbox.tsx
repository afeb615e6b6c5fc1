import { useState, type ReactNode } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { bilingual, colon, formatEndInstant, formatInstant, humanizeInstants, shortId } from '../format';
import { useInterval, useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { basisLabels, decisionLabel, label, processLabels, rungLabels } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { EscalationView, Notification, User } from '../types';
import { useUnread } from '../unread';

/** An escalation sent to the caller (its department and one of its roles) is among its notices already. */
function sentTo(user: User, e: EscalationView): boolean {
  return e.notified.some((n) => user.roles.some((r) => n === `${user.departmentId}:${r}`));
}

export function InboxView() {
  const { t } = useI18n();
  const user = useUser();
  const { query, navigate } = useRouter();
  const { refresh } = useUnread();
  const unreadOnly = query.get('unread') === '1';
  const notifications = useLoad((signal) => api.notifications(unreadOnly ? { unread: 'true' } : {}, signal), [unreadOnly]);
  const escalations = useLoad((signal) => api.escalations(signal), []);
  useInterval(() => {
    notifications.reload();
    escalations.reload();
  }, 30_000);
  const [marking, setMarking] = useState(false);
  const shown = notifications.state === 'ok' ? notifications.data : [];
  const unread = shown.filter((n) => !n.readAt);
  async function markAllRead() {
    setMarking(true);
    try {
      // Up to the newest notice on the screen: one that arrives meanwhile stays unread until it is seen.
      await api.markAllRead(shown[0]?.createdAt);
    } finally {
      setMarking(false);
      notifications.reload();
      refresh();
    }
  }
  // Each escalation once: those sent to the caller are its notices; the others of its level are listed beside them.
  const others = escalations.state === 'ok' ? escalations.data.filter((e) => !sentTo(user, e)) : [];
  const showOthers = escalations.state !== 'ok' || others.length > 0;
  return (
    <>
      <PageTitle sub={t('inboxIntro')}>{t('inboxTitle')}</PageTitle>
      <div className={showOthers ? 'layout-2' : undefined}>
        <section className="card" aria-labelledby="inbox-notices">
          <div className="card-head">
            <h2 id="inbox-notices">{t('notificationsInbox')}</h2>
            <div className="notice-tools">
              <div className="filter-check">
                <input id="n-unread" type="checkbox" checked={unreadOnly} onChange={(e) => navigate(e.target.checked ? `${paths.inbox()}?unread=1` : paths.inbox(), { replace: true })} />
                <label htmlFor="n-unread">{t('unreadOnly')}</label>
              </div>
              <button type="button" className="btn btn-small" disabled={marking || unread.length === 0} onClick={markAllRead} data-testid="mark-all-read">
                {t('markAllRead')}
              </button>
            </div>
          </div>
          <Loaded value={notifications} what="GET /api/notifications">
            {(list) => (list.length === 0 ? <p className="empty">{t('noNotifications')}</p> : <NoticeList list={list} onRead={notifications.reload} />)}
          </Loaded>
        </section>
        {showOthers ? (
          <section className="card" aria-labelledby="inbox-escalations">
            <h2 id="inbox-escalations">{t('escalationsInbox')}</h2>
            <p className="muted">{t('escalationsInboxIntro')}</p>
            <Loaded value={escalations} what="GET /api/escalations">
              {() => <EscalationItems list={others} />}
            </Loaded>
          </section>
        ) : null}
      </div>
    </>
  );
}

function EscalationItems({ list }: { list: EscalationView[] }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  return (
    <ul className="plain" data-testid="escalation-list">
      {list.map((e) => (
        <li key={e.id} className="escalation-item">
          <div className="notice-head">
            <span className={`tag rung rung-${e.rung}`}>{label(rungLabels, e.rung, lang)}</span>
            {e.basis ? (
              <span className={`tag ${e.basis === 'policy' ? 'tag-warn' : 'tag-info'}`} data-testid="rung-basis">
                {label(basisLabels, e.basis, lang)}
              </span>
            ) : null}
            <Link to={paths.task(e.taskId)}>{pick(e.stepTitleZh, e.stepTitleEn)}</Link>
          </div>
          <p className="muted">
            {t('caseRef')}
            {colon(lang)}
            <Link to={paths.case(e.process, e.requestId)}>
              {label(processLabels, e.process, lang)} {e.requestId.slice(0, 8)}
            </Link>
            {' · '}
            {t('responsible')}
            {colon(lang)}
            {name(e.responsibleDepartmentId)} · {t('stepDue')}
            {colon(lang)}
            <time dateTime={e.dueAt}>{formatEndInstant(e.dueAt, lang)}</time>
            {' · '}
            {t('firedAt')} <time dateTime={e.firedAt}>{formatInstant(e.firedAt, lang)}</time>
            {e.timeLimitEndsAt ? (
              <>
                {' · '}
                {t('rectifyBy')} <time dateTime={e.timeLimitEndsAt}>{formatEndInstant(e.timeLimitEndsAt, lang)}</time>
              </>
            ) : null}
          </p>
          {e.explanation ? (
            <p>
              {humanizeInstants(String((lang === 'zh' ? e.explanation.zh : e.explanation.en) ?? ''), lang)}
              {e.explanation.article ? <span className="muted">（{bilingual(String(e.explanation.article), lang)}）</span> : null}
            </p>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

const handOffKinds: Record<string, MessageKey> = {
  'task.assigned': 'noticeTaskAssigned',
  'case.decided': 'noticeCaseDecided',
  'case.closed': 'noticeCaseClosed',
  'extension.granted': 'noticeExtensionGranted',
  'extension.refused': 'noticeExtensionRefused',
  'task.assigned-to-you': 'noticeAssignedToYou',
  'task.reassigned-away': 'noticeReassignedAway',
};

/** One fact of a notice: its label and its value, as one line of the notice's facts. */
function Fact({ name, children, testId }: { name: string; children: ReactNode; testId?: string }) {
  const { lang } = useI18n();
  return (
    <div className="notice-fact" data-testid={testId}>
      <dt>
        {name}
        {colon(lang)}
      </dt>
      <dd>{children}</dd>
    </div>
  );
}

/**
 * A notice as facts, each said once: the case (process, entry by name), the step, the department and when it is due;
 * for a hand-off, who did what (and why), for an escalation, why it was sent. The heading is the step, under the tag
 * of what happened to it.
 */
function NoticeItem({ n, busy, onMarkRead }: { n: Notification; busy: boolean; onMarkRead(n: Notification): void }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const { refresh } = useUnread();
  const d = n.details ?? {};
  const act = d.act;
  const rung = n.kind.startsWith('escalation.') ? n.kind.slice('escalation.'.length) : '';
  const kind = n.kind === 'task.assigned-to-you' && act?.kind === 'reassigned' ? 'noticeReassignedToYou' : handOffKinds[n.kind];
  const title = bilingual(pick(n.titleZh, n.titleEn), lang);
  // The step the notice is about: the task now due (a hand-off), the step escalated, else its task as it stands.
  const stepTitle = d.stepTitleZh ? pick(String(d.stepTitleZh), String(d.stepTitleEn ?? d.stepTitleZh)) : n.task ? pick(n.task.titleZh, n.task.titleEn) : '';
  const dueAt = d.dueAt ?? n.task?.dueAt;
  const department = d.responsibleDepartmentId ? pick(String(d.responsibleNameZh ?? ''), String(d.responsibleNameEn ?? '')) || name(d.responsibleDepartmentId) : name(n.task?.assigneeDepartmentId);
  const actedBy = act?.departmentId ? pick(act.departmentNameZh ?? '', act.departmentNameEn ?? '') || name(act.departmentId) : '';
  const actedStep = act?.stepTitleZh ? pick(act.stepTitleZh, act.stepTitleEn ?? act.stepTitleZh) : '';
  const decision = act?.decision ? decisionLabel(act.decision, lang, act.step) : '';
  // A decision told as such is the heading (step: decision); a new task's heading is the task, what led to it a fact.
  const decisionIsHeading = (n.kind === 'case.decided' || n.kind === 'case.closed') && !!actedStep;
  const heading = decisionIsHeading ? `${actedStep}${colon(lang)}${decision}` : stepTitle || title;
  // The tag already says an extension was granted or refused, the heading what a case decision was: said once.
  const actInBrief = decisionIsHeading || n.kind.startsWith('extension.');
  const kase = n.case;
  const entry = kase ? (lang === 'zh' ? kase.entryNameZh : kase.entryNameEn) : null;
  const explanation = lang === 'zh' ? d.explanationZh : d.explanationEn;
  const time = (at: string) => <time dateTime={at}>{formatEndInstant(at, lang)}</time>;
  return (
    <li className={`notice-item${n.readAt ? '' : ' unread'}`} data-notification-id={n.id} data-kind={n.kind}>
      <div className="notice-head">
        {!n.readAt ? <span className="dot" aria-hidden="true" /> : null}
        {rung ? <span className={`tag rung rung-${rung}`}>{label(rungLabels, rung, lang)}</span> : null}
        {kind ? <span className={`tag notice-kind kind-${n.kind.replace('.', '-')}`}>{t(kind)}</span> : null}
        {d.basis ? <span className={`tag ${d.basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{label(basisLabels, String(d.basis), lang)}</span> : null}
        <strong title={title}>{heading}</strong>
        {!n.readAt ? <span className="sr-only">（{t('unread')}）</span> : null}
        <time dateTime={n.createdAt}>{formatInstant(n.createdAt, lang)}</time>
      </div>
      <dl className="notice-facts">
        {kase && n.requestId ? (
          <Fact name={t('caseRef')} testId="notice-case">
            <Link to={paths.case(kase.process, n.requestId)}>
              {label(processLabels, kase.process, lang)}
              {entry ? (lang === 'zh' ? `《${entry}》` : ` “${entry}”`) : ''}
            </Link>{' '}
            <span className="muted case-number">{kase.caseNumber || shortId(n.requestId)}</span>
          </Fact>
        ) : null}
        {act ? <ActFact act={act} actedBy={actedBy} actedStep={actedStep} decision={decision} brief={actInBrief} /> : null}
        {act?.reason ? <Fact name={t('noticeReasons')}>{act.reason}</Fact> : null}
        {typeof d.assigneeName === 'string' ? <Fact name={t('noticeAssignee')}>{d.fromName ? `${String(d.fromName)} → ${d.assigneeName}` : d.assigneeName}</Fact> : null}
        {n.kind === 'case.closed' && d.outcome ? <Fact name={t('noticeOutcome')}>{pick(String(d.outcomeZh ?? d.outcome), String(d.outcomeEn ?? d.outcome))}</Fact> : null}
        {stepTitle && (n.kind === 'case.decided' || n.kind === 'extension.granted' || n.kind === 'extension.refused') ? (
          <Fact name={n.kind === 'case.decided' ? t('noticeNext') : t('noticeStep')}>{stepTitle}</Fact>
        ) : null}
        {department && n.kind !== 'case.closed' ? <Fact name={rung ? t('responsible') : t('noticeHandler')}>{department}</Fact> : null}
        {dueAt && n.kind !== 'case.closed' ? (
          <Fact name={n.kind === 'extension.granted' ? t('noticeNewDue') : n.kind === 'extension.refused' ? t('noticeDueUnchanged') : t('stepDue')} testId="notice-due">
            {n.kind === 'extension.granted' && d.previousDueAt ? (
              <>
                <s>{time(String(d.previousDueAt))}</s> → {time(String(dueAt))}
              </>
            ) : (
              time(String(dueAt))
            )}
          </Fact>
        ) : null}
      </dl>
      {explanation ? <p className="notice-text">{humanizeInstants(String(explanation), lang)}</p> : null}
      <div className="notice-actions">
        {n.taskId && n.task?.status !== 'completed' ? (
          <Link to={paths.task(n.taskId)} onClick={() => (n.readAt ? undefined : void api.markRead(n.id).then(refresh, () => undefined))}>
            {t('openTask')}
          </Link>
        ) : null}
        {!n.readAt ? (
          <button type="button" className="btn btn-small btn-ghost" disabled={busy} onClick={() => onMarkRead(n)}>
            {t('markRead')}
            <span className="sr-only">
              {colon(lang)}
              {heading}
            </span>
          </button>
        ) : null}
      </div>
    </li>
  );
}

/**
 * Who did what: a decision by a department, a period that ran out, a submission, an extension asked, a report. Its
 * time is the notice's own (in the heading), except a submission's: a case may be registered after its receipt.
 */
function ActFact({
  act,
  actedBy,
  actedStep,
  decision,
  brief,
}: {
  act: NonNullable<NonNullable<Notification['details']>['act']>;
  actedBy: string;
  actedStep: string;
  decision: string;
  /** The heading or the tag says the step and the decision already: only who and when. */
  brief: boolean;
}) {
  const { t, lang } = useI18n();
  const at = <time dateTime={act.at}>{formatInstant(act.at, lang)}</time>;
  switch (act.kind) {
    case 'submitted':
      return (
        <Fact name={t('noticeSubmittedBy')}>
          {actedBy} · {at}
        </Fact>
      );
    case 'lapsed':
      return (
        <Fact name={t('noticeLapsed')}>
          {actedStep} · {t('noticeLapsedAs')} {decision}
        </Fact>
      );
    case 'extension-requested':
      return (
        <Fact name={t('noticeExtensionAsked')}>
          {actedBy} · {actedStep}
          {act.extension
            ? ` · ${t('noticeExtendBy', { n: act.extension.n, unit: act.extension.unit === 'days' ? (lang === 'zh' ? '日' : 'days') : lang === 'zh' ? '个工作日' : 'working days' })}`
            : ''}
        </Fact>
      );
    case 'assigned':
    case 'reassigned':
      return (
        <Fact name={act.kind === 'reassigned' ? t('noticeReassignedBy') : t('noticeAssignedBy')} testId="notice-act">
          {act.byName ?? ''} · {at}
        </Fact>
      );
    case 'reported':
      return (
        <Fact name={t('responsible')}>
          {actedBy} · {actedStep} · {t('noticeReported')}
        </Fact>
      );
    default:
      return brief ? (
        <Fact name={t('noticeDecidedBy')} testId="notice-act">
          {actedBy}
        </Fact>
      ) : (
        <Fact name={t('noticeDecidedBy')} testId="notice-act">
          {actedBy} · {actedStep}
          {colon(lang)}
          <strong>{decision}</strong>
        </Fact>
      );
  }
}

function NoticeList({ list, onRead }: { list: Notification[]; onRead(): void }) {
  const { refresh } = useUnread();
  const [busy, setBusy] = useState<string | null>(null);
  async function markRead(n: Notification) {
    setBusy(n.id);
    try {
      await api.markRead(n.id);
    } finally {
      setBusy(null);
      onRead();
      refresh();
    }
  }
  return (
    <ul className="notices" data-testid="notifications">
      {list.map((n) => (
        <NoticeItem key={n.id} n={n} busy={busy === n.id} onMarkRead={markRead} />
      ))}
    </ul>
  );
}
