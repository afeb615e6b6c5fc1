import { Type } from 'typebox';

/** The columns a case list may be sorted by. */
export const caseSorts = ['createdAt', 'receivedAt', 'caseNumber', 'status', 'catalogueEntryId'] as const;
export type CaseSort = (typeof caseSorts)[number];

/** The columns a task list may be sorted by. */
export const taskSorts = ['dueAt', 'receivedAt', 'caseNumber', 'catalogueEntryId', 'createdAt'] as const;
export type TaskSort = (typeof taskSorts)[number];

/** The most rows a list skips: beyond it, narrow the list with `q` or a filter. */
export const MAX_OFFSET = 100_000;

/**
 * The query fields every list shares: keyword search, sort column and order, offset paging. The total the filters find
 * is in the `x-total-count` header of every page.
 */
export function searchAndSortFields<S extends string>(sorts: readonly S[], defaultSort: string) {
  return {
    q: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 200,
        description:
          '关键词 Keyword search: every word (split on blank, at most 5, each at most 50 characters) must occur in the 受理编号, the catalogue entry id or name, the scenario, what the submission said (description, basis, reason), a department\'s name or a person\'s name (who submitted it, claimed or completed a step); case-insensitive, Chinese or English',
      }),
    ),
    sort: Type.Optional(Type.Union(sorts.map((s) => Type.Literal(s)), { description: `Sort column; default ${defaultSort}. With sort, order or offset the list is paged by offset, not cursor` })),
    order: Type.Optional(Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sort order' })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_OFFSET, description: 'Rows to skip (page index × limit)' })),
  };
}
