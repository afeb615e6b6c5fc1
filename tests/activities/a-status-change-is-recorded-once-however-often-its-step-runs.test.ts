/**
 * A status change is recorded once, however often the workflow task that makes it runs. When a worker dies after the
 * local activity's write committed but before its workflow task completed, the task runs again on another worker at a
 * later workflow time: the same change arrives again with a later `at`, and (since `patched('status-change-once')`) the
 * same `changeNo`. Found by the topology fault test: 511 `request.status-changed` rows where 508 were due
 * (docs/RELIABILITY.md).
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { requestActivities } from '../../activities/requests';
import { connectDb } from '../../db/client';
import { auditLog, requests } from '../../db/schema';
import { registerCase } from '../support/cases';
import { hebeiParties } from '../support/fixtures';

const db = connectDb(inject('databaseUrl'), { max: 2 });
afterAll(() => db.close());
const { setRequestStatus } = requestActivities(db.db);

async function newCase(): Promise<string> {
  const kase = await registerCase(db.db, {
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    parties: hebeiParties('hb-mzt', 'hb-rst'),
    catalogueEntryId: 'HB-RST-0001',
    receivedAt: '2025-11-03T10:00:00+08:00',
  });
  return kase.requestId;
}

async function statusRows(requestId: string) {
  return db.db
    .select({ eventKey: auditLog.eventKey, at: auditLog.at, details: auditLog.details })
    .from(auditLog)
    .where(and(eq(auditLog.requestId, requestId), eq(auditLog.action, 'request.status-changed')))
    .orderBy(asc(auditLog.id));
}

describe('a status change', () => {
  it('is recorded once when its workflow task runs again later on another worker', async () => {
    const requestId = await newCase();
    // The first run: the write commits, then the worker dies before the workflow task completes.
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-03T02:00:00.000Z', changeNo: 1 });
    // The same workflow task again, on another worker, 41 seconds later by the workflow's clock.
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-03T02:00:41.000Z', changeNo: 1 });
    const rows = await statusRows(requestId);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.at.toISOString()).toBe('2025-11-03T02:00:00.000Z');
    const [kase] = await db.db.select({ status: requests.status }).from(requests).where(eq(requests.id, requestId));
    expect(kase!.status).toBe('awaiting-provider-reply');
  });

  it('is recorded once when a closing change runs again, with the case closed', async () => {
    const requestId = await newCase();
    const closing = { requestId, status: 'agreed', outcome: 'agree', closed: true, changeNo: 2 };
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-03T02:00:00.000Z', changeNo: 1 });
    await setRequestStatus({ ...closing, at: '2025-11-05T02:00:00.000Z' });
    await setRequestStatus({ ...closing, at: '2025-11-05T02:03:00.000Z' });
    expect((await statusRows(requestId)).map((r) => r.details.status)).toEqual(['awaiting-provider-reply', 'agreed']);
  });

  it('back to a status the case had before is its own event', async () => {
    const requestId = await newCase();
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-03T02:00:00.000Z', changeNo: 1 });
    await setRequestStatus({ requestId, status: 'awaiting-requester-completion', at: '2025-11-04T02:00:00.000Z', changeNo: 2 });
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-05T02:00:00.000Z', changeNo: 3 });
    // …and its retry is not.
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-05T02:00:09.000Z', changeNo: 3 });
    expect((await statusRows(requestId)).map((r) => r.details.status)).toEqual([
      'awaiting-provider-reply',
      'awaiting-requester-completion',
      'awaiting-provider-reply',
    ]);
  });

  it('of a case started before the numbering keeps its key on the instant, and a later numbered change does not meet it', async () => {
    const requestId = await newCase();
    // Recorded by the old build (no changeNo), then the deploy: the case's later changes are numbered.
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-03T02:00:00.000Z' });
    await setRequestStatus({ requestId, status: 'awaiting-requester-completion', at: '2025-11-04T02:00:00.000Z', changeNo: 2 });
    await setRequestStatus({ requestId, status: 'awaiting-provider-reply', at: '2025-11-05T02:00:00.000Z', changeNo: 3 });
    const rows = await statusRows(requestId);
    expect(rows.map((r) => r.eventKey)).toEqual([
      `request.status:${requestId}:awaiting-provider-reply:2025-11-03T02:00:00.000Z`,
      `request.status:${requestId}:awaiting-requester-completion:#2`,
      `request.status:${requestId}:awaiting-provider-reply:#3`,
    ]);
  });
});
