import { Type } from 'typebox';

export const ProblemSchema = Type.Object(
  {
    type: Type.String(),
    title: Type.String(),
    titleZh: Type.String({ description: 'The title in 简体中文' }),
    status: Type.Integer(),
    detail: Type.Optional(Type.String()),
    detailZh: Type.Optional(Type.String({ description: 'The detail in 简体中文, complete on its own' })),
    errors: Type.Optional(
      Type.Array(
        Type.Object({
          path: Type.String({ description: 'The field, e.g. body.scenario, query.limit, headers.idempotency-key' }),
          code: Type.String({ description: 'Stable, for programs: the JSON Schema keyword (required, maxLength …) or the rule’s own name' }),
          message: Type.String(),
          messageZh: Type.String({ description: 'Why, in 简体中文' }),
        }),
      ),
    ),
  },
  {
    $id: 'Problem',
    description: 'RFC 9457 problem details; every text in English and, in the *Zh members, in 简体中文, each complete on its own',
  },
);

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
export const UuidParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false });

/** The problem responses every authenticated route can give. */
export const problemResponses = {
  400: ProblemSchema,
  401: ProblemSchema,
  403: ProblemSchema,
  404: ProblemSchema,
} as const;
