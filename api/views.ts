import { timeLeft, type Calendar } from '../calendar';
import { caseHierarchy, legalBasisRequiredFor, STEP_IDS, type RulePack } from '../rules';
import type { PackOf } from '../db/pack-store';
import type { requests, tasks } from '../db/schema';

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A case in a list: the case, with its catalogue entry's name. */
export function caseListView(row: { request: typeof requests.$inferSelect; entryNameZh: string | null; entryNameEn: string | null }) {
  return { ...requestView(row.request), entryNameZh: row.entryNameZh, entryNameEn: row.entryNameEn };
}

export function requestView(r: typeof requests.$inferSelect) {
  return {
    id: r.id,
    caseNumber: r.caseNumber ?? '',
    process: r.process,
    status: r.status,
    jurisdiction: r.jurisdiction,
    pack: r.pack,
    packHash: r.packHash,
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

/**
 * The texts that apply to a case (its jurisdiction on its receipt date), highest rank first, and the warning it must
 * carry when a higher text applies whose rules are not loaded (rules/hierarchy.ts): derived, never stored, so a case
 * says it whatever its workflow.
 */
export function textsView(r: { jurisdiction: string; receivedAt: Date | string; pack: string }) {
  const receivedAt = typeof r.receivedAt === 'string' ? r.receivedAt : r.receivedAt.toISOString();
  const { applicableTexts, warning } = caseHierarchy(r.jurisdiction, receivedAt, r.pack);
  return { warning: warning ? { ...warning, texts: [...warning.texts] } : null, applicableTexts: applicableTexts.map((t) => ({ ...t })) };
}

const statuteSteps: ReadonlySet<string> = new Set(Object.values(STEP_IDS));

/**
 * What a refusal on task `t` must rest on under its case's pack, as the workflow's validator checks it: null for a task
 * that is not a statute step (an extension decision refuses time, not sharing) or cannot refuse or class.
 */
function legalBasisRule(t: typeof tasks.$inferSelect, pack: RulePack | undefined) {
  if (!pack || !statuteSteps.has(t.step)) return null;
  const requiredFor = legalBasisRequiredFor(pack, t.decisions);
  const classing = Boolean(pack.refusalBasis.classing) && t.decisions.length > 0 && (t.step === STEP_IDS.submitUpdate || t.step === STEP_IDS.correctUpdate);
  if (requiredFor.length === 0 && !classing) return null;
  return { requiredFor, classing, kinds: [...pack.refusalBasis.kinds], citation: { ...(classing && requiredFor.length === 0 ? pack.refusalBasis.classing!.citation : pack.refusalBasis.citation) } };
}

export function taskView(t: typeof tasks.$inferSelect, calendar?: Calendar, now = new Date(), pack?: RulePack) {
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
    legalBasisRule: legalBasisRule(t, pack),
    legalBasis: t.legalBasis ?? null,
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

/**
 * A task as `selectTaskRows` reads it: with what the view shows of its case, and who claimed it by name; with
 * `withTexts` (one task, not a list) also the texts that apply to its case and the warning of {@link textsView}.
 */
export function taskRowView(
  row: {
    task: typeof tasks.$inferSelect;
    process: string;
    pack: string;
    packHash: string | null;
    jurisdiction: string;
    receivedAt: Date;
    requesterDepartmentId: string;
    catalogueEntryId: string | null;
    caseNumber: string | null;
    scenario: string | null;
    entryNameZh: string | null;
    entryNameEn: string | null;
    claimedByName: string | null;
    completedByName: string | null;
  },
  calendar: Calendar | undefined,
  packOf: PackOf,
  { withTexts = false }: { withTexts?: boolean } = {},
) {
  const { task, pack, packHash, jurisdiction, receivedAt, caseNumber, ...ofCase } = row;
  return {
    ...taskView(task, calendar, new Date(), packOf(pack, packHash)),
    ...ofCase,
    caseNumber: caseNumber ?? '',
    receivedAt: receivedAt.toISOString(),
    ...(withTexts ? textsView({ jurisdiction, receivedAt, pack }) : {}),
  };
}
