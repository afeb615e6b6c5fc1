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

/** Appends an event to the audit trail; a second write with the same key is a no-op. */
export async function appendAudit(db: Db | Tx, event: AuditEvent): Promise<void> {
  await db
    .insert(auditLog)
    .values({ ...event, details: event.details ?? {} })
    .onConflictDoNothing({ target: auditLog.eventKey });
}
