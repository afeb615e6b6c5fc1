import { taskSorts, searchAndSortFields } from './list';
import { Type, type Static } from 'typebox';
import { TIME_LEFT_STATES } from '../../calendar';
import { escalationRungs } from '../../db/schema/escalations';
import { legalBasisKinds } from '../../rules/legal-basis';
import { DeadlineSchema } from './calendar';
import { ApplicableText, hierarchyFields } from './hierarchy';

/** The instrument a refusal rests on, as the decider names it. */
export const LegalBasisSchema = Type.Object(
  {
    kind: Type.Enum(legalBasisKinds, {
      description: '法律 law / 行政法规 administrative-regulation / 地方性法规 local-regulation / 党中央、国务院政策 national-policy; which the case’s text admits: legalBasisRule.kinds',
    }),
    title: Type.String({ minLength: 1, maxLength: 200, description: 'The instrument’s name, e.g. 《中华人民共和国保守国家秘密法》' }),
    article: Type.String({ minLength: 1, maxLength: 100, description: 'The article relied on, e.g. 第十三条第一款' }),
  },
  { additionalProperties: false, description: 'The legal basis of a refusal (Hebei draft art. 19; Anhui art. 21, 22; Hebei 2016 art. 12)' },
);

export const Task = Type.Object({
  id: Type.String(),
  requestId: Type.String(),
  step: Type.String(),
  titleZh: Type.String(),
  titleEn: Type.String(),
  assigneeDepartmentId: Type.String(),
  assigneeRole: Type.String(),
  status: Type.String(),
  overdue: Type.Boolean(),
  rung: Type.Union([Type.String(), Type.Null()]),
  dueAt: Type.String({ description: 'The instant the period ends: 24:00 of its last day, Asia/Shanghai' }),
  deadline: Type.Record(Type.String(), Type.Unknown(), { description: 'How dueAt was computed: start, rule, days skipped' }),
  citation: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
  trigger: Type.Union(
    [
      Type.Object(
        {
          zh: Type.String(),
          en: Type.String(),
          byAnalogy: Type.Optional(Type.Boolean({ description: 'A step taken again after a return or decision: its article applies by analogy (参照)' })),
        },
        { description: 'What starts the clock, as the text says it (自收到申请之日起…)' },
      ),
      Type.Null(),
    ],
    { description: 'Null on tasks opened before it was recorded' },
  ),
  option: Type.Union([
    Type.Object(
      {
        lapses: Type.Boolean({ description: 'false: the option stays open until the party chooses (the text sets no time limit); true: at dueAt it is taken as `decision`' }),
        decision: Type.Optional(Type.String()),
        basis: Type.Optional(Type.String({ description: 'Of the lapse: law (the text sets it) or policy (a local choice, never law)' })),
        zh: Type.String(),
        en: Type.String(),
      },
      { description: 'On a party’s option (not a duty): what happens when its period ends' },
    ),
    Type.Null(),
  ]),
  decisions: Type.Array(Type.String(), { description: 'What the step allows' }),
  reasonRequiredFor: Type.Array(Type.String(), { description: 'Decisions that need written reasons' }),
  legalBasisRule: Type.Optional(
    Type.Union([
      Type.Object(
        {
          requiredFor: Type.Array(Type.String(), { description: 'Decisions that need a legal basis' }),
          classing: Type.Boolean({ description: 'Classing an entry conditional or not shared needs one too (Anhui art. 22)' }),
          kinds: Type.Array(Type.String(), { description: 'The kinds of instrument the case’s text admits' }),
          citation: Type.Record(Type.String(), Type.Unknown()),
        },
        { description: 'What a refusal on this step must rest on; null for a task that cannot refuse' },
      ),
      Type.Null(),
    ]),
  ),
  legalBasis: Type.Optional(Type.Union([LegalBasisSchema, Type.Null()])),
  extensionRequest: Type.Optional(
    Type.Union([
      Type.Object(
        {
          taskId: Type.String({ description: 'The task whose period would be extended' }),
          n: Type.Integer(),
          unit: Type.String(),
          reason: Type.String({ description: 'Why the extension is asked for, as the requester gave it' }),
          requestedBy: Type.String(),
          requestedAt: Type.String(),
        },
        { description: 'On the authority’s task deciding an extension: the request it decides, with its reasons' },
      ),
      Type.Null(),
    ]),
  ),
  timeLeft: Type.Union([
    Type.Object(
      {
        state: Type.Enum(TIME_LEFT_STATES, {
          description: 'running: 还剩 N 个工作日 (working days after today up to and including the last day); due-today: 今日到期; overdue: 逾期 N 个工作日 (working days after the last day up to and including today)',
        }),
        overdue: Type.Boolean(),
        workingDays: Type.Integer({ minimum: 0 }),
      },
      { description: '还剩 N 个工作日 / 今日到期 / 逾期 N 个工作日, for open tasks' },
    ),
    Type.Null(),
  ], { description: 'Null for closed tasks and for an option that stays open (no time limit runs: see option)' }),
  process: Type.Optional(Type.String()),
  requesterDepartmentId: Type.Optional(Type.String()),
  catalogueEntryId: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  caseNumber: Type.Optional(Type.String({ description: '受理编号 of the task\'s case, e.g. 冀数共申〔2026〕0001号 (docs/CASE-NUMBERS.md)' })),
  scenario: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: '应用场景 of the task\'s case (share requests)' })),
  entryNameZh: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The name of the case\'s catalogue entry' })),
  entryNameEn: Type.Optional(Type.Union([Type.String(), Type.Null()])),
  receivedAt: Type.Optional(Type.String({ description: 'When the case was received (受理日期)' })),
  claimedBy: Type.Union([Type.String(), Type.Null()]),
  claimedByName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The display name of who claimed it' })),
  claimedAt: Type.Union([Type.String(), Type.Null()]),
  decision: Type.Union([Type.String(), Type.Null()]),
  reason: Type.Union([Type.String(), Type.Null()]),
  completedBy: Type.Union([Type.String(), Type.Null()]),
  completedByName: Type.Optional(Type.Union([Type.String(), Type.Null()], { description: 'The display name of who completed it (承办人); null when the case closed it' })),
  completedAt: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String(),
  applicableTexts: Type.Optional(Type.Array(ApplicableText, { description: 'GET /api/tasks/{id}: every text that applies to the case on its receipt date, highest rank first' })),
  warning: Type.Optional(hierarchyFields.warning),
});

const { start, startDate, n, unit, jurisdiction, due, endsAt, provisional, rule } = DeadlineSchema.properties;

export const DeadlineSummary = Type.Object(
  {
    ...{ start, startDate, n, unit, jurisdiction, due, endsAt, provisional, rule },
    skippedDays: Type.Integer(),
    skippedWeekendDays: Type.Integer(),
    holidays: Type.Array(Type.String(), { description: 'The holidays skipped' }),
    makeUpDaysCounted: Type.Integer({ description: '调休上班日 counted as working days' }),
    extensions: Type.Array(Type.Integer()),
  },
  { description: 'How dueAt was computed, in brief; GET /api/tasks/{id} explains it day by day' },
);

/** A row of the task list: the task with its deadline in brief. */
export const TaskListItem = Type.Object({ ...Task.properties, deadline: DeadlineSummary });

export const ListTasksQuery = Type.Object(
  {
    status: Type.Optional(Type.Union([Type.Literal('open'), Type.Literal('completed'), Type.Literal('all')], { default: 'open' })),
    process: Type.Optional(Type.Union(['share-request', 'catalogue-change', 'quality-dispute', 'negative-list', 'data-inconsistency'].map((p) => Type.Literal(p)))),
    rung: Type.Optional(Type.Union(escalationRungs.map((r) => Type.Literal(r)))),
    overdue: Type.Optional(Type.Boolean()),
    department: Type.Optional(Type.String({ maxLength: 40, description: 'Assignee department (with scope=level)' })),
    dueBefore: Type.Optional(Type.String({ format: 'date-time' })),
    dueAfter: Type.Optional(Type.String({ format: 'date-time' })),
    scope: Type.Optional(
      Type.Union([Type.Literal('mine'), Type.Literal('level')], {
        default: 'mine',
        description: 'mine: tasks for the caller’s department and roles; level: every task of the cases an authority handles',
      }),
    ),
    ...searchAndSortFields(taskSorts, 'dueAt, ascending (keyset-paginated by cursor)'),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'From the x-next-cursor header of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

export const CompleteTaskBody = Type.Object(
  {
    decision: Type.String({ minLength: 1, maxLength: 50, description: "One of the step's decisions" }),
    reason: Type.Optional(Type.String({ 'x-multiline': true, maxLength: 4000, description: 'Reasons; required where the law requires them (e.g. a refusal)' })),
    legalBasis: Type.Optional(LegalBasisSchema),
    payload: Type.Optional(
      Type.Record(Type.String({ maxLength: 40 }), Type.Union([Type.String({ 'x-multiline': true, maxLength: 2000 }), Type.Null()]), {
        description: 'What the step produces, e.g. the updated catalogue entry fields of a catalogue change',
        maxProperties: 20,
        // The key schema above is lost in the record's JSON schema: say it again, so it is enforced and documented.
        propertyNames: { minLength: 1, maxLength: 40, pattern: '^[A-Za-z][A-Za-z0-9_]*$' },
      }),
    ),
  },
  { additionalProperties: false },
);
export type CompleteTaskBody = Static<typeof CompleteTaskBody>;

export const ExtensionBody = Type.Object(
  {
    n: Type.Integer({ minimum: 1, maximum: 60, description: 'Units of the step’s period to add, from its current last day' }),
    reason: Type.String({ 'x-multiline': true, minLength: 2, maxLength: 4000 }),
  },
  { additionalProperties: false },
);

export const OverrideClaimBody = Type.Object(
  {
    reason: Type.String({ 'x-multiline': true, minLength: 2, maxLength: 2000, description: 'Why another user’s claim is released (audited)' }),
  },
  { additionalProperties: false },
);
export type OverrideClaimBody = Static<typeof OverrideClaimBody>;

/** 指派: the person to give an unclaimed task to. */
export const AssignBody = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 200, description: 'A user of the task’s department holding its role (from GET /api/tasks/{id}/assignees)' }),
  },
  { additionalProperties: false },
);

/** 转办: the person to give a claimed task to instead, and why. */
export const ReassignBody = Type.Object(
  {
    userId: Type.String({ minLength: 1, maxLength: 200, description: 'A user of the task’s department holding its role, other than the one who holds it' }),
    reason: Type.String({ 'x-multiline': true, minLength: 2, maxLength: 2000, description: 'Why the task is reassigned (audited, and told to both people)' }),
  },
  { additionalProperties: false },
);

/** A person who may take a task, for the supervisor's picker. */
export const Assignee = Type.Object({
  id: Type.String(),
  displayName: Type.String(),
  openTasks: Type.Integer({ description: 'Open tasks this person holds now (claimed or assigned)' }),
  holdsTask: Type.Boolean({ description: 'Whether this person holds the task now' }),
});
