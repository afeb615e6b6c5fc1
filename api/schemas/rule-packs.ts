import { Type } from 'typebox';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);
const Json = Type.Record(Type.String(), Type.Unknown());
const Day = Type.String({ format: 'date', description: 'YYYY-MM-DD, Asia/Shanghai' });

/** A new version of a pack (or a new text), for a second keeper to approve. */
export const PackProposalBody = Type.Object(
  {
    pack: Type.Record(Type.String(), Type.Unknown(), {
      description: 'The whole pack as data, valid against rules/packs/data/rule-pack.schema.json; a bad field is named by its path (body.pack.flows.conditional-share[0].period.n)',
    }),
    effectiveFrom: Type.Optional(
      Type.String({ format: 'date', description: 'Cases received on or after this date bind the version (default: the day the text comes into force)' }),
    ),
    reason: Type.String({ minLength: 1, maxLength: 1000, description: 'Why, e.g. the amending decision and its article' }),
  },
  { additionalProperties: false },
);

export const PackProposalParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });
export const PackHashParams = Type.Object({ hash: Type.String({ pattern: '^sha256:[0-9a-f]{64}$' }) }, { additionalProperties: false });

export const PackProposalListQuery = Type.Object(
  { status: Type.Optional(Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')], { default: 'pending' })) },
  { additionalProperties: false },
);

const PackChangeSchema = Type.Object({
  path: Type.String({ description: 'flows.<flow>.<step>, or a pack-level field' }),
  kind: Type.Union([Type.Literal('step-added'), Type.Literal('step-removed'), Type.Literal('changed')]),
  field: Type.Optional(Type.String()),
  before: Type.Optional(Type.Unknown()),
  after: Type.Optional(Type.Unknown()),
});

/** What publishing a proposal would change: nothing for running cases; for new cases, the steps and periods that differ. */
export const PackPreviewSchema = Type.Object({
  packId: Type.String(),
  hash: Type.String(),
  effectiveFrom: Type.String(),
  openCases: Type.Object(
    {
      count: Type.Integer(),
      changes: Type.Integer({ description: 'Always 0: a running case keeps the version it bound at receipt' }),
      cases: Type.Array(
        Type.Object({
          requestId: Type.String(),
          process: Type.String(),
          receivedAt: Type.String(),
          boundHash: Nullable(Type.String()),
          keeps: Type.String({ description: 'The version the case runs, whatever is published' }),
          changes: Type.Array(PackChangeSchema, { maxItems: 0 }),
        }),
        { description: 'The first 100 open cases of the pack id, oldest first' },
      ),
    },
    { description: 'Open cases bound to this pack id' },
  ),
  newCases: Type.Object({
    from: Type.String({ description: 'Cases received on or after this date bind the new version' }),
    comparedWith: Nullable(Type.String({ description: 'The version they would bind today (null: a new text)' })),
    changes: Type.Array(PackChangeSchema),
  }),
});

export const PackProposalSchema = Type.Object({
  id: Type.String(),
  packId: Type.String(),
  jurisdiction: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  baseHash: Nullable(Type.String()),
  effectiveFrom: Type.String(),
  reason: Type.String(),
  status: Type.Union([Type.Literal('pending'), Type.Literal('approved'), Type.Literal('rejected')]),
  proposedBy: Type.String(),
  proposedAt: Type.String(),
  decidedBy: Nullable(Type.String()),
  decidedAt: Nullable(Type.String()),
  decisionNote: Nullable(Type.String()),
  preview: Type.Optional(PackPreviewSchema),
});

export const PackVersionSchema = Type.Object({
  packId: Type.String(),
  jurisdiction: Type.String(),
  version: Type.String(),
  hash: Type.String(),
  effectiveFrom: Day,
  source: Type.Union([Type.Literal('built-in'), Type.Literal('published')]),
  inForce: Type.Union([Json, Type.Null()]),
  bindable: Type.Boolean(),
});

export const PackVersionDetail = Type.Object({ ...PackVersionSchema.properties, pack: Json });
