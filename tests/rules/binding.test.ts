/** Which pack governs a case: the one in force in the jurisdiction on the receipt date (Asia/Shanghai). */
import { describe, expect, it } from 'vitest';
import {
  getPack,
  InvalidInstantError,
  listPacks,
  NoPackInForceError,
  packFor,
  UnknownPackError,
} from '../../rules/index.js';

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
