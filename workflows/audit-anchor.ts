import { proxyActivities } from '@temporalio/workflow';
import type { createActivities } from '../activities';
import type { AnchorSummary } from '../activities/audit';

type Activities = ReturnType<typeof createActivities>;

const { anchorAuditTrail } = proxyActivities<Activities>({ startToCloseTimeout: '10 minutes', retry: { maximumAttempts: 5 } });

/**
 * 审计锚定: anchors the audit chains in the Merkle tree. Started by a Temporal Schedule (worker.ts), which keeps its
 * own state on the server (it survives every process's restart) and skips a run while the previous one is running.
 */
export async function auditAnchorWorkflow(): Promise<AnchorSummary | null> {
  return anchorAuditTrail();
}
