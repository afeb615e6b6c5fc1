import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RouteAccess } from '../../api/plugins/auth';
import { startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, metricsToken: 'metrics-secret', corsOrigins: ['https://portal.hebei.gov.cn'] });
});
afterAll(() => stack?.stop());

/** A concrete path for a route: each parameter and wildcard filled in. */
function pathOf(url: string): string {
  return url.replace(/:[A-Za-z]+/g, 'x').replace(/\*/g, 'x');
}

/** The same path as the router sees it, spelled differently: the first letter of each segment percent-encoded, upper and lower hex. */
function encodedVariants(path: string): string[] {
  const segments = path.split('/');
  const encodeFirst = (upper: boolean) =>
    segments.map((s) => {
      if (!/^[a-z]/i.test(s)) return s;
      const hex = s.charCodeAt(0).toString(16);
      return `%${upper ? hex.toUpperCase() : hex}${s.slice(1)}`;
    });
  const everyLetter = segments.map((s) => s.replace(/[a-z]/gi, (c) => `%${c.charCodeAt(0).toString(16)}`));
  return [encodeFirst(false).join('/'), encodeFirst(true).join('/'), everyLetter.join('/')];
}

/** Routes that answer without a credential, each for a reason (docs/security/edge.md). */
const expectedPublic = [
  'POST /api/auth/login',
  'GET /api/calendar/feeds/:file', // a calendar subscription: the secret in its path is the credential
  'GET /healthz',
  'GET /readyz',
  'GET /metrics', // checks METRICS_TOKEN itself
  'OPTIONS *', // CORS preflight
];

describe('authentication is the default, decided on the route Fastify matched', () => {
  it('answers the whole catalogue to no one whose /api prefix is percent-encoded', async () => {
    for (const url of ['/%61pi/catalogue', '/%61pi/departments', '/%61pi/negative-list', '/%61pi/rules', '/%61pi/calendar/2025', '/a%70i/me']) {
      const response = await stack.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(401);
      expect(response.headers['content-type']).toContain('application/problem+json');
    }
  });

  it('makes public only the routes that say so', () => {
    const routes = stack.app.routeAccess as RouteAccess[];
    const isDocs = (r: RouteAccess) => r.url === '/docs' || r.url.startsWith('/docs/');
    const isWebApp = (r: RouteAccess) => !r.url.startsWith('/api') && !isDocs(r) && !expectedPublic.includes(`${r.method} ${r.url}`) && r.public;
    const declared = routes
      .filter((r) => r.public && !isDocs(r) && !isWebApp(r) && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url}`);
    expect(new Set(declared)).toEqual(new Set(expectedPublic));
    expect(routes.filter((r) => r.url.startsWith('/api/') && r.public).map((r) => `${r.method} ${r.url}`)).toEqual(['POST /api/auth/login', 'GET /api/calendar/feeds/:file', 'HEAD /api/calendar/feeds/:file']);
  });

  it('answers 401 without a credential on every other registered route, however its path is spelled', async () => {
    const routes = (stack.app.routeAccess as RouteAccess[]).filter((r) => !r.public);
    expect(routes.length).toBeGreaterThan(30);
    const wrong: string[] = [];
    for (const route of routes) {
      const path = pathOf(route.url);
      for (const url of [path, ...encodedVariants(path)]) {
        const response = await stack.app.inject({ method: route.method as 'GET', url });
        if (response.statusCode !== 401) wrong.push(`${route.method} ${url} (${route.url}): ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 to a token that is no credential, on every such route', async () => {
    const routes = (stack.app.routeAccess as RouteAccess[]).filter((r) => !r.public);
    const wrong: string[] = [];
    for (const route of routes) {
      const url = encodedVariants(pathOf(route.url))[0]!;
      const response = await stack.app.inject({ method: route.method as 'GET', url, headers: { authorization: 'Bearer not-a-session' } });
      if (response.statusCode !== 401) wrong.push(`${route.method} ${url}: ${response.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });
});
