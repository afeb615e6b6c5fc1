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
    route: Type.Optional(
      Type.Union([Type.Literal('platform'), Type.Literal('direct')], {
        description:
          '申请复核的途径 Where the review is applied for (Anhui art. 26 para. 2): platform 通过江淮大数据中心平台 (default), or direct 直接向数据提供部门 — then the provider verifies within 7 WD of its own receipt and agrees any extension itself. Only where the case’s text provides it (anhui-2021); elsewhere a 422 naming body.route',
      }),
    ),
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

export const CreateDataInconsistencyBody = Type.Object(
  {
    catalogueEntryId: Type.String({
      minLength: 1,
      maxLength: 100,
      description: '对方部门的同类数据 The other department’s catalogue entry whose data is inconsistent with ours (its provider is the other party)',
    }),
    ownEntryId: Type.String({ minLength: 1, maxLength: 100, description: '本部门的同类数据 Our own catalogue entry of the same category' }),
    inconsistency: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 4000, description: '不一致之处 What is inconsistent between the two (fields, records, values)' }),
    ...receiptFields('receivedAt', 'When the authority received it'),
  },
  { additionalProperties: false },
);
export type CreateDataInconsistencyBody = Static<typeof CreateDataInconsistencyBody>;

export const ProofShownBody = Type.Object(
  {
    holder: Type.Union([Type.Literal('natural-person'), Type.Literal('legal-person'), Type.Literal('unincorporated-organisation')], {
      description: '服务申请人 Who applied for the approval or service: 自然人, 法人 or 非法人组织 (Anhui art. 26 para. 3)',
    }),
    matter: Type.String({ minLength: 2, maxLength: 500, description: '申请办理的审批或者服务事项 The approval or service matter applied for' }),
    proof: Type.String({ 'x-multiline': true, minLength: 4, maxLength: 2000, description: '已提供的合法有效证明材料 The legal and effective proof shown (no more personal data than needed)' }),
  },
  { additionalProperties: false },
);
export type ProofShownBody = Static<typeof ProofShownBody>;

export const ProofShown = Type.Object({
  holder: Type.String(),
  matter: Type.String(),
  proof: Type.String(),
  recordedAt: Type.String(),
  recordedBy: Type.String(),
  departmentId: Type.String(),
});

export const ProofShownResponse = Type.Object({
  requestId: Type.String(),
  proofShown: Type.Array(ProofShown),
  protection: Type.Object({ zh: Type.String(), en: Type.String(), citation: Type.Record(Type.String(), Type.Unknown()) }),
});
