import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api';
import { decisionEffect } from '../decision-effects';
import { useI18n } from '../i18n';
import { decisionLabel } from '../labels';
import type { CatalogueEntry, Task } from '../types';
import { ConfirmDialog } from './confirm-dialog';
import { EntryUpdateFields, updateFields, type UpdateField } from './entry-update-fields';
import { ErrorSummary, Field, FieldSet, useSubmit } from './forms';
import { emptyLegalBasis, isCompleteLegalBasis, LegalBasisFields, type LegalBasisDraft } from './legal-basis-fields';
import { useDraft } from '../drafts';
import { useUser } from '../auth';

/** The steps whose completion carries the updated catalogue entry (the department's update of a catalogue change). */
export const payloadSteps = new Set(['submit-update', 'correct-update']);

/** The update's changed fields only: a field left as it stands is not submitted. */
function changedFields(current: Partial<Record<UpdateField, string | null>>, values: Partial<Record<UpdateField, string>>): Record<string, string | null> {
  const changed: Record<string, string | null> = {};
  for (const f of updateFields) {
    const value = values[f];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed !== (current[f] ?? '')) changed[f] = trimmed === '' ? null : trimmed;
  }
  return changed;
}

/**
 * The statutory decisions a step allows. Nothing is chosen for the user, even when the step has one decision; what
 * the law requires (a choice, reasons for a refusal) is checked before anything is sent; then a dialog states the
 * act and its legal effect, and only its confirm button sends it.
 */
export function DecisionForm({
  task,
  entry,
  onDone,
  onActedOn,
}: {
  task: Task;
  entry: CatalogueEntry | null | undefined;
  onDone(decision: string): void;
  /** Someone else completed or claimed the task meanwhile: what the API said (who, what, when). */
  onActedOn(message: string): void;
}) {
  const { t, lang } = useI18n();
  const user = useUser();
  // What is typed survives a reload, back and forward, and an expired session (drafts.ts); dropped once it is sent.
  const draft = `${user.id}:decide:${task.id}`;
  const [decision, setDecision, dropDecision] = useDraft(`${draft}:decision`, () => '');
  const [reason, setReason, dropReason] = useDraft(`${draft}:reason`, () => '');
  const [payload, setPayload, dropPayload] = useDraft<Partial<Record<UpdateField, string>>>(`${draft}:payload`, () => ({}));
  const [legalBasis, setLegalBasis, dropLegalBasis] = useDraft<LegalBasisDraft>(`${draft}:legalBasis`, () => emptyLegalBasis);
  const dropDraft = () => [dropDecision, dropReason, dropPayload, dropLegalBasis].forEach((drop) => drop());
  const [confirming, setConfirming] = useState(false);
  const withPayload = payloadSteps.has(task.step);
  const submit = useSubmit(['decision', 'reason', 'payload', 'legalBasis']);
  const reasonRequired = decision !== '' && task.reasonRequiredFor.includes(decision);
  const current: Partial<Record<UpdateField, string | null>> = entry ?? {};
  const rule = task.legalBasisRule ?? null;
  // A refusal needs its legal basis. (The update form does not change the sharing attribute, so classing an entry
  // restrictively, which in Anhui needs one too, does not arise here; the API checks it for other clients.)
  const basisRequired = rule !== null && decision !== '' && rule.requiredFor.includes(decision);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing: Record<string, string> = {};
    if (!decision) missing.decision = t('required');
    else if (reasonRequired && !reason.trim()) missing.reason = t('reasonRequiredHint', { decision: decisionLabel(decision, lang, task.step) });
    if (decision && basisRequired && !isCompleteLegalBasis(legalBasis)) missing.legalBasis = t('legalBasisMissing');
    if (Object.keys(missing).length) submit.reject(missing);
    else setConfirming(true);
  }

  async function send() {
    setConfirming(false);
    const changed = withPayload ? changedFields(current, payload) : {};
    const result = await submit.run(async () => {
      try {
        return await api.complete(task.id, {
          decision,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(basisRequired && legalBasis.kind ? { legalBasis: { kind: legalBasis.kind, title: legalBasis.title.trim(), article: legalBasis.article.trim() } } : {}),
          ...(Object.keys(changed).length ? { payload: changed } : {}),
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409) {
          // The task is someone else's decision now: nothing of this draft can be sent any more.
          dropDraft();
          onActedOn(error.text(lang));
        }
        throw error;
      }
    });
    if (result) {
      dropDraft();
      onDone(decisionLabel(decision, lang, task.step));
    }
  }

  const labels = { decision: t('decision'), reason: t('reason'), payload: t('payloadTitle'), legalBasis: t('legalBasisTitle') };
  const chosen = decision ? decisionLabel(decision, lang, task.step) : '';
  return (
    <form onSubmit={onSubmit} noValidate data-testid="decision-form">
      <ErrorSummary formId="decide" fields={submit.fields} general={submit.general} labels={labels} />
      <FieldSet id="decide-decision" legend={t('decision')} required error={submit.fields.decision}>
        <div className="choices">
          {task.decisions.map((d) => (
            <label key={d} className="choice">
              <input
                type="radio"
                name="decision"
                value={d}
                checked={decision === d}
                onChange={() => {
                  setDecision(d);
                  submit.clearField('decision');
                }}
              />
              <span>
                {decisionLabel(d, lang, task.step)}
                {task.reasonRequiredFor.includes(d) ? (
                  <span className="muted">
                    {rule?.requiredFor.includes(d)
                      ? lang === 'zh'
                        ? '（须说明理由和法律依据）'
                        : ' (reasons and legal basis required)'
                      : lang === 'zh'
                        ? '（须说明理由）'
                        : ' (reasons required)'}
                  </span>
                ) : null}
              </span>
            </label>
          ))}
        </div>
      </FieldSet>
      <Field
        id="decide-reason"
        label={t('reason')}
        required={reasonRequired}
        error={submit.fields.reason}
        hint={reasonRequired ? t('reasonRequiredHint', { decision: chosen }) : t('reasonHint')}
        count={{ value: reason, max: 4000 }}
      >
        {(p) => (
          <textarea
            {...p}
            name="reason"
            rows={4}
            maxLength={4000}
            value={reason}
            onChange={(e) => {
              setReason(e.target.value);
              submit.clearField('reason');
            }}
          />
        )}
      </Field>
      {basisRequired && rule ? (
        <LegalBasisFields
          rule={rule}
          value={legalBasis}
          error={submit.fields.legalBasis}
          onChange={(next) => {
            setLegalBasis(next);
            submit.clearField('legalBasis');
          }}
        />
      ) : null}
      {withPayload ? (
        <EntryUpdateFields
          current={current}
          values={payload}
          error={submit.fields.payload}
          onChange={(field, value) => {
            setPayload((old) => ({ ...old, [field]: value }));
            submit.clearField('payload');
          }}
        />
      ) : null}
      <button type="submit" className="btn btn-primary" disabled={submit.busy}>
        {submit.busy ? t('submitting') : t('submitDecision')}
      </button>
      <ConfirmDialog
        open={confirming}
        title={chosen}
        question={decision ? decisionEffect(decision, task.step, lang) : ''}
        confirmLabel={t('confirmSend', { decision: chosen })}
        onConfirm={() => void send()}
        onCancel={() => setConfirming(false)}
      />
    </form>
  );
}
