/** Which pack governs a case: the one in force in the jurisdiction on the receipt date (Asia/Shanghai). */
import { describe, expect, it } from 'vitest';
import {
  getPack,
  InvalidInstantError,
  listPacks,
  NoPackInForceError,
  packFor,
  UnknownPackError,
  type RulePack,
} from '../../rules/index.js';
import { bindingVersion, builtInVersions, versionOn, type PackVersion } from '../../db/pack-store.js';
import { packHash } from '../../packs/data.js';

describe('packFor binds by the Asia/Shanghai receipt date', () => {
  it.each([
    ['hebei', '2016-01-01T00:00:00+08:00', 'hebei-2016'],
    ['hebei', '2022-12-31T23:59:59+08:00', 'hebei-2016'],
    ['hebei', '2023-01-01T00:00:00+08:00', 'hebei-2023'],
    // 2022-12-31T16:00Z is 2023-01-01 00:00 in Shanghai: the new Measures
    ['hebei', '2022-12-31T16:00:00Z', 'hebei-2023'],
    ['hebei', '2022-12-31T15:59:59Z', 'hebei-2016'],
    ['hebei', '2025-09-28T10:00:00+08:00', 'hebei-2023'],
    ['hebei', '2023-01-01', 'hebei-2023'],
    ['anhui', '2021-03-01T00:00:00+08:00', 'anhui-2021'],
    // 2021-02-28T16:00Z is already 2021-03-01 in Shanghai
    ['anhui', '2021-02-28T16:00:00Z', 'anhui-2021'],
    ['anhui', '2025-09-28T10:00:00+08:00', 'anhui-2021'],
  ])('%s received %s → %s', (jurisdiction, receivedAt, expected) => {
    expect(packFor(jurisdiction, receivedAt).id).toBe(expected);
  });

  it.each([
    ['hebei', '2015-12-31T23:59:59+08:00', '2015-12-31'],
    ['hebei', '2010-06-01T10:00:00+08:00', '2010-06-01'],
    ['anhui', '2021-02-28T23:59:59+08:00', '2021-02-28'],
    ['xinjiang', '2025-09-28T10:00:00+08:00', '2025-09-28'],
  ])('%s on %s: none in force', (jurisdiction, receivedAt, date) => {
    const err = (() => {
      try {
        packFor(jurisdiction, receivedAt);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(NoPackInForceError);
    expect(err).toMatchObject({ code: 'NO_PACK_IN_FORCE', jurisdiction, date });
  });

  it('never binds the draft, on any date', () => {
    for (const d of ['2022-08-12', '2022-10-01', '2023-06-01', '2030-01-01']) expect(packFor('hebei', d).id).not.toBe('hebei-2022-draft');
    expect(getPack('hebei-2022-draft')).toMatchObject({ bindable: false, inForce: null });
  });

  it('rejects malformed receipt instants with a named error', () => {
    for (const bad of ['2025-09-28 10:00', '2025-02-30', 'yesterday', '2025-09-28T10:00:00']) {
      expect(() => packFor('hebei', bad)).toThrow(InvalidInstantError);
    }
  });
});

describe('getPack and listPacks', () => {
  it('getPack throws UnknownPackError with the known ids', () => {
    expect(() => getPack('hebei-2024')).toThrow(UnknownPackError);
    expect(() => getPack('hebei-2024')).toThrow(/known: hebei-2023, hebei-2016, anhui-2021, hebei-2022-draft/);
  });

  it('packs are frozen: a case keeps the pack it was bound to', () => {
    const pack = getPack('hebei-2023');
    expect(Object.isFrozen(pack)).toBe(true);
    expect(Object.isFrozen(pack.flows['conditional-share']![0]!.period)).toBe(true);
  });

  it('in-force ranges of one jurisdiction do not overlap', () => {
    const hebei = listPacks().filter((p) => p.jurisdiction === 'hebei' && p.bindable);
    expect(hebei.map((p) => p.inForce)).toEqual([{ from: '2023-01-01' }, { from: '2016-01-01', to: '2022-12-31' }]);
  });

  it('every pack has id, version, titles, jurisdiction and flows', () => {
    for (const p of listPacks()) {
      expect(p.version).toMatch(/^\d+\.\d+\.\d+$/);
      expect(p.titleZh.length).toBeGreaterThan(0);
      expect(p.titleEn.length).toBeGreaterThan(0);
      expect(['hebei', 'anhui']).toContain(p.jurisdiction);
      expect(p.flows.length).toBeGreaterThan(0);
    }
  });
});

describe('binding a version among built-in and published ones, by effective date (docs/RULES.md, "Packs as data")', () => {
  const built = builtInVersions();
  const hebei = built.find((v) => v.pack.id === 'hebei-2023')!;
  const edited = (n: number, effectiveFrom: string, publishedAt: number): PackVersion => {
    const data = JSON.parse(JSON.stringify(hebei.pack)) as { flows: Record<string, { period: { n: number } }[]> };
    data.flows['conditional-share']![0]!.period.n = n;
    return { pack: data as unknown as RulePack, hash: `sha256:${n}-${publishedAt}`, effectiveFrom, source: 'published', publishedAt };
  };

  it('binds every built-in pack exactly as packFor does, with its hash', () => {
    for (const [jurisdiction, at] of [['hebei', '2016-06-01'], ['hebei', '2022-12-31'], ['hebei', '2025-09-28'], ['anhui', '2021-03-01']] as const) {
      const v = bindingVersion(built, jurisdiction, at)!;
      expect(v.pack).toBe(packFor(jurisdiction, at));
      expect(v.hash).toBe(packHash(v.pack));
    }
    expect(bindingVersion(built, 'hebei', '2015-12-31')).toBeUndefined();
  });

  it('binds a published version from its effective date on, the latest published on a tie; earlier receipts keep the one before', () => {
    const v4 = edited(4, '2026-01-01', 1);
    const v5 = edited(5, '2026-01-01', 2);
    const v6 = edited(6, '2027-01-01', 3);
    const all = [...built, v6, v5, v4];
    expect(bindingVersion(all, 'hebei', '2025-12-31')).toBe(hebei);
    expect(bindingVersion(all, 'hebei', '2026-01-01')).toBe(v5);
    expect(bindingVersion(all, 'hebei', '2026-12-31')).toBe(v5);
    expect(bindingVersion(all, 'hebei', '2027-01-01')).toBe(v6);
    expect(versionOn(all, 'hebei-2023', '2026-06-01')).toBe(v5);
    expect(bindingVersion(all, 'anhui', '2027-01-01')!.pack.id).toBe('anhui-2021');
  });

  it('binds a new text of a jurisdiction from the day it comes into force, over the text before it', () => {
    // A text with no id in rules/types.ts: it comes as data.
    const next = { ...JSON.parse(JSON.stringify(hebei.pack)), id: 'hebei-2027', inForce: { from: '2027-03-01' } } as RulePack;
    const published: PackVersion = { pack: next, hash: 'sha256:next', effectiveFrom: '2027-03-01', source: 'published', publishedAt: 1 };
    expect(bindingVersion([...built, published], 'hebei', '2027-02-28')).toBe(hebei);
    expect(bindingVersion([...built, published], 'hebei', '2027-03-01')).toBe(published);
    expect(bindingVersion([...built, published], 'xinjiang', '2027-03-01')).toBeUndefined();
  });
});
