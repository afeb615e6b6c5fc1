/**
 * What a new version of a pack changes for the cases that would bind it: per flow, the steps added or removed and,
 * for a step in both, each field that differs (period, decisions, extension, citation …). Pure.
 */
import type { FlowId, RulePack, StepRule } from './types.js';

/** One difference between two versions of a pack. */
export interface PackChange {
  /** `flows.<flow>.<step>` for a step, or the pack-level field (`policy`, `inForce` …). */
  path: string;
  kind: 'step-added' | 'step-removed' | 'changed';
  /** For `changed`: the step's field (`period`, `decisions` …) or the pack's. */
  field?: string;
  before?: unknown;
  after?: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(x: unknown): unknown {
  if (Array.isArray(x)) return x.map(sorted);
  if (x && typeof x === 'object') {
    return Object.fromEntries(
      Object.entries(x as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([k, v]) => [k, sorted(v)]),
    );
  }
  return x;
}

const STEP_FIELDS: readonly (keyof StepRule)[] = [
  'period',
  'periodBasis',
  'clockStartsAt',
  'actor',
  'dutyOf',
  'role',
  'immediate',
  'decisions',
  'reasonRequiredFor',
  'endsOn',
  'branch',
  'resumes',
  'extension',
  'option',
  'policy',
  'titleZh',
  'titleEn',
  'citation',
];
const PACK_FIELDS: readonly (keyof RulePack)[] = ['inForce', 'bindable', 'jurisdiction', 'policy', 'refusalBasis', 'changeTriggers', 'titleZh', 'titleEn', 'sources'];

/** The differences from `before` (absent: a new text) to `after`, steps first in flow order. */
export function diffPacks(before: RulePack | undefined, after: RulePack): PackChange[] {
  const changes: PackChange[] = [];
  const flows = new Set<FlowId>([...(Object.keys(before?.flows ?? {}) as FlowId[]), ...(Object.keys(after.flows) as FlowId[])]);
  for (const flow of flows) {
    const old = before?.flows[flow] ?? [];
    const now = after.flows[flow] ?? [];
    for (const s of now) {
      const was = old.find((o) => o.id === s.id);
      const path = `flows.${flow}.${s.id}`;
      if (!was) {
        changes.push({ path, kind: 'step-added', after: { period: s.period, periodBasis: s.periodBasis, actor: s.actor } });
        continue;
      }
      for (const field of STEP_FIELDS) {
        if (!same(was[field], s[field])) changes.push({ path, kind: 'changed', field, before: was[field] ?? null, after: s[field] ?? null });
      }
      if (!same(old.indexOf(was), now.indexOf(s))) changes.push({ path, kind: 'changed', field: 'position', before: old.indexOf(was), after: now.indexOf(s) });
    }
    for (const o of old) if (!now.some((s) => s.id === o.id)) changes.push({ path: `flows.${flow}.${o.id}`, kind: 'step-removed', before: { period: o.period } });
  }
  if (before) {
    for (const field of PACK_FIELDS) {
      if (!same(before[field], after[field])) changes.push({ path: field, kind: 'changed', field, before: before[field] ?? null, after: after[field] ?? null });
    }
  }
  return changes;
}
