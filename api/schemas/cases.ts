import { Type, type Static } from 'typebox';
import { receiptFields } from './receipt';

const entry = Type.String({ minLength: 1, maxLength: 100, description: '目录条目 The catalogue entry concerned' });

export const CreateCatalogueChangeBody = Type.Object(
  {
    catalogueEntryId: entry,
    trigger: Type.Union([Type.Literal('law-change'), Type.Literal('duty-change')], { description: '法律法规变化 / 职责变化' }),
    description: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 2000, description: 'What changed, and which law or decision' }),
    ...receiptFields('changedAt', 'When the law or duties changed, which starts the period'),
  },
  { additionalProperties: false },
);
export type CreateCatalogueChangeBody = Static<typeof CreateCatalogueChangeBody>;

export const CreateQualityDisputeBody = Type.Object(
  {
    catalogueEntryId: entry,
    description: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 4000, description: '异议内容: which data is wrong and how' }),
    evidence: Type.Optional(Type.String({ 'x-multiline': true, maxLength: 4000 })),
    ...receiptFields('receivedAt', 'When the authority received it'),
  },
  { additionalProperties: false },
);
export type CreateQualityDisputeBody = Static<typeof CreateQualityDisputeBody>;

export const CreateNegativeListBody = Type.Object(
  {
    catalogueEntryId: entry,
    legalBasis: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 1000, description: 'The law or administrative regulation that forbids sharing (Hebei draft art. 15)' }),
    reason: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 4000 }),
    ...receiptFields('receivedAt', 'When the authority received it'),
  },
  { additionalProperties: false },
);
export type CreateNegativeListBody = Static<typeof CreateNegativeListBody>;
