import { createHash, randomUUID } from 'node:crypto';
import { asc, desc, eq, gt, sql } from 'drizzle-orm';
import { canonicalJson as canonical } from './canonical-json';
import type { Db } from './client';
import { auditLog } from './schema';

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

export interface AuditEvent {
  /** Unique per event, so a retried write records it once. */
  eventKey: string;
  at: Date;
  action: string;
  actorUserId?: string | null;
  actorDepartmentId?: string | null;
  requestId?: string | null;
  taskId?: string | null;
  details?: Record<string, unknown>;
}

/**
 * The key of a state change made by an API request: unique per change, never derived from a clock. Two writes in the
 * same millisecond used to get one key, and the second's audit row was dropped as a retry. (An activity that Temporal
 * may retry keeps a deterministic key of its own instead, so that the retry is recorded once.)
 */
export function apiEventKey(action: string, subject: string): string {
  return `${action}:${subject}:${randomUUID()}`;
}

/** The first link's predecessor. */
export const auditGenesis = '0'.repeat(64);

/** Serialises appends so each row can name the one before it. */
const auditLockKey = 0x617564; // 'aud'

/** The link of one row: its content and the hash before it. */
export function auditHash(prevHash: string, row: Required<Omit<AuditEvent, 'details'>> & { details: Record<string, unknown> }): string {
  const content = canonical({
    eventKey: row.eventKey,
    at: row.at.toISOString(),
    action: row.action,
    actorUserId: row.actorUserId,
    actorDepartmentId: row.actorDepartmentId,
    requestId: row.requestId,
    taskId: row.taskId,
    details: row.details,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

/** Appends an event to the audit trail, chained to the row before; a second write with the same key is a no-op. */
export async function appendAudit(db: Db | Tx, event: AuditEvent): Promise<void> {
  // Inside a transaction this is a savepoint; the lock is held until the outer transaction ends.
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${auditLockKey})`);
    const [seen] = await tx.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.eventKey, event.eventKey));
    if (seen) return;
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const row = {
      eventKey: event.eventKey,
      at: event.at,
      action: event.action,
      actorUserId: event.actorUserId ?? null,
      actorDepartmentId: event.actorDepartmentId ?? null,
      requestId: event.requestId ?? null,
      taskId: event.taskId ?? null,
      details: event.details ?? {},
    };
    const prevHash = last?.hash ?? auditGenesis;
    await tx.insert(auditLog).values({ ...row, prevHash, hash: auditHash(prevHash, row) });
  });
}

export type AuditVerification =
  | { intact: true; rows: number; legacyRows: number; lastHash: string }
  | { intact: false; rows: number; firstBrokenId: number; reason: string };

/** Walks the whole chain in id order and reports it intact, or the first row whose link does not hold. */
export async function verifyAuditChain(db: Db, batchSize = 2000): Promise<AuditVerification> {
  let expectedPrev = auditGenesis;
  let chained = false;
  let rows = 0;
  let legacyRows = 0;
  let after = 0;
  for (;;) {
    const batch = await db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(batchSize);
    if (batch.length === 0) break;
    for (const r of batch) {
      rows += 1;
      after = r.id;
      if (r.hash === null) {
        if (chained) return { intact: false, rows, firstBrokenId: r.id, reason: 'row without a hash inside the chain' };
        legacyRows += 1;
        continue;
      }
      chained = true;
      if (r.prevHash !== expectedPrev) return { intact: false, rows, firstBrokenId: r.id, reason: 'its previous-hash does not match the row before' };
      const recomputed = auditHash(expectedPrev, r);
      if (recomputed !== r.hash) return { intact: false, rows, firstBrokenId: r.id, reason: 'its content does not match its hash' };
      expectedPrev = r.hash;
    }
  }
  return { intact: true, rows, legacyRows, lastHash: expectedPrev };
}
