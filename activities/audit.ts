import { anchorAudit } from '../db/audit-anchor';
import type { Db } from '../db/client';

/** What one anchoring recorded: nothing when no chain grew since the last anchor. */
export interface AnchorSummary {
  id: number;
  treeSize: number;
  rootHash: string;
  added: number;
}

export function auditActivities(db: Db) {
  return {
    /** Anchors every audit chain that grew since the last anchor (db/audit-anchor.ts); never two at once. */
    async anchorAuditTrail(): Promise<AnchorSummary | null> {
      const anchor = await anchorAudit(db);
      return anchor && { id: anchor.id, treeSize: anchor.treeSize, rootHash: anchor.rootHash, added: anchor.added };
    },
  };
}
