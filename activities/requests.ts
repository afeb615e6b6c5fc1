import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requests } from '../db/schema';
import { appendAudit } from '../db/audit';

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
    async setRequestStatus(change: RequestStatusChange): Promise<void> {
      const at = new Date(change.at);
      await db.transaction(async (tx) => {
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
      });
    },
  };
}
