import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { trustProxyFromEnv } from '../../api/plugins/security';
import { CalendarStore } from '../../db/calendar-store';
import { startStack, testSecurity, type TestStack } from '../support/stack';

/**
 * Behind a proxy the client's address is the one the proxy saw, never what the client wrote in `X-Forwarded-For`: with
 * `TRUST_PROXY=true` meaning Fastify's `trustProxy: true`, the leftmost (client-supplied) entry was the address, and a
 * client rotating it got a fresh budget under every per-address limit (bad credentials, sign-in, spraying).
 */
let stack: TestStack;
const proxy = '10.0.0.2';
const client = '203.0.113.9';

beforeAll(async () => {
  stack = await startStack();
});
afterAll(() => stack?.stop());

async function appBehind(trustProxy: ReturnType<typeof trustProxyFromEnv>, authFailuresPerMinute = 1_000_000): Promise<FastifyInstance> {
  const app = await buildApp(
    { db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db), security: { ...testSecurity, authFailuresPerMinute } },
    { trustProxy },
  );
  app.get('/test/address', { config: { public: true } }, async (request) => ({ ip: request.ip }));
  return app;
}

/** What a proxy forwards: the header as the client sent it, with the address it saw appended. */
const forwarded = (forged: string | undefined, from = proxy) => ({
  remoteAddress: from,
  headers: { 'x-forwarded-for': forged ? `${forged}, ${client}` : client },
});

describe('TRUST_PROXY', () => {
  it('reads true as one hop, a count, or a list of proxy addresses and CIDRs, and refuses anything else', () => {
    expect(trustProxyFromEnv({})).toBe(false);
    expect(trustProxyFromEnv({ TRUST_PROXY: 'false' })).toBe(false);
    expect((trustProxyFromEnv({ TRUST_PROXY: 'true' }) as { hops: number }).hops).toBe(1);
    expect((trustProxyFromEnv({ TRUST_PROXY: '2' }) as { hops: number }).hops).toBe(2);
    expect(trustProxyFromEnv({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.5,fd00::/8' })).toEqual(['10.0.0.0/8', '192.168.1.5', 'fd00::/8']);
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.internal', '10.0.0.0/8/1', '-1']) {
      expect(() => trustProxyFromEnv({ TRUST_PROXY: bad }), bad).toThrow(/TRUST_PROXY/);
    }
  });

  it('true: the address is the one the nearest proxy saw, whatever the client wrote', async () => {
    const app = await appBehind(trustProxyFromEnv({ TRUST_PROXY: 'true' }));
    try {
      for (const forged of [undefined, '198.51.100.1', '198.51.100.2, 198.51.100.3', 'not-an-address']) {
        const answer = await app.inject({ method: 'GET', url: '/test/address', ...forwarded(forged) });
        expect(answer.json().ip, forged).toBe(client);
      }
    } finally {
      await app.close();
    }
  });

  it('true: rotating a forged X-Forwarded-For does not reset the bad-credentials limit', async () => {
    const app = await appBehind(trustProxyFromEnv({ TRUST_PROXY: 'true' }), 3);
    try {
      const statuses: number[] = [];
      for (let i = 1; i <= 6; i++) {
        const { remoteAddress, headers } = forwarded(`198.51.100.${i}`);
        const answer = await app.inject({ method: 'GET', url: '/api/me', remoteAddress, headers: { ...headers, authorization: 'Bearer not-a-token' } });
        statuses.push(answer.statusCode);
      }
      expect(statuses).toEqual([401, 401, 401, 429, 429, 429]);
    } finally {
      await app.close();
    }
  });

  it('a list: the forwarded address only from a listed proxy, the socket address from anyone else', async () => {
    const app = await appBehind(trustProxyFromEnv({ TRUST_PROXY: '10.0.0.0/8' }));
    try {
      expect((await app.inject({ method: 'GET', url: '/test/address', ...forwarded('198.51.100.1') })).json().ip).toBe(client);
      expect((await app.inject({ method: 'GET', url: '/test/address', ...forwarded('198.51.100.1', '10.1.2.3') })).json().ip).toBe(client);
      expect((await app.inject({ method: 'GET', url: '/test/address', ...forwarded('198.51.100.1', '192.0.2.50') })).json().ip).toBe('192.0.2.50');
    } finally {
      await app.close();
    }
  });

  it('a count of two: the address the outer of two proxies saw', async () => {
    const app = await appBehind(trustProxyFromEnv({ TRUST_PROXY: '2' }));
    try {
      // client → outer proxy (appends the client) → inner proxy (appends the outer proxy) → API
      const answer = await app.inject({ method: 'GET', url: '/test/address', remoteAddress: proxy, headers: { 'x-forwarded-for': `198.51.100.1, ${client}, 10.0.0.1` } });
      expect(answer.json().ip).toBe(client);
    } finally {
      await app.close();
    }
  });
});
