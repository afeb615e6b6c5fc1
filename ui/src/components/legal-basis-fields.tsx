import { bilingual } from '../format';
import { useI18n } from '../i18n';
import { label, packLabels } from '../labels';
import type { LegalBasisKind, Task } from '../types';

/** What each kind of instrument is called (the API's rules/legal-basis.ts names them the same). */
const kindLabels: Record<LegalBasisKind, { zh: string; en: string }> = {
  law: { zh: '法律', en: 'Law' },
  'administrative-regulation': { zh: '行政法规', en: 'Administrative regulation' },
  'local-regulation': { zh: '地方性法规', en: 'Local regulation' },
  'national-policy': { zh: '党中央、国务院政策（国家政策）', en: 'Policy of the CPC Central Committee and the State Council (national policy)' },
};
import { Field, FieldSet } from './forms';

/** What the decider has typed of a legal basis so far (kind not yet chosen: ''). */
export interface LegalBasisDraft {
  kind: LegalBasisKind | '';
  title: string;
  article: string;
}

export const emptyLegalBasis: LegalBasisDraft = { kind: '', title: '', article: '' };

/** Whether the draft names kind, instrument and article (what the API checks, before anything is sent). */
export function isCompleteLegalBasis(draft: LegalBasisDraft): boolean {
  return draft.kind !== '' && draft.title.trim() !== '' && draft.article.trim() !== '';
}

/** The kind of instrument in the current language. */
export function legalBasisKindLabel(kind: LegalBasisKind, lang: 'zh' | 'en'): string {
  return kindLabels[kind]?.[lang] ?? kind;
}

/**
 * The legal basis of a refusal: the kind of instrument, offered only among those the case's text admits, its name and
 * the article. Shown only when the chosen decision needs one.
 */
export function LegalBasisFields({
  rule,
  value,
  error,
  onChange,
}: {
  rule: NonNullable<Task['legalBasisRule']>;
  value: LegalBasisDraft;
  error?: string;
  onChange(next: LegalBasisDraft): void;
}) {
  const { t, lang } = useI18n();
  const article = lang === 'zh'
    ? `《${label(packLabels, rule.citation.source, lang)}》${bilingual(rule.citation.article, lang)}`
    : `${label(packLabels, rule.citation.source, lang)}, ${bilingual(rule.citation.article, lang)}`;
  const kinds = rule.kinds.map((k) => legalBasisKindLabel(k, lang)).join(lang === 'zh' ? '、' : ', ');
  return (
    <FieldSet id="decide-legalBasis" legend={t('legalBasisTitle')} required error={error}>
      <p className="hint" data-testid="legal-basis-hint">
        {t('refusalBasisHint', { article, kinds })}
      </p>
      <Field id="decide-legalBasis-kind" label={t('legalBasisKind')} required>
        {(p) => (
          <select {...p} name="legalBasisKind" value={value.kind} onChange={(e) => onChange({ ...value, kind: e.target.value as LegalBasisKind | '' })}>
            <option value="">{lang === 'zh' ? '请选择' : 'Choose'}</option>
            {rule.kinds.map((k) => (
              <option key={k} value={k}>
                {legalBasisKindLabel(k, lang)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field id="decide-legalBasis-title" label={t('legalBasisName')} hint={t('legalBasisNameHint')} required count={{ value: value.title, max: 200 }}>
        {(p) => <input {...p} name="legalBasisTitle" maxLength={200} value={value.title} onChange={(e) => onChange({ ...value, title: e.target.value })} />}
      </Field>
      <Field id="decide-legalBasis-article" label={t('legalBasisArticle')} hint={t('legalBasisArticleHint')} required>
        {(p) => <input {...p} name="legalBasisArticle" maxLength={100} value={value.article} onChange={(e) => onChange({ ...value, article: e.target.value })} />}
      </Field>
    </FieldSet>
  );
}
