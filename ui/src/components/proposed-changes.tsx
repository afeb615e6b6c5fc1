import { useI18n } from '../i18n';
import { entryFieldLabels, label } from '../labels';
import type { CaseDetail, CatalogueEntry } from '../types';

const submissionSteps = new Set(['submit-update', 'correct-update', 'report-update']);

/** The catalogue fields the department last submitted on this case (the `payload` of its submission's audit entry). */
export function submittedChanges(kase: CaseDetail): Record<string, string | null> | null {
  const stepOf = new Map(kase.tasks.map((task) => [task.id, task.step]));
  for (const entry of [...kase.timeline].reverse()) {
    if (entry.action !== 'task.completed' || !entry.taskId || !submissionSteps.has(stepOf.get(entry.taskId) ?? '')) continue;
    const payload = entry.details.payload;
    if (payload && typeof payload === 'object') return payload as Record<string, string | null>;
  }
  return null;
}

/**
 * What a catalogue change proposes, field by field: the entry's value now beside the value submitted, the changed
 * ones marked (values exactly as written, both languages). Once approved the change is in the catalogue, and the table says so. Data needs: the case (its
 * timeline holds the submission) and the catalogue entry.
 */
export function ProposedChanges({ kase, entry }: { kase: CaseDetail; entry: CatalogueEntry | null | undefined }) {
  const { t, lang } = useI18n();
  const changes = submittedChanges(kase);
  const applied = kase.timeline.some((a) => a.action === 'catalogue.changed');
  return (
    <section className="card" aria-labelledby="changes-title" data-testid="proposed-changes">
      <h2 id="changes-title">{t('changesTitle')}</h2>
      {!changes || Object.keys(changes).length === 0 ? (
        <p className="muted">{t('changesNone')}</p>
      ) : (
        <>
          {applied ? <p className="notice notice-ok">{t('changesApplied')}</p> : null}
          <div className="table-scroll">
            <table className="diff">
              <thead>
                <tr>
                  <th scope="col">{t('changesField')}</th>
                  {applied ? null : <th scope="col">{t('changesCurrent')}</th>}
                  <th scope="col">{t('changesProposed')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(changes).map(([field, proposed]) => {
                  const current = entry ? ((entry as unknown as Record<string, string | null | undefined>)[field] ?? null) : undefined;
                  const changed = applied || current === undefined || (current ?? '') !== (proposed ?? '');
                  return (
                    <tr key={field} className={changed ? 'diff-changed' : undefined} data-field={field}>
                      <th scope="row">{label(entryFieldLabels, field, lang)}</th>
                      {applied ? null : <td className="diff-old">{current === undefined ? '…' : current || '—'}</td>}
                      <td className="diff-new">
                        {!applied ? <span className="sr-only">{changed ? t('changesChangedTo') : t('changesUnchanged')}</span> : null}
                        {proposed || '—'}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
