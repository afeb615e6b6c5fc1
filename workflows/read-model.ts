import { patched, proxyActivities, proxyLocalActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';

type Activities = ReturnType<typeof createActivities>;

/** What the case runtime asks of the read model: deadlines, tasks, statuses, escalations. */
export type CaseStore = Pick<
  Activities,
  | 'computeDeadline'
  | 'recomputeDeadline'
  | 'extendDeadline'
  | 'planEscalations'
  | 'openTask'
  | 'rescheduleTask'
  | 'cancelTask'
  | 'completeTask'
  | 'recordEscalation'
  | 'setRequestStatus'
>;

/** What the processes ask of the catalogue: the requested entry, an approved change, the negative list. */
export type CatalogueStore = Pick<Activities, 'catalogueEntry' | 'applyCatalogueChange' | 'listOnNegativeList' | 'recordNegativeListFiling'>;

/** What an update handler waits on: the completion only. */
export type UpdateStore = Pick<Activities, 'completeTask'>;

const retry = { initialInterval: '1 second', maximumInterval: '1 minute', backoffCoefficient: 2 } as const;

const scheduled = proxyActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * Writes to the read model and calendar lookups are short and idempotent, so they run as local activities: in the
 * worker, inside the workflow task that asked for them, instead of a round trip through the Temporal server each
 * (a new case's first task opens in one workflow task rather than about ten).
 */
const local = proxyLocalActivities<Activities>({ startToCloseTimeout: '30 seconds', retry });

/**
 * The activities that keep the read model. Cases started before local activities scheduled each one on the task
 * queue; `patched` keeps their histories replaying that way (tests/histories/before-local-activities/).
 */
export function readModel(): CaseStore {
  return patched('read-model-local-activities') ? local : scheduled;
}

/** The catalogue's activities, as {@link readModel} runs them (local, or scheduled in cases started before). */
export function catalogueStore(): CatalogueStore {
  return patched('read-model-local-activities') ? local : scheduled;
}

/**
 * For writes an update handler waits on (a task completion): a few quick attempts, not retries without end, so the
 * person's request gets an answer within seconds and the task reopens instead of hanging in "completing". Data the
 * database refuses is not retried at all (activities/store-errors.ts).
 */
const boundedRetry = { initialInterval: '200 milliseconds', maximumInterval: '2 seconds', backoffCoefficient: 2, maximumAttempts: 4 } as const;
const localBounded = proxyLocalActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: boundedRetry });
const scheduledBounded = proxyActivities<Activities>({ startToCloseTimeout: '10 seconds', retry: boundedRetry });

/** The read model for update handlers: the same activities with bounded retries (an options change, not a command change). */
export function readModelForUpdates(): UpdateStore {
  return patched('read-model-local-activities') ? localBounded : scheduledBounded;
}
