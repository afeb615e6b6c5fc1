import { randomUUID } from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Db } from '../../db/client';
import { and, eq, sql } from 'drizzle-orm';
import { catalogueEntries, requests, users } from '../../db/schema';
import { caseStateQuery, completeTaskUpdate, requestExtensionUpdate, workflowIdFor, workflowTypes, type CaseInput } from '../../workflows/messages';
import type { LegalBasis } from '../../rules';
import { getPack } from '../../rules';
import { packHash } from '../../packs/data';
import { secretsLaw } from './cases';
import { hebeiParties } from './fixtures';

/** A seeded user of the department holding the role the step asks for. */
async function actorFor(db: Db, departmentId: string, role: string) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.departmentId, departmentId), sql`${role} = any(${users.roles})`));
  if (!user) throw new Error(`no seeded ${role} in ${departmentId}`);
  return { userId: user.id, departmentId, roles: user.roles };
}

interface Move {
  decision: string;
  reason?: string;
  payload?: Record<string, unknown>;
  legalBasis?: LegalBasis;
  /** Ask for this many more units first, and have the authority grant it. */
  extendBy?: number;
  /**
   * Let this much time pass (ms) before acting: past a party's option's period. Where the option lapses (cases started
   * before options stayed open) the workflow closes it itself and the move is not made.
   */
  waitMs?: number;
}

/** A case driven to its end: each step's task completed as `moves` says, by the party it is assigned to. */
export interface Scenario {
  name: string;
  workflowType: string;
  process: string;
  pack: string;
  jurisdiction: string;
  catalogueEntry?: 'fresh' | string;
  parties: CaseInput['parties'];
  moves: Record<string, Move>;
  /** Let this much time pass (ms) before acting, so escalations fire. */
  idleMs?: number;
  extra?: Record<string, unknown>;
}

const anhuiParties = { requester: 'ah-mzt', provider: 'ah-gat', authority: 'ah-data', government: 'ah-gov', upperAuthority: 'nda' };

export const scenarios: Scenario[] = [
  {
    // Hebei draft art. 21: a Shijiazhuang department's request for provincial data, relayed by the city authority.
    name: 'share-request.cross-level.relayed-agreed-provided',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-GAT-0001',
    parties: { requester: 'sjz-gaj', provider: 'hb-gat', authority: 'hb-data', government: 'hb-gov', upperAuthority: 'nda', relayAuthority: 'sjz-data' },
    moves: {
      'relay-upward': { decision: 'forward' },
      'review-forward': { decision: 'forward' },
      'provider-reply': { decision: 'agree' },
      'provide-data': { decision: 'provided' },
    },
  },
  {
    name: 'share-request.unconditional.overdue-then-provided',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-SCJGJ-0001',
    parties: hebeiParties('hb-mzt', 'hb-scjgj'),
    idleMs: 20 * 86_400_000,
    moves: { 'provide-data': { decision: 'provided' } },
  },
  {
    name: 'share-request.conditional.refused-objected-decided',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-GAT-0001',
    parties: hebeiParties('hb-mzt', 'hb-gat'),
    moves: {
      'review-forward': { decision: 'forward' },
      'provider-reply': { decision: 'refuse', reason: '申请的应用场景超出条件共享范围', legalBasis: secretsLaw },
      'requester-objection': { decision: 'object', reason: '场景属于法定职责范围' },
      'coordinate-decide': { decision: 'uphold-refusal', reason: '经协调维持不予提供', legalBasis: secretsLaw },
    },
  },
  {
    // An entry classed 不予共享 but never listed: decided as conditional data is, the refusal naming its legal basis.
    name: 'share-request.not-shared.decided-refused-with-basis',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-GAT-0009',
    parties: hebeiParties('hb-mzt', 'hb-gat'),
    moves: {
      'review-forward': { decision: 'forward' },
      'provider-reply': { decision: 'refuse', reason: '属于国家秘密', legalBasis: secretsLaw },
      'requester-objection': { decision: 'waive' },
    },
  },
  {
    name: 'share-request.conditional.refused-objection-window-passed',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-GAT-0001',
    parties: hebeiParties('hb-mzt', 'hb-gat'),
    moves: {
      'review-forward': { decision: 'forward' },
      'provider-reply': { decision: 'refuse', reason: '申请的应用场景超出条件共享范围', legalBasis: secretsLaw },
      'requester-objection': { decision: 'waive', waitMs: 20 * 86_400_000 },
    },
  },
  {
    name: 'share-request.conditional.anhui-agreed',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'anhui-2021',
    jurisdiction: 'anhui',
    catalogueEntry: 'AH-GAT-0001',
    parties: anhuiParties,
    moves: { 'provider-reply': { decision: 'agree' }, 'provide-data': { decision: 'provided' } },
  },
  {
    // A case bound to an exact pack version at receipt, which its input carries (docs/RULES.md, "Packs as data").
    name: 'share-request.conditional.bound-version-agreed',
    workflowType: workflowTypes.shareRequest,
    process: 'share-request',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-MZT-0001',
    parties: hebeiParties('hb-gat', 'hb-mzt'),
    extra: { packHash: packHash(getPack('hebei-2023')), packData: getPack('hebei-2023') },
    moves: { 'review-forward': { decision: 'forward' }, 'provider-reply': { decision: 'agree' }, 'provide-data': { decision: 'provided' } },
  },
  {
    name: 'catalogue-change.extended-approved',
    workflowType: workflowTypes.catalogueChange,
    process: 'catalogue-change',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'fresh',
    parties: hebeiParties('hb-mzt', 'hb-mzt'),
    moves: {
      'submit-update': { decision: 'submitted', extendBy: 5, payload: { updateFrequency: '每周 weekly' } },
      'submit-update.extension': { decision: 'grant' },
      'review-update': { decision: 'approve' },
    },
  },
  {
    name: 'quality-dispute.repaired-accepted',
    workflowType: workflowTypes.qualityDispute,
    process: 'quality-dispute',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'HB-SCJGJ-0001',
    parties: hebeiParties('hb-mzt', 'hb-scjgj'),
    moves: {
      'forward-dispute': { decision: 'forward' },
      'verify-answer': { decision: 'repaired', reason: '已核实并修正重复记录', extendBy: 10 },
      'verify-answer.extension': { decision: 'grant' },
      'requester-response': { decision: 'accept' },
    },
  },
  {
    // Anhui art. 26 para. 2: applied for to the provider directly (patched('anhui-direct-review')), extended by the provider.
    name: 'quality-dispute.anhui-direct-extended-accepted',
    workflowType: workflowTypes.qualityDispute,
    process: 'quality-dispute',
    pack: 'anhui-2021',
    jurisdiction: 'anhui',
    catalogueEntry: 'AH-GAT-0001',
    parties: anhuiParties,
    extra: { route: 'direct' },
    moves: {
      'verify-answer': { decision: 'repaired', reason: '已核实并更正住址字段', extendBy: 7 },
      'verify-answer.extension': { decision: 'grant' },
      'requester-response': { decision: 'accept' },
    },
  },
  {
    // Anhui art. 27: no consensus by consultation, the authority coordinates (a workflow type of its own).
    name: 'data-inconsistency.anhui-no-agreement-coordinated',
    workflowType: workflowTypes.dataInconsistency,
    process: 'data-inconsistency',
    pack: 'anhui-2021',
    jurisdiction: 'anhui',
    catalogueEntry: 'AH-GAT-0001',
    parties: anhuiParties,
    moves: {
      consultation: { decision: 'no-agreement', reason: '双方各以本部门登记为准，未能协商一致' },
      'coordinate-decide': { decision: 'coordinated', reason: '会同省公安厅、省民政厅协调：以户籍底册为准' },
    },
  },
  {
    name: 'negative-list.approved-filed',
    workflowType: workflowTypes.negativeList,
    process: 'negative-list',
    pack: 'hebei-2023',
    jurisdiction: 'hebei',
    catalogueEntry: 'fresh',
    parties: hebeiParties('hb-gat', 'hb-gat'),
    extra: { legalBasis: '《中华人民共和国保守国家秘密法》第二十八条' },
    moves: {
      'authority-review': { decision: 'approve' },
      'government-approval': { decision: 'approve' },
      'record-filing': { decision: 'filed' },
    },
  },
];

async function freshEntry(db: Db, provider: string): Promise<string> {
  const id = `SCN-${randomUUID().slice(0, 8)}`;
  await db.insert(catalogueEntries).values({
    id,
    nameZh: '场景测试数据',
    nameEn: 'Scenario data',
    providerDepartmentId: provider,
    sharingAttribute: 'conditional',
    updateFrequency: '每月 monthly',
    securityLevel: '一般 general',
    scopeOfUse: '测试 test',
  });
  return id;
}

/** Runs a scenario to its end and returns the finished workflow's handle. */
export async function runScenario(
  env: TestWorkflowEnvironment,
  client: Client,
  db: Db,
  taskQueue: string,
  scenario: Scenario,
): Promise<WorkflowHandle> {
  const requestId = randomUUID();
  const catalogueEntryId = scenario.catalogueEntry === 'fresh' || !scenario.catalogueEntry ? await freshEntry(db, scenario.parties.provider) : scenario.catalogueEntry;
  const receivedAt = new Date(await env.currentTimeMs()).toISOString();
  const workflowId = workflowIdFor(scenario.process, requestId);
  await db.insert(requests).values({
    id: requestId,
    process: scenario.process as 'share-request',
    status: 'received',
    jurisdiction: scenario.jurisdiction,
    pack: scenario.pack,
    packHash: typeof scenario.extra?.packHash === 'string' ? scenario.extra.packHash : null,
    requesterDepartmentId: scenario.parties.requester,
    providerDepartmentId: scenario.parties.provider,
    authorityDepartmentId: scenario.parties.authority,
    catalogueEntryId,
    scenario: 'scenario',
    receivedAt: new Date(receivedAt),
    workflowId,
    createdBy: 'u-mzt-li',
  });
  const input: CaseInput & Record<string, unknown> = {
    requestId,
    pack: scenario.pack,
    jurisdiction: scenario.jurisdiction,
    receivedAt,
    parties: scenario.parties,
    catalogueEntryId,
    submittedBy: 'u-mzt-li',
    ...scenario.extra,
  };
  const handle = await client.workflow.start(scenario.workflowType, { taskQueue, workflowId, args: [input] });
  const acted = new Set<string>();
  // Tasks whose extension was asked for, by the due instant they had then: acted on once it moved.
  const extending = new Map<string, string>();
  let idled = false;
  const waited = new Set<string>();
  for (let round = 0; round < 400; round++) {
    const description = await handle.describe();
    if (description.status.name !== 'RUNNING') return handle;
    const { openTasks } = await handle.query(caseStateQuery);
    const task = openTasks.find((t) => !acted.has(t.taskId) && scenario.moves[t.step] && extending.get(t.taskId) !== t.dueAt);
    if (!task) {
      await new Promise((r) => setTimeout(r, 50));
      continue;
    }
    if (scenario.idleMs && !idled) {
      idled = true;
      await env.sleep(scenario.idleMs);
    }
    const move = scenario.moves[task.step]!;
    if (move.waitMs && !waited.has(task.taskId)) {
      waited.add(task.taskId);
      await env.sleep(move.waitMs);
      continue;
    }
    const actor = await actorFor(db, task.assigneeDepartmentId, task.assigneeRole);
    if (move.extendBy && !extending.has(task.taskId)) {
      extending.set(task.taskId, task.dueAt);
      await handle.executeUpdate(requestExtensionUpdate, { args: [{ taskId: task.taskId, actor, n: move.extendBy, reason: '工作量大，申请延期' }] });
      continue;
    }
    acted.add(task.taskId);
    await handle.executeUpdate(completeTaskUpdate, {
      args: [{ taskId: task.taskId, actor, decision: move.decision, reason: move.reason, payload: move.payload, ...(move.legalBasis ? { legalBasis: move.legalBasis } : {}) }],
    });
  }
  throw new Error(`scenario ${scenario.name} did not finish`);
}
