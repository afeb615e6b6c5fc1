import { Fragment, useRef, useState, type FormEvent } from 'react';
import { api, newIdempotencyKey } from '../api';
import { useUser } from '../auth';
import { rememberCases } from '../cases';
import { PageTitle, useDepartments } from '../components/common';
import { ErrorSummary, Field, FieldSet, useSubmit, type InputProps } from '../components/forms';
import { bilingual, colon, formatDate, localInputToInstant, shanghaiDate, nowAsLocalInput, todayInShanghai } from '../format';
import { useLoad } from '../hooks';
import { useI18n, type MessageKey } from '../i18n';
import { label, processLabels, sharingLabels, triggerLabels } from '../labels';
import { Link, paths, useRouter } from '../router';
import type { CatalogueEntry, NegativeListEntry, Process } from '../types';
import { mayRegisterLate, mayStart } from './cases';
import { useDraft } from '../drafts';

interface FieldSpec {
  name: string;
  label: MessageKey;
  kind: 'entry' | 'ownEntry' | 'text' | 'textarea' | 'datetime' | 'date' | 'trigger' | 'route' | 'department';
  required?: boolean;
  minLength?: number;
  maxLength: number;
  hint?: MessageKey;
}

const entry: FieldSpec = { name: 'catalogueEntryId', label: 'catalogueEntry', kind: 'entry', required: true, minLength: 1, maxLength: 100 };

/** Each process's form as a department submits it (api/schemas/share-requests.ts, cases.ts): received when it arrives. */
const forms: Record<Process, FieldSpec[]> = {
  'share-request': [
    entry,
    { name: 'scenario', label: 'scenario', kind: 'textarea', required: true, minLength: 4, maxLength: 2000, hint: 'scenarioHint' },
    { name: 'basis', label: 'basis', kind: 'textarea', maxLength: 2000 },
  ],
  'catalogue-change': [
    entry,
    { name: 'trigger', label: 'trigger', kind: 'trigger', required: true, maxLength: 20, hint: 'triggerHint' },
    { name: 'changedAt', label: 'changedAt', kind: 'date', required: true, maxLength: 10, hint: 'changedAtHint' },
    { name: 'description', label: 'description', kind: 'textarea', required: true, minLength: 4, maxLength: 2000 },
  ],
  'quality-dispute': [
    entry,
    { name: 'description', label: 'description', kind: 'textarea', required: true, minLength: 4, maxLength: 4000 },
    { name: 'evidence', label: 'evidence', kind: 'textarea', maxLength: 4000 },
    { name: 'route', label: 'route', kind: 'route', maxLength: 20, hint: 'routeHint' },
  ],
  'negative-list': [
    entry,
    { name: 'legalBasis', label: 'legalBasis', kind: 'textarea', required: true, minLength: 4, maxLength: 1000, hint: 'legalBasisHint' },
    { name: 'reason', label: 'negReason', kind: 'textarea', required: true, minLength: 4, maxLength: 4000 },
  ],
  'data-inconsistency': [
    { ...entry, hint: 'otherEntryHint' },
    { name: 'ownEntryId', label: 'ownEntryId', kind: 'ownEntry', required: true, minLength: 1, maxLength: 100, hint: 'ownEntryHint' },
    { name: 'inconsistency', label: 'inconsistency', kind: 'textarea', required: true, minLength: 4, maxLength: 4000, hint: 'inconsistencyHint' },
  ],
};

/** Where a data-quality review is applied for (Anhui art. 26 para. 2); the API refuses `direct` under other texts. */
const routes = ['platform', 'direct'] as const;

/** The processes whose case entry is another department's (data inconsistent with ours is the other's entry). */
const requesterSide = (process: Process) => process === 'share-request' || process === 'quality-dispute' || process === 'data-inconsistency';

/**
 * The same form as the authority's reviewer registers it after the fact: for which department (a requester's
 * process; a provider's is the entry's provider), the earlier receipt date and why — all required.
 */
function lateRegistrationForm(process: Process): FieldSpec[] {
  const date = 'receivedAt';
  return [
    ...(requesterSide(process) ? [{ name: 'onBehalfOf', label: 'onBehalfOf', kind: 'department', required: true, maxLength: 40, hint: 'onBehalfOfHint' } as const] : []),
    ...forms[process],
    { name: date, label: date, kind: 'datetime', required: true, maxLength: 40, hint: 'receivedAtHint' },
    { name: `${date}Reason`, label: 'receivedAtReason', kind: 'textarea', required: true, minLength: 4, maxLength: 1000, hint: 'receivedAtReasonHint' },
  ];
}

/** The article that binds a requester to its scenario, of the requester's own province's text only. */
function scenarioHintOf(jurisdiction: string | undefined): MessageKey {
  return jurisdiction === 'hebei' ? 'scenarioHintHebei' : jurisdiction === 'anhui' ? 'scenarioHintAnhui' : 'scenarioHint';
}

export function NewCaseView({ process }: { process: Process }) {
  const user = useUser();
  const { t, lang, pick } = useI18n();
  const { query, navigate } = useRouter();
  const { list: departments } = useDepartments();
  // A department submits for itself; the authority's reviewer only registers late (and never sees the date otherwise).
  const late = !mayStart(process, user) && mayRegisterLate(user);
  const spec = late ? lateRegistrationForm(process) : forms[process];
  const ours = departments.filter((d) => d.kind === 'department' && d.authorityId === user.departmentId);
  // What is typed survives a reload, back and forward, and an expired session (drafts.ts), and so does the form's
  // Idempotency-Key: the same form sent again after a reload is still recorded once.
  // One draft per form and per entry it was opened for (申请 from the catalogue names the entry).
  const draft = `${user.id}:new-case:${process}${late ? ':late' : ''}:${query.get('entry') ?? ''}`;
  const [values, setValues, dropValues] = useDraft<Record<string, string>>(`${draft}:values`, () => ({ catalogueEntryId: query.get('entry') ?? '' }));
  const [local, setLocal] = useState<Record<string, string>>({});
  const [idempotencyKey, setIdempotencyKey, dropKey] = useDraft(`${draft}:key`, newIdempotencyKey);
  const key = useRef(idempotencyKey);
  key.current = idempotencyKey;
  const submit = useSubmit(spec.map((f) => f.name));
  const catalogue = useLoad((signal) => api.catalogue(signal), []);
  // A request for an entry classed 不予共享: what happens to it depends on whether an approved negative list lists it.
  const negative = useLoad((signal) => (process === 'share-request' ? api.negativeList(signal) : Promise.resolve([])), [process]);
  const chosen = catalogue.state === 'ok' ? catalogue.data.find((e) => e.id === (values.catalogueEntryId ?? '').trim()) : undefined;
  const providerSide = !requesterSide(process);
  const submitter = late ? (values.onBehalfOf ?? '') : user.departmentId;
  const entries =
    catalogue.state !== 'ok'
      ? []
      : late && providerSide
        ? catalogue.data.filter((e) => ours.some((d) => d.id === e.providerDepartmentId))
        : catalogue.data.filter((e) => (e.providerDepartmentId === submitter) === providerSide);
  // Inconsistent data (Anhui art. 27): the submitter's own entry of the same category.
  const ownEntries = catalogue.state !== 'ok' ? [] : catalogue.data.filter((e) => e.providerDepartmentId === submitter);
  const title = t(late ? 'lateRegistrationTitle' : 'newCaseTitle', { process: label(processLabels, process, lang) });

  if (!mayStart(process, user) && !late) {
    return (
      <>
        <PageTitle>{title}</PageTitle>
        <p className="notice notice-info">{lang === 'zh' ? '您的角色不能发起此流程。' : 'Your role cannot start this process.'}</p>
      </>
    );
  }

  function set(name: string, value: string) {
    setValues((v) => ({ ...v, [name]: value }));
    // A changed form is a new submission: a new Idempotency-Key. Sending the same form again reuses the key.
    setIdempotencyKey(newIdempotencyKey());
    submit.clearField(name);
    setLocal((l) => {
      if (!(name in l)) return l;
      const next = { ...l };
      delete next[name];
      return next;
    });
  }

  function validate(): Record<string, string> {
    const errors: Record<string, string> = {};
    for (const f of spec) {
      const v = (values[f.name] ?? '').trim();
      if (f.required && !v) errors[f.name] = t('required');
      else if (v && f.minLength && [...v].length < f.minLength) errors[f.name] = t('tooShort', { n: f.minLength });
      else if (v && f.kind === 'datetime' && Date.parse(localInputToInstant(v)) > Date.now()) errors[f.name] = t('mustBePast');
      else if (v && f.kind === 'date' && v > todayInShanghai()) errors[f.name] = t('mustBePast');
    }
    return errors;
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const errors = validate();
    setLocal(errors);
    if (Object.keys(errors).length) return;
    const body: Record<string, string> = {};
    for (const f of spec) {
      const v = (values[f.name] ?? '').trim();
      if (!v) continue;
      body[f.name] = f.kind === 'datetime' ? localInputToInstant(v) : v;
    }
    const created = await submit.run(() => api.submit(process, body, key.current));
    if (created) {
      dropValues();
      dropKey();
      rememberCases([created]);
      navigate(`${paths.case(process, created.id)}?created=1`);
    }
  }

  const fieldErrors = { ...submit.fields, ...local };
  const labels = Object.fromEntries(spec.map((f) => [f.name, t(f.label)]));
  return (
    <>
      <PageTitle>{title}</PageTitle>
      {late ? <p className="notice notice-info">{t('lateRegistrationIntro')}</p> : null}
      <form className="card form" onSubmit={onSubmit} noValidate data-testid="new-case-form">
        <ErrorSummary formId="nc" fields={fieldErrors} general={submit.general} labels={labels} />
        {spec.map((f) => {
          const id = `nc-${f.name}`;
          const value = values[f.name] ?? '';
          const error = fieldErrors[f.name];
          if (f.kind === 'route') {
            return (
              <FieldSet key={f.name} id={id} legend={t(f.label)} error={error}>
                {f.hint ? <p className="hint">{t(f.hint)}</p> : null}
                <div className="choices">
                  {routes.map((v) => (
                    <label key={v} className="choice">
                      <input type="radio" name="route" value={v} checked={(value || 'platform') === v} onChange={() => set('route', v)} />
                      <span>{t(v === 'direct' ? 'routeDirect' : 'routePlatform')}</span>
                    </label>
                  ))}
                </div>
              </FieldSet>
            );
          }
          if (f.kind === 'trigger') {
            return (
              <FieldSet key={f.name} id={id} legend={t(f.label)} required error={error}>
                {f.hint ? <p className="hint">{t(f.hint)}</p> : null}
                <div className="choices">
                  {Object.keys(triggerLabels).map((v) => (
                    <label key={v} className="choice">
                      <input type="radio" name="trigger" value={v} checked={value === v} onChange={() => set('trigger', v)} />
                      <span>{label(triggerLabels, v, lang)}</span>
                    </label>
                  ))}
                </div>
              </FieldSet>
            );
          }
          const field = (
            <Field
              key={f.name}
              id={id}
              label={t(f.label)}
              required={f.required}
              error={error}
              hint={f.hint ? t(f.hint === 'scenarioHint' ? scenarioHintOf(user.departmentJurisdiction) : f.hint) : undefined}
              count={f.kind === 'textarea' ? { value, max: f.maxLength } : undefined}
            >
              {(p) =>
                f.kind === 'department' ? (
                  <select {...p} name={f.name} value={value} onChange={(e) => set(f.name, e.target.value)}>
                    <option value="" />
                    {ours.map((d) => (
                      <option key={d.id} value={d.id}>
                        {pick(d.nameZh, d.nameEn)}
                      </option>
                    ))}
                  </select>
                ) : f.kind === 'textarea' ? (
                  <textarea {...p} name={f.name} rows={3} maxLength={f.maxLength} value={value} onChange={(e) => set(f.name, e.target.value)} />
                ) : f.kind === 'date' ? (
                  <input {...p} name={f.name} type="date" max={todayInShanghai()} value={value} onChange={(e) => set(f.name, e.target.value)} className="input-medium" />
                ) : f.kind === 'datetime' ? (
                  <input {...p} name={f.name} type="datetime-local" max={nowAsLocalInput()} value={value} onChange={(e) => set(f.name, e.target.value)} className="input-medium" />
                ) : f.kind === 'ownEntry' ? (
                  <EntryPicker input={p} name={f.name} listId="nc-own-entries" entries={ownEntries} value={value} onChange={(v) => set(f.name, v)} />
                ) : f.kind === 'entry' ? (
                  <EntryPicker
                    input={p}
                    name={f.name}
                    listId="nc-entries"
                    entries={entries}
                    value={value}
                    onChange={(v) => set(f.name, v)}
                    withAttribute
                    describe={chosen}
                  />
                ) : (
                  <input {...p} name={f.name} maxLength={f.maxLength} value={value} onChange={(e) => set(f.name, e.target.value)} />
                )
              }
            </Field>
          );
          return f.kind === 'entry' && process === 'share-request' && chosen?.sharingAttribute === 'not-shared' ? (
            <Fragment key={f.name}>
              {field}
              <NotSharedWarning entry={chosen} listed={negative.state === 'ok' ? negative.data.find((n) => n.catalogueEntryId === chosen.id) : undefined} />
            </Fragment>
          ) : (
            field
          );
        })}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={submit.busy}>
            {submit.busy ? t('submitting') : t('submit')}
          </button>
          <Link to={paths.cases()} className="btn btn-ghost">
            {t('cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

/**
 * A catalogue entry typed by id, with the entries the form offers as suggestions (by name, and where it matters their
 * sharing attribute) and what the typed entry is below it. `describe`: the entry to describe, when it is looked up in
 * more than the offered ones.
 */
function EntryPicker(props: {
  input: InputProps;
  name: string;
  listId: string;
  entries: CatalogueEntry[];
  value: string;
  onChange(value: string): void;
  withAttribute?: boolean;
  describe?: CatalogueEntry;
}) {
  const { lang, pick, t } = useI18n();
  const { input, name, listId, entries, value, onChange, withAttribute } = props;
  return (
    <>
      <input
        {...input}
        name={name}
        list={entries.length ? listId : undefined}
        placeholder={t('entryPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className="input-medium mono"
      />
      {entries.length ? (
        <datalist id={listId}>
          {entries.map((e) => (
            <option key={e.id} value={e.id}>
              {pick(e.nameZh, e.nameEn)}
              {withAttribute ? ` · ${label(sharingLabels, e.sharingAttribute, lang)}` : ''}
            </option>
          ))}
        </datalist>
      ) : null}
      <EntryInfo entry={'describe' in props ? props.describe : entries.find((e) => e.id === value.trim())} />
    </>
  );
}

function EntryInfo({ entry }: { entry?: CatalogueEntry }) {
  const { lang, pick } = useI18n();
  return (
    <p className="entry-info" aria-live="polite">
      {entry ? (
        <>
          <strong>{pick(entry.nameZh, entry.nameEn)}</strong> <span className={`tag share-${entry.sharingAttribute}`}>{label(sharingLabels, entry.sharingAttribute, lang)}</span>
          {entry.providerNameZh && entry.providerNameEn ? ` · ${pick(entry.providerNameZh, entry.providerNameEn)}` : ''}
          {entry.conditions ? ` · ${bilingual(entry.conditions, lang)}` : ''}
        </>
      ) : null}
    </p>
  );
}

/**
 * Before a request for an entry classed 不予共享 is sent: what will happen to it (docs/RULES.md) — refused at once only
 * where an approved negative list makes it so, otherwise decided as conditional data is — and the legal basis the
 * catalogue states.
 */
function NotSharedWarning({ entry, listed }: { entry: CatalogueEntry; listed?: NegativeListEntry }) {
  const { t, lang } = useI18n();
  return (
    <div className="notice notice-warn" role="note" aria-labelledby="nc-not-shared-title" data-testid="not-shared-warning">
      <p>
        <strong id="nc-not-shared-title">{t('notSharedWarnTitle')}</strong>
      </p>
      <p>{listed ? t('notSharedWarnListed', { date: formatDate(shanghaiDate(listed.listedAt), lang, { weekday: false }), basis: listed.legalBasis }) : t('notSharedWarnDecided')}</p>
      <p data-testid="not-shared-warning-basis">
        {entry.legalBasis ? (
          <>
            {t('entryLegalBasis')}
            {colon(lang)}
            {entry.legalBasis}
          </>
        ) : (
          t('notSharedWarnNoBasis')
        )}
      </p>
    </div>
  );
}
