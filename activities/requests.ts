import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requests } from '../db/schema';
import { appendAudit } from '../db/audit';
import { noNotices, noticesOfClosedCase, type NoticesWritten } from './notices';

export interface RequestStatusChange {
  requestId: string;
  status: string;
  at: string;
  outcome?: string;
  closed?: boolean;
  details?: Record<string, unknown>;
}

export function requestActivities(db: Db) {
  return {
    /** Changes a case's status; when it closes, its parties are told how, in the same transaction. */
    async setRequestStatus(change: RequestStatusChange): Promise<NoticesWritten> {
      const at = new Date(change.at);
      return db.transaction(async (tx) => {
        await tx
          .update(requests)
          .set({
            status: change.status,
            updatedAt: at,
            ...(change.outcome ? { outcome: change.outcome } : {}),
            ...(change.closed ? { closedAt: at } : {}),
          })
          .where(eq(requests.id, change.requestId));
        await appendAudit(tx, {
          // A case may return to a status (a resubmitted request is reviewed again): each change is its own event.
          eventKey: `request.status:${change.requestId}:${change.status}:${change.at}`,
          at,
          action: 'request.status-changed',
          requestId: change.requestId,
          details: { status: change.status, outcome: change.outcome ?? null, ...(change.details ?? {}) },
        });
        if (!change.closed) return noNotices;
        return noticesOfClosedCase(tx, { requestId: change.requestId, status: change.status, at: change.at, ...(change.details ? { details: change.details } : {}) });
      });
    },
  };
}
