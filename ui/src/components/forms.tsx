import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { errorText } from '../error-text';
import { useI18n } from '../i18n';

export interface InputProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
  'aria-required'?: boolean;
}

interface FieldProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string;
  required?: boolean;
  /** A long text's length against its limit, shown under it (characters as the API counts them: code points). */
  count?: { value: string; max: number };
  children: (props: InputProps) => ReactNode;
}

/** A labelled control with its hint and, next to it, the error the API reported for it. */
export function Field({ id, label, hint, error, required, count, children }: FieldProps) {
  const { t } = useI18n();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' has-error' : ''}`}>
      <label htmlFor={id}>
        {label}
        <span className={required ? 'req' : 'opt'}>{required ? t('required') : t('optional')}</span>
      </label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined, 'aria-required': required || undefined })}
      {count ? <CharCount {...count} /> : null}
      {error ? (
        <p id={`${id}-error`} className="field-error" data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** `120 / 2000 字`: quiet while there is room; announced to screen readers once the text nears its limit. */
function CharCount({ value, max }: { value: string; max: number }) {
  const { t } = useI18n();
  const n = [...value].length;
  const near = n >= max * 0.9;
  return (
    <p className={`char-count${near ? ' char-count-near' : ''}`} aria-live={near ? 'polite' : 'off'} data-testid="char-count">
      {t('charCount', { n, max })}
    </p>
  );
}

/** A group of radio buttons (or other controls) with a legend and its error. */
export function FieldSet({ id, legend, error, required, children }: { id: string; legend: string; error?: string; required?: boolean; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <fieldset className={`field${error ? ' has-error' : ''}`} id={id} aria-describedby={error ? `${id}-error` : undefined} tabIndex={-1}>
      <legend>
        {legend}
        <span className={required ? 'req' : 'opt'}>{required ? t('required') : t('optional')}</span>
      </legend>
      {children}
      {error ? (
        <p id={`${id}-error`} className="field-error" data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}

/** The errors of a failed submission, at the top of the form: announced, focused, each linking to its field. */
export function ErrorSummary({ formId, fields, general, labels }: { formId: string; fields: Record<string, string>; general: string[]; labels: Record<string, string> }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  const entries = Object.entries(fields);
  const count = entries.length + general.length;
  useEffect(() => {
    if (count > 0) ref.current?.focus();
  }, [fields, general, count]);
  if (count === 0) return null;
  return (
    <div ref={ref} className="error-summary" role="alert" aria-live="assertive" tabIndex={-1} data-testid={`${formId}-errors`}>
      <p>
        <strong>{t('formHasErrors', { n: count })}</strong>
      </p>
      <ul>
        {entries.map(([field, message]) => (
          <li key={field}>
            <a
              href={`#${formId}-${field}`}
              onClick={(e) => {
                e.preventDefault();
                document.getElementById(`${formId}-${field}`)?.focus();
              }}
            >
              {labels[field] ?? field}: {message}
            </a>
          </li>
        ))}
        {general.map((g) => (
          <li key={g}>{g}</li>
        ))}
      </ul>
    </div>
  );
}

interface SubmitState {
  fields: Record<string, string>;
  general: string[];
  busy: boolean;
}

/**
 * Submission state of a form: the API's field errors (by the field named in `body.<field>`), errors that name no
 * field of the form, and whether it is being sent. What the user typed lives in the caller's state and is never reset
 * by an error.
 */
export function useSubmit(knownFields: string[], prefix = 'body') {
  const { t, lang } = useI18n();
  const [state, setState] = useState<SubmitState>({ fields: {}, general: [], busy: false });
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    setState({ fields: {}, general: [], busy: true });
    try {
      const result = await action();
      setState({ fields: {}, general: [], busy: false });
      return result;
    } catch (error) {
      const fields: Record<string, string> = {};
      const general: string[] = [];
      if (error instanceof ApiError) {
        const byField = error.fieldErrors(lang, prefix);
        for (const [field, message] of Object.entries(byField)) {
          if (knownFields.includes(field)) fields[field] = message;
          else general.push(message);
        }
        if (Object.keys(byField).length === 0) general.push(errorText(error, lang, t));
      } else {
        general.push(errorText(error, lang, t));
      }
      setState({ fields, general, busy: false });
      return undefined;
    }
  }
  /** Shows errors found before sending (a choice missing, reasons the law requires), as if the API had named them. */
  const reject = (fields: Record<string, string>) => setState({ fields, general: [], busy: false });
  const clearField = (field: string) =>
    setState((s) => {
      if (!(field in s.fields)) return s;
      const fields = { ...s.fields };
      delete fields[field];
      return { ...s, fields };
    });
  return { ...state, run, reject, clearField };
}
