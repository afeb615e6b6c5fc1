import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { appendAudit } from '../../db/audit';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { auditLog, escalations, requests, tasks, users, type Process, type Role } from '../../db/schema';
import type { AppDeps } from '../app';
import { allow, caller } from '../plugins/auth';
import { createCase, type NewCase } from '../create-case';
import { idempotencyFingerprint } from '../idempotency';
import { HttpProblem } from '../problem';
import type { ReceiptClaim } from '../receipt';
import { ProblemSchema, UuidParams, problemResponses } from '../schemas/common';
import {
  CreateCatalogueChangeBody,
  CreateDataInconsistencyBody,
  CreateNegativeListBody,
  CreateQualityDisputeBody,
  ProofShownBody,
  ProofShownResponse,
} from '../schemas/cases';
import { CaseListItem, CreateShareRequestBody, IdempotencyHeaders, ListRequestsQuery, RequestDetail, RequestSummary } from '../schemas/share-requests';
import { visibleRequests } from '../visibility';
import { queryCases } from '../case-list';
import { packStore } from '../packs';
import { caseListView, requestView, taskView, textsView } from '../views';
import { checkChangeTrigger, getPack, shanghaiDateOf } from '../../rules';
import { fromWire, text, things } from '../problem-text';

/** The start of a Beijing day, as an instant: a catalogue change's period runs from the day of the change. */
function startOfShanghaiDay(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** One statutory process as an API resource: create (idempotent), list, and one case with its whole timeline. */
interface ProcessResource<B extends TSchema> {
  path: string;
  process: Process;
  summary: string;
  role: Role;
  body: B;
  toCase(body: Record<string, unknown>): Omit<NewCase, 'idempotencyKey' | 'idempotencyFingerprint'>;
}

const resources: ProcessResource<TSchema>[] = [
  {
    path: '/api/share-requests',
    process: 'share-request',
    summary: '提交共享申请 Submit a share request',
    role: 'requester',
    body: CreateShareRequestBody,
    toCase: (b) => ({
      process: 'share-request',
      catalogueEntryId: String(b.catalogueEntryId),
      callerIs: 'requester',
      receipt: receiptClaim('receivedAt', b),
      scenario: String(b.scenario),
      details: b.basis ? { basis: b.basis } : {},
    }),
  },
  {
    path: '/api/catalogue-changes',
    process: 'catalogue-change',
    summary: '目录更新 Open a catalogue change after a change of law or duties',
    role: 'provider',
    body: CreateCatalogueChangeBody,
    toCase: (b) => ({
      process: 'catalogue-change',
      catalogueEntryId: String(b.catalogueEntryId),
      callerIs: 'provider',
      receipt: receiptClaim('receivedAt', b),
      details: { trigger: b.trigger, changedAt: b.changedAt, description: b.description },
      input: { changedAt: startOfShanghaiDay(String(b.changedAt)) },
      check: (pack, receivedAt) => {
        const refused = checkChangeTrigger(pack.changeTriggers, String(b.trigger));
        if (refused) throw HttpProblem.unprocessable('body.trigger', fromWire(refused, '不是适用规章规定的目录变更原因'));
        if (String(b.changedAt) > shanghaiDateOf(receivedAt.toISOString())) {
          throw HttpProblem.unprocessable('body.changedAt', text('变更发生日期不能晚于收到之日', 'is after the day the change was received: a change is reported after it happens'));
        }
      },
    }),
  },
  {
    path: '/api/quality-disputes',
    process: 'quality-dispute',
    summary: '数据质量异议 Dispute the quality of shared data',
    role: 'requester',
    body: CreateQualityDisputeBody,
    toCase: (b) => ({
      process: 'quality-dispute',
      catalogueEntryId: String(b.catalogueEntryId),
      callerIs: 'requester',
      receipt: receiptClaim('receivedAt', b),
      details: { description: b.description, ...(b.evidence ? { evidence: b.evidence } : {}), ...(b.route ? { route: b.route } : {}) },
      ...(b.route === 'direct' ? { input: { route: 'direct' } } : {}),
      check: (pack) => {
        if (b.route === 'direct' && !pack.flows['quality-dispute-direct']) {
          throw HttpProblem.unprocessable(
            'body.route',
            text(
              '本案适用的规章未规定直接向数据提供部门申请复核（《安徽省政务数据资源管理办法》第二十六条第二款有此规定）',
              `the text this case is bound to (${pack.id}) provides no review applied for to the provider directly (Anhui art. 26 para. 2 does)`,
            ),
          );
        }
      },
    }),
  },
  {
    path: '/api/data-inconsistencies',
    process: 'data-inconsistency',
    summary: '同类数据不一致 Raise inconsistent data of the same category with the department that provides it (Anhui art. 27)',
    role: 'provider',
    body: CreateDataInconsistencyBody,
    toCase: (b) => ({
      process: 'data-inconsistency',
      catalogueEntryId: String(b.catalogueEntryId),
      // The other department provides the entry named; the caller's own entry is checked as its own.
      callerIs: 'requester',
      ownEntryId: String(b.ownEntryId),
      receipt: receiptClaim('receivedAt', b),
      details: { ownEntryId: b.ownEntryId, inconsistency: b.inconsistency },
      check: (pack) => {
        if (!pack.flows['data-inconsistency']) {
          throw HttpProblem.unprocessable(
            'body.catalogueEntryId',
            text(
              '本案适用的规章未规定同类数据不一致的协商程序（《安徽省政务数据资源管理办法》第二十七条有此规定）',
              `the text this case is bound to (${pack.id}) provides no procedure for inconsistent data between departments (Anhui art. 27 does)`,
            ),
          );
        }
      },
    }),
  },
  {
    path: '/api/negative-list-applications',
    process: 'negative-list',
    summary: '负面清单申请 Apply to class an entry "not shared"',
    role: 'provider',
    body: CreateNegativeListBody,
    toCase: (b) => ({
      process: 'negative-list',
      catalogueEntryId: String(b.catalogueEntryId),
      callerIs: 'provider',
      receipt: receiptClaim('receivedAt', b),
      details: { legalBasis: b.legalBasis, reason: b.reason },
      input: { legalBasis: b.legalBasis },
    }),
  },
];

/** The pack's rule protecting the service applicant while a dispute's review is pending, and whether it is. */
function reviewProtectionView(r: typeof requests.$inferSelect) {
  const rule = r.process === 'quality-dispute' ? getPack(r.pack).reviewProtection : undefined;
  if (!rule) return null;
  return { zh: rule.zh, en: rule.en, pending: rule.pendingStatuses.includes(r.status), citation: { ...rule.citation } };
}

/** The body's statement about its receipt: a date, why it is earlier than now, and for which department. */
function receiptClaim(field: ReceiptClaim['field'], b: Record<string, unknown>): ReceiptClaim {
  return {
    field,
    at: b[field] as string | undefined,
    reason: b[`${field}Reason`] as string | undefined,
    onBehalfOf: b.onBehalfOf as string | undefined,
  };
}

export function caseRoutes(deps: AppDeps) {
  const { db } = deps;
  return async (app: FastifyInstance) => {
    for (const resource of resources) register(app, resource);
    registerProofShown(app);
  };

  /**
   * Anhui art. 26 para. 3: while the review is pending, a party records that the service applicant has shown legal and
   * effective proof; the flag and the paragraph are then shown to everyone handling the case (details.proofShown).
   */
  function registerProofShown(app: FastifyInstance): void {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    api.post(
      '/api/quality-disputes/:id/proof-shown',
      {
        preHandler: allow('requester', 'provider', 'authority-reviewer'),
        schema: {
          tags: ['quality-dispute'],
          summary: '复核期间申请人已提供合法有效证明材料 Record that the service applicant has shown valid proof while the review is pending (Anhui art. 26 para. 3)',
          params: UuidParams,
          body: ProofShownBody,
          response: { 201: ProofShownResponse, 409: ProblemSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        const [found] = await db
          .select()
          .from(requests)
          .where(and(eq(requests.id, request.params.id), eq(requests.process, 'quality-dispute'), visibleRequests(user)));
        // Only the case's parties handle it: a body that was merely told of it sees it, but records nothing.
        const party = found && [found.requesterDepartmentId, found.providerDepartmentId, found.authorityDepartmentId].includes(user.departmentId);
        if (!found || !party) throw HttpProblem.notFound(things.case);
        const rule = getPack(found.pack).reviewProtection;
        if (!rule) throw HttpProblem.conflict(
            text('本案适用的规章无此规定（《安徽省政务数据资源管理办法》第二十六条第三款有此规定）', `the text this case is bound to (${found.pack}) has no such rule (Anhui art. 26 para. 3 has)`),
          );
        const entry = {
          holder: request.body.holder,
          matter: request.body.matter.trim(),
          proof: request.body.proof.trim(),
          recordedAt: new Date().toISOString(),
          recordedBy: user.id,
          departmentId: user.departmentId,
        };
        const updated = await db.transaction(async (tx) => {
          // Only while the review is pending: the same statement decides and writes, so a review answered meanwhile refuses it.
          const [row] = await tx
            .update(requests)
            .set({
              details: sql`jsonb_set(${requests.details}, '{proofShown}', coalesce(${requests.details}->'proofShown', '[]'::jsonb) || ${JSON.stringify([entry])}::jsonb)`,
              updatedAt: new Date(),
            })
            .where(and(eq(requests.id, found.id), inArray(requests.status, [...rule.pendingStatuses])))
            .returning();
          if (!row) return undefined;
          await appendAudit(tx, {
            eventKey: `request.proof-shown:${found.id}:${entry.recordedAt}:${user.id}`,
            at: new Date(entry.recordedAt),
            action: 'request.proof-shown',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            requestId: found.id,
            details: { holder: entry.holder, citation: rule.citation.article },
          });
          return row;
        });
        if (!updated) throw HttpProblem.conflict(
            text('复核已答复：仅在数据复核期间记录（安徽第二十六条第三款）', 'the review is no longer pending: the flag is recorded only while it is (Anhui art. 26 para. 3)'),
          );
        const proofShown = (updated.details as { proofShown?: (typeof entry)[] }).proofShown ?? [];
        return reply.status(201).send({ requestId: found.id, proofShown, protection: { zh: rule.zh, en: rule.en, citation: { ...rule.citation } } });
      },
    );
  }

  function register(app: FastifyInstance, resource: ProcessResource<TSchema>): void {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    const tags = [resource.process];

    api.post(
      resource.path,
      {
        // The authority's reviewer registers a department's submission after the fact (api/receipt.ts).
        preHandler: allow(resource.role, 'authority-reviewer'),
        schema: {
          tags,
          summary: resource.summary,
          headers: IdempotencyHeaders,
          body: resource.body,
          response: { 200: RequestSummary, 201: RequestSummary, 409: ProblemSchema, 422: ProblemSchema, 503: ProblemSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const { row, created } = await createCase(deps, caller(request), {
          ...resource.toCase(request.body as Record<string, unknown>),
          idempotencyKey: request.headers['idempotency-key'],
          idempotencyFingerprint: idempotencyFingerprint(resource.path, request.body),
        });
        return reply.status(created ? 201 : 200).send(requestView(row));
      },
    );

    api.get(
      resource.path,
      {
        schema: {
          tags,
          summary: '列表 Cases visible to the caller, searchable (q), sortable, paged; the total found in x-total-count, the next page of the default order in x-next-cursor',
          querystring: ListRequestsQuery,
          response: { 200: Type.Array(CaseListItem), ...problemResponses },
        },
      },
      async (request, reply) => {
        const { page, nextCursor, total } = await queryCases(db, caller(request), resource.process, request.query);
        if (nextCursor) void reply.header('x-next-cursor', nextCursor);
        void reply.header('x-total-count', String(total));
        return page.map(caseListView);
      },
    );

    api.get(
      `${resource.path}/:id`,
      { schema: { tags, summary: '详情 One case with its whole timeline', params: UuidParams, response: { 200: RequestDetail, ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const found = await db
          .select()
          .from(requests)
          .where(and(eq(requests.id, request.params.id), eq(requests.process, resource.process), visibleRequests(user)));
        if (!found[0]) throw HttpProblem.notFound(things.case);
        const id = found[0].id;
        const calendar = await deps.calendar.current();
        const pack = await packStore(deps).forCase(found[0].pack, found[0].packHash);
        const [taskRows, escalationRows, auditRows] = await Promise.all([
          db.select().from(tasks).where(eq(tasks.requestId, id)).orderBy(asc(tasks.createdAt)),
          db.select().from(escalations).where(eq(escalations.requestId, id)).orderBy(asc(escalations.firedAt)),
          db.select().from(auditLog).where(eq(auditLog.requestId, id)).orderBy(asc(auditLog.id)),
        ]);
        // 承办人: who completed each step, by name (the 审批单 prints it), and who holds each open one (claimed or assigned).
        const actorIds = [...new Set(taskRows.flatMap((t) => [t.completedBy, t.claimedBy]).filter((u): u is string => u !== null))];
        const actorNames = new Map(
          actorIds.length ? (await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, actorIds))).map((u) => [u.id, u.name]) : [],
        );
        return {
          ...requestView(found[0]),
          ...textsView(found[0]),
          reviewProtection: reviewProtectionView(found[0]),
          tasks: taskRows.map((t) => ({ ...taskView(t, calendar, new Date(), pack), completedByName: t.completedBy ? (actorNames.get(t.completedBy) ?? null) : null,
            claimedByName: t.claimedBy ? (actorNames.get(t.claimedBy) ?? null) : null,
          })),
          escalations: escalationRows.map((e) => ({
            ...e,
            basis: (e.details as { basis?: 'law' | 'draft' | 'policy' }).basis ?? null,
            scheduledAt: e.scheduledAt.toISOString(),
            firedAt: e.firedAt.toISOString(),
          })),
          timeline: auditRows.map((a) => ({ ...a, at: a.at.toISOString() })),
        };
      },
    );
  }
}
