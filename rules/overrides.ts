/** Per-jurisdiction overrides of local-policy values. Law and draft figures cannot be overridden. */
import { PERIOD_UNITS } from '../calendar/index.js';
import { PolicyOverrideError } from './errors.js';
import type { FlowId, Period, PolicyOverrides, PolicyValue, RulePack, StepRule } from './types.js';

function checkPeriod(path: string, p: Period, min: number): Period {
  if (!p || typeof p !== 'object' || !Number.isInteger(p.n) || p.n < min || p.n > 366) {
    throw new PolicyOverrideError(path, `n must be an integer from ${min} to 366, got ${JSON.stringify(p?.n)}`);
  }
  const units: readonly string[] = Object.values(PERIOD_UNITS);
  if (!units.includes(p.unit)) {
    throw new PolicyOverrideError(path, `unit must be one of ${units.join(', ')}, got ${JSON.stringify(p.unit)}`);
  }
  return { n: p.n, unit: p.unit };
}

function withValue<T>(pv: PolicyValue<T>, value: T | undefined, label: string | undefined): PolicyValue<T> {
  if (value === undefined) return pv;
  const def = pv.overridden?.default ?? pv.value;
  return { ...pv, value, overridden: label === undefined ? { default: def } : { default: def, label } };
}

function overrideStep(pack: RulePack, flow: string, s: StepRule, period: Period | undefined, label?: string): StepRule {
  if (period === undefined) return s;
  const path = `periods.${flow}.${s.id}`;
  if (s.periodBasis !== 'policy') {
    throw new PolicyOverrideError(path, `the period of ${s.id} in ${pack.id} is ${s.periodBasis}, not policy`);
  }
  const p = checkPeriod(path, period, 1);
  const def = s.overridden?.default ?? s.period;
  return { ...s, period: p, overridden: label === undefined ? { default: def } : { default: def, label } };
}

function overrideLapse(pack: RulePack, flow: string, s: StepRule, lapses: boolean | undefined, label?: string): StepRule {
  if (lapses === undefined) return s;
  const path = `lapses.${flow}.${s.id}`;
  if (typeof lapses !== 'boolean') throw new PolicyOverrideError(path, `must be true or false, got ${JSON.stringify(lapses)}`);
  if (!s.option) throw new PolicyOverrideError(path, `${s.id} in ${pack.id} is a duty, not a party's option: it cannot lapse`);
  const lapse = s.option.lapse;
  if (lapse.basis !== 'policy') throw new PolicyOverrideError(path, `the lapse of ${s.id} in ${pack.id} is ${lapse.basis}, not policy`);
  const def = lapse.overridden?.default ?? lapse.applies;
  return {
    ...s,
    option: { ...s.option, lapse: { ...lapse, applies: lapses, overridden: label === undefined ? { default: def } : { default: def, label } } },
  };
}

function checkSteps(pack: RulePack, key: 'periods' | 'lapses', byFlow: Record<string, object | undefined>): void {
  for (const [flow, byStep] of Object.entries(byFlow)) {
    const steps = pack.flows[flow as FlowId];
    if (!steps) throw new PolicyOverrideError(`${key}.${flow}`, `pack ${pack.id} has no such flow`);
    for (const id of Object.keys(byStep ?? {})) {
      if (!steps.some((s) => s.id === id)) throw new PolicyOverrideError(`${key}.${flow}.${id}`, 'no such step');
    }
  }
}

/**
 * A copy of `pack` with the jurisdiction's local-policy values: escalation periods, the number of returns for
 * completion, the periods of steps whose basis is `policy`, and whether a party's option lapses when its period ends
 * (`lapses`: off by default, allowed only where the lapse is not law). The result records `appliedOverrides` and marks each
 * replaced value `overridden` with the default it replaced. Thrown when an override names a law or draft figure, an
 * unknown flow or step, or a malformed period: `PolicyOverrideError`.
 */
export function applyPolicyOverrides(pack: RulePack, overrides: PolicyOverrides): RulePack {
  const { label } = overrides;
  const periods = overrides.periods ?? {};
  const lapses = overrides.lapses ?? {};
  checkSteps(pack, 'periods', periods);
  checkSteps(pack, 'lapses', lapses);
  const flows: Record<string, readonly StepRule[]> = {};
  for (const [flow, steps] of Object.entries(pack.flows)) {
    const byStep = (periods[flow as FlowId] ?? {}) as Partial<Record<string, Period>>;
    const lapseByStep = (lapses[flow as FlowId] ?? {}) as Partial<Record<string, boolean>>;
    flows[flow] = steps.map((s) => overrideLapse(pack, flow, overrideStep(pack, flow, s, byStep[s.id], label), lapseByStep[s.id], label));
  }
  const esc = overrides.escalation ?? {};
  const e = pack.policy.escalation;
  const maxReturns = overrides.returnForCompletion?.maxReturns;
  if (maxReturns !== undefined && (!Number.isInteger(maxReturns) || maxReturns < 0 || maxReturns > 10)) {
    throw new PolicyOverrideError('returnForCompletion.maxReturns', `must be an integer from 0 to 10, got ${maxReturns}`);
  }
  const check = (k: string, p: Period | undefined, min: number) => (p === undefined ? undefined : checkPeriod(`escalation.${k}`, p, min));
  const supervise = esc.superviseLocalPolicyPeriods;
  if (supervise !== undefined && typeof supervise !== 'boolean') {
    throw new PolicyOverrideError('escalation.superviseLocalPolicyPeriods', `must be true or false, got ${JSON.stringify(supervise)}`);
  }
  const l = e.ladder;
  if (!l && (supervise !== undefined || esc.internalOversightGrace || esc.governmentOrderPeriod)) {
    throw new PolicyOverrideError('escalation', `pack ${pack.id} has no legal ladder to override`);
  }
  if (esc.governmentOrderPeriod && !l?.governmentOrder) {
    throw new PolicyOverrideError('escalation.governmentOrderPeriod', `pack ${pack.id} gives the government no order to correct`);
  }
  const ladder = l
    ? {
        ...l,
        superviseLocalPolicyPeriods: withValue(l.superviseLocalPolicyPeriods, supervise, label),
        internalOversight: {
          ...l.internalOversight,
          grace: withValue(l.internalOversight.grace, check('internalOversightGrace', esc.internalOversightGrace, 0), label),
        },
        ...(l.governmentOrder
          ? { governmentOrder: { ...l.governmentOrder, period: withValue(l.governmentOrder.period, check('governmentOrderPeriod', esc.governmentOrderPeriod, 1), label) } }
          : {}),
      }
    : undefined;
  const extensionDecision = pack.policy.extensionDecision;
  if (overrides.extensionDecision && !extensionDecision) {
    throw new PolicyOverrideError('extensionDecision', `pack ${pack.id} has no extension decision period`);
  }
  return {
    ...pack,
    flows: flows as RulePack['flows'],
    policy: {
      escalation: {
        ...e,
        reminderBefore: withValue(e.reminderBefore, check('reminderBefore', esc.reminderBefore, 0), label),
        rectificationGrace: withValue(e.rectificationGrace, check('rectificationGrace', esc.rectificationGrace, 0), label),
        rectificationTimeLimit: withValue(
          e.rectificationTimeLimit,
          check('rectificationTimeLimit', esc.rectificationTimeLimit, 1),
          label,
        ),
        ...(ladder ? { ladder } : {}),
      },
      returnForCompletion: {
        ...pack.policy.returnForCompletion,
        maxReturns: withValue(pack.policy.returnForCompletion.maxReturns, maxReturns, label),
      },
      ...(extensionDecision
        ? {
            extensionDecision: withValue(
              extensionDecision,
              overrides.extensionDecision === undefined ? undefined : checkPeriod('extensionDecision', overrides.extensionDecision, 1),
              label,
            ),
          }
        : {}),
    },
    appliedOverrides: mergeOverrides(pack.appliedOverrides, overrides),
  };
}

function mergeOverrides(a: PolicyOverrides | undefined, b: PolicyOverrides): PolicyOverrides {
  if (!a) return b;
  const periods: Record<string, object> = { ...a.periods };
  for (const [flow, byStep] of Object.entries(b.periods ?? {})) periods[flow] = { ...periods[flow], ...byStep };
  const lapses: Record<string, object> = { ...a.lapses };
  for (const [flow, byStep] of Object.entries(b.lapses ?? {})) lapses[flow] = { ...lapses[flow], ...byStep };
  return {
    ...a,
    ...b,
    escalation: { ...a.escalation, ...b.escalation },
    returnForCompletion: { ...a.returnForCompletion, ...b.returnForCompletion },
    periods: periods as PolicyOverrides['periods'],
    lapses: lapses as PolicyOverrides['lapses'],
  };
}
