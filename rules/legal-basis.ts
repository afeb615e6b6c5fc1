/**
 * The legal basis a refusal must name. A department may not refuse to share, and may not class an entry as
 * conditionally shared or not shared, without a basis in the instruments its text names (Hebei draft art. 19;
 * Anhui art. 21, 22; Hebei 2016 art. 12). Free-text reasons alone are not that basis: the decider names the
 * instrument, its kind and the article. Pure: safe in workflow code.
 */
import type { Citation } from './citation.js';
import { hasWrittenText } from './written-text.js';
import type { Bilingual, Decision, RulePack } from './types.js';

/** The kinds of instrument a refusal may rest on, in rank order. */
export const LEGAL_BASIS_KINDS = {
  law: 'law',
  administrativeRegulation: 'administrative-regulation',
  localRegulation: 'local-regulation',
  nationalPolicy: 'national-policy',
} as const;
/** A value of {@link LEGAL_BASIS_KINDS}. */
export type LegalBasisKind = (typeof LEGAL_BASIS_KINDS)[keyof typeof LEGAL_BASIS_KINDS];

/** Every kind, in rank order (the order a form offers them in). */
export const legalBasisKinds = ['law', 'administrative-regulation', 'local-regulation', 'national-policy'] as const satisfies readonly LegalBasisKind[];

/** What each kind is called. */
export const legalBasisKindLabels: Readonly<Record<LegalBasisKind, Bilingual>> = {
  law: { zh: '法律', en: 'Law' },
  'administrative-regulation': { zh: '行政法规', en: 'Administrative regulation' },
  'local-regulation': { zh: '地方性法规', en: 'Local regulation' },
  'national-policy': { zh: '党中央、国务院政策（国家政策）', en: 'Policy of the CPC Central Committee and the State Council (national policy)' },
};

/** The basis a decider names: which instrument, of which kind, which article. */
export interface LegalBasis {
  readonly kind: LegalBasisKind;
  /** The instrument's name, e.g. 《中华人民共和国保守国家秘密法》. */
  readonly title: string;
  /** The article (and paragraph) relied on, e.g. 第十三条第一款. */
  readonly article: string;
}

/** What a pack requires of a refusal: on which decisions, which kinds of instrument it admits, and where it says so. */
export interface RefusalBasisRule {
  /** The decisions that refuse sharing (or uphold a refusal) in this text. */
  readonly decisions: readonly Decision[];
  /** The kinds of instrument the text admits as a basis. */
  readonly kinds: readonly LegalBasisKind[];
  readonly citation: Citation;
  /** Set where the text also requires a basis for classing an entry conditional or not shared (Anhui art. 22). */
  readonly classing?: { readonly citation: Citation };
}

/** The sharing attributes whose classing needs a basis. */
const RESTRICTIVE_ATTRIBUTES: readonly string[] = ['conditional', 'not-shared'];

/**
 * The decisions of a statute step that need a legal basis under `pack`: those of `decisions` that refuse. Only statute
 * steps: an extension decision's "refuse" refuses more time, not sharing.
 */
export function legalBasisRequiredFor(pack: RulePack, decisions: readonly string[]): Decision[] {
  return decisions.filter((d): d is Decision => (pack.refusalBasis.decisions as readonly string[]).includes(d));
}

/** Whether a completion classes a catalogue entry conditional or not shared, which needs a basis where the text says so. */
export function classesRestrictively(pack: RulePack, payload: Readonly<Record<string, unknown>> | undefined): boolean {
  return Boolean(pack.refusalBasis.classing) && RESTRICTIVE_ATTRIBUTES.includes(String(payload?.sharingAttribute ?? ''));
}

/** Why a completion's legal basis is refused: the field it names and the message in both languages. */
export interface LegalBasisProblem {
  readonly field: 'body.legalBasis' | 'body.legalBasis.kind' | 'body.legalBasis.title' | 'body.legalBasis.article';
  readonly message: string;
}

/**
 * Checks a completion's legal basis against the pack: required (and complete, of an admitted kind) where the decision
 * refuses or the payload classes an entry restrictively; refused where nothing requires it, so that a basis is never
 * recorded on a decision it does not belong to.
 */
export function checkLegalBasis(
  pack: RulePack,
  /** The statute step's decisions; none for a task that is not a statute step. */
  stepDecisions: readonly string[],
  completion: { readonly decision: string; readonly legalBasis?: LegalBasis | null; readonly payload?: Readonly<Record<string, unknown>> },
): LegalBasisProblem | null {
  const byDecision = legalBasisRequiredFor(pack, stepDecisions).includes(completion.decision as Decision);
  const required = byDecision || (stepDecisions.length > 0 && classesRestrictively(pack, completion.payload));
  const basis = completion.legalBasis ?? undefined;
  if (!required) {
    return basis ? { field: 'body.legalBasis', message: `Decision "${completion.decision}" takes no legal basis / 该决定无需填写法律依据` } : null;
  }
  const citation = byDecision ? pack.refusalBasis.citation : (pack.refusalBasis.classing?.citation ?? pack.refusalBasis.citation);
  const where = `${citation.source} ${citation.article}`;
  if (!basis) {
    return {
      field: 'body.legalBasis',
      message: byDecision
        ? `Decision "${completion.decision}" needs its legal basis: the instrument, its kind and the article (${where}) / 该决定须写明法律依据：名称、类别和条款（${where}）`
        : `Classing the entry conditional or not shared needs its legal basis (${where}) / 列为有条件共享或不予共享，须提供法律依据（${where}）`,
    };
  }
  if (!pack.refusalBasis.kinds.includes(basis.kind)) {
    const admitted = pack.refusalBasis.kinds.map((k) => legalBasisKindLabels[k]);
    return {
      field: 'body.legalBasis.kind',
      message: `${where} admits only ${admitted.map((a) => a.en).join(', ')} / ${where} 仅认可${admitted.map((a) => a.zh).join('、')}`,
    };
  }
  if (!hasWrittenText(basis.title)) return { field: 'body.legalBasis.title', message: 'Name the instrument / 请写明法律依据的名称' };
  if (!hasWrittenText(basis.article)) return { field: 'body.legalBasis.article', message: 'Name the article relied on / 请写明所依据的条款' };
  return null;
}

/** One line for the record: 法律《…》第…条. */
export function formatLegalBasis(basis: LegalBasis, lang: 'zh' | 'en'): string {
  const kind = legalBasisKindLabels[basis.kind];
  return lang === 'zh' ? `${kind.zh}：${basis.title.trim()} ${basis.article.trim()}` : `${kind.en}: ${basis.title.trim()}, ${basis.article.trim()}`;
}
