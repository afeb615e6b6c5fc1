import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let stack: TestStack;
const portal = 'https://portal.hebei.gov.cn';

beforeAll(async () => {
  stack = await startStack({ ...testSecurity, corsOrigins: [portal] });
});
afterAll(() => stack?.stop());

describe('answers at the edge', () => {
  it('answers a broken URL escape with problem+json naming the URL', async () => {
    for (const url of ['/api/%E0%A4%A', '/%61pi/%zz', '/api/tasks/%E0%A4%A']) {
      const response = await stack.app.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(400);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ status: 400, errors: [{ path: 'url' }] });
    }
  });

  it('marks every /api answer not to be stored: data, errors and unknown routes alike', async () => {
    const headers = await loginAs(stack.app, 'mzt.li');
    const answers = await Promise.all([
      stack.app.inject({ method: 'GET', url: '/api/me', headers }),
      stack.app.inject({ method: 'GET', url: '/api/catalogue', headers }),
      stack.app.inject({ method: 'GET', url: '/api/catalogue' }),
      stack.app.inject({ method: 'GET', url: '/api/no-such-route', headers }),
      stack.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'mzt.li', password: 'demo1234' } }),
    ]);
    for (const answer of answers) expect(answer.headers['cache-control']).toBe('no-store');
  });

  it('lets a browser preflight from an allowed origin through without a credential, and not one from elsewhere', async () => {
    for (const url of ['/api/catalogue', '/api/share-requests', '/%61pi/tasks/x/complete']) {
      const preflight = await stack.app.inject({
        method: 'OPTIONS',
        url,
        headers: { origin: portal, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
      });
      expect(preflight.statusCode, url).toBe(204);
      expect(preflight.headers['access-control-allow-origin']).toBe(portal);
    }
    const elsewhere = await stack.app.inject({
      method: 'OPTIONS',
      url: '/api/catalogue',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' },
    });
    expect(elsewhere.headers['access-control-allow-origin']).toBeUndefined();
    // The actual call still needs its credential.
    expect((await stack.app.inject({ method: 'GET', url: '/api/catalogue', headers: { origin: portal } })).statusCode).toBe(401);
  });
});
