import { eq } from 'drizzle-orm';
import type { Db } from '../db/client';
import { requests } from '../db/schema';
import { appendAudit } from '../db/audit';
import { noNotices, noticesOfClosedCase, type NoticesWritten } from './notices';

export interface RequestStatusChange {
  requestId: string;
  status: string;
  at: string;
  /**
   * Which status change of the case this is (1, 2, …), counted by its workflow, the same on every run of the workflow
   * task that makes it. Absent from cases started before it (`patched('status-change-once')`), whose changes are keyed on
   * `at` as they were.
   */
  changeNo?: number;
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
          eventKey: statusChangeKey(change),
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

/**
 * The audit key of a status change. A case may return to a status (a resubmitted request is reviewed again), so each
 * change is its own event: numbered by the workflow (`#<n>`), the same when a workflow task that died after this write
 * committed runs again later on another worker; cases started before that numbering keep the key on the workflow's
 * clock (an ISO instant, never `#…`, so the two forms cannot collide).
 */
export function statusChangeKey(change: Pick<RequestStatusChange, 'requestId' | 'status' | 'at' | 'changeNo'>): string {
  const which = change.changeNo === undefined ? change.at : `#${change.changeNo}`;
  return `request.status:${change.requestId}:${change.status}:${which}`;
}
