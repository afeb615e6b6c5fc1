import { randomUUID } from 'node:crypto';
import { ScheduleOverlapPolicy } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { auditAnchors } from '../../db/schema';
import { auditAnchorScheduleId, ensureAuditAnchorSchedule } from '../../worker';
import { ownDatabase } from '../support/own-database';
import { startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let database: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  database = await ownDatabase();
  stack = await startStack(undefined, { databaseUrl: database.url });
});
afterAll(async () => {
  await stack?.client.schedule.getHandle(auditAnchorScheduleId(stack.taskQueue)).delete().catch(() => undefined);
  await stack?.stop();
  await database?.drop();
});

describe('the anchoring schedule', () => {
  it('is created once (a second start leaves it), skips a run while one is running, and anchors when it fires', async () => {
    await ensureAuditAnchorSchedule(stack.client, stack.taskQueue, '1h');
    await ensureAuditAnchorSchedule(stack.client, stack.taskQueue, '1h'); // a restart: no error, no second schedule
    const handle = stack.client.schedule.getHandle(auditAnchorScheduleId(stack.taskQueue));
    const described = await handle.describe();
    expect(described.policies.overlap).toBe(ScheduleOverlapPolicy.SKIP);
    expect(described.action).toMatchObject({ type: 'startWorkflow', workflowType: 'auditAnchorWorkflow', taskQueue: stack.taskQueue });

    const caseId = randomUUID();
    await appendAudit(stack.db, { eventKey: `schedule-test:${caseId}`, at: new Date(Date.UTC(2026, 0, 5)), action: 'test.scheduled', requestId: caseId });
    await handle.trigger();
    let anchors: Array<typeof auditAnchors.$inferSelect> = [];
    for (let i = 0; i < 300 && anchors.length === 0; i += 1) {
      anchors = await stack.db.select().from(auditAnchors);
      if (anchors.length === 0) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(anchors).toHaveLength(1);
    expect(anchors[0]!.treeSize).toBeGreaterThanOrEqual(1);
  });
});
