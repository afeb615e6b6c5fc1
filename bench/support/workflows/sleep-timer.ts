import { sleep } from '@temporalio/workflow';

/**
 * The timers bench's baseline: one durable timer to an instant and nothing else. Returns how late the workflow woke,
 * by the workflow clock, which is how an escalation's `fired_at` is taken.
 */
export async function sleepTimerWorkflow(at: string): Promise<{ scheduledAt: string; firedAt: string }> {
  const wait = Date.parse(at) - Date.now();
  if (wait > 0) await sleep(wait);
  return { scheduledAt: at, firedAt: new Date().toISOString() };
}
