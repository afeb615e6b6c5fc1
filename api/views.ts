import type { requests, tasks } from '../db/schema';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function requestView(r: typeof requests.$inferSelect) {
  return {
    id: r.id,
    process: r.process,
    status: r.status,
    jurisdiction: r.jurisdiction,
    pack: r.pack,
    requesterDepartmentId: r.requesterDepartmentId,
    providerDepartmentId: r.providerDepartmentId,
    authorityDepartmentId: r.authorityDepartmentId,
    catalogueEntryId: r.catalogueEntryId,
    scenario: r.scenario,
    receivedAt: r.receivedAt.toISOString(),
    workflowId: r.workflowId,
    outcome: r.outcome,
    closedAt: iso(r.closedAt),
  };
}

export function taskView(t: typeof tasks.$inferSelect) {
  return {
    id: t.id,
    requestId: t.requestId,
    step: t.step,
    titleZh: t.titleZh,
    titleEn: t.titleEn,
    assigneeDepartmentId: t.assigneeDepartmentId,
    assigneeRole: t.assigneeRole,
    status: t.status,
    overdue: t.overdue,
    rung: t.rung,
    dueAt: t.dueAt.toISOString(),
    deadline: t.deadline,
    citation: t.citation ?? null,
    decision: t.decision,
    reason: t.reason,
    completedBy: t.completedBy,
    completedAt: iso(t.completedAt),
    createdAt: t.createdAt.toISOString(),
  };
}
