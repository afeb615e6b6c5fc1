/** The registered packs and the binding rule: which pack governs a case received on a date. */
import { NoPackInForceError, UnknownPackError } from './errors.js';
import { shanghaiDateOf } from './instant.js';
import { applyPolicyOverrides } from './overrides.js';
import { anhui2021 } from './packs/anhui-2021/index.js';
import { hebei2016 } from './packs/hebei-2016/index.js';
import { hebei2022Draft, hebei2023 } from './packs/hebei-measures/index.js';
import type { FlowId, InForce, PackId, PackJurisdiction, PolicyOverrides, RulePack } from './types.js';

function deepFreeze<T>(x: T): T {
  if (x && typeof x === 'object' && !Object.isFrozen(x)) {
    Object.freeze(x);
    for (const v of Object.values(x)) deepFreeze(v);
  }
  return x;
}

const PACKS: readonly RulePack[] = deepFreeze([hebei2023, hebei2016, anhui2021, hebei2022Draft]);

/** A pack without its steps, as {@link listPacks} returns it. */
export interface PackSummary {
  id: PackId;
  version: string;
  titleZh: string;
  titleEn: string;
  jurisdiction: PackJurisdiction;
  inForce: InForce | null;
  bindable: boolean;
  flows: FlowId[];
}

/** Every registered pack, in force order per jurisdiction, the draft last. */
export function listPacks(): PackSummary[] {
  return PACKS.map((p) => ({
    id: p.id,
    version: p.version,
    titleZh: p.titleZh,
    titleEn: p.titleEn,
    jurisdiction: p.jurisdiction,
    inForce: p.inForce,
    bindable: p.bindable,
    flows: Object.keys(p.flows) as FlowId[],
  }));
}

/** The pack with this id (frozen). Thrown when unknown: {@link UnknownPackError}. */
export function getPack(id: string): RulePack {
  const pack = PACKS.find((p) => p.id === id);
  if (!pack) throw new UnknownPackError(id, PACKS.map((p) => p.id));
  return pack;
}

/** True when the pack is in force on `date` (YYYY-MM-DD, Asia/Shanghai). The draft never is. */
export function inForceOn(pack: RulePack, date: string): boolean {
  if (!pack.inForce) return false;
  return pack.inForce.from <= date && (pack.inForce.to === undefined || date <= pack.inForce.to);
}

/** Options of {@link packFor}. */
export interface PackForOptions {
  /** Local-policy values of the jurisdiction; see {@link applyPolicyOverrides}. */
  overrides?: PolicyOverrides;
}

/**
 * The pack in force in `jurisdiction` on the Asia/Shanghai date of `receivedAt` (an ISO instant with offset, or a
 * YYYY-MM-DD). A case keeps the pack it was bound to at receipt: store the pack id and version with the case.
 * The draft is never bound. Thrown when none is in force: {@link NoPackInForceError}; when `receivedAt` is malformed:
 * `InvalidInstantError`.
 */
export function packFor(jurisdiction: string, receivedAt: string, options: PackForOptions = {}): RulePack {
  const date = shanghaiDateOf(receivedAt);
  const pack = PACKS.find((p) => p.bindable && p.jurisdiction === jurisdiction && inForceOn(p, date));
  if (!pack) throw new NoPackInForceError(jurisdiction, date);
  return options.overrides ? applyPolicyOverrides(pack, options.overrides) : pack;
}

/**
 * Whether an entry on the approved negative list is refused by that listing alone under `pack`: where the text has
 * the list approved by the people's government (Hebei draft art. 15: 审核并报本级人民政府批准后列入负面清单). Anhui's
 * listing is the authority's own review (local policy; art. 22 asks reasons and a legal basis of the classing) and the
 * 2016 Provisions have no list: there a request for such data is decided, and a refusal names its basis.
 */
export function negativeListRefuses(pack: RulePack): boolean {
  return (pack.flows['negative-list'] ?? []).some((step) => step.id === 'government-approval');
}
