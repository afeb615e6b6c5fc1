import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, authFailuresPerMinute: 5 });
});
afterAll(() => stack?.stop());

describe('bad credentials are limited per address, before any lookup', () => {
  it('answers 429 with Retry-After once an address has had its failures, even to a good token from it', async () => {
    const good = await loginAs(stack.app, 'gat.zhang');
    const attacker = '203.0.113.7';
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const response = await stack.app.inject({ method: 'GET', url: '/api/catalogue', remoteAddress: attacker, headers: { authorization: `Bearer guess-${i}` } });
      statuses.push(response.statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = await stack.app.inject({ method: 'GET', url: '/api/catalogue', remoteAddress: attacker, headers: good });
    expect(limited.statusCode).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too many requests' });
    // Requests without any credential count too; another address is not affected.
    expect((await stack.app.inject({ method: 'GET', url: '/api/catalogue', remoteAddress: '198.51.100.9', headers: good })).statusCode).toBe(200);
  });

  it('counts missing credentials as failures', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await stack.app.inject({ method: 'GET', url: '/api/me', remoteAddress: '203.0.113.8' })).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});
