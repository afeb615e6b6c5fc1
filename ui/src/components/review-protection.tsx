import { useState, type FormEvent } from 'react';
import { api } from '../api';
import { useUser } from '../auth';
import { zhIsBackTranslated } from '../citation-labels';
import { formatInstant } from '../format';
import { useI18n } from '../i18n';
import { holderLabels, label } from '../labels';
import type { CaseDetail, ProofShown } from '../types';
import { useDepartments } from './common';
import { ErrorSummary, Field, FieldSet, useSubmit } from './forms';

/**
 * Anhui art. 26 para. 3 on a data-quality dispute, for everyone handling the case (it is part of the facts on the case
 * page and on each task's page): the flag that a service applicant has shown legal and effective proof while the
 * review is pending, what was shown and who recorded it, and the paragraph itself — the English as our source has it,
 * the Chinese labelled as our back-translation. A party records the flag while the review is pending.
 */
export function ReviewProtectionFacts({ kase }: { kase: CaseDetail }) {
  const { t, lang } = useI18n();
  const { name } = useDepartments();
  const user = useUser();
  const rule = kase.reviewProtection;
  const [recorded, setRecorded] = useState<ProofShown[]>(() => (kase.details?.proofShown as ProofShown[] | undefined) ?? []);
  if (!rule) return null;
  const party = [kase.requesterDepartmentId, kase.providerDepartmentId, kase.authorityDepartmentId].includes(user.departmentId);
  const flagged = recorded.length > 0;
  return (
    <section className={`card notice ${flagged ? 'notice-warn' : 'notice-info'}`} aria-labelledby="proof-title" data-testid="review-protection">
      <h2 id="proof-title">{flagged ? t('proofShownTitle') : t('proofRuleHeading')}</h2>
      {flagged ? (
        <ul data-testid="proof-shown">
          {recorded.map((p) => (
            <li key={`${p.recordedAt}-${p.recordedBy}`}>
              <strong>{label(holderLabels, p.holder, lang)}</strong> · {p.matter} · {p.proof}{' '}
              <span className="hint">{t('proofRecordedBy', { dept: name(p.departmentId), at: formatInstant(p.recordedAt, lang) })}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('proofShownNone')}</p>
      )}
      <p>
        <strong>{t('proofRuleHeading')}</strong> ({rule.citation.article})
      </p>
      <blockquote lang={lang === 'zh' ? 'zh-CN' : 'en'} data-testid="proof-rule">
        {lang === 'zh' ? rule.citation.textZh : rule.citation.textEn}
      </blockquote>
      {lang === 'zh' && zhIsBackTranslated(rule.citation) ? <p className="hint">{t('citationZhBackTranslated')}</p> : null}
      <p className="hint">{lang === 'zh' ? rule.zh : rule.en}</p>
      {rule.pending && party ? <RecordProof caseId={kase.id} onRecorded={setRecorded} /> : !rule.pending ? <p className="hint">{t('proofNotPending')}</p> : null}
    </section>
  );
}

function RecordProof({ caseId, onRecorded }: { caseId: string; onRecorded: (all: ProofShown[]) => void }) {
  const { t, lang } = useI18n();
  const [values, setValues] = useState({ holder: '', matter: '', proof: '' });
  const submit = useSubmit(['holder', 'matter', 'proof']);
  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const missing = Object.fromEntries(Object.entries(values).filter(([, v]) => !v.trim()).map(([k]) => [k, t('required')]));
    if (Object.keys(missing).length) return submit.reject(missing);
    const done = await submit.run(() => api.proofShown(caseId, values));
    if (done) {
      onRecorded(done.proofShown);
      setValues({ holder: '', matter: '', proof: '' });
    }
  }
  const labels = { holder: t('proofHolder'), matter: t('proofMatter'), proof: t('proofProof') };
  return (
    <details>
      <summary>{t('proofShownRecord')}</summary>
      <form className="form" onSubmit={onSubmit} noValidate data-testid="proof-form">
        <ErrorSummary formId="pf" fields={submit.fields} general={submit.general} labels={labels} />
        <FieldSet id="pf-holder" legend={labels.holder} required error={submit.fields.holder}>
          <div className="choices">
            {Object.keys(holderLabels).map((v) => (
              <label key={v} className="choice">
                <input type="radio" name="holder" value={v} checked={values.holder === v} onChange={() => setValues((s) => ({ ...s, holder: v }))} />
                <span>{label(holderLabels, v, lang)}</span>
              </label>
            ))}
          </div>
        </FieldSet>
        <Field id="pf-matter" label={labels.matter} required error={submit.fields.matter} count={{ value: values.matter, max: 500 }}>
          {(p) => <input {...p} name="matter" maxLength={500} value={values.matter} onChange={(e) => setValues((s) => ({ ...s, matter: e.target.value }))} />}
        </Field>
        <Field id="pf-proof" label={labels.proof} required error={submit.fields.proof} count={{ value: values.proof, max: 2000 }}>
          {(p) => <textarea {...p} name="proof" rows={2} maxLength={2000} value={values.proof} onChange={(e) => setValues((s) => ({ ...s, proof: e.target.value }))} />}
        </Field>
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {submit.busy ? t('submitting') : t('submit')}
          </button>
        </div>
      </form>
    </details>
  );
}
