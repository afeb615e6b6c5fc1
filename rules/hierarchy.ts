/**
 * The hierarchy of the texts that can apply to a case: which are in force for a jurisdiction on a receipt date, how
 * they rank, which of them this system has loaded as a rule pack, and what a case must say when a higher text applies
 * whose rules are not loaded. Pure data and pure functions: safe in workflow code (no clock, no I/O, no Intl).
 *
 * Rank follows the Legislation Law (《中华人民共和国立法法》): a law ranks above an administrative regulation of the
 * State Council, which ranks above local regulations and government rules (规章). A consultation draft is not law.
 */
import { shanghaiDateOf } from './instant.js';
import { flowSteps } from './lookup.js';
import { anhui2021 } from './packs/anhui-2021/index.js';
import { hebei2016 } from './packs/hebei-2016/index.js';
import { hebei2022Draft, hebei2023 } from './packs/hebei-measures/index.js';
import { getPack } from './registry.js';
import type { Bilingual, FlowId, InForce, PackId, PackJurisdiction, RulePack, StepId } from './types.js';

/** The ranks of texts, highest first (see {@link TEXT_RANK_ORDER}); `consultation-draft` is not law and binds no one. */
export const TEXT_RANKS = {
  law: 'law',
  administrativeRegulation: 'administrative-regulation',
  localRegulation: 'local-regulation',
  governmentRules: 'government-rules',
  consultationDraft: 'consultation-draft',
} as const;
/** A value of {@link TEXT_RANKS}. */
export type TextRank = (typeof TEXT_RANKS)[keyof typeof TEXT_RANKS];

/** Every rank, highest first. */
export const TEXT_RANK_ORDER: readonly TextRank[] = ['law', 'administrative-regulation', 'local-regulation', 'government-rules', 'consultation-draft'];

/** What each rank is called. */
export const textRankLabels: Readonly<Record<TextRank, Bilingual>> = {
  law: { zh: '法律', en: 'law' },
  'administrative-regulation': { zh: '行政法规', en: 'administrative regulation of the State Council' },
  'local-regulation': { zh: '地方性法规', en: 'local regulation' },
  'government-rules': { zh: '省政府规章', en: 'provincial government rules' },
  'consultation-draft': { zh: '征求意见稿，不是法律规范', en: 'consultation draft, not law' },
};

/** Where a text applies: the whole country, or one province. */
export type TextJurisdiction = 'national' | PackJurisdiction;

/** The ids of the texts in {@link LEGAL_TEXTS}; a loaded text has the id of its rule pack. */
export const LEGAL_TEXT_IDS = {
  stateCouncil809: 'state-council-809',
  hebei2023: 'hebei-2023',
  hebei2016: 'hebei-2016',
  anhui2021: 'anhui-2021',
  hebei2022Draft: 'hebei-2022-draft',
} as const;
/** A value of {@link LEGAL_TEXT_IDS}. */
export type LegalTextId = (typeof LEGAL_TEXT_IDS)[keyof typeof LEGAL_TEXT_IDS];

/** A text that can apply to a case, with its place in the hierarchy and whether this system has its rules. */
export interface LegalText {
  readonly id: string;
  readonly titleZh: string;
  readonly titleEn: string;
  /** 文号, e.g. 国务院令第809号; absent where our sources do not give it. */
  readonly number?: Bilingual;
  readonly rank: TextRank;
  readonly jurisdiction: TextJurisdiction;
  /** `null` for a text never in force (the draft). */
  readonly inForce: InForce | null;
  /** False for a text that binds no one on any date (a consultation draft). */
  readonly binding: boolean;
  /** The rule pack that carries the text's rules, or `null` when they are not loaded into this system. */
  readonly pack: PackId | null;
  /** What our sources hold of the text, and what is not loaded. */
  readonly note: Bilingual;
}

function fromPack(pack: RulePack, rest: Pick<LegalText, 'rank' | 'note'> & { number?: Bilingual }): LegalText {
  return {
    id: pack.id,
    titleZh: pack.titleZh,
    titleEn: pack.titleEn,
    ...(rest.number ? { number: rest.number } : {}),
    rank: rest.rank,
    jurisdiction: pack.jurisdiction,
    inForce: pack.inForce,
    binding: pack.bindable && pack.inForce !== null,
    pack: pack.id,
    note: rest.note,
  };
}

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

/**
 * Every text that can apply to a case, highest rank first. Only the provincial texts are loaded: the national
 * regulation's text is not in our sources, so none of its articles or periods is modelled here.
 */
export const LEGAL_TEXTS: readonly LegalText[] = deepFreeze([
  {
    id: LEGAL_TEXT_IDS.stateCouncil809,
    titleZh: '政务数据共享条例',
    titleEn: 'Regulations on Government Data Sharing',
    number: { zh: '国务院令第809号', en: 'State Council Order No. 809' },
    rank: 'administrative-regulation',
    jurisdiction: 'national',
    inForce: { from: '2025-08-01' },
    binding: true,
    pack: null,
    note: {
      zh: '国务院行政法规，2025年8月1日起施行，规定了自己的共享申请和答复期限。其文本不在我方资料中：本系统未载入该条例的任何条款或期限。英文名称为我方翻译。',
      en: 'An administrative regulation of the State Council, in force from 1 August 2025, with its own periods for share applications and replies. Its text is not in our sources: none of its articles or periods is loaded into this system. The English title is our translation.',
    },
  },
  fromPack(hebei2023, {
    rank: 'government-rules',
    note: {
      zh: '以省政府令形式发布（令号不在我方资料中）；已载入，部分期限取自2022年征求意见稿（见各步骤注明）。',
      en: 'Issued as a provincial government order (its number is not in our sources); loaded, with some figures taken from the 2022 consultation draft (marked on each step).',
    },
  }),
  fromPack(hebei2016, {
    rank: 'government-rules',
    note: {
      zh: '省政府规章（我方仅有英文机器译本，无令号）；已载入，2022年12月31日后由2023年办法取代。',
      en: 'Provincial government rules (our only source is a machine translation, without the order number); loaded; replaced by the 2023 Measures after 31 December 2022.',
    },
  }),
  fromPack(anhui2021, {
    rank: 'government-rules',
    number: { zh: '安徽省人民政府令第299号', en: 'Anhui Provincial People’s Government Order No. 299' },
    note: { zh: '已载入。', en: 'Loaded.' },
  }),
  fromPack(hebei2022Draft, {
    rank: 'consultation-draft',
    note: {
      zh: '2022年8月12日公开征求意见稿，从未施行，不适用于任何案件；规则包仅供对比。',
      en: 'Published for consultation on 12 August 2022, never in force, applies to no case; its pack is for comparison only.',
    },
  }),
]);

/** The place of `rank` in {@link TEXT_RANK_ORDER}: smaller is higher. */
export function rankIndex(rank: TextRank): number {
  return TEXT_RANK_ORDER.indexOf(rank);
}

/** Whether `a` ranks strictly above `b`. */
export function ranksAbove(a: LegalText, b: LegalText): boolean {
  return rankIndex(a.rank) < rankIndex(b.rank);
}

/** Whether the text's rules are loaded into this system as a rule pack. */
export function isLoaded(text: LegalText): boolean {
  return text.pack !== null;
}

/** Whether the text binds on `date` (YYYY-MM-DD, Asia/Shanghai). A draft never does. */
export function textInForceOn(text: LegalText, date: string): boolean {
  if (!text.binding || !text.inForce) return false;
  return text.inForce.from <= date && (text.inForce.to === undefined || date <= text.inForce.to);
}

/**
 * Every text that applies to a case in `jurisdiction` received at `receivedAt` (an ISO instant with offset, or a
 * YYYY-MM-DD; its Asia/Shanghai date counts), highest rank first: national texts apply everywhere, a province's only
 * there. A draft never applies. Thrown when `receivedAt` is malformed: `InvalidInstantError`.
 */
export function applicableTexts(jurisdiction: string, receivedAt: string, registry: readonly LegalText[] = LEGAL_TEXTS): LegalText[] {
  const date = shanghaiDateOf(receivedAt);
  return registry
    .filter((t) => (t.jurisdiction === 'national' || t.jurisdiction === jurisdiction) && textInForceOn(t, date))
    .sort((a, b) => rankIndex(a.rank) - rankIndex(b.rank));
}

function governs(text: LegalText, flow: FlowId, step: StepId, packOf: (id: PackId) => RulePack): boolean {
  if (!text.pack) return false;
  try {
    return flowSteps(packOf(text.pack), flow).some((s) => s.id === step);
  } catch {
    return false;
  }
}

/**
 * The text whose rule governs `step` of `flow` among `texts` (those that apply to a case): the highest-ranked one that
 * is loaded and has the step. A higher text prevails over a lower one for the same step; a text whose rules are not
 * loaded cannot govern here, which is what {@link caseHierarchy}'s warning says. `null` when no loaded text has it.
 */
export function governingText(
  texts: readonly LegalText[],
  flow: FlowId,
  step: StepId,
  packOf: (id: PackId) => RulePack = getPack,
): LegalText | null {
  const ranked = [...texts].sort((a, b) => rankIndex(a.rank) - rankIndex(b.rank));
  return ranked.find((t) => governs(t, flow, step, packOf)) ?? null;
}

/**
 * The loaded text, ranked above the text of `packId`, whose rule for the same step supersedes that pack's figure;
 * `null` when the pack's figure stands (today always: no higher text is loaded).
 */
export function supersededBy(
  texts: readonly LegalText[],
  packId: string,
  flow: FlowId,
  step: StepId,
  packOf: (id: PackId) => RulePack = getPack,
): LegalText | null {
  const own = texts.find((t) => t.pack === packId) ?? LEGAL_TEXTS.find((t) => t.pack === packId);
  if (!own) return null;
  return governingText(
    texts.filter((t) => ranksAbove(t, own)),
    flow,
    step,
    packOf,
  );
}

/** A text that applies to a case, as a case view shows it. */
export interface ApplicableText extends LegalText {
  /** The rank's name in both languages. */
  readonly rankLabel: Bilingual;
  /** Whether its rules are loaded (`pack` is set). */
  readonly loaded: boolean;
  /** Whether the case's deadlines are computed from it (its pack is the one the case was bound to). */
  readonly deadlinesFrom: boolean;
}

/** What a case (or a preview) must say when a higher text applies whose rules are not loaded. */
export interface HierarchyWarning extends Bilingual {
  readonly code: 'higher-text-not-loaded';
  /** The ids of the higher texts not loaded. */
  readonly texts: readonly string[];
}

/** {@link caseHierarchy}'s answer. */
export interface CaseHierarchy {
  /** The Asia/Shanghai receipt date. */
  readonly date: string;
  /** Every text that applies, highest rank first. */
  readonly applicableTexts: readonly ApplicableText[];
  /** Set when an applicable text ranks above the one the deadlines come from and is not loaded; else `null`. */
  readonly warning: HierarchyWarning | null;
}

function zhDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${y}年${m}月${d}日`;
}

const EN_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function enDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

function zhTitle(t: LegalText): string {
  return `《${t.titleZh}》`;
}

function warningFor(date: string, higher: readonly LegalText[], own: LegalText | undefined): HierarchyWarning {
  const describeZh = (t: LegalText) =>
    `${zhTitle(t)}（${[t.number?.zh, textRankLabels[t.rank].zh, t.inForce ? `自${zhDate(t.inForce.from)}起施行` : ''].filter(Boolean).join('，')}）`;
  const describeEn = (t: LegalText) =>
    `the ${t.titleEn} (${[t.number?.en, textRankLabels[t.rank].en, t.inForce ? `in force since ${enDate(t.inForce.from)}` : ''].filter(Boolean).join(', ')})`;
  const namesZh = higher.map(zhTitle).join('、');
  const namesEn = higher.map((t) => `the ${t.titleEn}`).join(' and ');
  const ownZh = own ? zhTitle(own) : '本省规章';
  const ownZhRanked = own ? `${zhTitle(own)}（${textRankLabels[own.rank].zh}）` : '本省规章';
  const ownEn = own ? `the ${own.titleEn}` : 'the provincial rules';
  const ownEnRanked = own ? `${ownEn} (${textRankLabels[own.rank].en})` : ownEn;
  const plural = higher.length > 1;
  return {
    code: 'higher-text-not-loaded',
    texts: higher.map((t) => t.id),
    zh:
      `收件之日为${zhDate(date)}，此时${higher.map(describeZh).join('、')}已经施行，其位阶高于${ownZhRanked}。` +
      `${namesZh}的期限规则尚未载入本系统：本系统所示期限仅依据${ownZh}计算，可能不是全部适用的法律规定，请同时核对${namesZh}的规定。`,
    en:
      `On the date of receipt (${enDate(date)}) ${higher.map(describeEn).join(' and ')} had come into force. ` +
      `${plural ? 'Those texts rank' : 'That text ranks'} above ${ownEnRanked}, and ${plural ? 'their' : 'its'} periods are not loaded into this system: ` +
      `the deadlines shown here are computed from ${ownEn} alone and may not be all the law that applies; check them against ${namesEn} as well.`,
  };
}

/**
 * The texts that apply to a case in `jurisdiction` received at `receivedAt`, highest rank first, and whether the
 * deadlines — computed from the pack `deadlinesFrom` — leave out a higher text: every applicable text that ranks above
 * that pack's text and is not loaded is named in the warning. A case received before such a text came into force gets
 * no warning. Thrown when `receivedAt` is malformed: `InvalidInstantError`.
 */
export function caseHierarchy(
  jurisdiction: string,
  receivedAt: string,
  deadlinesFrom: string,
  registry: readonly LegalText[] = LEGAL_TEXTS,
): CaseHierarchy {
  const date = shanghaiDateOf(receivedAt);
  const texts = applicableTexts(jurisdiction, receivedAt, registry);
  const own = registry.find((t) => t.pack === deadlinesFrom);
  const higherNotLoaded = texts.filter((t) => !isLoaded(t) && (!own || ranksAbove(t, own)));
  return {
    date,
    applicableTexts: texts.map((t) => ({ ...t, rankLabel: textRankLabels[t.rank], loaded: isLoaded(t), deadlinesFrom: t.pack === deadlinesFrom })),
    warning: higherNotLoaded.length ? warningFor(date, higherNotLoaded, own) : null,
  };
}
