/** The packs are well-formed data: ids, routing, decisions and citations hold together; the library is workflow-safe. */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ACTORS,
  DECISIONS,
  flowSteps,
  getPack,
  listPacks,
  nextStep,
  ROLES,
  STEP_IDS,
  UnknownDecisionError,
  UnknownFlowError,
  UnknownStepError,
  step,
  type StepRule,
} from '../../rules/index.js';

const everyStep: [string, string, StepRule][] = listPacks().flatMap((p) =>
  p.flows.flatMap((f) => flowSteps(getPack(p.id), f).map((s) => [`${p.id}/${f}/${s.id}`, f, s] as [string, string, StepRule])),
);

const ROLE_OF: Record<string, string> = {
  requester: 'requester',
  provider: 'provider',
  authority: 'authority-reviewer',
  government: 'government-approver',
  'upper-authority': 'authority-reviewer',
  'relay-authority': 'authority-reviewer',
};

describe('every step is well-formed', () => {
  it.each(everyStep)('%s', (_name, flow, s) => {
    expect(s.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
    expect(Object.values(STEP_IDS)).toContain(s.id);
    expect(Object.values(ACTORS)).toContain(s.actor);
    expect(Object.values(ROLES)).toContain(s.role);
    expect(s.role).toBe(ROLE_OF[s.actor]);
    for (const d of [...s.decisions, ...s.reasonRequiredFor, ...(s.endsOn ?? [])]) expect(Object.values(DECISIONS)).toContain(d);
    for (const d of s.reasonRequiredFor) expect(s.decisions).toContain(d);
    for (const d of s.endsOn ?? []) expect(s.decisions).toContain(d);
    expect(Number.isInteger(s.period.n)).toBe(true);
    expect(s.period.n > 0 || s.immediate === true).toBe(true);
    expect(s.decisions.length > 0 || s.immediate === true).toBe(true);
    expect(s.titleZh && s.titleEn && s.clockStartsAt.zh && s.clockStartsAt.en).toBeTruthy();
    if (s.periodBasis === 'policy') expect(s.policy).toBeDefined();
    else expect(s.policy).toBeUndefined();
    if (s.option) expect(s.decisions).toContain(s.option.lapse.decision);
    if (s.extension) {
      expect(s.extension.max.unit).toBe(s.period.unit);
      expect(s.extension.citation.textZh && s.extension.citation.textEn).toBeTruthy();
    }
    expect(flow).toBeTruthy();
  });
});

describe('routing', () => {
  it.each(listPacks().flatMap((p) => p.flows.map((f) => [p.id, f] as const)))('%s / %s: ids unique, branches and resumptions resolve', (packId, flow) => {
    const pack = getPack(packId);
    const steps = flowSteps(pack, flow);
    const ids = steps.map((s) => s.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of steps) {
      if (s.branch) {
        const from = steps.find((x) => x.id === s.branch!.after);
        expect(from, `${s.id} branches from ${s.branch.after}`).toBeDefined();
        expect(ids.indexOf(from!.id)).toBeLessThan(ids.indexOf(s.id));
        for (const d of s.branch.on) expect(from!.decisions).toContain(d);
      }
      if (s.resumes) {
        expect(ids).toContain(s.resumes.stepId);
        for (const d of s.resumes.on) expect(s.decisions).toContain(d);
      }
      // every decision leads somewhere defined
      for (const d of s.decisions) expect(['step', 'end']).toContain(nextStep(pack, flow, s.id, d).kind);
    }
  });

  it('hebei-2023 conditional-share routes refusal → objection → coordination → provision', () => {
    const p = getPack('hebei-2023');
    const f = 'conditional-share';
    expect(nextStep(p, f, 'review-forward', 'forward')).toMatchObject({ kind: 'step', step: { id: 'provider-reply' } });
    expect(nextStep(p, f, 'review-forward', 'return-incomplete')).toMatchObject({ step: { id: 'complete-request' } });
    expect(nextStep(p, f, 'complete-request', 'resubmit')).toMatchObject({ step: { id: 'review-forward' }, resumed: true });
    expect(nextStep(p, f, 'complete-request', 'withdraw')).toEqual({ kind: 'end' });
    expect(nextStep(p, f, 'provider-reply', 'agree')).toMatchObject({ step: { id: 'provide-data' }, resumed: false });
    expect(nextStep(p, f, 'provider-reply', 'refuse')).toMatchObject({ step: { id: 'requester-objection' } });
    expect(nextStep(p, f, 'requester-objection', 'waive')).toEqual({ kind: 'end' });
    expect(nextStep(p, f, 'requester-objection', 'object')).toMatchObject({ step: { id: 'coordinate-decide' } });
    expect(nextStep(p, f, 'coordinate-decide', 'order-provision')).toMatchObject({ step: { id: 'provide-data' }, resumed: true });
    expect(nextStep(p, f, 'coordinate-decide', 'uphold-refusal')).toEqual({ kind: 'end' });
    expect(nextStep(p, f, 'provide-data', 'provided')).toEqual({ kind: 'end' });
  });

  it('hebei-2016: no agreement → application → explanation → coordination → joint decision', () => {
    const p = getPack('hebei-2016');
    const f = 'conditional-share';
    expect(nextStep(p, f, 'consultation', 'no-agreement')).toMatchObject({ step: { id: 'requester-objection' } });
    expect(nextStep(p, f, 'requester-objection', 'object')).toMatchObject({ step: { id: 'provider-explanation' } });
    expect(nextStep(p, f, 'provider-explanation', 'explained')).toMatchObject({ step: { id: 'coordinate-decide' } });
    expect(nextStep(p, f, 'coordinate-decide', 'no-consensus')).toMatchObject({ step: { id: 'joint-decision' } });
    expect(nextStep(p, f, 'joint-decision', 'order-provision')).toMatchObject({ step: { id: 'provide-data' }, resumed: true });
  });

  it('negative list: review → government approval → filing with the upper-level authority', () => {
    const p = getPack('hebei-2023');
    expect(flowSteps(p, 'negative-list').map((s) => [s.id, s.actor, s.role])).toEqual([
      ['authority-review', 'authority', 'authority-reviewer'],
      ['government-approval', 'government', 'government-approver'],
      ['record-filing', 'upper-authority', 'authority-reviewer'],
    ]);
    expect(nextStep(p, 'negative-list', 'government-approval', 'reject')).toEqual({ kind: 'end' });
    expect(nextStep(p, 'negative-list', 'government-approval', 'approve')).toMatchObject({ step: { id: 'record-filing' } });
  });

  it('lookups throw named errors', () => {
    const p = getPack('hebei-2016');
    expect(() => flowSteps(p, 'negative-list')).toThrow(UnknownFlowError);
    expect(() => flowSteps(p, 'toString')).toThrow(UnknownFlowError);
    expect(() => step(p, 'conditional-share', 'review-forward')).toThrow(UnknownStepError);
    expect(() => nextStep(p, 'conditional-share', 'consultation', 'refuse')).toThrow(UnknownDecisionError);
    expect(step(getPack('hebei-2023'), 'conditional-share', 'provider-reply').decisions).toEqual(['agree', 'refuse']);
  });
});

describe('rules library is safe to import in Temporal workflow code', () => {
  const DIR = fileURLToPath(new URL('../../rules', import.meta.url));
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = join(dir, e.name);
      if (e.isDirectory()) return files(p);
      return e.name.endsWith('.ts') && e.name !== 'cli.ts' ? [p] : [];
    });

  it.each(files(DIR).map((f) => [relative(DIR, f), f]))('%s imports only its own files and the calendar, reads no clock', (_n, file) => {
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/\bfrom\s+'([^']+)'/g)) expect(m[1]!.startsWith('.')).toBe(true);
    expect(src).not.toMatch(/Date\.now\(|new Date\(\)|Math\.random|performance\.\w|process\.\w|structuredClone/);
  });
});
