import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { installProblemHandler, isDatabaseUnavailable } from '../../api/problem';

/** What postgres.js throws when the server is gone, and drizzle's wrapper around it. */
function connectionError(code: string): Error {
  return Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code });
}

describe('a database that cannot be reached', () => {
  it.each(['ECONNREFUSED', 'CONNECTION_CLOSED', 'CONNECT_TIMEOUT', '57P01', '57P03', '08006', '53300'])('%s is unavailability', (code) => {
    expect(isDatabaseUnavailable(connectionError(code))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Failed query: insert …', { cause: connectionError(code) }))).toBe(true);
  });

  it.each(['23505', '22P02', '42P01'])('%s (a query error) is not', (code) => {
    expect(isDatabaseUnavailable(connectionError(code))).toBe(false);
    expect(isDatabaseUnavailable(new Error('plain'))).toBe(false);
  });

  it('answers 503 problem+json with Retry-After, not 500', async () => {
    const app = Fastify();
    installProblemHandler(app);
    app.post('/api/things', async () => {
      throw new Error('Failed query: insert into things', { cause: connectionError('ECONNREFUSED') });
    });
    const response = await app.inject({ method: 'POST', url: '/api/things', payload: {} });
    expect(response.statusCode).toBe(503);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.headers['retry-after']).toBe('5');
    expect(response.json()).toMatchObject({ status: 503, title: 'Service unavailable', detail: expect.stringMatching(/database/) });
    await app.close();
  });
});
