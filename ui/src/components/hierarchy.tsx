import { useI18n } from '../i18n';
import type { ApplicableText, HierarchyWarning, TextsOfCase } from '../types';

/** The higher texts a warning names, by title in the current language: 《政务数据共享条例》. */
export function higherTitles(texts: TextsOfCase, lang: 'zh' | 'en'): string {
  const named = (texts.applicableTexts ?? []).filter((x) => texts.warning?.texts.includes(x.id));
  return named.map((x) => (lang === 'zh' ? `《${x.titleZh}》` : `the ${x.titleEn}`)).join(lang === 'zh' ? '、' : ' and ');
}

function TextRow({ text }: { text: ApplicableText }) {
  const { t, lang } = useI18n();
  const title = lang === 'zh' ? `《${text.titleZh}》` : text.titleEn;
  const number = text.number ? (lang === 'zh' ? text.number.zh : text.number.en) : null;
  return (
    <li data-testid={`applicable-text-${text.id}`}>
      <strong>{title}</strong>
      {number ? <span className="muted">{lang === 'zh' ? `（${number}）` : ` (${number})`}</span> : null}
      <span className="muted"> · {lang === 'zh' ? text.rankLabel.zh : text.rankLabel.en}</span>
      {text.loaded ? <span className="tag tag-info">{t('textLoaded')}</span> : <span className="tag tag-warn">{t('textNotLoaded')}</span>}
      {text.deadlinesFrom ? <span className="tag">{t('textDeadlinesFrom')}</span> : null}
    </li>
  );
}

/**
 * Where a higher text applies to the case whose rules are not loaded (from 2025-08-01: 《政务数据共享条例》): the warning,
 * and every text that applies in rank order, each marked loaded or not. Shown beside the deadline, never folded away;
 * nothing when the case's texts are all loaded.
 */
export function HigherTextNotice({ texts }: { texts: TextsOfCase }) {
  const { t, lang } = useI18n();
  const warning: HierarchyWarning | null | undefined = texts.warning;
  if (!warning) return null;
  return (
    <section className="card hierarchy" aria-labelledby="hierarchy-title" data-testid="higher-text-warning">
      <h2 id="hierarchy-title">{t('textsTitle')}</h2>
      <div className="notice notice-warn" role="note">
        <strong>
          <span aria-hidden="true">⚠ </span>
          {t('higherTextWarningLead')}
        </strong>
        <span lang={lang === 'zh' ? 'zh-CN' : 'en'}>{lang === 'zh' ? warning.zh : warning.en}</span>
      </div>
      <ol className="texts" data-testid="applicable-texts">
        {(texts.applicableTexts ?? []).map((x) => (
          <TextRow key={x.id} text={x} />
        ))}
      </ol>
    </section>
  );
}

/** A short mark beside a due date: the deadline leaves out a higher text; links to the notice. */
export function HigherTextTag({ texts }: { texts: TextsOfCase }) {
  const { t, lang } = useI18n();
  if (!texts.warning) return null;
  return (
    <a
      href="#hierarchy-title"
      className="tag tag-warn"
      data-testid="higher-text-tag"
      onClick={(event) => {
        // Scrolled to in place: the router is not asked to navigate.
        event.preventDefault();
        document.getElementById('hierarchy-title')?.scrollIntoView({ block: 'start' });
      }}
    >
      <span aria-hidden="true">⚠ </span>
      {t('higherTextTag', { titles: higherTitles(texts, lang) })}
    </a>
  );
}
