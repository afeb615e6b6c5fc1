import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { escalations, tasks } from '../../db/schema';
import { caseStateQuery, workflowTypes } from '../../workflows/messages';
import { anhuiParties, registerCase, requestRow, startWorkflow, statusTrail } from '../support/cases';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping();

describe('an Anhui unconditional share request (anhui-2021 art. 25)', () => {
  it('is direct access on the platform: fulfilled at once, with no task, no deadline and nothing to escalate', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-scjgj'),
      catalogueEntryId: 'AH-SCJGJ-0001',
      receivedAt: '2025-09-28T10:00:00+08:00',
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      expect(await handle.result()).toEqual({ status: 'fulfilled', decision: 'direct-access' });
      expect((await handle.query(caseStateQuery)).openTasks).toEqual([]);
    });
    expect(await db.db.select().from(tasks).where(eq(tasks.requestId, input.requestId))).toEqual([]);
    expect(await db.db.select().from(escalations).where(eq(escalations.requestId, input.requestId))).toEqual([]);
    const row = await requestRow(db.db, input.requestId);
    expect(row).toMatchObject({ status: 'fulfilled', outcome: 'direct-access' });
    expect(row.closedAt).not.toBeNull();
    expect(await statusTrail(db.db, input.requestId)).toEqual(['fulfilled']);
    await db.close();
  });
});
