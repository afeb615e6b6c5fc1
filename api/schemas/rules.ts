import { Type } from 'typebox';
import { hierarchyFields } from './hierarchy';

export const PackParams = Type.Object({ pack: Type.String({ minLength: 1, maxLength: 40 }) }, { additionalProperties: false });

export const PreviewQuery = Type.Object(
  {
    process: Type.Union(
      ['unconditional-share', 'conditional-share', 'catalogue-change', 'quality-dispute', 'negative-list', 'quality-dispute-direct', 'data-inconsistency'].map((f) => Type.Literal(f)),
      { description: 'The flow to preview' },
    ),
    received: Type.String({ format: 'date-time', description: 'Receipt instant, e.g. 2025-09-28T10:00:00+08:00' }),
  },
  { additionalProperties: false },
);

const Json = Type.Record(Type.String(), Type.Unknown());

export const PreviewResponse = Type.Object({
  pack: Type.String(),
  flow: Type.String(),
  receivedAt: Type.String(),
  ...hierarchyFields,
  steps: Type.Array(
    Type.Object({
      stepId: Type.String(),
      actor: Type.String(),
      role: Type.String(),
      titleZh: Type.String(),
      titleEn: Type.String(),
      period: Json,
      periodBasis: Type.String(),
      policy: Type.Optional(Json),
      immediate: Type.Optional(Type.Boolean()),
      clockStartsAt: Type.String(),
      trigger: Type.Object({ zh: Type.String(), en: Type.String() }, { description: 'What starts the clock, as the text says it' }),
      option: Type.Optional(
        Type.Object(
          {
            lapses: Type.Boolean({ description: 'false: the option stays open until the party chooses; true: it lapses at the end of the period' }),
            decision: Type.Optional(Type.String()),
            basis: Type.Optional(Type.String()),
            zh: Type.String(),
            en: Type.String(),
          },
          { description: 'On a party’s option (not a duty): what happens when its period ends' },
        ),
      ),
      countedFrom: Type.String(),
      due: Type.String(),
      endsAt: Type.String(),
      provisional: Type.Boolean(),
      provisionalReason: Type.Optional(Type.String()),
      skipped: Type.Integer(),
      extension: Type.Optional(Json),
      citation: Json,
      branch: Type.Optional(Json),
    }),
  ),
});

export const PackList = Type.Array(
  Type.Object({
    id: Type.String(),
    version: Type.String(),
    titleZh: Type.String(),
    titleEn: Type.String(),
    jurisdiction: Type.String(),
    inForce: Type.Union([Json, Type.Null()]),
    bindable: Type.Boolean(),
    flows: Type.Array(Type.String()),
  }),
);
