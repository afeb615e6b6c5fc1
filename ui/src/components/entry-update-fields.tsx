import { choicesFor } from '../catalogue-vocabulary';
import { useI18n } from '../i18n';
import { entryFieldLabels, label } from '../labels';
import { Field } from './forms';

/** The fields of a catalogue entry a department updates in a catalogue change (activities/catalogue.ts applies them). */
export const updateFields = ['updateFrequency', 'securityLevel', 'scopeOfUse', 'conditions', 'legalBasis', 'dataFormat'] as const;
export type UpdateField = (typeof updateFields)[number];

/**
 * The catalogue entry's fields as the department updates them: each starts from the entry's current value, fixed
 * vocabularies (update frequency, security level) are choices, the others text; a changed field is marked. The
 * sharing attribute is not among them: a catalogue change does not set it (the negative-list process does).
 */
export function EntryUpdateFields({
  current,
  values,
  error,
  onChange,
}: {
  current: Partial<Record<UpdateField, string | null>>;
  values: Partial<Record<UpdateField, string>>;
  error?: string;
  onChange(field: UpdateField, value: string): void;
}) {
  const { t, lang } = useI18n();
  return (
    <fieldset className="field" id="decide-payload" tabIndex={-1} data-testid="entry-update">
      <legend>{t('payloadTitle')}</legend>
      <p className="hint">{t('payloadHint')}</p>
      {updateFields.map((f) => {
        const now = current[f] ?? '';
        const value = values[f] ?? now;
        const choices = choicesFor(f, now);
        const changed = value !== now;
        return (
          <Field
            key={f}
            id={`decide-payload-${f}`}
            label={label(entryFieldLabels, f, lang)}
            hint={changed ? `${t('changesCurrent')}${lang === 'zh' ? '：' : ': '}${now || '—'}` : undefined}
            count={choices ? undefined : { value, max: 2000 }}
          >
            {(p) =>
              choices ? (
                <select {...p} value={value} onChange={(e) => onChange(f, e.target.value)} className={changed ? 'changed' : undefined}>
                  {now === '' ? <option value="">—</option> : null}
                  {choices.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              ) : (
                <input {...p} value={value} maxLength={2000} onChange={(e) => onChange(f, e.target.value)} className={changed ? 'changed' : undefined} />
              )
            }
          </Field>
        );
      })}
      {error ? <p className="field-error">{error}</p> : null}
    </fieldset>
  );
}
