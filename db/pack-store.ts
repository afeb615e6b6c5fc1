import { count, max } from 'drizzle-orm';
import { getPack, inForceOn, listPacks, NoPackInForceError, shanghaiDateOf, type RulePack } from '../rules';
import { packHash } from '../packs/data';
import type { Db } from './client';
import type { DbOrTx } from './calendar-store';
import { rulePackBuiltInVersions, rulePackVersions } from './schema';

/** A version of a pack a case can bind: the data, its hash, and where it comes from. */
export interface PackVersion {
  pack: RulePack;
  hash: string;
  /** Cases received on or after this date bind it (built-in: the day the text came into force). */
  effectiveFrom: string;
  source: 'built-in' | 'published';
  /** For ordering versions published for the same date; built-in versions come first. */
  publishedAt: number;
}

/** The pack a case runs, by its pack id and bound version hash (null for cases from before hashes). */
export type PackOf = (packId: string, hash: string | null | undefined) => RulePack;

let builtIns: PackVersion[] | undefined;

/** The built-in packs as versions, with their hashes. */
export function builtInVersions(): PackVersion[] {
  builtIns ??= listPacks().map(({ id }) => {
    const pack = getPack(id);
    return { pack, hash: packHash(pack), effectiveFrom: pack.inForce?.from ?? '0000-01-01', source: 'built-in' as const, publishedAt: -Infinity };
  });
  return builtIns;
}

const later = (a: PackVersion, b: PackVersion) => (a.effectiveFrom !== b.effectiveFrom ? a.effectiveFrom > b.effectiveFrom : a.publishedAt > b.publishedAt);

/**
 * The version of `packId` new cases received on `date` bind, among `versions`: the one with the latest effective date
 * on or before `date` (the latest published on a tie). Undefined when none is effective then.
 */
export function versionOn(versions: readonly PackVersion[], packId: string, date: string): PackVersion | undefined {
  let best: PackVersion | undefined;
  for (const v of versions) if (v.pack.id === packId && v.effectiveFrom <= date && (!best || later(v, best))) best = v;
  return best;
}

/**
 * The version a case received on `date` in `jurisdiction` binds: of the bindable texts in force there that day, the
 * one that came into force last (a later text supersedes), in its version effective that day. Undefined when none.
 */
export function bindingVersion(versions: readonly PackVersion[], jurisdiction: string, date: string): PackVersion | undefined {
  const ids = new Set(versions.filter((v) => v.pack.jurisdiction === jurisdiction).map((v) => v.pack.id));
  let best: PackVersion | undefined;
  for (const id of ids) {
    const v = versionOn(versions, id, date);
    if (!v || !v.pack.bindable || !inForceOn(v.pack, date)) continue;
    if (!best || (v.pack.inForce?.from ?? '') > (best.pack.inForce?.from ?? '')) best = v;
  }
  return best;
}

/**
 * The rule packs a case can bind: the built-in packs and the versions published at run time (`rule_pack_versions`).
 * Published rows never change, so the cache is refreshed only when their count or latest publication moves.
 */
export class PackStore {
  private cached: { key: string; versions: PackVersion[]; retired: Map<string, RulePack> } = { key: '', versions: builtInVersions(), retired: new Map() };
  private checkedAt = -Infinity;

  /** @param freshnessMs how long a check of the published versions is trusted (the API: a second). */
  constructor(
    private readonly db: Db,
    private readonly freshnessMs = 0,
  ) {}

  /** Every version, built-in and published. */
  async versions(db: DbOrTx = this.db): Promise<PackVersion[]> {
    if (db === this.db && Date.now() - this.checkedAt < this.freshnessMs) return this.cached.versions;
    const [s] = await db.select({ n: count(), at: max(rulePackVersions.publishedAt) }).from(rulePackVersions);
    const [b] = await db.select({ n: count() }).from(rulePackBuiltInVersions);
    const key = `${s?.n ?? 0}:${s?.at?.toISOString() ?? ''}:${b?.n ?? 0}`;
    if (key !== this.cached.key) {
      const rows = await db.select().from(rulePackVersions);
      const published = rows.map((r) => ({ pack: r.pack, hash: r.hash, effectiveFrom: r.effectiveFrom, source: 'published' as const, publishedAt: r.publishedAt.getTime() }));
      const current = new Set(builtInVersions().map((v) => v.hash));
      const kept = await db.select({ hash: rulePackBuiltInVersions.hash, pack: rulePackBuiltInVersions.pack }).from(rulePackBuiltInVersions);
      const retired = new Map(kept.filter((r) => !current.has(r.hash)).map((r) => [r.hash, r.pack]));
      this.cached = { key, versions: [...builtInVersions(), ...published], retired };
    }
    if (db === this.db) this.checkedAt = Date.now();
    return this.cached.versions;
  }

  /**
   * A synchronous lookup of the pack a case runs (see {@link forCase}), over the versions as they are now: for views
   * that show many cases' tasks at once. Thrown for an id that is neither built in nor published: `UnknownPackError`.
   */
  async resolver(): Promise<PackOf> {
    const versions = await this.versions();
    const byHash = new Map([...this.cached.retired, ...versions.map((v) => [v.hash, v.pack] as const)]);
    // No hash: a case from before versions were bound, which runs the built-in pack of its id.
    return (packId, hash) => (hash ? byHash.get(hash) : undefined) ?? getPack(packId);
  }

  /** Forget the cache (after a publication). */
  invalidate(): void {
    this.checkedAt = -Infinity;
  }

  /**
   * The version a case of `jurisdiction` received at `receivedAt` (ISO instant or YYYY-MM-DD) binds. Thrown when none
   * is in force: `NoPackInForceError`.
   */
  async bind(jurisdiction: string, receivedAt: string): Promise<PackVersion> {
    const date = shanghaiDateOf(receivedAt);
    const found = bindingVersion(await this.versions(), jurisdiction, date);
    if (!found) throw new NoPackInForceError(jurisdiction, date);
    if (found.source === 'built-in' && !this.kept.has(found.hash)) {
      // Kept, so the API can still show the cases bound to it once the pack's code has changed.
      await this.db
        .insert(rulePackBuiltInVersions)
        .values({ hash: found.hash, packId: found.pack.id, version: found.pack.version, pack: found.pack, firstBoundAt: new Date() })
        .onConflictDoNothing();
      this.kept.add(found.hash);
    }
    return found;
  }

  /** Built-in versions known to be kept in `rule_pack_built_in_versions` by this instance. */
  private readonly kept = new Set<string>();

  /**
   * The pack a case runs: the version it bound (by hash; a built-in version whose code has since changed is kept in
   * `rule_pack_built_in_versions` from its first binding), or for a case from before hashes, the built-in pack of its
   * id, which also stands in should a bound version be found nowhere.
   */
  async forCase(packId: string, hash: string | null | undefined): Promise<RulePack> {
    return (await this.resolver())(packId, hash);
  }
}
