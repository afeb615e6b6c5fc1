import { bigint, index, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';

/**
 * The append-only audit trail (事前审核、事中留痕、事后追溯): who did what, when. `eventKey` makes every write idempotent,
 * so a retried activity never records an event twice. Updates and deletes are refused by a trigger, and each row holds the
 * hash of the one before it, so an alteration that gets past the trigger is still found (`verifyAuditChain`).
 */
export const auditLog = pgTable(
  'audit_log',
  {
    id: bigint({ mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    eventKey: text().notNull().unique(),
    at: timestamp({ withTimezone: true }).notNull(),
    actorUserId: text(),
    actorDepartmentId: text(),
    action: text().notNull(),
    requestId: uuid(),
    taskId: text(),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    /** The hash of the row before (hash chain; null only for rows written before the chain existed). */
    prevHash: text(),
    /** sha256(prevHash, this row's content): changing any earlier row breaks every later link. */
    hash: text(),
  },
  (t) => [index('audit_request_idx').on(t.requestId, t.id)],
);
