import { colon, formatInstant } from '../format';
import { useI18n } from '../i18n';
import { decisionLabel } from '../labels';
import type { CaseDetail } from '../types';
import { useDepartments } from './common';
import { legalBasisKindLabel } from './legal-basis-fields';

/**
 * The arguments so far, above the decision form: each decision already taken on the case with its reasons (a
 * refusal's reasons, the objection, the provider's answer, an extension decision), who gave it and when, oldest
 * first. Data needs: the case's tasks (completed ones carry decision and reason).
 */
export function ArgumentsSoFar({ kase, exceptTaskId }: { kase: CaseDetail; exceptTaskId?: string }) {
  const { t, lang, pick } = useI18n();
  const { name } = useDepartments();
  const decided = kase.tasks
    .filter((task) => task.status === 'completed' && task.decision && task.id !== exceptTaskId)
    .sort((a, b) => (a.completedAt ?? '').localeCompare(b.completedAt ?? ''));
  return (
    <section className="card" aria-labelledby="arguments-title" data-testid="arguments">
      <h2 id="arguments-title">{t('argumentsTitle')}</h2>
      {decided.length === 0 ? (
        <p className="muted">{t('argumentsNone')}</p>
      ) : (
        <ol className="arguments">
          {decided.map((task) => (
            <li key={task.id}>
              <div className="argument-head">
                <strong>{name(task.assigneeDepartmentId)}</strong>
                <span className="muted"> · {pick(task.titleZh, task.titleEn)}</span>
                {task.completedAt ? (
                  <span className="muted">
                    {' '}
                    · <time dateTime={task.completedAt}>{formatInstant(task.completedAt, lang)}</time>
                  </span>
                ) : null}
              </div>
              <p>
                {t('decision')}
                {colon(lang)}
                <strong>{decisionLabel(task.decision!, lang, task.step)}</strong>
              </p>
              {task.reason ? (
                <blockquote className="argument-reason">
                  <span className="muted">
                    {t('reason')}
                    {colon(lang)}
                  </span>
                  {task.reason}
                </blockquote>
              ) : null}
              {task.legalBasis ? (
                <p className="argument-basis" data-testid="argument-legal-basis">
                  <span className="muted">
                    {t('legalBasisTitle')}
                    {colon(lang)}
                  </span>
                  {legalBasisKindLabel(task.legalBasis.kind, lang)} · {task.legalBasis.title} {task.legalBasis.article}
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
