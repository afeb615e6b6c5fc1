import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { beijingDate } from '../support/fixtures';

let stack: TestStack;
let civil: Record<string, string>;
let supervisor: Record<string, string>;
let admin: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  civil = await loginAs(stack.app, 'mzt.li');
  supervisor = await loginAs(stack.app, 'data.zhao');
  admin = await loginAs(stack.app, 'admin');
});
afterAll(() => stack?.stop());

const cursorOf = (text: string) => Buffer.from(text).toString('base64url');

async function send(method: 'GET' | 'POST' | 'PUT', url: string, headers: Record<string, string>, payload?: unknown) {
  const options = { method, url, headers: { ...headers, 'idempotency-key': `edge-${Math.random()}` } };
  if (typeof payload === 'string') return stack.app.inject({ ...options, payload, headers: { ...options.headers, 'content-type': 'application/json' } });
  return stack.app.inject(payload === undefined ? options : { ...options, payload: payload as object });
}

/** A 400 problem naming the field. */
function expectFieldRefused(response: Awaited<ReturnType<typeof send>>, path: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.headers['content-type']).toContain('application/problem+json');
  expect(response.json().errors?.map((e: { path: string }) => e.path), response.body).toContain(path);
}

const share = (over: Record<string, unknown>) => ({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: '社会组织登记时核验发起单位市场主体资格', ...over });

describe('text the database cannot store, or should not, is refused at the edge naming the field', () => {
  it('refuses a lone surrogate in a body value, in text and in jsonb columns alike', async () => {
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: 'x \ud800 y 场景说明' })), 'body.scenario');
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ basis: 'x \udc00 y' })), 'body.basis');
    expectFieldRefused(await send('POST', '/api/api-keys', civil, { name: 'sys \ud800', roles: ['requester'] }), 'body.name');
    const entry = 'HB-MZT-0001';
    const cases: [string, Record<string, unknown>, string][] = [
      ['/api/catalogue-changes', { catalogueEntryId: entry, trigger: 'law-change', changedAt: beijingDate(), description: '变更 \ud800 说明' }, 'body.description'],
      ['/api/quality-disputes', { catalogueEntryId: entry, description: '数据有误需要核实', evidence: '证据 \udfff' }, 'body.evidence'],
      ['/api/negative-list-applications', { catalogueEntryId: entry, legalBasis: '法律 \ud800 依据', reason: '涉及国家秘密' }, 'body.legalBasis'],
    ];
    for (const [url, body, path] of cases) expectFieldRefused(await send('POST', url, civil, body), path);
  });

  it('refuses NUL and lone surrogates in keys, query strings and path parameters', async () => {
    const nulKey = await send('POST', '/api/tasks/some-task/complete', civil, { decision: 'agree', payload: { 'a\u0000b': 'x' } });
    expectFieldRefused(nulKey, 'body.payload');
    expectFieldRefused(await send('GET', '/api/tasks?department=a%E2%80%AEb', civil), 'query.department');
    expectFieldRefused(await send('GET', '/api/tasks?department=a%00b', civil), 'query.department');
    expectFieldRefused(await send('GET', '/api/tasks/a%00b', civil), 'params.id');
  });

  it('refuses control and bidi override characters; allows new lines and tabs in multi-line text', async () => {
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: '核验资格 \u202e反转' })), 'body.scenario');
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: '核验资格 \u001b[31m红' })), 'body.scenario');
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: '核验资格 \u0085' })), 'body.scenario');
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ catalogueEntryId: 'HB-SCJGJ-0001\n' })), 'body.catalogueEntryId');
    const multiLine = await send('POST', '/api/share-requests', civil, share({ scenario: '第一行 核验资格\n\t第二行' }));
    expect(multiLine.statusCode, multiLine.body).toBe(201);
  });

  it('normalises CRLF to LF before checking: a multi-line text keeps its line, a one-line text is still refused', async () => {
    const crlf = await send('POST', '/api/share-requests', civil, share({ scenario: '第一行 核验资格\r\n第二行', basis: '依据一\r\n依据二' }));
    expect(crlf.statusCode, crlf.body).toBe(201);
    expect(crlf.json().scenario).toBe('第一行 核验资格\n第二行');
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: '核验资格\r第二行' })), 'body.scenario');
    expectFieldRefused(await send('POST', '/api/api-keys', civil, { name: '系统\r\n名称', roles: ['requester'] }), 'body.name');
  });

  it('stores text in NFC', async () => {
    const created = await send('POST', '/api/share-requests', civil, share({ scenario: 'Cafe\u0301 核验市场主体资格' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().scenario).toBe('Caf\u00e9 核验市场主体资格');
  });

  it('refuses deeply nested JSON, unauthenticated or not, without a stack overflow', async () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    const unauthenticated = await stack.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: deep });
    expect(unauthenticated.statusCode, unauthenticated.body).toBe(400);
    expect(unauthenticated.json().detail).toContain('deeper than 32');
    const nested = JSON.stringify(share({ basis: JSON.parse('['.repeat(40) + ']'.repeat(40)) }));
    expectFieldRefused(await send('POST', '/api/share-requests', civil, nested), 'body');
  });
});

describe('schemas are strict: no coercion of bodies, no lenient date-times', () => {
  it('refuses a boolean where text is expected instead of storing "true"', async () => {
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: true })), 'body.scenario');
  });

  it('refuses a scenario of whitespace and format characters only', async () => {
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario: ' \u3000\u200b\u2028 \u00a0 ' })), 'body.scenario');
  });

  it.each([
    ['U+2800 BRAILLE PATTERN BLANK', '\u2800\u2800\u2800\u2800'],
    ['U+3164 HANGUL FILLER', '\u3164\u3164\u3164\u3164'],
    ['U+FFA0 HALFWIDTH HANGUL FILLER', '\uffa0\uffa0\uffa0\uffa0'],
    ['U+115F HANGUL CHOSEONG FILLER', '\u115f\u115f\u115f\u115f'],
    ['U+1160 HANGUL JUNGSEONG FILLER', '\u1160\u1160\u1160\u1160'],
    ['default-ignorables (U+034F, U+FE0F, U+180E, U+E0020, U+1D173)', '\u034f\u034f\ufe0f\ufe0f\u180e\u{e0020}\u{1d173}'],
    ['a mix', '\u2800\u3164\u200b\u2800\u115f'],
    ['combining marks with nothing to sit on (U+0301)', '\u0301\u0301\u0301\u0301'],
    ['private-use characters (U+E000)', '\ue000\ue000\ue000\ue000'],
    ['unassigned code points (U+0378)', '\u0378\u0378\u0378\u0378'],
    ['object-replacement characters (U+FFFC)', '\ufffc\ufffc\ufffc\ufffc'],
  ])('refuses a scenario of %s only: nothing is written', async (_name, scenario) => {
    expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ scenario })), 'body.scenario');
  });

  it('keeps the invisible characters that are part of written text', async () => {
    const created = await send('POST', '/api/share-requests', civil, share({ scenario: '核验资格 \u3164 한글 ☺\ufe0f' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().scenario).toBe('核验资格 \u3164 한글 ☺\ufe0f');
  });

  it('enforces the documented maxLength of payload keys', async () => {
    expectFieldRefused(await send('POST', '/api/tasks/some-task/complete', civil, { decision: 'agree', payload: { ['k'.repeat(41)]: 'x' } }), 'body.payload');
  });

  it('accepts only RFC 3339 date-times with an upper-case T and Z and a real second', async () => {
    for (const bad of ['2025-09-28t10:00:00z', '2025-09-28 10:00:00Z', '2025-12-31T23:59:60Z', '0000-01-01T00:00:00Z', '2025-02-30T00:00:00Z']) {
      expectFieldRefused(await send('GET', `/api/tasks?dueBefore=${encodeURIComponent(bad)}`, civil), 'query.dueBefore');
      expectFieldRefused(await send('GET', `/api/share-requests?dueAfter=${encodeURIComponent(bad)}`, civil), 'query.dueAfter');
      expectFieldRefused(await send('POST', '/api/share-requests', civil, share({ receivedAt: bad })), 'body.receivedAt');
    }
    expect((await send('GET', `/api/tasks?dueBefore=${encodeURIComponent('2025-09-28T10:00:00+08:00')}`, civil)).statusCode).toBe(200);
  });
});

describe('parameters that used to answer 500 answer 400 naming the field', () => {
  it('refuses cursors holding a year outside 0001–9999 or a case id that is not a UUID', async () => {
    for (const cursor of [cursorOf('+275760-09-13T00:00:00.000Z|x'), cursorOf('0000-01-01T00:00:00.000Z|x'), cursorOf('-000001-01-01T00:00:00.000Z|x')]) {
      expectFieldRefused(await send('GET', `/api/tasks?cursor=${cursor}`, civil), 'query.cursor');
      expectFieldRefused(await send('GET', `/api/share-requests?cursor=${cursor}`, civil), 'query.cursor');
    }
    expectFieldRefused(await send('GET', `/api/share-requests?cursor=${cursorOf('2025-01-01T00:00:00.000Z|not-a-uuid')}`, civil), 'query.cursor');
  });

  it('refuses an assessment period from year 0000 or 0001', async () => {
    const authority = await loginAs(stack.app, 'data.chen');
    expectFieldRefused(await send('GET', '/api/assessment?from=0000-01-01&to=2025-01-01', authority), 'query.from');
    expectFieldRefused(await send('GET', '/api/assessment?from=0001-01-01&to=2025-01-01', authority), 'query.from');
  });

  it('refuses an audit position beyond any row id', async () => {
    expectFieldRefused(await send('GET', '/api/audit?after=1e20', supervisor), 'query.after');
  });

  it('answers 404 for a webhook of a department that does not exist', async () => {
    const response = await send('PUT', '/api/departments/no-such-dept/webhook', admin, { url: 'https://example.com/hook' });
    expect(response.statusCode, response.body).toBe(404);
  });
});
