/**
 * Rule packs are validated data: one JSON file per text, following a JSON Schema derived from the pack types, each
 * with a version hash; a bad field is named by its JSON path (docs/RULES.md, "Packs as data").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { getPack, listPacks, type RulePack } from '../../rules/index.js';
import { packFileText, packHash, validatePack } from '../../packs/data.js';
import { rulePackJsonSchema } from '../../packs/schema.js';

const dir = fileURLToPath(new URL('../../rules/packs/data/', import.meta.url));
const file = (name: string) => readFileSync(`${dir}${name}`, 'utf8');
const clone = (p: RulePack) => JSON.parse(JSON.stringify(p)) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('packs as data', () => {
  it('has one file per built-in text, each the pack as it is built, and nothing else', () => {
    const ids = listPacks().map((p) => p.id);
    expect(readdirSync(dir).sort()).toEqual([...ids.map((id) => `${id}.json`), 'rule-pack.schema.json'].sort());
    for (const id of ids) expect(file(`${id}.json`), `${id}.json is stale: npm run rules:export`).toBe(packFileText(getPack(id)));
  });

  it('commits the JSON Schema the pack types give', () => {
    expect(file('rule-pack.schema.json'), 'stale: npm run rules:export').toBe(packFileText(rulePackJsonSchema()));
  });

  it('validates every built-in pack, as read from its file', () => {
    for (const { id } of listPacks()) expect(validatePack(JSON.parse(file(`${id}.json`))), id).toEqual([]);
  });

  it('names the JSON path of a bad field, an unknown field and a broken reference', () => {
    const bad = clone(getPack('hebei-2023'));
    bad.flows['conditional-share'][1].period.n = -2;
    bad.flows['conditional-share'][0].period.unit = 'weeks';
    bad.flows['conditional-share'][0].colour = 'red';
    bad.inForce.from = '2023-13-01';
    const paths = validatePack(bad).map((i) => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'flows.conditional-share[1].period.n',
        'flows.conditional-share[0].period.unit',
        'flows.conditional-share[0].colour',
        'inForce.from',
      ]),
    );
    const crossed = clone(getPack('hebei-2023'));
    crossed.flows['conditional-share'][0].reasonRequiredFor = ['approve'];
    expect(validatePack(crossed)).toEqual([{ path: 'flows.conditional-share[0].reasonRequiredFor[0]', message: expect.stringContaining('approve') }]);
  });

  it('gives each version a hash of its canonical JSON: the same data the same hash, any change another', () => {
    const pack = getPack('anhui-2021');
    const reordered = Object.fromEntries(Object.entries(clone(pack)).reverse()) as unknown as RulePack;
    expect(packHash(pack)).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(packHash(reordered)).toBe(packHash(pack));
    const edited = clone(pack);
    edited.flows['conditional-share'][0].period.n += 1;
    expect(packHash(edited as RulePack)).not.toBe(packHash(pack));
  });

  it('takes a new province as data alone (2 WD review, 5 WD reply, 10 WD to verify)', () => {
    const province = JSON.parse(readFileSync(fileURLToPath(new URL('./fixtures/new-province.pack.json', import.meta.url)), 'utf8')) as RulePack;
    expect(validatePack(province)).toEqual([]);
    const period = (flow: 'conditional-share' | 'quality-dispute', id: string) => province.flows[flow]!.find((s) => s.id === id)!.period;
    expect([period('conditional-share', 'review-forward').n, period('conditional-share', 'provider-reply').n, period('quality-dispute', 'verify-answer').n]).toEqual([2, 5, 10]);
  });
});
