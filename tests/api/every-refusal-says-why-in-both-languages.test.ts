import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ajvFieldErrors } from '../../api/ajv-messages';
import { hashPassword } from '../../db/password';
import { users } from '../../db/schema';
import { problemLanguageFaults } from '../support/problem-languages';
import { authorityTaskOf } from '../support/authority-task';
import { loginAs, startStack, type TestStack } from '../support/stack';
import type { InjectOptions } from 'fastify';

let stack: TestStack;
let requester: Record<string, string>;
let reviewer: Record<string, string>;
let secondReviewer: Record<string, string>;
let secondName: string;

beforeAll(async () => {
  stack = await startStack();
  requester = await loginAs(stack.app, 'mzt.li');
  reviewer = await loginAs(stack.app, 'data.chen');
  const suffix = randomUUID().slice(0, 8);
  secondName = `审核员${suffix.slice(0, 4)}`;
  await stack.db.insert(users).values({
    id: `u-test-languages-${suffix}`,
    username: `languages.${suffix}`,
    displayName: secondName,
    departmentId: 'hb-data',
    roles: ['authority-reviewer'],
    passwordHash: await hashPassword('demo1234'),
  });
  secondReviewer = await loginAs(stack.app, `languages.${suffix}`);
});
afterAll(() => stack?.stop());

type Inject = InjectOptions;

/** Refusals of every kind a person meets: schema, text rules, domain rules, authorisation, absent things, limits. */
const refusals: Array<{ what: string; request: () => Inject; status: number }> = [
  { what: 'an unknown route', request: () => ({ method: 'GET', url: '/api/nothing-here', headers: requester }), status: 404 },
  { what: 'no credentials', request: () => ({ method: 'GET', url: '/api/tasks' }), status: 401 },
  { what: 'a wrong password', request: () => ({ method: 'POST', url: '/api/auth/login', payload: { username: 'mzt.li', password: 'not-the-password-1' } }), status: 401 },
  { what: 'a required field missing', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { scenario: '核验身份信息' } }), status: 400 },
  { what: 'an unknown field', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '核验身份信息', extra: 1 } }), status: 400 },
  { what: 'text too long', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '长'.repeat(2001) } }), status: 400 },
  { what: 'text too short', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '短' } }), status: 400 },
  { what: 'a NUL in a value', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '核验\u0000身份' } }), status: 400 },
  { what: 'a lone surrogate in a key', request: () => ({ method: 'POST', url: '/api/share-requests', headers: { ...requester, 'content-type': 'application/json' }, payload: '{"\\ud800":1}' }), status: 400 },
  { what: 'JSON that does not parse', request: () => ({ method: 'POST', url: '/api/share-requests', headers: { ...requester, 'content-type': 'application/json' }, payload: '{"a":' }), status: 400 },
  { what: 'JSON nested too deep', request: () => ({ method: 'POST', url: '/api/share-requests', headers: { ...requester, 'content-type': 'application/json' }, payload: '['.repeat(200) + ']'.repeat(200) }), status: 400 },
  { what: 'a value out of its enumeration', request: () => ({ method: 'GET', url: '/api/tasks?status=sideways', headers: requester }), status: 400 },
  { what: 'a number out of range', request: () => ({ method: 'GET', url: '/api/tasks?limit=100000', headers: requester }), status: 400 },
  { what: 'a forged cursor', request: () => ({ method: 'GET', url: '/api/tasks?cursor=bm90LWEtY3Vyc29y', headers: requester }), status: 400 },
  { what: 'a month no calendar has (year 0000)', request: () => ({ method: 'GET', url: '/api/calendar/deadlines?month=0000-01', headers: requester }), status: 400 },
  { what: 'an impossible date', request: () => ({ method: 'GET', url: '/api/calendar/deadline?start=2026-02-30&n=3', headers: requester }), status: 400 },
  { what: 'an entry that does not exist', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'NO-SUCH-ENTRY', scenario: '核验身份信息' } }), status: 422 },
  { what: 'the department’s own entry', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-MZT-0001', scenario: '核验身份信息' } }), status: 422 },
  { what: 'a receipt date from a department', request: () => ({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '核验身份信息', receivedAt: '2026-01-05T09:00:00+08:00' } }), status: 403 },
  { what: 'a role the route does not admit', request: () => ({ method: 'GET', url: '/api/assessment?from=2026-01-01&to=2026-01-31', headers: requester }), status: 403 },
  { what: 'a task that does not exist', request: () => ({ method: 'GET', url: '/api/tasks/no-such-task', headers: requester }), status: 404 },
  { what: 'a webhook to a private address', request: () => ({ method: 'PUT', url: '/api/departments/hb-mzt/webhook', headers: requester, payload: { url: 'http://127.0.0.1/hook' } }), status: 400 },
];

describe('every refusal, in Chinese and in English', () => {
  for (const refusal of refusals) {
    it(`says why in both languages: ${refusal.what}`, async () => {
      const response = await stack.app.inject(refusal.request());
      expect(response.statusCode, response.body).toBe(refusal.status);
      expect(problemLanguageFaults(response.json()), response.body).toEqual([]);
    });
  }

  it('names each JSON Schema keyword’s refusal in Chinese, with its limit', () => {
    const errors = ajvFieldErrors('body', [
      { instancePath: '/scenario', keyword: 'maxLength', params: { limit: 2000 }, message: 'must NOT have more than 2000 characters' },
      { instancePath: '/scenario', keyword: 'minLength', params: { limit: 4 }, message: 'must NOT have fewer than 4 characters' },
      { instancePath: '', keyword: 'required', params: { missingProperty: 'scenario' }, message: "must have required property 'scenario'" },
      { instancePath: '/limit', keyword: 'maximum', params: { comparison: '<=', limit: 200 }, message: 'must be <= 200' },
      { instancePath: '/status', keyword: 'enum', params: { allowedValues: ['open', 'completed'] }, message: 'must be equal to one of the allowed values' },
      { instancePath: '/at', keyword: 'format', params: { format: 'date-time' }, message: 'must match format "date-time"' },
      { instancePath: '/n', keyword: 'type', params: { type: 'integer' }, message: 'must be integer' },
    ]);
    expect(errors.map((e) => [e.path, e.code, e.messageZh])).toEqual([
      ['body.scenario', 'maxLength', '不能超过 2000 个字'],
      ['body.scenario', 'minLength', '至少 4 个字'],
      ['body.scenario', 'required', '必填'],
      ['body.limit', 'maximum', '不能大于 200'],
      ['body.status', 'enum', '只能是以下之一：open、completed'],
      ['body.at', 'format', '应为带时区的日期时间（如 2026-12-07T09:00:00+08:00）'],
      ['body.n', 'type', '应为整数'],
    ]);
  });
});

/** A fresh share request and the authority's task it opens. */
const authorityTask = (scenario: string) => authorityTaskOf(stack.app, { requester, reviewer }, scenario);

const post = (headers: Record<string, string>, taskId: string, action: string, payload?: object) =>
  stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/${action}`, headers, ...(payload ? { payload } : {}) });

describe('acting on a task someone else has acted on', () => {
  it('says who completed it and when (该事项已由 … 于 … 办结), not only "conflict"', async () => {
    const task = await authorityTask('他人已办结的待办');
    expect((await post(secondReviewer, task.id, 'complete', { decision: 'provided' })).statusCode).toBe(200);
    const late = await post(reviewer, task.id, 'complete', { decision: 'provided' });
    expect(late.statusCode, late.body).toBe(409);
    const problem = late.json();
    expect(problem.detailZh).toMatch(new RegExp(`^该事项已由 ${secondName} 于 \\d{1,2}月\\d{1,2}日 \\d{2}:\\d{2} 办结`));
    expect(problem.detail).toMatch(new RegExp(`^This task was completed by ${secondName} on \\d{1,2} \\w{3} at \\d{2}:\\d{2}`));
    expect(problemLanguageFaults(problem)).toEqual([]);
  });

  it('says who claimed it when another person tries to decide', async () => {
    const task = await authorityTask('他人已认领的待办');
    expect((await post(secondReviewer, task.id, 'claim')).statusCode).toBe(200);
    const blocked = await post(reviewer, task.id, 'complete', { decision: 'provided' });
    expect(blocked.statusCode, blocked.body).toBe(409);
    expect(blocked.json().detailZh).toContain(`该事项已由 ${secondName} 于`);
    expect(blocked.json().detailZh).toContain('认领');
  });
});
