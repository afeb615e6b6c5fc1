import { and, desc, eq, inArray } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { NATIONAL, validateRegionOverlay, validateYearSchedule, type RegionYear, type ScheduleIssue, type YearSchedule } from '../../calendar';
import { apiEventKey, appendAudit } from '../../db/audit';
import { calendarAmendments } from '../../db/schema';
import type { AppDeps } from '../app';
import { calendarImpact } from '../calendar-impact';
import { implausibleSchedule, regionOverridesNationalDaysOff } from '../calendar-plausibility';
import { invalidSchedule } from '../calendar-problems';
import { keepsCalendar, keptJurisdictions, notKeeperDetail } from '../calendar-keepers';
import { replanOpenCases } from '../calendar-replan';
import { allow, caller, peopleOnly, type AuthUser } from '../plugins/auth';
import { HttpProblem } from '../problem';
import {
  AmendmentBody,
  AmendmentListQuery,
  AmendmentParams,
  AmendmentSchema,
  DecisionBody,
  JurisdictionQuery,
  PublishedYearSchema,
  YearParams,
  YearScheduleBody,
} from '../schemas/calendar';
import { problemResponses } from '../schemas/common';
import { statusZh, text, things } from '../problem-text';

type Amendment = typeof calendarAmendments.$inferSelect;

/** A decision's note is optional, and so is the whole body: a bare POST decides without one. */
const optionalBody = async (request: FastifyRequest) => {
  request.body ??= {};
};
const conflict = { 409: problemResponses[400] };

/** A national year is checked as a State Council schedule; a region's as one year of its overlay. */
function scheduleIssues(jurisdiction: string, schedule: YearSchedule | RegionYear): ScheduleIssue[] {
  const issues =
    jurisdiction === NATIONAL
      ? validateYearSchedule(schedule)
      : validateRegionOverlay({ id: jurisdiction, name: jurisdiction, years: [schedule] }).map((i) => ({ ...i, field: i.field.replace(/^years\[0\]\./, '') }));
  return issues.length > 0 ? issues : implausibleSchedule(jurisdiction, schedule);
}

/** JSON with object keys sorted at every depth, to tell whether a proposal changes anything. */
function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x && typeof x === 'object') {
    const entries = Object.entries(x as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(x);
}

function view(a: Amendment) {
  return {
    id: a.id,
    jurisdiction: a.jurisdiction,
    year: a.year,
    status: a.status,
    reason: a.reason,
    baseVersion: a.baseVersion,
    schedule: { ...a.schedule },
    previousSchedule: { ...a.previousSchedule },
    proposedBy: a.proposedBy,
    proposedAt: a.proposedAt.toISOString(),
    decidedBy: a.decidedBy,
    decidedAt: a.decidedAt?.toISOString() ?? null,
    decisionNote: a.decisionNote,
  };
}

/**
 * Publishing the holiday calendar: a year not yet in force is published by one keeper of that calendar (the
 * national authority for national years, a province's authority for its own regional overlay); a year in force is
 * only amended, by a proposal one keeper makes and another approves (four eyes). Open cases re-plan on publication
 * and on an approved amendment, never on a proposal.
 */
export function calendarPublicationRoutes(deps: AppDeps) {
  const { db, calendar } = deps;

  async function knownJurisdiction(jurisdiction: string | undefined): Promise<string> {
    const j = jurisdiction ?? NATIONAL;
    const known = (await calendar.current()).jurisdictions();
    if (!known.includes(j)) throw HttpProblem.badRequest('query.jurisdiction', text(`不是已登记的地区；可选：${known.join('、')}`, `unknown jurisdiction; known: ${known.join(', ')}`));
    return j;
  }

  function mustKeep(user: AuthUser, jurisdiction: string): void {
    if (!keepsCalendar(user, jurisdiction)) throw HttpProblem.forbidden(notKeeperDetail(jurisdiction));
  }

  async function impactOf(a: Amendment) {
    const now = await calendar.current();
    const next = await calendar.withChange(a.jurisdiction, a.schedule);
    return calendarImpact(db, now, next, a.jurisdiction, a.year);
  }

  /** Loads the amendment of `year` and checks the caller keeps its calendar; 404 when it is not theirs to see. */
  async function amendmentFor(user: AuthUser, year: number, id: string): Promise<Amendment> {
    const [a] = await db.select().from(calendarAmendments).where(and(eq(calendarAmendments.id, id), eq(calendarAmendments.year, year)));
    if (!a || !keepsCalendar(user, a.jurisdiction)) throw HttpProblem.notFound(things.amendment);
    return a;
  }

  return async (app: FastifyInstance) => {
    const api = app.withTypeProvider<TypeBoxTypeProvider>();
    // A keeper's act is a person's: four eyes are two people, and the audit names who (an API key is refused).
    const keepers = [peopleOnly, allow('authority-supervisor', 'admin')];

    api.put(
      '/api/calendar/:year',
      {
        preHandler: keepers,
        schema: {
          tags: ['calendar'],
          summary: '发布新年度节假日安排 Publish a year not yet in force (national, or ?jurisdiction= a region\'s overlay)',
          params: YearParams,
          querystring: JurisdictionQuery,
          body: YearScheduleBody,
          response: { 200: PublishedYearSchema, ...problemResponses, ...conflict },
        },
      },
      async (request) => {
        const user = caller(request);
        const jurisdiction = await knownJurisdiction(request.query.jurisdiction);
        mustKeep(user, jurisdiction);
        const { year } = request.params;
        const schedule = request.body as unknown as YearSchedule;
        if (schedule.year !== year) throw HttpProblem.badRequest('body.year', text(`须与地址中的年份（${year}）一致`, `must equal the year in the path (${year})`));
        const issues = scheduleIssues(jurisdiction, schedule);
        if (issues.length === 0) issues.push(...regionOverridesNationalDaysOff(jurisdiction, schedule, await calendar.current()));
        if (issues.length > 0) throw invalidSchedule(issues, 'body');
        const at = new Date();
        const stored = await db.transaction(async (tx) => {
          if (!(await calendar.publish(tx, jurisdiction, schedule, user.id, at))) return false;
          await appendAudit(tx, {
            eventKey: apiEventKey('calendar.published', `${jurisdiction}:${year}`),
            at,
            action: 'calendar.published',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { year, jurisdiction, notice: { ...schedule.notice } },
          });
          return true;
        });
        if (!stored) {
          throw HttpProblem.conflict(
            text(
              `${year}年（${jurisdiction}）的安排已经生效，只能修订：POST /api/calendar/${year}/amendments，经另一名负责人批准后生效。`,
              `${year} is already in force for ${jurisdiction}: it is amended, not overwritten — propose an amendment, which takes effect when a second keeper approves it.`,
            ),
          );
        }
        const workflowsToRecompute = await replanOpenCases(db, deps.temporal, year, jurisdiction);
        return { year, jurisdiction, status: 'published' as const, publishedAt: at.toISOString(), workflowsToRecompute };
      },
    );

    api.post(
      '/api/calendar/:year/amendments',
      {
        preHandler: keepers,
        schema: {
          tags: ['calendar'],
          summary: '提出修订 Propose an amendment to a year in force; it takes effect when another keeper approves it',
          params: YearParams,
          querystring: JurisdictionQuery,
          body: AmendmentBody,
          response: { 201: AmendmentSchema, ...problemResponses, ...conflict },
        },
      },
      async (request, reply) => {
        const user = caller(request);
        const jurisdiction = await knownJurisdiction(request.query.jurisdiction);
        mustKeep(user, jurisdiction);
        const { year } = request.params;
        const schedule = request.body.schedule as unknown as YearSchedule;
        if (schedule.year !== year) throw HttpProblem.badRequest('body.schedule.year', text(`须与地址中的年份（${year}）一致`, `must equal the year in the path (${year})`));
        const issues = scheduleIssues(jurisdiction, schedule);
        if (issues.length === 0) issues.push(...regionOverridesNationalDaysOff(jurisdiction, schedule, await calendar.current()));
        if (issues.length > 0) throw invalidSchedule(issues, 'body.schedule');
        const at = new Date();
        const amendment = await db.transaction(async (tx) => {
          const current = await calendar.inForce(jurisdiction, year, tx);
          if (!current) {
            throw HttpProblem.conflict(text(`${year}年（${jurisdiction}）尚未生效，请直接发布。`, `${year} is not in force for ${jurisdiction}: publish it (PUT /api/calendar/${year}).`));
          }
          if (canonical(current.schedule) === canonical(schedule)) throw HttpProblem.badRequest('body.schedule', text('与已生效的安排相同，没有修订任何内容', 'changes nothing in the year in force'));
          const [row] = await tx
            .insert(calendarAmendments)
            .values({ jurisdiction, year, baseVersion: current.version, schedule, previousSchedule: current.schedule, reason: request.body.reason, proposedBy: user.id, proposedAt: at })
            .returning();
          await appendAudit(tx, {
            eventKey: `calendar.amendment-proposed:${row!.id}`,
            at,
            action: 'calendar.amendment-proposed',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { amendmentId: row!.id, year, jurisdiction, reason: request.body.reason, baseVersion: current.version },
          });
          return row!;
        });
        return reply.status(201).send({ ...view(amendment), wouldMove: await impactOf(amendment) });
      },
    );

    api.get(
      '/api/calendar/amendments',
      {
        preHandler: keepers,
        schema: {
          tags: ['calendar'],
          summary: '待批修订 Amendments of the calendars the caller keeps (pending by default), with what each would move',
          querystring: AmendmentListQuery,
          response: { 200: Type.Array(AmendmentSchema), ...problemResponses },
        },
      },
      async (request) => {
        const user = caller(request);
        const known = (await calendar.current()).jurisdictions();
        const kept = keptJurisdictions(user, request.query.jurisdiction ? known.filter((j) => j === request.query.jurisdiction) : known);
        if (kept.length === 0) return [];
        const status = request.query.status ?? 'pending';
        const rows = await db
          .select()
          .from(calendarAmendments)
          .where(
            and(
              eq(calendarAmendments.status, status),
              inArray(calendarAmendments.jurisdiction, kept),
              request.query.year === undefined ? undefined : eq(calendarAmendments.year, request.query.year),
            ),
          )
          .orderBy(desc(calendarAmendments.proposedAt))
          .limit(100);
        const out = [];
        for (const a of rows) out.push(a.status === 'pending' ? { ...view(a), wouldMove: await impactOf(a) } : view(a));
        return out;
      },
    );

    api.post(
      '/api/calendar/:year/amendments/:id/approve',
      {
        preValidation: optionalBody,
        preHandler: keepers,
        schema: {
          tags: ['calendar'],
          summary: '批准修订 Approve another keeper\'s amendment: it takes effect and open cases re-plan',
          params: AmendmentParams,
          body: DecisionBody,
          response: { 200: AmendmentSchema, ...problemResponses, ...conflict },
        },
      },
      async (request) => {
        const user = caller(request);
        const found = await amendmentFor(user, request.params.year, request.params.id);
        if (found.proposedBy === user.id) {
          throw HttpProblem.forbidden(text('四眼原则：提出修订的人不能批准自己的修订。', 'Four eyes: an amendment is approved by a keeper other than the one who proposed it.'));
        }
        const at = new Date();
        const approved = await db.transaction(async (tx) => {
          const [a] = await tx.select().from(calendarAmendments).where(eq(calendarAmendments.id, found.id)).for('update');
          if (a!.status !== 'pending') throw HttpProblem.conflict(text(`该修订已${statusZh(a!.status)}`, `The amendment is already ${a!.status}`));
          if (!(await calendar.amend(tx, a!.jurisdiction, a!.schedule, a!.baseVersion, a!.proposedBy, at))) {
            throw HttpProblem.conflict(
              text(
                '该年度在此修订提出后已被另一修订改变，请重新提出。',
                'The year has changed since this amendment was proposed (another amendment was approved): propose it again on the year as it reads now.',
              ),
            );
          }
          const [row] = await tx
            .update(calendarAmendments)
            .set({ status: 'approved', decidedBy: user.id, decidedAt: at, decisionNote: request.body.note ?? null })
            .where(eq(calendarAmendments.id, a!.id))
            .returning();
          await appendAudit(tx, {
            eventKey: `calendar.amendment-approved:${a!.id}`,
            at,
            action: 'calendar.amendment-approved',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { amendmentId: a!.id, year: a!.year, jurisdiction: a!.jurisdiction, proposedBy: a!.proposedBy, approvedBy: user.id, reason: a!.reason, fromVersion: a!.baseVersion, toVersion: a!.baseVersion + 1 },
          });
          return row!;
        });
        const workflowsToRecompute = await replanOpenCases(db, deps.temporal, approved.year, approved.jurisdiction);
        return { ...view(approved), workflowsToRecompute };
      },
    );

    api.post(
      '/api/calendar/:year/amendments/:id/reject',
      {
        preValidation: optionalBody,
        preHandler: keepers,
        schema: {
          tags: ['calendar'],
          summary: '驳回修订 Reject (or, by its proposer, withdraw) a pending amendment; nothing changes',
          params: AmendmentParams,
          body: DecisionBody,
          response: { 200: AmendmentSchema, ...problemResponses, ...conflict },
        },
      },
      async (request) => {
        const user = caller(request);
        const found = await amendmentFor(user, request.params.year, request.params.id);
        const at = new Date();
        return db.transaction(async (tx) => {
          const [row] = await tx
            .update(calendarAmendments)
            .set({ status: 'rejected', decidedBy: user.id, decidedAt: at, decisionNote: request.body.note ?? null })
            .where(and(eq(calendarAmendments.id, found.id), eq(calendarAmendments.status, 'pending')))
            .returning();
          if (!row) throw HttpProblem.conflict(
              text(`该修订已${found.status === 'pending' ? '处理' : statusZh(found.status)}`, `The amendment is already ${found.status === 'pending' ? 'decided' : found.status}`),
            );
          await appendAudit(tx, {
            eventKey: `calendar.amendment-rejected:${row.id}`,
            at,
            action: 'calendar.amendment-rejected',
            actorUserId: user.id,
            actorDepartmentId: user.departmentId,
            details: { amendmentId: row.id, year: row.year, jurisdiction: row.jurisdiction, proposedBy: row.proposedBy, rejectedBy: user.id, note: row.decisionNote },
          });
          return view(row);
        });
      },
    );
  };
}
