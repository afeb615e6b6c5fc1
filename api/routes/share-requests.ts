import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditLog, catalogueEntries, escalations, requests, tasks } from '../../db/schema';
import { appendAudit } from '../../db/audit';
import { workflowIdFor, workflowTypes, type CaseInput } from '../../workflows/messages';
import type { AppDeps } from '../app';
import { allow, caller } from '../plugins/auth';
import { bindCase } from '../case-binding';
import { HttpProblem } from '../problem';
import { ProblemSchema, UuidParams, problemResponses } from '../schemas/common';
import { CreateShareRequestBody, IdempotencyHeaders, ListRequestsQuery, RequestDetail, RequestSummary } from '../schemas/share-requests';
import { startCaseWorkflow } from '../start-workflow';
import { visibleRequests } from '../visibility';
import { requestView, taskView } from '../views';

const clockSkewAllowanceMs = 60_000;

export function shareRequestRoutes(deps: AppDeps) {
  const { db } = deps;
  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();

    api.post(
      '/api/share-requests',
      {
        preHandler: allow('requester'),
        schema: {
          tags: ['share-requests'],
          summary: '提交共享申请 Submit a share request',
          headers: IdempotencyHeaders,
          body: CreateShareRequestBody,
          response: { 200: RequestSummary, 201: RequestSummary, 409: ProblemSchema, 422: ProblemSchema, 503: ProblemSchema, ...problemResponses },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        const body = request.body;
        const key = request.headers['idempotency-key'];
        const receivedAt = parseReceivedAt(body.receivedAt);
        const entry = (await db.select().from(catalogueEntries).where(eq(catalogueEntries.id, body.catalogueEntryId)))[0];
        if (!entry) throw HttpProblem.unprocessable('body.catalogueEntryId', `no catalogue entry ${body.catalogueEntryId}`);
        if (entry.providerDepartmentId === user.departmentId) {
          throw HttpProblem.unprocessable('body.catalogueEntryId', 'a department does not request its own data');
        }
        const binding = await bindCase(db, user, receivedAt, entry.providerDepartmentId);

        const id = randomUUID();
        const row = {
          id,
          process: 'share-request' as const,
          status: 'received',
          jurisdiction: user.department.jurisdiction,
          pack: binding.pack,
          requesterDepartmentId: user.departmentId,
          providerDepartmentId: entry.providerDepartmentId,
          authorityDepartmentId: binding.parties.authority,
          catalogueEntryId: entry.id,
          scenario: body.scenario,
          details: body.basis ? { basis: body.basis } : {},
          receivedAt,
          workflowId: workflowIdFor('share-request', id),
          idempotencyKey: key ?? null,
          createdBy: user.id,
        };
        const inserted = await db.transaction(async (tx) => {
          const created = await tx
            .insert(requests)
            .values(row)
            .onConflictDoNothing({ target: [requests.requesterDepartmentId, requests.idempotencyKey] })
            .returning();
          if (created[0]) {
            await appendAudit(tx, {
              eventKey: `request.submitted:${id}`,
              at: new Date(),
              action: 'request.submitted',
              actorUserId: user.id,
              actorDepartmentId: user.departmentId,
              requestId: id,
              details: { process: 'share-request', catalogueEntryId: entry.id, receivedAt: receivedAt.toISOString() },
            });
          }
          return created[0];
        });
        const saved = inserted ?? (await existingForKey(user.departmentId, key!));
        if (!inserted && (saved.catalogueEntryId !== body.catalogueEntryId || saved.scenario !== body.scenario)) {
          throw HttpProblem.conflict('This Idempotency-Key was already used for a different request');
        }
        const input: CaseInput = {
          requestId: saved.id,
          pack: saved.pack,
          jurisdiction: saved.jurisdiction,
          receivedAt: saved.receivedAt.toISOString(),
          parties: { ...binding.parties, requester: saved.requesterDepartmentId },
          catalogueEntryId: entry.id,
          submittedBy: saved.createdBy,
        };
        await startCaseWorkflow(deps, workflowTypes.shareRequest, saved.workflowId, input);
        return reply.status(inserted ? 201 : 200).send(requestView(saved));
      },
    );

    api.get(
      '/api/share-requests',
      { schema: { tags: ['share-requests'], querystring: ListRequestsQuery, response: { 200: Type.Array(RequestSummary), ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const conditions = [eq(requests.process, 'share-request'), visibleRequests(user)];
        if (request.query.status) conditions.push(eq(requests.status, request.query.status));
        const rows = await db
          .select()
          .from(requests)
          .where(and(...conditions))
          .orderBy(desc(requests.createdAt))
          .limit(request.query.limit ?? 50);
        return rows.map(requestView);
      },
    );

    api.get(
      '/api/share-requests/:id',
      { schema: { tags: ['share-requests'], params: UuidParams, response: { 200: RequestDetail, ...problemResponses } } },
      async (request) => {
        const user = caller(request);
        const found = await db
          .select()
          .from(requests)
          .where(and(eq(requests.id, request.params.id), visibleRequests(user)));
        if (!found[0]) throw HttpProblem.notFound('Share request');
        const id = found[0].id;
        const [taskRows, escalationRows, auditRows] = await Promise.all([
          db.select().from(tasks).where(eq(tasks.requestId, id)).orderBy(asc(tasks.createdAt)),
          db.select().from(escalations).where(eq(escalations.requestId, id)).orderBy(asc(escalations.firedAt)),
          db.select().from(auditLog).where(eq(auditLog.requestId, id)).orderBy(asc(auditLog.id)),
        ]);
        return {
          ...requestView(found[0]),
          tasks: taskRows.map(taskView),
          escalations: escalationRows.map((e) => ({ ...e, scheduledAt: e.scheduledAt.toISOString(), firedAt: e.firedAt.toISOString() })),
          timeline: auditRows.map((a) => ({ ...a, at: a.at.toISOString() })),
        };
      },
    );
  };

  async function existingForKey(departmentId: string, key: string) {
    const rows = await db
      .select()
      .from(requests)
      .where(and(eq(requests.requesterDepartmentId, departmentId), eq(requests.idempotencyKey, key)));
    return rows[0]!;
  }
}

function parseReceivedAt(value: string | undefined): Date {
  if (!value) return new Date();
  const at = new Date(value);
  if (Number.isNaN(at.getTime())) throw HttpProblem.badRequest('body.receivedAt', 'is not a valid instant');
  if (at.getTime() > Date.now() + clockSkewAllowanceMs) throw HttpProblem.badRequest('body.receivedAt', 'must not be in the future');
  return at;
}
