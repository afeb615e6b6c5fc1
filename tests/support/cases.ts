import type { WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { and, asc, eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import type { Deadline } from '../../calendar';
import type { Db } from '../../db/client';
import type { LegalBasis } from '../../rules';
import { auditLog, catalogueEntries, requests, tasks, users, type Process, type SharingAttribute } from '../../db/schema';
import {
  caseStateQuery,
  completeTaskUpdate,
  requestExtensionUpdate,
  workflowIdFor,
  type Actor,
  type CaseInput,
  type OpenTaskView,
  type Parties,
  type TaskCompletion,
} from '../../workflows/messages';
import { steadyClient } from './time-skipping';

/** Seeded people who act in the workflow tests, by department and role (db/seed/users.ts). */
export const people = {
  hbData: { userId: 'u-data-chen', departmentId: 'hb-data', roles: ['authority-reviewer'] },
  hbGov: { userId: 'u-gov-sun', departmentId: 'hb-gov', roles: ['government-approver'] },
  hbMzt: { userId: 'u-mzt-li', departmentId: 'hb-mzt', roles: ['requester', 'provider'] },
  hbGat: { userId: 'u-gat-zhang', departmentId: 'hb-gat', roles: ['requester', 'provider'] },
  hbScjgj: { userId: 'u-scjgj-wang', departmentId: 'hb-scjgj', roles: ['requester', 'provider'] },
  hbRst: { userId: 'u-rst-liu', departmentId: 'hb-rst', roles: ['requester', 'provider'] },
  hbWsjkw: { userId: 'u-wsjkw-yang', departmentId: 'hb-wsjkw', roles: ['requester', 'provider'] },
  nda: { userId: 'u-nda-gao', departmentId: 'nda', roles: ['authority-reviewer'] },
  ahData: { userId: 'u-ah-data-xu', departmentId: 'ah-data', roles: ['authority-reviewer', 'authority-supervisor'] },
  ahGov: { userId: 'u-ah-gov-lin', departmentId: 'ah-gov', roles: ['government-approver'] },
  ahGat: { userId: 'u-ah-gat-he', departmentId: 'ah-gat', roles: ['requester', 'provider'] },
  ahMzt: { userId: 'u-ah-mzt-ma', departmentId: 'ah-mzt', roles: ['requester', 'provider'] },
} satisfies Record<string, Actor>;

/** The bodies of an Anhui provincial case between two departments. */
export function anhuiParties(requester: string, provider: string): Parties {
  return { requester, provider, authority: 'ah-data', government: 'ah-gov', upperAuthority: 'nda' };
}

export interface CaseSpec {
  process: Process;
  pack: string;
  jurisdiction: string;
  parties: Parties;
  catalogueEntryId: string;
  receivedAt: string;
  /** A seeded user id; by default the first seeded user of the requesting department. */
  submittedBy?: string;
  scenario?: string;
}

export type RegisteredCase = CaseInput & { workflowId: string };

/** Registers a case of any process as the API would (a `requests` row with a fresh id) and returns its workflow input. */
export async function registerCase(db: Db, spec: CaseSpec): Promise<RegisteredCase> {
  const id = randomUUID();
  const workflowId = workflowIdFor(spec.process, id);
  const submittedBy = spec.submittedBy ?? (await firstUserOf(db, spec.parties.requester));
  await db.insert(requests).values({
    id,
    process: spec.process,
    status: 'received',
    jurisdiction: spec.jurisdiction,
    pack: spec.pack,
    requesterDepartmentId: spec.parties.requester,
    providerDepartmentId: spec.parties.provider,
    authorityDepartmentId: spec.parties.authority,
    catalogueEntryId: spec.catalogueEntryId,
    scenario: spec.scenario ?? '工作流测试 workflow test',
    receivedAt: new Date(spec.receivedAt),
    workflowId,
    createdBy: submittedBy,
  });
  return {
    requestId: id,
    workflowId,
    pack: spec.pack,
    jurisdiction: spec.jurisdiction,
    receivedAt: spec.receivedAt,
    parties: spec.parties,
    catalogueEntryId: spec.catalogueEntryId,
    submittedBy,
  };
}

async function firstUserOf(db: Db, departmentId: string): Promise<string> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.departmentId, departmentId)).orderBy(asc(users.id)).limit(1);
  if (!user) throw new Error(`no seeded user in ${departmentId}`);
  return user.id;
}

/**
 * A catalogue entry of the test's own (unique id), so that processes which change entries (catalogue changes, the
 * negative list) never touch the seeded ones other test files read.
 */
export async function createCatalogueEntry(
  db: Db,
  opts: { provider: string; sharingAttribute: SharingAttribute; prefix?: string; legalBasis?: string | null },
): Promise<typeof catalogueEntries.$inferSelect> {
  const id = `T-${opts.prefix ?? opts.provider.toUpperCase()}-${randomUUID().slice(0, 8)}`;
  const [row] = await db
    .insert(catalogueEntries)
    .values({
      id,
      nameZh: `测试目录 ${id}`,
      nameEn: `Test entry ${id}`,
      providerDepartmentId: opts.provider,
      sharingAttribute: opts.sharingAttribute,
      updateFrequency: '每日 daily',
      securityLevel: '一般 general',
      scopeOfUse: '测试 test',
      conditions: opts.sharingAttribute === 'conditional' ? '须说明应用场景 scenario required' : null,
      legalBasis: opts.legalBasis === undefined ? '《测试条例》第一条' : opts.legalBasis,
      dataFormat: 'API',
    })
    .returning();
  return row!;
}

const started = new Set<WorkflowHandle>();

/** Starts a process workflow through the steady client (never the environment's own, see `steadyClient`). */
export async function startWorkflow(
  env: TestWorkflowEnvironment,
  taskQueue: string,
  workflowType: string,
  input: RegisteredCase & { legalBasis?: string },
): Promise<WorkflowHandle> {
  const handle = await steadyClient(env).workflow.start(workflowType, { taskQueue, workflowId: input.workflowId, args: [input] });
  started.add(handle);
  return handle;
}

/**
 * Terminates the workflows this file started that are still running (a failed test leaves its case waiting on a
 * task queue nobody polls, and its timers would then hold the time-skipping server's clock). For `afterEach`.
 */
export async function terminateLeftovers(): Promise<void> {
  for (const handle of started) {
    const { status } = await handle.describe();
    if (status.name === 'RUNNING') await handle.terminate('left over by a test');
  }
  started.clear();
}

/** Completes a task as `actor`; rejected (before it enters history) when the workflow's validator refuses it. */
export function completeAs(
  handle: WorkflowHandle,
  taskId: string,
  actor: Actor,
  decision: string,
  reason?: string,
  payload?: Record<string, unknown>,
  legalBasis?: LegalBasis,
): Promise<TaskCompletion> {
  return handle.executeUpdate(completeTaskUpdate, { args: [{ taskId, actor, decision, reason, payload, ...(legalBasis ? { legalBasis } : {}) }] });
}

/** A legal basis a refusal may rest on under every pack (a law). */
export const secretsLaw: LegalBasis = { kind: 'law', title: '《中华人民共和国保守国家秘密法》', article: '第二十八条' };

/** Asks for an extension of a task's period by `n` units. */
export function requestExtensionAs(handle: WorkflowHandle, taskId: string, actor: Actor, n: number, reason = '需要核实的数据量大 much data to verify') {
  return handle.executeUpdate(requestExtensionUpdate, { args: [{ taskId, actor, n, reason }] });
}

/** Polls until `probe` gives a value `accept` takes (activities run in real time, even on the time-skipping server). */
export async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, what: string, timeoutMs = 10_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}: last ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the case has an open task for `step` (e.g. `provider-reply` or `verify-answer.extension`) and returns it. */
export async function openTask(handle: WorkflowHandle, step: string): Promise<OpenTaskView> {
  const state = await eventually(
    () => handle.query(caseStateQuery),
    (s) => s.openTasks.some((t) => t.step === step),
    `an open ${step} task in ${handle.workflowId}`,
  );
  return state.openTasks.find((t) => t.step === step)!;
}

/** The read-model row of a task. */
export async function taskRow(db: Db, taskId: string): Promise<typeof tasks.$inferSelect> {
  const [row] = await db.select().from(tasks).where(eq(tasks.id, taskId));
  if (!row) throw new Error(`no task row ${taskId}`);
  return row;
}

/** The deadline explanation stored with a task. */
export async function taskDeadline(db: Db, taskId: string): Promise<Deadline> {
  return (await taskRow(db, taskId)).deadline as unknown as Deadline;
}

/** The read-model row of a case. */
export async function requestRow(db: Db, requestId: string): Promise<typeof requests.$inferSelect> {
  const [row] = await db.select().from(requests).where(eq(requests.id, requestId));
  if (!row) throw new Error(`no request row ${requestId}`);
  return row;
}

/** The statuses a case went through, in order, from its audit trail. */
export async function statusTrail(db: Db, requestId: string): Promise<string[]> {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.requestId, requestId), eq(auditLog.action, 'request.status-changed')))
    .orderBy(asc(auditLog.id));
  return rows.map((r) => String(r.details.status));
}

/** Updates that entered history; a rejected one never does. */
export async function acceptedUpdates(handle: WorkflowHandle): Promise<number> {
  const history = await handle.fetchHistory();
  return (history.events ?? []).filter((e) => e.workflowExecutionUpdateAcceptedEventAttributes).length;
}

/** Advances the test server's clock to `instantMs` (never backwards), through `env.sleep` only. */
export async function sleepUntil(env: TestWorkflowEnvironment, instantMs: number): Promise<void> {
  const wait = instantMs - (await env.currentTimeMs());
  if (wait > 0) await env.sleep(wait);
}

/** The completion instant of a task in the read model, as ISO (the clock of the step that follows it). */
export async function completedAtOf(db: Db, taskId: string): Promise<string> {
  const row = await taskRow(db, taskId);
  if (!row.completedAt) throw new Error(`task ${taskId} is not completed`);
  return row.completedAt.toISOString();
}
