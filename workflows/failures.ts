import { ApplicationFailure } from '@temporalio/workflow';
import { RulesError } from '../rules';

/**
 * Workflow code throws only `ApplicationFailure`: any other error fails the workflow task, which Temporal retries
 * forever without the case ever moving or failing visibly. The helpers here turn what workflow code finds wrong into
 * non-retryable failures with a stable `type`.
 */

/** A failure that ends the workflow: retrying cannot mend it (the case's rule pack says something impossible). */
export function caseFailure(type: string, message: string, details: unknown[] = []): ApplicationFailure {
  return ApplicationFailure.create({ type, message, details, nonRetryable: true });
}

/**
 * Runs a pure rule function (rules/ throws `RulesError`s, plain `Error`s to the sandbox) and rethrows what it throws
 * as a non-retryable `ApplicationFailure` typed by the error's `code`. Synchronous: no promise layer, no command.
 */
export function byRule<T>(rule: () => T): T {
  try {
    return rule();
  } catch (error) {
    if (error instanceof ApplicationFailure) throw error;
    if (error instanceof RulesError) throw caseFailure(error.code, error.message);
    throw caseFailure('RuleFailed', error instanceof Error ? error.message : String(error));
  }
}
