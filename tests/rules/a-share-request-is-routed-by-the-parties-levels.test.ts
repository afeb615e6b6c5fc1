/** Hebei draft art. 21: the route of a share request from its parties' levels and regions (rules/cross-level.ts). */
import { describe, expect, it } from 'vitest';
import { applyPolicyOverrides, getPack, ladderFor, shareRoute, step } from '../../rules/index.js';

const sjzGaj = { id: 'sjz-gaj', level: 'city', jurisdiction: 'hebei', authorityId: 'sjz-data' };
const sjzScjgj = { id: 'sjz-scjgj', level: 'city', jurisdiction: 'hebei', authorityId: 'sjz-data' };
const hbGat = { id: 'hb-gat', level: 'province', jurisdiction: 'hebei', authorityId: 'hb-data' };
const ahGat = { id: 'ah-gat', level: 'province', jurisdiction: 'anhui', authorityId: 'ah-data' };
const sjzData = { id: 'sjz-data', upperAuthorityId: 'hb-data' };
const hbData = { id: 'hb-data', upperAuthorityId: 'nda' };

describe('shareRoute', () => {
  const pack = getPack('hebei-2023');

  it('a city department asking for provincial data: through the city authority to the provincial authority, from the draft', () => {
    expect(shareRoute(pack, sjzGaj, sjzData, hbGat)).toMatchObject({
      kind: 'cross-level',
      basis: 'draft',
      relayAuthority: 'sjz-data',
      upperAuthority: 'hb-data',
      citation: { article: '征求意见稿第二十一条 (2022 draft art. 21)' },
    });
    expect(shareRoute(getPack('hebei-2022-draft'), sjzGaj, sjzData, hbGat)).toMatchObject({ kind: 'cross-level', citation: { article: '第二十一条 (art. 21)' } });
  });

  it('two departments of one authority: the same-level route, as before', () => {
    expect(shareRoute(pack, sjzGaj, sjzData, sjzScjgj)).toEqual({ kind: 'same-level' });
    expect(shareRoute(pack, hbGat, hbData, { ...hbGat, id: 'hb-mzt' })).toEqual({ kind: 'same-level' });
  });

  it('another province’s data: no route (art. 21 covers only this province), local policy; State Council data: the provincial authority coordinates', () => {
    expect(shareRoute(pack, sjzGaj, sjzData, ahGat)).toMatchObject({ kind: 'not-provided', reason: 'other-province', basis: 'policy' });
    expect(shareRoute(pack, hbGat, hbData, ahGat)).toMatchObject({ kind: 'not-provided', reason: 'other-province' });
    expect(shareRoute(pack, sjzGaj, sjzData, { id: 'x', level: 'national', jurisdiction: 'national', authorityId: 'nda' })).toMatchObject({ kind: 'not-provided', reason: 'national', basis: 'draft' });
  });

  it('a provincial department asking for city data is not covered by art. 21: its own authority handles it, local policy', () => {
    expect(shareRoute(pack, hbGat, hbData, sjzGaj)).toMatchObject({ kind: 'own-authority', basis: 'policy' });
  });

  it('texts without art. 21 keep every request on the requester’s authority', () => {
    expect(shareRoute(getPack('anhui-2021'), sjzGaj, sjzData, hbGat)).toEqual({ kind: 'same-level' });
    expect(shareRoute(getPack('hebei-2016'), sjzGaj, sjzData, ahGat)).toEqual({ kind: 'same-level' });
  });
});

describe('the relay hop', () => {
  it('is local policy (3 WD), labelled, overridable per jurisdiction; the city authority is reminded and told it is overdue, nothing more', () => {
    const relay = step(getPack('hebei-2023'), 'cross-level-conditional-share', 'relay-upward');
    expect(relay).toMatchObject({ actor: 'relay-authority', period: { n: 3, unit: 'working-days' }, periodBasis: 'policy' });
    expect(relay.policy?.zh).toContain('未规定转报期限');
    expect(relay.citation.note).toContain('本地政策');
    const local = applyPolicyOverrides(getPack('hebei-2023'), { periods: { 'cross-level-conditional-share': { 'relay-upward': { n: 2, unit: 'working-days' } } } });
    expect(step(local, 'cross-level-conditional-share', 'relay-upward')).toMatchObject({ period: { n: 2 }, overridden: { default: { n: 3 } } });
    const rungs = ladderFor(getPack('hebei-2023').policy.escalation, { holder: 'relay-authority', periodBasis: 'policy' });
    expect(rungs.map((r) => [r.rung, r.to])).toEqual([
      ['reminder', ['assignee']],
      ['overdue', ['assignee']],
    ]);
  });
});
