import { Type, type Static } from 'typebox';

const receivedAt = Type.Optional(
  Type.String({ format: 'date-time', description: 'When it was received, if registered after the fact (default: now). Not in the future.' }),
);
const entry = Type.String({ minLength: 1, maxLength: 100, description: '目录条目 The catalogue entry concerned' });

export const CreateCatalogueChangeBody = Type.Object(
  {
    catalogueEntryId: entry,
    trigger: Type.Union([Type.Literal('law-change'), Type.Literal('duty-change')], { description: '法律法规变化 / 职责变化' }),
    description: Type.String({ minLength: 4, maxLength: 2000, description: 'What changed, and which law or decision' }),
    changedAt: receivedAt,
  },
  { additionalProperties: false },
);
export type CreateCatalogueChangeBody = Static<typeof CreateCatalogueChangeBody>;

export const CreateQualityDisputeBody = Type.Object(
  {
    catalogueEntryId: entry,
    description: Type.String({ minLength: 4, maxLength: 4000, description: '异议内容: which data is wrong and how' }),
    evidence: Type.Optional(Type.String({ maxLength: 4000 })),
    receivedAt,
  },
  { additionalProperties: false },
);
export type CreateQualityDisputeBody = Static<typeof CreateQualityDisputeBody>;

export const CreateNegativeListBody = Type.Object(
  {
    catalogueEntryId: entry,
    legalBasis: Type.String({ minLength: 4, maxLength: 1000, description: 'The law or administrative regulation that forbids sharing (Hebei draft art. 15)' }),
    reason: Type.String({ minLength: 4, maxLength: 4000 }),
    receivedAt,
  },
  { additionalProperties: false },
);
export type CreateNegativeListBody = Static<typeof CreateNegativeListBody>;
