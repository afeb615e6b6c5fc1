import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ rateLimitPerMinute: 20, loginAttemptsPerMinute: 3, corsOrigins: ['https://portal.hebei.gov.cn'], metricsToken: 'scrape' });
});
afterAll(() => stack?.stop());

describe('security at the edge', () => {
  it('sends security headers and allows cross-origin calls only from the configured origins', async () => {
    const health = await stack.app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://evil.example' } });
    expect(health.headers['x-content-type-options']).toBe('nosniff');
    expect(health.headers['content-security-policy']).toContain("default-src 'self'");
    expect(health.headers['access-control-allow-origin']).toBeUndefined();
    const allowed = await stack.app.inject({ method: 'GET', url: '/healthz', headers: { origin: 'https://portal.hebei.gov.cn' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://portal.hebei.gov.cn');
  });

  it('limits sign-in attempts per user name, answering 429 as a problem', async () => {
    const attempt = () => stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'data.zhao', password: 'guess' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await attempt()).statusCode);
    expect(statuses).toEqual([401, 401, 401, 429]);
    const limited = await attempt();
    expect(limited.json()).toMatchObject({ status: 429, title: 'Too many requests' });
    // Another user name from the same address is not locked out by it.
    expect((await stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mzt.li', password: 'demo1234' } })).statusCode).toBe(200);
  });

  it('limits requests per credential', async () => {
    const headers = await loginAs(stack.app, 'scjgj.wang');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) statuses.push((await stack.app.inject({ method: 'GET', url: '/api/me', headers })).statusCode);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.slice(0, 15).every((s) => s === 200)).toBe(true);
  });

  it('counts requests that fail validation against the caller’s budget too', async () => {
    const headers = await loginAs(stack.app, 'wsjkw.yang');
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      statuses.push((await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers, payload: { nonsense: i } })).statusCode);
    }
    expect(statuses.slice(0, 15).every((s) => s === 400)).toBe(true);
    expect(statuses).toContain(429);
  });

  it('refuses NUL characters, which the database cannot store, naming the field', async () => {
    const headers = await loginAs(stack.app, 'gat.zhang');
    const response = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers,
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: 'abc\u0000def' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].path).toBe('body.scenario');
  });

  it('exposes Prometheus metrics with request durations by route', async () => {
    const metrics = await stack.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape' } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toContain('gds_http_request_duration_seconds_bucket');
    expect(metrics.body).toContain('route="/api/me"');
    expect(metrics.body).toContain('gds_workflows_started_total');
  });
});
