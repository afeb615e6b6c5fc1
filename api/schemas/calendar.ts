import { Type } from 'typebox';

export const DeadlineQueryString = Type.Object(
  {
    start: Type.String({ minLength: 10, maxLength: 40, description: 'The triggering event: YYYY-MM-DD or an ISO instant with offset' }),
    n: Type.Integer({ minimum: 0, maximum: 400 }),
    unit: Type.Optional(Type.Union([Type.Literal('working-days'), Type.Literal('days')], { default: 'working-days' })),
    jurisdiction: Type.Optional(Type.String({ maxLength: 40, default: 'national' })),
  },
  { additionalProperties: false },
);

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 2015, maximum: 2035 }) }, { additionalProperties: false });
export const JurisdictionQuery = Type.Object({ jurisdiction: Type.Optional(Type.String({ maxLength: 40 })) }, { additionalProperties: false });

const NoticeCitation = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: 300 }),
    documentNumber: Type.String({ maxLength: 100 }),
    issuer: Type.String({ minLength: 1, maxLength: 100 }),
    publishedOn: Type.Optional(Type.String({ format: 'date' })),
    url: Type.Optional(Type.String({ maxLength: 500 })),
  },
  { additionalProperties: false },
);

/** A newly announced year, as the State Council General Office's notice gives it. */
export const YearScheduleBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2015, maximum: 2035 }),
    notice: NoticeCitation,
    festivals: Type.Array(
      Type.Object(
        {
          festival: Type.String(),
          offDays: Type.Array(Type.String({ format: 'date' }), { maxItems: 20 }),
          makeUpDays: Type.Array(Type.String({ format: 'date' }), { maxItems: 10 }),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 20 },
    ),
    notes: Type.Optional(Type.Array(Type.String({ 'x-multiline': true, maxLength: 1000 }), { maxItems: 20 })),
  },
  { additionalProperties: false },
);

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

/** A deadline with how it was computed: start, rule, each day skipped and why. */
export const DeadlineSchema = Type.Object({
  start: Type.String(),
  startDate: Type.String(),
  n: Type.Integer(),
  unit: Type.String(),
  jurisdiction: Type.String(),
  due: Type.String({ description: 'The last day of the period (YYYY-MM-DD)' }),
  endsAt: Type.String({ description: '24:00 of `due`, Asia/Shanghai' }),
  provisional: Type.Boolean(),
  provisionalReason: Type.Optional(Type.String()),
  skipped: Type.Array(Type.Object({ date: Type.String(), reason: Type.String(), name: Type.Optional(Type.String()) })),
  counted: Type.Array(
    Type.Object({ date: Type.String(), makeUp: Type.Optional(Type.Boolean()), name: Type.Optional(Type.String()), rollover: Type.Optional(Type.Boolean()) }),
  ),
  rule: Type.String(),
  sources: Type.Array(Type.String()),
  extensions: Type.Optional(Type.Array(Type.Integer())),
});

const DayStatusSchema = Type.Object({
  date: Type.String(),
  working: Type.Boolean(),
  kind: Type.String(),
  name: Type.Optional(Type.String()),
  provisional: Type.Boolean(),
});

export const CalendarYearSchema = Type.Object({
  year: Type.Integer(),
  jurisdiction: Type.String(),
  status: Type.Union([Type.Literal('built-in'), Type.Literal('published'), Type.Literal('unknown')]),
  provisional: Type.Boolean(),
  notice: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  festivals: Type.Array(Type.Record(Type.String(), Type.Unknown())),
  publishedAt: Nullable(Type.String()),
  days: Type.Array(DayStatusSchema),
});

export const PublishedYearSchema = Type.Object({
  year: Type.Integer(),
  jurisdiction: Type.String(),
  status: Type.Literal('published'),
  publishedAt: Type.String(),
  workflowsToRecompute: Type.Integer({ description: 'Open cases told to recompute their deadlines' }),
});

/** A change to a year in force, for a second keeper to approve. */
export const AmendmentBody = Type.Object(
  {
    schedule: YearScheduleBody,
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why, e.g. the amending notice (国办发明电〔2020〕1号)' }),
  },
  { additionalProperties: false },
);

export const DecisionBody = Type.Object({ note: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });

export const AmendmentParams = Type.Object(
  { year: Type.Integer({ minimum: 2015, maximum: 2035 }), id: Type.String({ format: 'uuid' }) },
  { additionalProperties: false },
);

export const AmendmentListQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')], { default: 'pending' })),
    jurisdiction: Type.Optional(Type.String({ maxLength: 40 })),
    year: Type.Optional(Type.Integer({ minimum: 2015, maximum: 2035 })),
  },
  { additionalProperties: false },
);

const CalendarImpactSchema = Type.Object({
  days: Type.Array(Type.Object({ date: Type.String(), from: Type.String(), to: Type.String() })),
  openTasks: Type.Integer({ description: 'Open tasks whose due date would move' }),
  tasks: Type.Array(
    Type.Object({ taskId: Type.String(), requestId: Type.String(), jurisdiction: Type.String(), fromDue: Type.String(), toDue: Type.String() }),
    { description: 'The first 100, soonest due first' },
  ),
});

export const AmendmentSchema = Type.Object({
  id: Type.String(),
  jurisdiction: Type.String(),
  year: Type.Integer(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  reason: Type.String(),
  baseVersion: Type.Integer({ description: 'The version it amends (0: the built-in year)' }),
  schedule: Type.Record(Type.String(), Type.Unknown()),
  previousSchedule: Type.Record(Type.String(), Type.Unknown()),
  proposedBy: Type.String(),
  proposedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  wouldMove: Type.Optional(CalendarImpactSchema),
  workflowsToRecompute: Type.Optional(Type.Integer({ description: 'On approval: open cases told to recompute their deadlines' })),
});
