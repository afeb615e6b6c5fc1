/**
 * Which way a share request goes, from the levels and regions of its parties (Hebei draft art. 21 【跨层级、跨地区共享】).
 * Pure: the API decides it once, at receipt, and the workflow follows the route it was given.
 */
import type { Citation } from './citation.js';
import { step } from './lookup.js';
import type { Bilingual, FlowId, RulePack } from './types.js';

/** A body as routing sees it: its level (province, city, county, national), its province, its competent authority. */
export interface RoutingBody {
  readonly id: string;
  readonly level: string | null;
  readonly jurisdiction: string;
  /** The competent data authority the body belongs to (for an authority: itself). */
  readonly authorityId: string | null;
}

/** The requester's own-level authority, with the authority one level up. */
export interface RoutingAuthority {
  readonly id: string;
  readonly upperAuthorityId: string | null;
}

/** Where the route comes from: the text (`draft`: art. 21 of the 2022 draft) or a local reading where it is silent. */
export type RouteBasis = 'draft' | 'policy';

/**
 * - `same-level`: requester and provider answer to the same authority; nothing changes.
 * - `own-authority`: a provincial department asks for a city's or county's data; art. 21 does not cover it (its second
 *   sentence speaks of city and county departments only): local policy, the provincial authority handles it as a
 *   same-level request (as before).
 * - `cross-level`: a city or county department asks for data of another level or region of its province: through its
 *   own-level authority (`relayAuthority`) to the upper-level authority (`upperAuthority`), which handles it.
 * - `not-provided`: no route the text gives (another province's data; State Council departments' data, coordinated by
 *   the provincial authority, not requested; a provider beyond the upper-level authority): refused at the edge.
 */
export type ShareRoute =
  | { readonly kind: 'same-level' }
  | (Bilingual & { readonly kind: 'own-authority'; readonly basis: 'policy'; readonly citation: Citation })
  | (Bilingual & {
      readonly kind: 'cross-level';
      readonly basis: 'draft';
      readonly relayAuthority: string;
      readonly upperAuthority: string;
      readonly citation: Citation;
    })
  | (Bilingual & { readonly kind: 'not-provided'; readonly basis: RouteBasis; readonly reason: 'other-province' | 'national' | 'beyond-upper-level'; readonly citation: Citation });

/** A promulgated pack's route is the draft's (the promulgated text is not in our sources): said on its citation. */
const FROM_THE_DRAFT =
  '依征求意见稿:颁布文本不在我方资料中,本途径取自2022年8月12日征求意见稿第二十一条 / From the draft: the promulgated text is not in our sources; this route is taken from art. 21 of the 2022-08-12 consultation draft.';

/** The levels whose departments art. 21 (second sentence) routes through their own authority: 设区的市、县(市、区). */
const LOWER_LEVELS: ReadonlySet<string> = new Set(['city', 'county']);

/** The cross-level flow of a same-level share flow, where the pack's text provides one (Hebei Measures: art. 21). */
export function crossLevelFlowOf(pack: RulePack, flow: 'conditional-share' | 'unconditional-share'): FlowId | undefined {
  const id: FlowId = flow === 'conditional-share' ? 'cross-level-conditional-share' : 'cross-level-unconditional-share';
  return pack.flows[id] ? id : undefined;
}

/**
 * The route of a share request under `pack`, the text the requester's case is bound to. A text without a cross-level
 * provision (Hebei 2016, Anhui 2021) keeps every request on the requester's own authority, as before.
 */
export function shareRoute(pack: RulePack, requester: RoutingBody, ownAuthority: RoutingAuthority, provider: RoutingBody): ShareRoute {
  const flow = crossLevelFlowOf(pack, 'conditional-share');
  if (!flow) return { kind: 'same-level' };
  const relay = step(pack, flow, 'relay-upward').citation;
  const art: Citation = {
    source: relay.source,
    article: relay.article,
    textZh: relay.textZh,
    textEn: relay.textEn,
    ...(pack.bindable ? { note: FROM_THE_DRAFT } : {}),
  };
  if (provider.jurisdiction === 'national' || provider.level === 'national') {
    return {
      kind: 'not-provided',
      reason: 'national',
      basis: 'draft',
      citation: { ...art, textZh: '政务部门需要共享国务院有关部门相关政务数据的,由省政务数据主管部门协调获取。', textEn: 'Where a department needs data of the relevant departments of the State Council, the provincial competent authority coordinates obtaining it.' },
      zh: '国务院有关部门的政务数据由省政务数据主管部门协调获取(第二十一条第一句),不向提供部门提出共享申请,第十九条的期限不适用:本系统不受理此类申请,请由省政务数据主管部门协调。',
      en: 'Data of State Council departments is obtained by the provincial authority’s coordination (art. 21, first sentence), not by a share request to the provider, and art. 19’s periods do not apply: this system takes no such request; ask the provincial authority to coordinate.',
    };
  }
  if (provider.jurisdiction !== requester.jurisdiction) {
    return {
      kind: 'not-provided',
      reason: 'other-province',
      basis: 'policy',
      citation: art,
      zh: `第二十一条只规定本省行政区域内的跨层级、跨地区共享;向其他省份(${provider.jurisdiction})政务部门申请共享,本办法征求意见稿未规定途径和期限,不能作为同级申请办理。本地政策:本系统不受理此类申请。`,
      en: `Art. 21 provides only for sharing across levels and regions within this province; the consultation draft of the Measures gives no route and no period for asking another province’s (${provider.jurisdiction}) department, and it cannot be handled as a same-level request. Local policy: this system takes no such request.`,
    };
  }
  if (provider.authorityId === ownAuthority.id) return { kind: 'same-level' };
  if (!requester.level || !LOWER_LEVELS.has(requester.level)) {
    return {
      kind: 'own-authority',
      basis: 'policy',
      citation: art,
      zh: '第二十一条第二句只规定设区的市、县(市、区)政务部门的跨层级、跨地区申请;省级政务部门申请市、县数据,本办法征求意见稿未规定途径。本地政策:由需求部门本级(省级)政务数据主管部门按第十九条办理,与同级申请相同。',
      en: 'Art. 21, second sentence, covers requests of city and county departments only; the consultation draft of the Measures gives no route for a provincial department asking for a city’s or county’s data. Local policy: the provincial authority handles it under art. 19, as a same-level request.',
    };
  }
  if (!ownAuthority.upperAuthorityId || provider.authorityId !== ownAuthority.upperAuthorityId) {
    return {
      kind: 'not-provided',
      reason: 'beyond-upper-level',
      basis: 'policy',
      citation: art,
      zh: '第二十一条规定向上一级政务数据主管部门申请;提供部门不属于上一级主管部门的,上一级主管部门如何继续流转,本办法征求意见稿未规定,本系统尚未提供此途径。',
      en: 'Art. 21 has the request made to the upper-level authority; where the provider does not answer to that authority, the draft does not say how the request travels on, and this system has no such route yet.',
    };
  }
  return {
    kind: 'cross-level',
    basis: 'draft',
    relayAuthority: ownAuthority.id,
    upperAuthority: ownAuthority.upperAuthorityId,
    citation: art,
    zh: '跨层级、跨地区共享(第二十一条):需求部门通过本级政务数据主管部门向上一级政务数据主管部门申请获取;本级主管部门转报(期限为本地政策),上一级主管部门按第十九条办理。',
    en: 'Sharing across levels or regions (art. 21): the requester applies to the upper-level authority through the authority at its own level; the own-level authority relays the request (its period is local policy) and the upper-level authority handles it under art. 19.',
  };
}
