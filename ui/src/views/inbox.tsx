import { useState } from 'react';
import { api } from '../api';
import { Loaded, PageTitle, useDepartments } from '../components/common';
import { bilingual, colon, formatEndInstant, formatInstant, humanizeInstants } from '../format';
import { useInterval, useLoad } from '../hooks';
import { useI18n } from '../i18n';
import { basisLabels, label, processLabels, rungLabels } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { EscalationView, Notification } from '../types';
import { useUnread } from '../unread';

export function InboxView() {
  const { t } = useI18n();
  const { query, navigate } = useRouter();
  const unreadOnly = query.get('unread') === '1';
  const notifications = useLoad((signal) => api.notifications(unreadOnly ? { unread: 'true' } : {}, signal), [unreadOnly]);
  const escalations = useLoad((signal) => api.escalations(signal), []);
  useInterval(() => {
    notifications.reload();
    escalations.reload();
  }, 30_000);
  return (
    <>
      <PageTitle sub={t('inboxIntro')}>{t('inboxTitle')}</PageTitle>
      <div className="layout-2">
        <section className="card" aria-labelledby="inbox-notices">
          <div className="card-head">
            <h2 id="inbox-notices">{t('notificationsInbox')}</h2>
            <div className="filter-check">
              <input id="n-unread" type="checkbox" checked={unreadOnly} onChange={(e) => navigate(e.target.checked ? `${paths.inbox()}?unread=1` : paths.inbox(), { replace: true })} />
              <label htmlFor="n-unread">{t('unreadOnly')}</label>
            </div>
          </div>
          <Loaded value={notifications} what="GET /api/notifications">
            {(list) => (list.length === 0 ? <p className="empty">{t('noNotifications')}</p> : <NoticeList list={list} onRead={notifications.reload} />)}
          </Loaded>
        </section>
        <section className="card" aria-labelledby="inbox-escalations">
          <h2 id="inbox-escalations">{t('escalationsInbox')}</h2>
          <Loaded value={escalations} what="GET /api/escalations">
            {(list) => (list.length === 0 ? <p className="empty">{t('noEscalations')}</p> : <EscalationItems list={list} />)}
          </Loaded>
        </section>
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

function NoticeList({ list, onRead }: { list: Notification[]; onRead(): void }) {
  const { t, lang, pick } = useI18n();
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
      {list.map((n) => {
        const rung = n.kind.startsWith('escalation.') ? n.kind.slice('escalation.'.length) : '';
        const title = bilingual(pick(n.titleZh, n.titleEn), lang);
        const explanation = lang === 'zh' ? n.details?.explanationZh : n.details?.explanationEn;
        return (
          <li key={n.id} className={`notice-item${n.readAt ? '' : ' unread'}`} data-notification-id={n.id}>
            <div className="notice-head">
              {!n.readAt ? <span className="dot" aria-hidden="true" /> : null}
              {rung ? <span className={`tag rung rung-${rung}`}>{label(rungLabels, rung, lang)}</span> : null}
              <strong>{title}</strong>
              {!n.readAt ? <span className="sr-only">（{t('unread')}）</span> : null}
              <time dateTime={n.createdAt}>{formatInstant(n.createdAt, lang)}</time>
            </div>
            {n.details?.dueAt ? (
              <p className="muted">
                {n.details.basis ? <span className={`tag ${n.details.basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{label(basisLabels, String(n.details.basis), lang)}</span> : null}{' '}
                {t('responsible')}
                {colon(lang)}
                {String(pick(String(n.details.responsibleNameZh ?? ''), String(n.details.responsibleNameEn ?? '')))} · {t('stepDue')}
                {colon(lang)}
                <time dateTime={String(n.details.dueAt)}>{formatEndInstant(String(n.details.dueAt), lang)}</time>
              </p>
            ) : null}
            {explanation ? <p className="notice-text">{humanizeInstants(String(explanation), lang)}</p> : null}
            <div className="notice-actions">
              {n.taskId ? (
                <Link to={paths.task(n.taskId)} onClick={() => (n.readAt ? undefined : void api.markRead(n.id).then(refresh, () => undefined))}>
                  {t('openTask')}
                </Link>
              ) : null}
              {!n.readAt ? (
                <button type="button" className="btn btn-small btn-ghost" disabled={busy === n.id} onClick={() => markRead(n)}>
                  {t('markRead')}
                  <span className="sr-only">
                    {colon(lang)}
                    {title}
                  </span>
                </button>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
