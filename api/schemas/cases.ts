import { Type, type Static } from 'typebox';
import { CHANGE_TRIGGERS } from '../../rules/change-triggers';
import { receiptFields } from './receipt';

const entry = Type.String({ minLength: 1, maxLength: 100, description: '目录条目 The catalogue entry concerned' });

export const CreateCatalogueChangeBody = Type.Object(
  {
    catalogueEntryId: entry,
    trigger: Type.Enum(CHANGE_TRIGGERS, {
      description:
        '变更原因 The cause, as the case’s text names it: law-change 法律法规规章调整, duty-change 职责变化, institutional-reform 机构改革 (Hebei 2016), other 其他原因 (where the text’s list is open: 等原因); another is a 422 naming body.trigger',
    }),
    changedAt: Type.String({
      format: 'date',
      description:
        '变更发生日期 The day the law or duties changed (YYYY-MM-DD, Beijing): the period runs from it (自变化之日起), so a change filed late is late from that day; not in the future',
    }),
    description: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 2000, description: 'What changed, and which law or decision' }),
    ...receiptFields('receivedAt', 'When the authority received it'),
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
