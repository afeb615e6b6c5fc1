import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { negativeList } from '../../db/schema';
import { workflowTypes } from '../../workflows/messages';
import {
  anhuiParties,
  completeAs,
  createCatalogueEntry,
  openTask,
  people,
  registerCase,
  requestRow,
  secretsLaw,
  startWorkflow,
  terminateLeftovers,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker, startTimeSkipping } from '../support/time-skipping';

/**
 * A request for data classed 不予共享 is refused at once only where an approved negative list makes it so (Hebei draft
 * art. 15: reviewed by the authority, approved by the people's government, listed). Classed so but never listed — or
 * under a text whose listing is not the government's (Anhui: art. 22 asks the department for reasons and a legal
 * basis) — it is decided as conditional data is, so the refusal, if any, names its legal basis (Hebei draft art. 19;
 * Anhui art. 21).
 */
let env: TestWorkflowEnvironment;
beforeAll(async () => {
  env = await startTimeSkipping();
});
afterEach(terminateLeftovers);
afterAll(() => env?.teardown());

async function listedOnTheNegativeList(db: Db, entryId: string, requestId: string): Promise<void> {
  await db.insert(negativeList).values({ catalogueEntryId: entryId, requestId, legalBasis: '《测试法》第三条', listedAt: new Date(), approvedBy: 'u-gov-sun' });
}

describe('a share request for an entry classed not shared', () => {
  it('hebei-2023, not on the negative list: goes to the authority and the provider, who refuses only with a legal basis', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env);
    const entry = await createCatalogueEntry(db.db, { provider: 'hb-gat', sharingAttribute: 'not-shared' });
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-gat'),
      catalogueEntryId: entry.id,
      receivedAt: new Date(await env.currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env, taskQueue, workflowTypes.shareRequest, input);
      const review = await openTask(handle, 'review-forward');
      expect(review.assigneeDepartmentId).toBe('hb-data');
      await completeAs(handle, review.taskId, people.hbData, 'forward');
      const reply = await openTask(handle, 'provider-reply');
      await expect(completeAs(handle, reply.taskId, people.hbGat, 'refuse', '涉及国家秘密')).rejects.toMatchObject({ cause: { type: 'LegalBasisRequired' } });
      await completeAs(handle, reply.taskId, people.hbGat, 'refuse', '涉及国家秘密', undefined, secretsLaw);
      await openTask(handle, 'requester-objection');
    });
    expect((await requestRow(db.db, input.requestId)).status).not.toBe('refused');
    await db.close();
  });

  it('hebei-2023, on the approved negative list: refused at once with the listing as its citation', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env);
    const entry = await createCatalogueEntry(db.db, { provider: 'hb-gat', sharingAttribute: 'not-shared' });
    const listing = await registerCase(db.db, {
      process: 'negative-list',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-gat', 'hb-gat'),
      catalogueEntryId: entry.id,
      receivedAt: new Date(await env.currentTimeMs()).toISOString(),
    });
    await listedOnTheNegativeList(db.db, entry.id, listing.requestId);
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'hebei-2023',
      jurisdiction: 'hebei',
      parties: hebeiParties('hb-mzt', 'hb-gat'),
      catalogueEntryId: entry.id,
      receivedAt: new Date(await env.currentTimeMs()).toISOString(),
    });
    const result = await worker.runUntil(async () => (await startWorkflow(env, taskQueue, workflowTypes.shareRequest, input)).result());
    expect(result).toEqual({ status: 'refused', decision: 'not-shared' });
    await db.close();
  });

  it('anhui-2021, even listed by the authority: the provider replies, as to conditional data (art. 21, 25)', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env);
    const entry = await createCatalogueEntry(db.db, { provider: 'ah-gat', sharingAttribute: 'not-shared' });
    const listing = await registerCase(db.db, {
      process: 'negative-list',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-gat', 'ah-gat'),
      catalogueEntryId: entry.id,
      receivedAt: new Date(await env.currentTimeMs()).toISOString(),
    });
    await listedOnTheNegativeList(db.db, entry.id, listing.requestId);
    const input = await registerCase(db.db, {
      process: 'share-request',
      pack: 'anhui-2021',
      jurisdiction: 'anhui',
      parties: anhuiParties('ah-mzt', 'ah-gat'),
      catalogueEntryId: entry.id,
      receivedAt: new Date(await env.currentTimeMs()).toISOString(),
    });
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env, taskQueue, workflowTypes.shareRequest, input);
      const reply = await openTask(handle, 'provider-reply');
      expect(reply.assigneeDepartmentId).toBe('ah-gat');
    });
    await db.close();
  });
});
