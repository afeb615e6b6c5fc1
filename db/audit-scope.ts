import { asc, eq, gt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { auditGenesis, auditHash } from './audit';
import type { Db } from './client';
import { auditLog, departments, requests } from './schema';

/** What a scoped verification reports: only rows of the jurisdiction are counted or named. */
export type ScopedAuditVerification =
  | { intact: true; scope: string; rows: number; legacyRows: number; lastHash?: string }
  | { intact: false; scope: string; rows: number; firstBrokenId: number; reason: string };

/**
 * Verifies the links of the rows that concern one jurisdiction: the rows of its cases, and the rows without a case
 * whose actor belongs to it (API keys, webhooks, sign-outs). The whole chain is walked — a row's link names the row
 * before it, whoever's that is — but only rows in scope are counted, and only a row in scope is named as broken, so a
 * supervisor learns nothing of another jurisdiction's trail, not even its size.
 */
export async function verifyAuditChainFor(db: Db, jurisdiction: string, batchSize = 2000): Promise<ScopedAuditVerification> {
  const actorDepartment = alias(departments, 'actor_department');
  let expectedPrev = auditGenesis;
  let chained = false;
  let rows = 0;
  let legacyRows = 0;
  let lastHash: string | undefined;
  let after = 0;
  for (;;) {
    const batch = await db
      .select({ row: auditLog, caseJurisdiction: requests.jurisdiction, actorJurisdiction: actorDepartment.jurisdiction })
      .from(auditLog)
      .leftJoin(requests, eq(auditLog.requestId, requests.id))
      .leftJoin(actorDepartment, eq(auditLog.actorDepartmentId, actorDepartment.id))
      .where(gt(auditLog.id, after))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (batch.length === 0) break;
    for (const { row: r, caseJurisdiction, actorJurisdiction } of batch) {
      after = r.id;
      const inScope = (caseJurisdiction ?? actorJurisdiction) === jurisdiction;
      if (inScope) rows += 1;
      const broken = (reason: string): ScopedAuditVerification => ({ intact: false, scope: jurisdiction, rows, firstBrokenId: r.id, reason });
      if (r.hash === null) {
        if (chained && inScope) return broken('row without a hash inside the chain');
        if (inScope) legacyRows += 1;
        continue;
      }
      chained = true;
      if (inScope) {
        if (r.prevHash !== expectedPrev) return broken('its previous-hash does not match the row before');
        if (auditHash(expectedPrev, r) !== r.hash) return broken('its content does not match its hash');
        lastHash = r.hash;
      }
      // The next row links to what this one says it is; a forged row out of scope is for its own supervisors to find.
      expectedPrev = r.hash;
    }
  }
  return { intact: true, scope: jurisdiction, rows, legacyRows, ...(lastHash ? { lastHash } : {}) };
}
