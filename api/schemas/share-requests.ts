import { caseSorts, searchAndSortFields } from './list';
import { Type, type Static } from 'typebox';
import { hierarchyFields } from './hierarchy';
import { receiptFields } from './receipt';
import { Task } from './tasks';

export const CreateShareRequestBody = Type.Object(
  {
    catalogueEntryId: Type.String({ minLength: 1, maxLength: 100, description: '目录条目 The catalogue entry requested' }),
    scenario: Type.String({
      'x-multiline': true,
      minLength: 4,
      maxLength: 2000,
      description: '应用场景: the scenario the data will be used in, and only in (Hebei draft art. 19, 22; Anhui art. 21)',
    }),
    basis: Type.Optional(Type.String({ 'x-multiline': true, maxLength: 2000, description: '依据: the duty or legal basis for the request' })),
    ...receiptFields('receivedAt', 'When the authority received the request'),
  },
  { additionalProperties: false },
);
export type CreateShareRequestBody = Static<typeof CreateShareRequestBody>;

export const IdempotencyHeaders = Type.Object({
  'idempotency-key': Type.Optional(
    Type.String({
      minLength: 1,
      maxLength: 200,
      description:
        'Makes a retry safe: the same key with the same body (any key order) returns the case it created (200); the same key with any other body or on another route is a 409 naming this header.',
    }),
  ),
});

export const RequestSummary = Type.Object({
  id: Type.String(),
  caseNumber: Type.String({ description: '受理编号, e.g. 冀数共申〔2026〕0001号: per jurisdiction, process and year of receipt, gap-free (docs/CASE-NUMBERS.md)' }),
  process: Type.String(),
  status: Type.String(),
  jurisdiction: Type.String(),
  pack: Type.String(),
  packHash: Type.Union([Type.String(), Type.Null()], {
    description: 'The exact version of the pack bound at receipt (sha256 of its canonical JSON); null for cases received before versions were bound, which run the built-in pack',
  }),
  requesterDepartmentId: Type.String(),
  providerDepartmentId: Type.Union([Type.String(), Type.Null()]),
  authorityDepartmentId: Type.String(),
  catalogueEntryId: Type.Union([Type.String(), Type.Null()]),
  scenario: Type.Union([Type.String(), Type.Null()]),
  details: Type.Record(Type.String(), Type.Unknown(), {
    description:
      'What the submission said: basis, description, evidence, trigger, legal basis; for a share request across levels (Hebei draft art. 21) also `route`: { kind: cross-level | own-authority, basis: draft | policy, zh, en, citation, hops: the department ids in order (requester, own-level authority, the authority that handles it, provider) }',
  }),
  receivedAt: Type.String(),
  workflowId: Type.String(),
  outcome: Type.Union([Type.String(), Type.Null()]),
  closedAt: Type.Union([Type.String(), Type.Null()]),
});

export const ListRequestsQuery = Type.Object(
  {
    status: Type.Optional(Type.String({ maxLength: 50 })),
    department: Type.Optional(Type.String({ maxLength: 40, description: 'Requesting or providing department' })),
    overdue: Type.Optional(Type.Boolean({ description: 'Has (true) or has no (false) open overdue task' })),
    dueBefore: Type.Optional(Type.String({ format: 'date-time', description: 'Has an open task due before this instant' })),
    dueAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Has an open task due after this instant' })),
    ...searchAndSortFields(caseSorts, 'createdAt, newest first (keyset-paginated by cursor)'),
    cursor: Type.Optional(Type.String({ maxLength: 200, description: 'From the x-next-cursor header of the previous page' })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);

/** A row of a case list: the case with its catalogue entry's name. */
export const CaseListItem = Type.Intersect([
  RequestSummary,
  Type.Object({
    entryNameZh: Type.Union([Type.String(), Type.Null()], { description: 'The name of the case\'s catalogue entry' }),
    entryNameEn: Type.Union([Type.String(), Type.Null()]),
  }),
]);

export const RequestDetail = Type.Intersect([
  RequestSummary,
  Type.Object({
    ...hierarchyFields,
    reviewProtection: Type.Union(
      [Type.Object({ zh: Type.String(), en: Type.String(), pending: Type.Boolean(), citation: Type.Record(Type.String(), Type.Unknown()) }), Type.Null()],
      {
        description:
          'A data-quality dispute under a text protecting the service applicant while the review is pending (Anhui art. 26 para. 3): the rule, and whether the review is pending; null elsewhere. The proof shown is in details.proofShown',
      },
    ),
    tasks: Type.Array(Task),
    escalations: Type.Array(
      Type.Object({
        id: Type.String(),
        taskId: Type.String(),
        rung: Type.String(),
        basis: Type.Union([Type.Literal('law'), Type.Literal('draft'), Type.Literal('policy'), Type.Null()], {
          description: 'Whether the measure is in the text (law), the 2022 draft (draft) or local policy; null on rungs of older cases',
        }),
        scheduledAt: Type.String(),
        firedAt: Type.String(),
        responsibleDepartmentId: Type.String(),
      }),
    ),
    timeline: Type.Array(
      Type.Object({
        id: Type.Number(),
        at: Type.String(),
        action: Type.String(),
        actorUserId: Type.Union([Type.String(), Type.Null()]),
        actorDepartmentId: Type.Union([Type.String(), Type.Null()]),
        taskId: Type.Union([Type.String(), Type.Null()]),
        details: Type.Record(Type.String(), Type.Unknown()),
      }),
    ),
  }),
]);
