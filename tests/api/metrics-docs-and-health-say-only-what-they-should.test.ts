import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { createMetrics, metricsServer } from '../../api/plugins/metrics';
import { securityOptionsFromEnv } from '../../api/plugins/security';
import { CalendarStore } from '../../db/calendar-store';
import { freePort } from '../support/free-port';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, metricsToken: 'prometheus-scrape-token' });
});
afterAll(() => stack?.stop());

describe('metrics, docs and health', () => {
  it('serves /metrics only with the metrics token, never for a session', async () => {
    const session = await loginAs(stack.app, 'admin');
    expect((await stack.app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await stack.app.inject({ method: 'GET', url: '/metrics', headers: session })).statusCode).toBe(401);
    expect((await stack.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer prometheus-scrape-tokeN' } })).statusCode).toBe(401);
    const scraped = await stack.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer prometheus-scrape-token' } });
    expect(scraped.statusCode).toBe(200);
    expect(scraped.body).toContain('gds_http_request_duration_seconds_bucket');
  });

  it('serves no /metrics on the API without a token, and can serve it on an address of its own', async () => {
    const app = await buildApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db), security: testSecurity });
    try {
      expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).not.toBe(200);
    } finally {
      await app.close();
    }
    const port = await freePort();
    const server = await metricsServer(createMetrics(), `127.0.0.1:${port}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('gds_api_');
    } finally {
      await server.close();
    }
  });

  it('hides /docs with API_DOCS=off', async () => {
    expect((await stack.app.inject({ method: 'GET', url: '/docs/json' })).statusCode).toBe(200);
    const security = { ...testSecurity, apiDocs: securityOptionsFromEnv({ API_DOCS: 'off' }).apiDocs };
    expect(security.apiDocs).toBe(false);
    const app = await buildApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db), security });
    try {
      for (const url of ['/docs', '/docs/', '/docs/json', '/docs/static/index.html']) {
        expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
    }
  });

  it('hides /docs by default when NODE_ENV=production; API_DOCS=on shows it there, and it is on elsewhere', async () => {
    expect(securityOptionsFromEnv({ NODE_ENV: 'production' }).apiDocs).toBe(false);
    expect(securityOptionsFromEnv({ NODE_ENV: 'production', API_DOCS: 'on' }).apiDocs).toBe(true);
    expect(securityOptionsFromEnv({ NODE_ENV: 'development' }).apiDocs).toBe(true);
    expect(securityOptionsFromEnv({}).apiDocs).toBe(true);
    expect(securityOptionsFromEnv({ API_DOCS: 'off' }).apiDocs).toBe(false);
    expect(() => securityOptionsFromEnv({ API_DOCS: 'of' })).toThrow(/API_DOCS/);
    const { apiDocs } = securityOptionsFromEnv({ NODE_ENV: 'production' });
    const app = await buildApp({ db: stack.db, temporal: stack.client, taskQueue: stack.taskQueue, calendar: new CalendarStore(stack.db), security: { ...testSecurity, apiDocs } });
    try {
      for (const url of ['/docs', '/docs/json']) {
        expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
      }
    } finally {
      await app.close();
    }
  });

  it('answers /healthz and /readyz to anyone with up or down and nothing more', async () => {
    const health = await stack.app.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await stack.app.inject({ method: 'GET', url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', postgres: true, temporal: true });
  });
});
