/**
 * The schema of a rule pack as data (docs/RULES.md, "Packs as data"): the TypeBox form of `RulePack`
 * (rules/types.ts), from which `rules/packs/data/rule-pack.schema.json` is generated (`npm run rules:export`). A pack
 * file, or a version proposed at run time, is valid when it matches this schema; `tests/rules/packs-are-validated-data.test.ts`
 * checks that every built-in pack does and that the committed JSON Schema is this one. It lives outside `rules/`,
 * which imports nothing but its own files and runs in the workflow sandbox; workflow code never imports it.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { PERIOD_UNITS } from '../calendar/index.js';
import { CHANGE_TRIGGERS } from '../rules/change-triggers.js';
import { legalBasisKinds } from '../rules/legal-basis.js';
import { ACTORS, DECISIONS, FLOW_IDS, PERIOD_BASES, ROLES, STEP_IDS } from '../rules/types.js';

const closed = { additionalProperties: false } as const;
const values = <T extends Record<string, string>>(o: T) => Object.values(o) as T[keyof T][];
const oneOf = <T extends string>(list: readonly T[], description?: string) => Type.Enum([...list], description ? { description } : {});

/** A pack id or jurisdiction id: lower-case words joined by hyphens (`hebei-2023`, `shanxi`). */
const Slug = Type.String({ pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 64 });
/** A calendar date, YYYY-MM-DD. */
const Day = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$' });
const Text = Type.String({ minLength: 1 });

const StepIdSchema = oneOf(values(STEP_IDS));
const DecisionSchema = oneOf(values(DECISIONS));
const ActorSchema = oneOf(values(ACTORS));
const BasisSchema = oneOf(values(PERIOD_BASES));

export const PeriodSchema = Type.Object(
  { n: Type.Integer({ minimum: 0, maximum: 366 }), unit: oneOf(values(PERIOD_UNITS)) },
  { ...closed, description: 'A length of time in the statute’s unit.' },
);
const BilingualFields = { zh: Text, en: Text };
const BilingualSchema = Type.Object(BilingualFields, closed);

export const CitationSchema = Type.Object(
  {
    source: Text,
    article: Text,
    textZh: Text,
    textEn: Text,
    note: Type.Optional(Type.String()),
    zhBackTranslated: Type.Optional(Type.Boolean()),
    byAnalogy: Type.Optional(Type.Boolean()),
  },
  closed,
);

const overrideMark = (value: TSchema) => Type.Object({ default: value, label: Type.Optional(Type.String()) }, closed);

const policyValue = (value: TSchema) =>
  Type.Object(
    { ...BilingualFields, value, basis: Type.Literal('policy'), citation: CitationSchema, overridden: Type.Optional(overrideMark(value)) },
    closed,
  );

const ExtensionSchema = Type.Object({ max: PeriodSchema, approvedBy: ActorSchema, basis: BasisSchema, citation: CitationSchema }, closed);

const LapseSchema = Type.Object(
  {
    ...BilingualFields,
    decision: DecisionSchema,
    applies: Type.Boolean(),
    basis: BasisSchema,
    citation: CitationSchema,
    overridden: Type.Optional(overrideMark(Type.Boolean())),
  },
  closed,
);

export const StepRuleSchema = Type.Object(
  {
    id: StepIdSchema,
    actor: ActorSchema,
    dutyOf: Type.Optional(ActorSchema),
    role: oneOf(values(ROLES)),
    titleZh: Text,
    titleEn: Text,
    clockStartsAt: Type.Object({ ...BilingualFields, at: oneOf(['receipt', 'change', 'previous-step', ...values(STEP_IDS)]) }, closed),
    period: PeriodSchema,
    periodBasis: BasisSchema,
    policy: Type.Optional(BilingualSchema),
    immediate: Type.Optional(Type.Boolean()),
    extension: Type.Optional(ExtensionSchema),
    decisions: Type.Array(DecisionSchema),
    reasonRequiredFor: Type.Array(DecisionSchema),
    endsOn: Type.Optional(Type.Array(DecisionSchema)),
    branch: Type.Optional(Type.Object({ ...BilingualFields, after: StepIdSchema, on: Type.Array(DecisionSchema, { minItems: 1 }) }, closed)),
    resumes: Type.Optional(Type.Object({ ...BilingualFields, stepId: StepIdSchema, on: Type.Array(DecisionSchema, { minItems: 1 }) }, closed)),
    option: Type.Optional(Type.Object({ open: BilingualSchema, lapse: LapseSchema }, closed)),
    citation: CitationSchema,
    overridden: Type.Optional(overrideMark(PeriodSchema)),
  },
  { ...closed, description: 'One step of a flow: who acts, in what time, with which decisions, on what authority.' },
);

const MeasureFields = { ...BilingualFields, basis: BasisSchema, citation: CitationSchema };

const LadderSchema = Type.Object(
  {
    superviseLocalPolicyPeriods: policyValue(Type.Boolean()),
    rectification: Type.Object(MeasureFields, closed),
    circularCriticism: Type.Optional(
      Type.Object({ ...MeasureFields, trigger: Type.Optional(Type.Object({ ...BilingualFields, basis: BasisSchema }, closed)) }, closed),
    ),
    referral: Type.Object({ ...MeasureFields, to: oneOf(['government', 'competent-authority']) }, closed),
    governmentOrder: Type.Optional(Type.Object({ ...MeasureFields, period: policyValue(PeriodSchema) }, closed)),
    internalOversight: Type.Object({ ...BilingualFields, grace: policyValue(PeriodSchema), citation: CitationSchema }, closed),
  },
  closed,
);

const PolicySchema = Type.Object(
  {
    escalation: Type.Object(
      {
        reminderBefore: policyValue(PeriodSchema),
        overdue: Type.Object({ ...BilingualFields, citation: CitationSchema }, closed),
        rectificationGrace: policyValue(PeriodSchema),
        rectificationTimeLimit: policyValue(PeriodSchema),
        governmentReport: Type.Object({ ...BilingualFields, citation: CitationSchema }, closed),
        ladder: Type.Optional(LadderSchema),
      },
      closed,
    ),
    returnForCompletion: Type.Object({ maxReturns: policyValue(Type.Integer({ minimum: 0 })), clockRestart: BilingualSchema }, closed),
    extensionDecision: Type.Optional(policyValue(PeriodSchema)),
  },
  closed,
);

const byFlow = (value: TSchema) => Type.Object(Object.fromEntries(values(FLOW_IDS).map((f) => [f, Type.Optional(value)])), closed);
const byStep = (value: TSchema) => Type.Unsafe<Record<string, unknown>>({ type: 'object', propertyNames: StepIdSchema, additionalProperties: value });

const OverridesSchema = Type.Object(
  {
    label: Type.Optional(Type.String()),
    escalation: Type.Optional(
      Type.Object(
        {
          reminderBefore: Type.Optional(PeriodSchema),
          rectificationGrace: Type.Optional(PeriodSchema),
          rectificationTimeLimit: Type.Optional(PeriodSchema),
          superviseLocalPolicyPeriods: Type.Optional(Type.Boolean()),
          internalOversightGrace: Type.Optional(PeriodSchema),
          governmentOrderPeriod: Type.Optional(PeriodSchema),
        },
        closed,
      ),
    ),
    extensionDecision: Type.Optional(PeriodSchema),
    returnForCompletion: Type.Optional(Type.Object({ maxReturns: Type.Optional(Type.Integer({ minimum: 0 })) }, closed)),
    periods: Type.Optional(byFlow(byStep(PeriodSchema))),
    lapses: Type.Optional(byFlow(byStep(Type.Boolean()))),
  },
  closed,
);

/** The schema of a `RulePack`. */
export const RulePackSchema = Type.Object(
  {
    id: Slug,
    version: Type.String({ pattern: '^\\d+\\.\\d+\\.\\d+$', description: 'Semver of the pack data; bump when a figure, step or citation changes.' }),
    titleZh: Text,
    titleEn: Text,
    jurisdiction: Slug,
    inForce: Type.Union([Type.Object({ from: Day, to: Type.Optional(Day) }, closed), Type.Null()]),
    bindable: Type.Boolean(),
    sources: BilingualSchema,
    flows: byFlow(Type.Array(StepRuleSchema, { minItems: 1 })),
    policy: PolicySchema,
    refusalBasis: Type.Object(
      {
        decisions: Type.Array(DecisionSchema),
        kinds: Type.Array(oneOf(legalBasisKinds)),
        citation: CitationSchema,
        classing: Type.Optional(Type.Object({ citation: CitationSchema }, closed)),
      },
      closed,
    ),
    changeTriggers: Type.Object({ allowed: Type.Array(oneOf(CHANGE_TRIGGERS)), citation: CitationSchema }, closed),
    reviewProtection: Type.Optional(Type.Object({ ...BilingualFields, pendingStatuses: Type.Array(Type.String({ minLength: 1 })), citation: CitationSchema }, closed)),
    appliedOverrides: Type.Optional(OverridesSchema),
  },
  {
    ...closed,
    $id: 'https://gov-data-sharing.invalid/schemas/rule-pack.schema.json',
    title: 'RulePack',
    description: 'One versioned statute text as rules (rules/types.ts). Generated from packs/schema.ts: do not edit.',
  },
);

/** What the schema admits; what a valid pack file holds. */
export type RulePackData = Static<typeof RulePackSchema>;

/** The sub-schemas the JSON Schema document names once, under `definitions`, and refers to. */
const DEFINITIONS: Record<string, unknown> = {
  Step: StepRuleSchema,
  Citation: CitationSchema,
  Period: PeriodSchema,
  Bilingual: BilingualSchema,
  StepId: StepIdSchema,
  Decision: DecisionSchema,
  Actor: ActorSchema,
  Basis: BasisSchema,
};

/** A plain JSON copy of `node`, each definition (other than `self`) replaced by its `$ref`. */
function withRefs(node: unknown, self?: unknown): unknown {
  if (node !== self) {
    for (const [name, def] of Object.entries(DEFINITIONS)) if (node === def) return { $ref: `#/definitions/${name}` };
  }
  if (Array.isArray(node)) return node.map((n) => withRefs(n));
  if (node && typeof node === 'object') return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, withRefs(v)]));
  return node;
}

/** The JSON Schema document committed as `rules/packs/data/rule-pack.schema.json` (draft-07, shared parts as `definitions`). */
export function rulePackJsonSchema(): Record<string, unknown> {
  const body = withRefs(RulePackSchema) as Record<string, unknown>;
  const definitions = Object.fromEntries(Object.entries(DEFINITIONS).map(([name, def]) => [name, withRefs(def, def)]));
  return JSON.parse(JSON.stringify({ $schema: 'http://json-schema.org/draft-07/schema#', ...body, definitions })) as Record<string, unknown>;
}

