import { useUser } from '../auth';
import { useI18n } from '../i18n';
import { colon, formatDate, formatEndInstant, formatInstant } from '../format';
import { actionLabels, basisLabels, decisionLabel, label, rungLabels, statusLabel } from '../labels';
import { Link, paths } from '../router';
import type { AuditEntry, CaseDetail, Escalation, LegalBasis, Task } from '../types';
import { useDepartments } from './common';
import { legalBasisKindLabel } from './legal-basis-fields';
import { DueBadge, RungBadge } from './deadline';

/** The case's append-only record, each entry with who, when and what. */
export function Timeline({ detail }: { detail: CaseDetail }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const user = useUser();
  const tasks = new Map(detail.tasks.map((task) => [task.id, task]));

  function describe(entry: AuditEntry): string {
    const d = entry.details;
    const task = entry.taskId ? tasks.get(entry.taskId) : undefined;
    const step = task ? pick(task.titleZh, task.titleEn) : '';
    switch (entry.action) {
      case 'request.submitted':
        return [d.catalogueEntryId ? `${t('catalogueEntry')} ${String(d.catalogueEntryId)}` : '', d.receivedAt ? `${t('receivedAt')} ${formatInstant(String(d.receivedAt), lang)}` : '']
          .filter(Boolean)
          .join(' · ');
      case 'request.workflow-started':
        return lang === 'zh'
          ? '提交已保存，但当时未能启动办理流程，系统随后自动启动；期限仍自收到之日起计算'
          : 'The submission was saved but its process could not be started then; the system started it later, its periods still counted from receipt';
      case 'request.proof-shown':
        return lang === 'zh' ? '复核期间（安徽办法第二十六条第三款）' : 'While the review is pending (Anhui art. 26 para. 3)';
      case 'request.status-changed':
        return statusLabel(String(d.status ?? ''), lang);
      case 'task.opened':
        return `${step}${d.assigneeDepartmentId ? ` → ${name(String(d.assigneeDepartmentId))}` : ''}${d.dueAt ? ` · ${t('dueOn', { date: formatEndInstant(String(d.dueAt), lang) })}` : ''}`;
      case 'task.completed': {
        const parts = [step, decisionLabel(String(d.decision ?? ''), lang, task?.step)];
        if (d.lapsed) parts.push(t('lapsed'));
        else if (d.late) parts.push(t('late'));
        if (d.reason && !d.lapsed) parts.push(`${t('reason')}${colon(lang)}${String(d.reason)}`);
        const basis = d.legalBasis as LegalBasis | undefined;
        if (basis?.kind) parts.push(`${t('legalBasisTitle')}${colon(lang)}${legalBasisKindLabel(basis.kind, lang)} ${basis.title} ${basis.article}`);
        return parts.filter(Boolean).join(' · ');
      }
      case 'task.due-changed':
        return `${step} · ${d.fromDue ? formatDate(String(d.fromDue), lang) : ''} → ${d.toDue ? formatDate(String(d.toDue), lang) : ''}${
          d.cause === 'extension-granted' ? (lang === 'zh' ? '（准予延期）' : ' (extension granted)') : d.cause === 'calendar-republished' ? (lang === 'zh' ? '（放假安排更新）' : ' (calendar updated)') : ''
        }`;
      case 'task.assigned':
      case 'task.reassigned': {
        // Who took it from whom; the reasons of a 转办 are the authority's own staffing, for its own eyes.
        const who = `${d.fromName ? `${String(d.fromName)} → ` : ''}${String(d.toName ?? d.to ?? '')}`;
        const why = d.reason && user.departmentId === entry.actorDepartmentId ? ` · ${t('reason')}${colon(lang)}${String(d.reason)}` : '';
        return `${step} · ${t('noticeAssignee')}${colon(lang)}${who}${why}`;
      }
      case 'task.cancelled':
        return `${step}${d.reason ? ` · ${String(d.reason)}` : ''}`;
      default:
        if (entry.action.startsWith('escalation.')) {
          return `${step}${d.responsibleDepartmentId ? ` · ${name(String(d.responsibleDepartmentId))}` : ''}`;
        }
        return '';
    }
  }

  return (
    <section className="card" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t('timelineTitle')}</h2>
      <ol className="timeline" data-testid="timeline">
        {detail.timeline.map((entry) => (
          <li key={entry.id} className={`tl tl-${entry.action.replace(/\./g, '-')}`}>
            <time dateTime={entry.at}>{formatInstant(entry.at, lang)}</time>
            <div>
              <strong>{label(actionLabels, entry.action, lang)}</strong>
              {entry.actorDepartmentId ? <span className="muted"> · {name(entry.actorDepartmentId)}</span> : null}
              <p>{describe(entry)}</p>
            </div>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The steps of the case so far, each with its deadline and outcome. */
export function Steps({ tasks, canOpen }: { tasks: Task[]; canOpen: (task: Task) => boolean }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  return (
    <section className="card" aria-labelledby="steps-title">
      <h2 id="steps-title">{t('tasksTitle')}</h2>
      <ol className="steps" data-testid="steps">
        {tasks.map((task) => (
          <li key={task.id} className={`step step-${task.status}${task.overdue ? ' step-overdue' : ''}`}>
            <div className="step-head">
              {canOpen(task) ? <Link to={paths.task(task.id)}>{pick(task.titleZh, task.titleEn)}</Link> : <span>{pick(task.titleZh, task.titleEn)}</span>}
              <RungBadge rung={task.rung} />
            </div>
            <div className="muted">
              {t('assignee')}
              {colon(lang)}
              {name(task.assigneeDepartmentId)}
            </div>
            {task.completedByName ? (
              <div className="muted" data-testid="step-person">
                {t('completedByName', { who: task.completedByName })}
              </div>
            ) : task.status === 'open' && task.claimedByName ? (
              <div className="muted" data-testid="step-person">
                {t('holderName', { who: task.claimedByName })}
              </div>
            ) : null}
            <DueBadge task={task} compact />
            {task.decision ? (
              <p>
                <strong>{decisionLabel(task.decision, lang, task.step)}</strong>
                {task.reason ? ` · ${task.reason}` : ''}
              </p>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function EscalationList({ escalations, tasks }: { escalations: Escalation[]; tasks: Task[] }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  if (escalations.length === 0) return null;
  const byId = new Map(tasks.map((task) => [task.id, task]));
  return (
    <section className="card" aria-labelledby="escalations-title">
      <h2 id="escalations-title">{t('escalationsTitle')}</h2>
      <ul className="plain" data-testid="escalations">
        {escalations.map((e) => {
          const task = byId.get(e.taskId);
          return (
            <li key={e.id}>
              <span className={`tag rung rung-${e.rung}`}>{label(rungLabels, e.rung, lang)}</span>{' '}
              {e.basis ? <span className={`tag ${e.basis === 'policy' ? 'tag-warn' : 'tag-info'}`}>{label(basisLabels, e.basis, lang)}</span> : null}{' '}
              {task ? pick(task.titleZh, task.titleEn) : ''} ·{' '}
              {name(e.responsibleDepartmentId)}
              <div className="muted">
                {t('scheduledAt')} <time dateTime={e.scheduledAt}>{formatEndInstant(e.scheduledAt, lang)}</time> · {t('firedAt')}{' '}
                <time dateTime={e.firedAt}>{formatInstant(e.firedAt, lang)}</time>
              </div>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export { RungBadge };
