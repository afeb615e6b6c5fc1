import { eq } from 'drizzle-orm';
import { requests, tasks } from '../../db/schema';
import type { TestStack } from './stack';

/**
 * What a case looks like when a test waited for a task in vain: its row, its task rows, and its workflow's state and
 * last history events — so a failure says whether the workflow never ran, is waiting on an activity, or failed.
 */
export async function diagnoseCase(stack: Pick<TestStack, 'db' | 'client' | 'taskQueue'>, requestId: string): Promise<string> {
  const lines: string[] = [];
  try {
    const [row] = await stack.db.select().from(requests).where(eq(requests.id, requestId));
    if (!row) return `no request ${requestId} in the read model`;
    lines.push(`request: status ${row.status}, workflow ${row.workflowId}, received ${row.receivedAt.toISOString()}`);
    const rows = await stack.db.select().from(tasks).where(eq(tasks.requestId, requestId));
    lines.push(`tasks: ${rows.map((t) => `${t.step}=${t.status}@${t.assigneeDepartmentId}/${t.assigneeRole}`).join(', ') || 'none'}`);
    const handle = stack.client.workflow.getHandle(row.workflowId);
    const description = await handle.describe();
    lines.push(`workflow: ${description.status.name} on ${description.taskQueue} (stack's queue ${stack.taskQueue}), history length ${description.historyLength}`);
    const raw = await handle.fetchHistory();
    const events = (raw.events ?? []).slice(-8).map((e) => `${String(e.eventType)}${e.eventTime ? ` ${new Date(Number(e.eventTime.seconds) * 1000).toISOString()}` : ''}`);
    lines.push(`last events: ${events.join(' | ')}`);
  } catch (error) {
    lines.push(`(diagnosis failed: ${(error as Error).message})`);
  }
  return lines.join('\n');
}
