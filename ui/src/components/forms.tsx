import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../api';
import { useI18n, type Translate } from '../i18n';
import { decisionLabel } from '../labels';
import type { Lang } from '../i18n';

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
  children: (props: InputProps) => ReactNode;
}

/** A labelled control with its hint and, next to it, the error the API reported for it. */
export function Field({ id, label, hint, error, required, children }: FieldProps) {
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
      {error ? (
        <p id={`${id}-error`} className="field-error" data-testid={`error-${id}`}>
          {error}
        </p>
      ) : null}
    </div>
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

/** The API's English validation messages in the interface's language, where we recognise them. */
export function localizeFieldError(message: string, t: Translate, lang: Lang): string {
  // The API's own bilingual messages ("English / 中文"): the Chinese half in Chinese mode, the English half otherwise.
  const halves = /^(.*) \/ (.*[\u4e00-\u9fff].*)$/.exec(message);
  if (halves) return lang === 'zh' ? halves[2]! : halves[1]!;
  if (lang === 'en') return message;
  if (message === 'is required') return t('required');
  const short = /must NOT have fewer than (\d+) characters/.exec(message);
  if (short) return t('tooShort', { n: short[1]! });
  if (/must not be in the future/.test(message)) return t('mustBePast');
  const reasons = /Decision "([^"]+)" requires written reasons/.exec(message);
  if (reasons) return t('reasonRequiredHint', { decision: decisionLabel(reasons[1]!, lang) });
  if (/extension request needs reasons/.test(message)) return '延期申请须说明理由';
  if (/no catalogue entry/.test(message)) return `目录中没有此条目（${message}）`;
  if (/own department’s entry/.test(message)) return '这是本部门的目录条目，请申请其他部门的数据';
  if (/only the department that provides this entry/.test(message)) return '只有该条目的提供部门可以办理';
  return message;
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
        const byField = error.fieldErrors(prefix);
        for (const [field, message] of Object.entries(byField)) {
          const text = localizeFieldError(message, t, lang);
          if (knownFields.includes(field)) fields[field] = text;
          else general.push(`${field}: ${text}`);
        }
        if (Object.keys(byField).length === 0) {
          general.push(error.status === 0 ? t('networkError') : (error.problem.detail ?? error.problem.title));
        }
      } else {
        general.push((error as Error).message);
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
