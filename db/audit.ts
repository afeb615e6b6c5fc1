import { createHash, randomUUID } from 'node:crypto';
import { desc, eq, sql } from 'drizzle-orm';
import { canonicalJson as canonical } from './canonical-json';
import type { Db } from './client';
import { auditChainHeads, auditLog } from './schema';

export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

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

/** The chain of rows written before chains per case: the old global chain, verified as it was hashed then. */
export const legacyChain = 'legacy';

/**
 * The chain an event belongs to: its case's (`case:<request id>`), or for an event without a case the chain of its kind
 * and acting department (`auth:<department>`, `calendar:<department>`, `api-key:<department>`…; `-` when nobody is
 * known, as for a failed sign-in). Chains are independent: appends to two chains never wait for each other.
 */
export function auditChainOf(event: Pick<AuditEvent, 'action' | 'requestId' | 'actorDepartmentId'>): string {
  if (event.requestId) return `case:${event.requestId}`;
  const kind = event.action.split('.', 1)[0] || 'event';
  return `${kind}:${event.actorDepartmentId ?? '-'}`;
}

/** What a row's hash covers. */
export type AuditHashed = Required<Omit<AuditEvent, 'details'>> & { details: Record<string, unknown>; chain?: string; seq?: number | null };

/**
 * The link of one row: its content and the hash before it. A row of a chain per case also covers its chain and place,
 * so it cannot be moved to another chain or place unnoticed; a legacy row is hashed as it was when written.
 */
export function auditHash(prevHash: string, row: AuditHashed): string {
  const placed = row.chain !== undefined && row.chain !== legacyChain ? { chain: row.chain, seq: row.seq } : {};
  const content = canonical({
    eventKey: row.eventKey,
    at: row.at.toISOString(),
    action: row.action,
    actorUserId: row.actorUserId,
    actorDepartmentId: row.actorDepartmentId,
    requestId: row.requestId,
    taskId: row.taskId,
    details: row.details,
    ...placed,
  });
  return createHash('sha256').update(`${prevHash}\n${content}`).digest('hex');
}

const isTransaction = (db: Db | Tx): db is Tx => 'rollback' in db;

/** The columns of an event's row, absent ones as null (its place in a chain is added by the writer). */
function auditRowOf(event: AuditEvent) {
  return {
    eventKey: event.eventKey,
    at: event.at,
    action: event.action,
    actorUserId: event.actorUserId ?? null,
    actorDepartmentId: event.actorDepartmentId ?? null,
    requestId: event.requestId ?? null,
    taskId: event.taskId ?? null,
    details: event.details ?? {},
  };
}

/**
 * Appends an event to its chain (see {@link auditChainOf}), linked to the chain's last row; a second write with the same
 * key is a no-op. Inside a transaction it is part of it (the state change and its row commit together) and holds the
 * chain's lock, the row of `audit_chain_heads`, until that transaction ends; other chains are not held up.
 */
export async function appendAudit(db: Db | Tx, event: AuditEvent): Promise<void> {
  if (!isTransaction(db)) return db.transaction((tx) => appendAudit(tx, event));
  const chain = auditChainOf(event);
  // Locks the chain's head (created on the chain's first event) and reads it, in one statement.
  const [head] = await db
    .insert(auditChainHeads)
    .values({ chain, seq: 0, hash: auditGenesis })
    .onConflictDoUpdate({ target: auditChainHeads.chain, set: { seq: sql`${auditChainHeads.seq}` } })
    .returning({ seq: auditChainHeads.seq, hash: auditChainHeads.hash });
  const row = { ...auditRowOf(event), chain, seq: head!.seq + 1 };
  const hash = auditHash(head!.hash, row);
  const inserted = await db
    .insert(auditLog)
    .values({ ...row, prevHash: head!.hash, hash })
    .onConflictDoNothing({ target: auditLog.eventKey })
    .returning({ id: auditLog.id });
  if (inserted.length > 0) await db.update(auditChainHeads).set({ seq: row.seq, hash }).where(eq(auditChainHeads.chain, chain));
}

/** The global lock of the chain before chains per case: kept for the benchmark's baseline only. */
const globalAuditLockKey = 0x617564; // 'aud'

/**
 * The old way, one global chain behind one advisory lock: every append of every case waits for the one before. Kept
 * as the benchmark's baseline (`npm run bench -- audit`); writes to the chain `legacy`.
 */
export async function appendAuditGlobalChain(db: Db | Tx, event: AuditEvent): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${globalAuditLockKey})`);
    const [seen] = await tx.select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.eventKey, event.eventKey));
    if (seen) return;
    const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    const row = auditRowOf(event);
    const prevHash = last?.hash ?? auditGenesis;
    await tx.insert(auditLog).values({ ...row, prevHash, hash: auditHash(prevHash, row) });
  });
}

