import { and, asc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type, type TSchema } from 'typebox';
import { auditLog, escalations, requests, tasks, type Process, type Role } from '../../db/schema';
import type { AppDeps } from '../app';
import { allow, caller } from '../plugins/auth';
import { createCase, type NewCase } from '../create-case';
import { idempotencyFingerprint } from '../idempotency';
import { HttpProblem } from '../problem';
import type { ReceiptClaim } from '../receipt';
import { ProblemSchema, UuidParams, problemResponses } from '../schemas/common';
import { CreateCatalogueChangeBody, CreateNegativeListBody, CreateQualityDisputeBody } from '../schemas/cases';
import { CreateShareRequestBody, IdempotencyHeaders, ListRequestsQuery, RequestDetail, RequestSummary } from '../schemas/share-requests';
import { visibleRequests } from '../visibility';
import { queryCases } from '../case-list';
import { packStore } from '../packs';
import { requestView, taskView, textsView } from '../views';
import { checkChangeTrigger, shanghaiDateOf } from '../../rules';

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
        if (refused) throw HttpProblem.unprocessable('body.trigger', refused);
        if (String(b.changedAt) > shanghaiDateOf(receivedAt.toISOString())) {
          throw HttpProblem.unprocessable('body.changedAt', 'is after the day the change was received: a change is reported after it happens / 变更发生日期不能晚于收到之日');
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
      details: { description: b.description, ...(b.evidence ? { evidence: b.evidence } : {}) },
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
  };

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
      { schema: { tags, summary: '列表 Cases visible to the caller', querystring: ListRequestsQuery, response: { 200: Type.Array(RequestSummary), ...problemResponses } } },
      async (request, reply) => {
        const { page, nextCursor } = await queryCases(db, caller(request), resource.process, request.query);
        if (nextCursor) void reply.header('x-next-cursor', nextCursor);
        return page.map(requestView);
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
        if (!found[0]) throw HttpProblem.notFound('Case');
        const id = found[0].id;
        const calendar = await deps.calendar.current();
        const pack = await packStore(deps).forCase(found[0].pack, found[0].packHash);
        const [taskRows, escalationRows, auditRows] = await Promise.all([
          db.select().from(tasks).where(eq(tasks.requestId, id)).orderBy(asc(tasks.createdAt)),
          db.select().from(escalations).where(eq(escalations.requestId, id)).orderBy(asc(escalations.firedAt)),
          db.select().from(auditLog).where(eq(auditLog.requestId, id)).orderBy(asc(auditLog.id)),
        ]);
        return {
          ...requestView(found[0]),
          ...textsView(found[0]),
          tasks: taskRows.map((t) => taskView(t, calendar, new Date(), pack)),
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
