/** Whether an extension of a step's period may be granted. */
import { step } from './lookup.js';
import type { FlowId, Period, RulePack } from './types.js';

/** Why an extension is refused. */
export const EXTENSION_REFUSALS = {
  /** The text allows no extension of this step. */
  notAllowed: 'no-extension',
  /** The request, with what was already granted, exceeds the maximum. */
  overLimit: 'over-limit',
  /** The requested length is not a positive integer. */
  invalidLength: 'invalid-length',
} as const;
/** A value of {@link EXTENSION_REFUSALS}. */
export type ExtensionRefusal = (typeof EXTENSION_REFUSALS)[keyof typeof EXTENSION_REFUSALS];

/** The answer of {@link validateExtension}. */
export type ExtensionCheck =
  | { ok: true; n: number; max: Period; /** What may still be granted after this one. */ remaining: number }
  | { ok: false; reason: ExtensionRefusal; max?: Period; message: string };

/**
 * Checks an extension request of `n` units for a step, given `alreadyExtended` units granted before. The unit is
 * the step's. Thrown when the flow or step does not exist (`UnknownFlowError`, `UnknownStepError`).
 */
export function validateExtension(
  pack: RulePack,
  flow: FlowId | string,
  stepId: string,
  n: number,
  alreadyExtended = 0,
): ExtensionCheck {
  const s = step(pack, flow, stepId);
  const ext = s.extension;
  if (!ext) {
    return { ok: false, reason: 'no-extension', message: `${pack.id} allows no extension of ${stepId}` };
  }
  if (!Number.isInteger(n) || n < 1) {
    return { ok: false, reason: 'invalid-length', max: ext.max, message: `extension must be a positive integer, got ${n}` };
  }
  const total = n + alreadyExtended;
  if (total > ext.max.n) {
    return {
      ok: false,
      reason: 'over-limit',
      max: ext.max,
      message: `${stepId} may be extended by at most ${ext.max.n} ${ext.max.unit} in total (${ext.citation.article}); requested ${n}, already ${alreadyExtended}`,
    };
  }
  return { ok: true, n, max: ext.max, remaining: ext.max.n - total };
}
