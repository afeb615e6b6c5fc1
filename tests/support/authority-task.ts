import type { FastifyInstance } from 'fastify';

type Headers = Record<string, string>;

/**
 * Submits a share request for `entry` as `requester` and waits for the authority's task it opens, as the reviewer
 * sees it in `GET /api/tasks` (200 rows: the suite's other cases fill the queue). Throws when the submission is
 * refused or no task appears within a minute, saying which.
 */
export async function authorityTaskOf(
  app: FastifyInstance,
  people: { requester: Headers; reviewer: Headers },
  scenario: string,
  entry = 'HB-SCJGJ-0001',
): Promise<{ id: string; requestId: string }> {
  const submitted = await app.inject({ method: 'POST', url: '/api/share-requests', headers: people.requester, payload: { catalogueEntryId: entry, scenario } });
  if (submitted.statusCode !== 201) throw new Error(`the share request was refused: ${submitted.statusCode} ${submitted.body}`);
  const requestId = submitted.json().id as string;
  for (let i = 0; i < 600; i++) {
    const listed = await app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: people.reviewer });
    if (listed.statusCode !== 200) throw new Error(`GET /api/tasks answered ${listed.statusCode}: ${listed.body.slice(0, 500)}`);
    const task = (listed.json() as { id: string; requestId: string }[]).find((t) => t.requestId === requestId);
    if (task) return task;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no authority task for ${requestId} within a minute`);
}
