import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { appendAudit } from '../db/audit';
import { catalogueEntries, departments, requests, type Process } from '../db/schema';
import { storedCaseInput } from '../case-start/start';
import { workflowIdFor, type CaseInput } from '../workflows/messages';
import type { RulePack } from '../rules';
import type { AppDeps } from './app';
import { bindCase, type CaseBinding } from './case-binding';
import { packStore } from './packs';
import type { AuthUser } from './plugins/auth';
import { idempotencyKeyReused } from './idempotency';
import { HttpProblem } from './problem';
import { decideReceipt, receiptPolicyFromEnv, type ReceiptClaim } from './receipt';
import { startCaseWorkflow } from './start-workflow';
import { text } from './problem-text';

export interface NewCase {
  process: Process;
  catalogueEntryId: string;
  /** Which side the caller is on: asking another department's data, or acting on its own entry. */
  callerIs: 'requester' | 'provider';
  /** What the body says about its receipt: a date (and why), and for whom the authority registers it. */
  receipt: ReceiptClaim;
  idempotencyKey?: string;
  /** {@link idempotencyFingerprint} of the request, stored with the key and compared when the key comes again. */
  idempotencyFingerprint?: string;
  scenario?: string;
  details: Record<string, unknown>;
  /** The caller's own catalogue entry the case also concerns (inconsistent data, Anhui art. 27): must be its department's. */
  ownEntryId?: string;
  /** Extra workflow input (e.g. a negative-list application's legal basis). */
  input?: Record<string, unknown>;
  /** What the process checks once the case's text is known (bound by receipt): throws an HttpProblem naming the field. */
  check?(pack: RulePack, receivedAt: Date): void;
}

/**
 * Records a new case, with the input its workflow starts from, and starts its workflow, once: a repeated
 * Idempotency-Key returns the case it created (200), a reused key with a different body is a 409, and a case whose
 * workflow could not start yet is started on the retry — or, without one, by the reconciler (case-start/reconciler.ts),
 * which finds every committed case whose workflow is not known to be started.
 */
export async function createCase(deps: AppDeps, user: AuthUser, spec: NewCase): Promise<{ row: typeof requests.$inferSelect; created: boolean }> {
  const { db } = deps;
  const [entry] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, spec.catalogueEntryId));
  if (!entry) throw HttpProblem.unprocessable('body.catalogueEntryId', text(`目录中没有条目 ${spec.catalogueEntryId}`, `no catalogue entry ${spec.catalogueEntryId}`), 'unknownEntry');
  const policy = deps.receipt ?? receiptPolicyFromEnv();
  const { department, receivedAt, late } = await decideReceipt(db, user, spec.receipt, { callerIs: spec.callerIs, providerDepartmentId: entry.providerDepartmentId }, policy);
  const ownEntry = entry.providerDepartmentId === department.id;
  if (spec.callerIs === 'requester' && ownEntry) {
    throw HttpProblem.unprocessable('body.catalogueEntryId', text('这是本部门的目录条目，请申请其他部门的数据', 'this is your own department’s entry; ask another department’s data'), 'ownEntry');
  }
  if (spec.callerIs === 'provider' && !ownEntry) {
    throw HttpProblem.unprocessable('body.catalogueEntryId', text('只有该条目的提供部门可以办理', 'only the department that provides this entry may do this'), 'notProvider');
  }
  if (spec.callerIs === 'requester') {
    // A case binds the requester's text and authority; another province's department is under neither. None of the
    // texts we follow provides a route between provinces (Hebei draft art. 21 covers 本省行政区域内 only).
    const [providing] = await db.select().from(departments).where(eq(departments.id, entry.providerDepartmentId));
    if (providing && providing.jurisdiction !== department.jurisdiction) {
      throw HttpProblem.unprocessable(
        'body.catalogueEntryId',
        text(
          `${entry.id} 由${providing.nameZh}提供，不在本省行政区域内，现行规定未规定跨省办理的途径（征求意见稿第二十一条仅规定本省行政区域内的跨层级、跨地区共享）`,
          `${entry.id} is provided by ${providing.nameEn} (${providing.jurisdiction}), outside your province (${department.jurisdiction}): no text we follow provides a route between provinces (the Hebei draft's art. 21 routes requests within the province only)`,
        ),
        'otherProvince',
      );
    }
  }
  if (spec.ownEntryId !== undefined) {
    const [own] = await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, spec.ownEntryId));
    if (!own) throw HttpProblem.unprocessable('body.ownEntryId', text(`目录中没有条目 ${spec.ownEntryId}`, `no catalogue entry ${spec.ownEntryId}`), 'unknownEntry');
    if (own.providerDepartmentId !== department.id) throw HttpProblem.unprocessable('body.ownEntryId', text('不是本部门的目录条目：请填写本部门提供的数据', 'is not your department’s entry: name the data your department provides'));
  }
  const packs = packStore(deps);
  const binding = await bindCase(db, packs, department, receivedAt, entry.providerDepartmentId, {
    routed: spec.process === 'share-request',
    catalogueEntryId: entry.id,
  });
  spec.check?.(binding.packData, receivedAt);
  const id = randomUUID();
  // What the workflow starts from, committed with the case (the pack data is named by pack and hash, not copied).
  const workflowInput: Omit<CaseInput, 'packData'> = {
    requestId: id,
    pack: binding.pack,
    packHash: binding.packHash,
    jurisdiction: department.jurisdiction,
    receivedAt: receivedAt.toISOString(),
    parties: { ...binding.parties, requester: department.id },
    catalogueEntryId: entry.id,
    submittedBy: user.id,
    ...spec.input,
  };
  const row = {
    id,
    process: spec.process,
    status: 'received',
    jurisdiction: department.jurisdiction,
    pack: binding.pack,
    packHash: binding.packHash,
    requesterDepartmentId: department.id,
    providerDepartmentId: entry.providerDepartmentId,
    authorityDepartmentId: binding.parties.authority,
    catalogueEntryId: entry.id,
    scenario: spec.scenario ?? null,
    details: binding.route ? { ...spec.details, route: routeDetails(binding.route, binding.parties) } : spec.details,
    receivedAt,
    workflowId: workflowIdFor(spec.process, id),
    workflowInput: workflowInput as unknown as Record<string, unknown>,
    idempotencyKey: spec.idempotencyKey ?? null,
    idempotencyBodyHash: spec.idempotencyKey ? (spec.idempotencyFingerprint ?? null) : null,
    createdBy: user.id,
  };
  const inserted = await db
    .transaction(async (tx) => {
      // The insert takes the case's 受理编号 from its counter (trigger, migration 0018) in this transaction: a case not
      // inserted because its key was used rolls back, giving the number back, so numbers stay gap-free.
      const [created] = await tx
        .insert(requests)
        .values(row)
        .onConflictDoNothing({ target: [requests.requesterDepartmentId, requests.idempotencyKey] })
        .returning();
      if (!created) throw new KeyAlreadyUsed();
      await appendAudit(tx, {
        eventKey: `request.submitted:${id}`,
        at: new Date(),
        action: 'request.submitted',
        actorUserId: user.id,
        actorDepartmentId: user.departmentId,
        requestId: id,
        details: {
          process: spec.process,
          caseNumber: created.caseNumber,
          catalogueEntryId: entry.id,
          receivedAt: receivedAt.toISOString(),
          pack: binding.pack,
          packHash: binding.packHash,
          ...(department.id !== user.departmentId ? { registeredFor: department.id } : {}),
          ...(late ? { lateRegistration: late } : {}),
        },
      });
      return created;
    })
    .catch((error: unknown) => {
      if (error instanceof KeyAlreadyUsed) return undefined;
      throw error;
    });
  let saved = inserted;
  if (!saved) {
    [saved] = await db
      .select()
      .from(requests)
      .where(and(eq(requests.requesterDepartmentId, department.id), eq(requests.idempotencyKey, spec.idempotencyKey!)));
    if (!saved || !sameRequest(saved, row)) throw idempotencyKeyReused();
  }
  if (!saved.workflowStartedAt) {
    const input: CaseInput = saved.workflowInput
      ? await storedCaseInput(packs, saved)
      : {
          // A case saved before inputs were stored (an idempotent retry across the deploy): rebuilt as it was then.
          requestId: saved.id,
          pack: saved.pack,
          ...(saved.packHash ? { packHash: saved.packHash, packData: await packs.forCase(saved.pack, saved.packHash) } : {}),
          jurisdiction: saved.jurisdiction,
          receivedAt: saved.receivedAt.toISOString(),
          parties: { ...binding.parties, requester: saved.requesterDepartmentId },
          catalogueEntryId: entry.id,
          submittedBy: saved.createdBy,
          ...spec.input,
        };
    await startCaseWorkflow(deps, saved, input);
  }
  if (inserted) deps.metrics?.workflowsStarted.inc({ process: spec.process });
  return { row: saved, created: !!inserted };
}

/** Rolls back the transaction of a case whose idempotency key was already used: the number it took is given back. */
class KeyAlreadyUsed extends Error {}

/** What the case says of its route (art. 21): stored with it, shown on its page and its tasks. */
function routeDetails(route: NonNullable<CaseBinding['route']>, parties: CaseBinding['parties']) {
  const { zh, en, basis, citation } = route;
  return route.kind === 'cross-level'
    ? { kind: route.kind, basis, zh, en, citation, hops: [parties.requester, route.relayAuthority, route.upperAuthority, parties.provider] }
    : { kind: route.kind, basis, zh, en, citation, hops: [parties.requester, parties.authority, parties.provider] };
}

/**
 * Whether a case saved under a key was made by this same request: by the whole body's fingerprint; a case saved before
 * fingerprints were stored is compared on the fields that were compared then.
 */
function sameRequest(saved: typeof requests.$inferSelect, now: typeof requests.$inferInsert): boolean {
  if (saved.idempotencyBodyHash !== null) return saved.idempotencyBodyHash === now.idempotencyBodyHash;
  return saved.process === now.process && saved.catalogueEntryId === now.catalogueEntryId && saved.scenario === now.scenario;
}
