import type { FastifyInstance } from 'fastify';
import { HttpProblem } from '../problem';

/** The path of the first string holding a NUL character, which Postgres text cannot store. */
function nulPath(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = nulPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) {
      const found = nulPath(v, `${path}.${key}`);
      if (found) return found;
    }
  }
  return undefined;
}

/** Refuses input with NUL characters up front, naming the field, instead of failing in the database. */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const where =
      nulPath(request.params, 'params') ?? nulPath(request.query, 'query') ?? nulPath(request.body, 'body') ?? nulPath(request.headers, 'headers');
    if (where) throw HttpProblem.badRequest(where, 'must not contain NUL characters');
  });
}
