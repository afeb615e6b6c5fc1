import { describe, expect, it } from 'vitest';
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
  type RegisteredCase,
} from '../support/cases';
import { hebeiParties } from '../support/fixtures';
import { createTestWorker } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

/**
 * A request for data classed 不予共享 is refused at once only where an approved negative list makes it so (Hebei draft
 * art. 15: reviewed by the authority, approved by the people's government, listed). Classed so but never listed — or
 * under a text whose listing is not the government's (Anhui: art. 22 asks the department for reasons and a legal
 * basis) — it is decided as conditional data is, so the refusal, if any, names its legal basis (Hebei draft art. 19;
 * Anhui art. 21).
 */
const env = useTimeSkipping();

type Parties = RegisteredCase['parties'];

/** A share request of `parties` for `entryId`, received now, under `pack`. */
async function shareRequest(db: Db, pack: 'hebei-2023' | 'anhui-2021', parties: Parties, entryId: string): Promise<RegisteredCase> {
  const jurisdiction = pack === 'anhui-2021' ? 'anhui' : 'hebei';
  const receivedAt = new Date(await env().currentTimeMs()).toISOString();
  return registerCase(db, { process: 'share-request', pack, jurisdiction, parties, catalogueEntryId: entryId, receivedAt });
}

/** Lists the entry on the negative list, as an approved application of its provider would have. */
async function listedOnTheNegativeList(db: Db, pack: 'hebei-2023' | 'anhui-2021', parties: Parties, entryId: string): Promise<void> {
  const jurisdiction = pack === 'anhui-2021' ? 'anhui' : 'hebei';
  const receivedAt = new Date(await env().currentTimeMs()).toISOString();
  const application = await registerCase(db, { process: 'negative-list', pack, jurisdiction, parties, catalogueEntryId: entryId, receivedAt });
  await db.insert(negativeList).values({ catalogueEntryId: entryId, requestId: application.requestId, legalBasis: '《测试法》第三条', listedAt: new Date(), approvedBy: 'u-gov-sun' });
}

describe('a share request for an entry classed not shared', () => {
  it('hebei-2023, not on the negative list: goes to the authority and the provider, who refuses only with a legal basis', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const entry = await createCatalogueEntry(db.db, { provider: 'hb-gat', sharingAttribute: 'not-shared' });
    const input = await shareRequest(db.db, 'hebei-2023', hebeiParties('hb-mzt', 'hb-gat'), entry.id);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
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
    const { worker, taskQueue, db } = await createTestWorker(env());
    const entry = await createCatalogueEntry(db.db, { provider: 'hb-gat', sharingAttribute: 'not-shared' });
    await listedOnTheNegativeList(db.db, 'hebei-2023', hebeiParties('hb-gat', 'hb-gat'), entry.id);
    const input = await shareRequest(db.db, 'hebei-2023', hebeiParties('hb-mzt', 'hb-gat'), entry.id);
    const result = await worker.runUntil(async () => (await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input)).result());
    expect(result).toEqual({ status: 'refused', decision: 'not-shared' });
    await db.close();
  });

  it('anhui-2021, even listed by the authority: the provider replies, as to conditional data (art. 21, 25)', async () => {
    const { worker, taskQueue, db } = await createTestWorker(env());
    const entry = await createCatalogueEntry(db.db, { provider: 'ah-gat', sharingAttribute: 'not-shared' });
    await listedOnTheNegativeList(db.db, 'anhui-2021', anhuiParties('ah-gat', 'ah-gat'), entry.id);
    const input = await shareRequest(db.db, 'anhui-2021', anhuiParties('ah-mzt', 'ah-gat'), entry.id);
    await worker.runUntil(async () => {
      const handle = await startWorkflow(env(), taskQueue, workflowTypes.shareRequest, input);
      const reply = await openTask(handle, 'provider-reply');
      expect(reply.assigneeDepartmentId).toBe('ah-gat');
    });
    await db.close();
  });
});
