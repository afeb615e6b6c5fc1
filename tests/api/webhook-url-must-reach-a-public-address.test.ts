import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let owner: Record<string, string>;

// The stack takes the policy from the environment: nothing set, so inner targets are refused, as in production.
beforeAll(async () => {
  stack = await startStack();
  owner = await loginAs(stack.app, 'rst.liu');
});
afterAll(() => stack?.stop());

describe('registering a webhook', () => {
  it.each([
    'http://169.254.169.254/latest/meta-data/iam/security-credentials/',
    'http://127.0.0.1:5432/',
    'http://[::1]:7233/',
    'http://[::ffff:127.0.0.1]/',
    'http://0.0.0.0:3000/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://10.0.0.5/hook',
    'http://localhost:8233/',
    'http://user:pw@hooks.example.gov.cn/hook',
  ])('refuses %s with a 400 naming body.url and why, and stores nothing', async (url) => {
    const response = await stack.app.inject({ method: 'PUT', url: '/api/departments/hb-rst/webhook', headers: owner, payload: { url } });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const problem = response.json();
    expect(problem.errors).toEqual([{ path: 'body.url', code: 'invalid', message: expect.stringMatching(/public address|user name or password/), messageZh: expect.stringMatching(/公网地址|用户名或密码/) }]);
    const stored = await stack.app.inject({ method: 'GET', url: '/api/departments/hb-rst/webhook', headers: owner });
    expect(stored.statusCode).toBe(404);
  });
});
