import { timeLeft, type Calendar } from '../calendar';
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
    details: r.details,
    receivedAt: r.receivedAt.toISOString(),
    workflowId: r.workflowId,
    outcome: r.outcome,
    closedAt: iso(r.closedAt),
  };
}

/** True for a party's option that stays open: its due instant is a reminder point, not a time limit. */
export function staysOpen(t: Pick<typeof tasks.$inferSelect, 'option'>): boolean {
  return !!t.option && !t.option.lapses;
}

export function taskView(t: typeof tasks.$inferSelect, calendar?: Calendar, now = new Date()) {
  const jurisdiction = String((t.deadline as { jurisdiction?: string }).jurisdiction ?? 'national');
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
    trigger: t.trigger ?? null,
    option: t.option ?? null,
    decisions: t.decisions,
    reasonRequiredFor: t.reasonRequiredFor,
    extensionRequest: t.extensionRequest ?? null,
    // An option that stays open has no time limit to run out: nothing is left or overdue.
    timeLeft: calendar && t.status === 'open' && !staysOpen(t) ? timeLeft(calendar, t.dueAt, now, jurisdiction) : null,
    claimedBy: t.claimedBy,
    claimedAt: iso(t.claimedAt),
    decision: t.decision,
    reason: t.reason,
    completedBy: t.completedBy,
    completedAt: iso(t.completedAt),
    createdAt: t.createdAt.toISOString(),
  };
}

/** A task as `selectTaskRows` reads it: with what the view shows of its case, and who claimed it by name. */
export function taskRowView(
  row: { task: typeof tasks.$inferSelect; process: string; requesterDepartmentId: string; catalogueEntryId: string | null; claimedByName: string | null },
  calendar?: Calendar,
) {
  const { task, ...ofCase } = row;
  return { ...taskView(task, calendar), ...ofCase };
}
