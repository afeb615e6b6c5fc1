/**
 * Rule packs as data, outside the workflow sandbox: validating a pack file or a proposed version against the schema
 * (`packs/schema.ts`) and the pack's own cross-references, and the version hash a case is bound to. Uses Node's
 * crypto: never import it from workflow code (the workflow gets the pack itself, recorded in its history).
 */
import { createHash } from 'node:crypto';
import Ajv from 'ajv';
import { RulePackSchema, rulePackJsonSchema } from './schema.js';
import type { FlowId, RulePack } from '../rules/types.js';

/** One problem of a pack, at its JSON path (`flows.conditional-share[0].period.n`). */
export interface PackIssue {
  path: string;
  message: string;
}

const ajv = new Ajv({ allErrors: true, strict: false });
const validateSchema = ajv.compile(rulePackJsonSchema());

/** `/flows/conditional-share/0/period/n` → `flows.conditional-share[0].period.n`. */
function pathOf(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((out, p) => (/^\d+$/.test(p) ? `${out}[${p}]` : out ? `${out}.${p}` : p), '');
}

/** The steps' references to one another: every step they name is in the flow, every decision they name is the step's. */
function crossReferences(pack: RulePack): PackIssue[] {
  const issues: PackIssue[] = [];
  for (const [flow, steps] of Object.entries(pack.flows) as [FlowId, RulePack['flows'][FlowId]][]) {
    const list = steps ?? [];
    const ids = new Set(list.map((s) => s.id));
    const byId = new Map(list.map((s) => [s.id, s]));
    list.forEach((s, i) => {
      const at = `flows.${flow}[${i}]`;
      const own = new Set<string>(s.decisions);
      for (const field of ['reasonRequiredFor', 'endsOn'] as const) {
        (s[field] ?? []).forEach((d, j) => {
          if (!own.has(d)) issues.push({ path: `${at}.${field}[${j}]`, message: `${d} is not one of the step's decisions (${s.decisions.join(', ')})` });
        });
      }
      const anchor = s.clockStartsAt.at;
      if (!['receipt', 'change', 'previous-step'].includes(anchor) && !ids.has(anchor as never)) {
        issues.push({ path: `${at}.clockStartsAt.at`, message: `no step ${anchor} in ${flow}` });
      }
      if (s.branch) {
        const after = byId.get(s.branch.after);
        if (!after) issues.push({ path: `${at}.branch.after`, message: `no step ${s.branch.after} in ${flow}` });
        else
          s.branch.on.forEach((d, j) => {
            if (!after.decisions.includes(d)) issues.push({ path: `${at}.branch.on[${j}]`, message: `${d} is not a decision of ${after.id}` });
          });
      }
      if (s.resumes && !ids.has(s.resumes.stepId)) issues.push({ path: `${at}.resumes.stepId`, message: `no step ${s.resumes.stepId} in ${flow}` });
      if (s.resumes)
        s.resumes.on.forEach((d, j) => {
          if (!own.has(d)) issues.push({ path: `${at}.resumes.on[${j}]`, message: `${d} is not one of the step's decisions` });
        });
      if (s.periodBasis === 'policy' && !s.policy) issues.push({ path: `${at}.policy`, message: 'a policy period says why (policy.zh, policy.en)' });
      if (!s.immediate && s.period.n === 0 && !s.option) issues.push({ path: `${at}.period.n`, message: 'a step with a task has a period of at least 1' });
    });
    if (list.length > 0 && list.every((s) => s.branch)) issues.push({ path: `flows.${flow}`, message: 'a flow has at least one main-path step' });
  }
  if (pack.inForce?.to !== undefined && pack.inForce.to < pack.inForce.from) issues.push({ path: 'inForce.to', message: 'must not be before inForce.from' });
  return issues;
}

/**
 * The problems of `data` as a rule pack: first the schema's (the type of every field, no unknown field), then, for a
 * pack that fits the schema, its cross-references. Empty when it is a valid pack.
 */
export function validatePack(data: unknown): PackIssue[] {
  if (!validateSchema(data)) {
    return (validateSchema.errors ?? []).map((e) => {
      const extra = e.keyword === 'additionalProperties' ? (e.params as { additionalProperty: string }).additionalProperty : undefined;
      const base = pathOf(e.instancePath);
      const path = extra ? (base ? `${base}.${extra}` : extra) : base;
      const allowed = e.keyword === 'enum' ? `: ${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')}` : '';
      return { path: path || '(pack)', message: extra ? 'is not a field of a rule pack' : `${e.message ?? 'is invalid'}${allowed}` };
    });
  }
  return crossReferences(data as RulePack);
}

/** The pack as data, or thrown when invalid: {@link InvalidPackError}. */
export function parsePack(data: unknown): RulePack {
  const issues = validatePack(data);
  if (issues.length > 0) throw new InvalidPackError(issues);
  return data as RulePack;
}

/** Thrown when a pack does not validate; `issues` name each bad field by its JSON path. */
export class InvalidPackError extends Error {
  constructor(readonly issues: readonly PackIssue[]) {
    super(`invalid rule pack: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'InvalidPackError';
  }
}

/** JSON with object keys sorted at every depth and `undefined` members left out. */
export function canonicalPackJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalPackJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalPackJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The version hash of a pack: `sha256:` and the hex sha256 of its canonical JSON. Equal data, equal hash. */
export function packHash(pack: RulePack): string {
  return `sha256:${createHash('sha256').update(canonicalPackJson(pack)).digest('hex')}`;
}

/** The pack file's text as committed: two-space JSON and a final newline. */
export function packFileText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

export { RulePackSchema };
