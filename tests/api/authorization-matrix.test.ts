import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tasks } from '../../db/schema';
import { localWebhooks, loginAs, startStack, testSecurity, type TestStack } from '../support/stack';
import { beijingDate } from '../support/fixtures';
import { getPack } from '../../rules';
import { packHash } from '../../packs/data';

/**
 * Every route × every role × own and other department: the status each caller gets, and for every list that nothing
 * outside the caller's scope comes back. A route without a row here fails the coverage check.
 */
const people = {
  owner: 'mzt.li', // requester of the fixture case (hb-mzt)
  provider: 'gat.zhang', // provider of its data (hb-gat)
  outsider: 'scjgj.wang', // a department with nothing to do with it
  reviewer: 'data.chen', // the authority handling it
  supervisor: 'data.zhao',
  government: 'gov.sun',
  admin: 'admin',
  otherAuthority: 'sjz-data.zhou', // the city-level authority
} as const;
type Who = keyof typeof people | 'anonymous';
const everyone: Who[] = [...(Object.keys(people) as Who[]), 'anonymous'];
const departmentOf: Record<Exclude<Who, 'anonymous'>, string> = {
  owner: 'hb-mzt',
  provider: 'hb-gat',
  outsider: 'hb-scjgj',
  reviewer: 'hb-data',
  supervisor: 'hb-data',
  government: 'hb-gov',
  admin: 'hb-data',
  otherAuthority: 'sjz-data',
};

interface Row {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  route: string;
  url: (f: Fixture, who: Who) => string;
  body?: (f: Fixture, who: Who) => unknown;
  expect: (who: Who) => number;
  /** For lists: every item must be in the caller's scope. */
  scoped?: (item: Record<string, unknown>, department: string) => boolean | Promise<boolean>;
}

interface Fixture {
  caseId: string;
  taskId: string;
  apiKeyId: string;
}

const all = (status: number) => (who: Who) => (who === 'anonymous' ? 401 : status);
const only = (allowed: Who[], yes: number, no: number) => (who: Who) => (who === 'anonymous' ? 401 : allowed.includes(who) ? yes : no);
const involved: Who[] = ['owner', 'provider', 'reviewer', 'supervisor', 'admin'];
/** A party to the case, or a body given one of its steps (the people's government, the upper-level authority). */
const inCase = async (item: Record<string, unknown>, d: string) =>
  item.requesterDepartmentId === d ||
  item.providerDepartmentId === d ||
  item.authorityDepartmentId === d ||
  (await stack.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.requestId, String(item.id)), eq(tasks.assigneeDepartmentId, d)))).length > 0;
const requesters: Who[] = ['owner', 'provider', 'outsider'];
/** An authority's reviewers pass the role check to register a submission after the fact; these bodies carry no date (400). */
const reviewers: Who[] = ['reviewer', 'otherAuthority'];
const orLateRegistration = (expect: (who: Who) => number) => (who: Who) => (reviewers.includes(who) ? 400 : expect(who));
const authorities: Who[] = ['reviewer', 'supervisor', 'admin', 'otherAuthority'];
const task = (f: Fixture) => encodeURIComponent(f.taskId);

const rows: Row[] = [
  { method: 'GET', route: '/api/me', url: () => '/api/me', expect: all(200) },
  ...['share-requests', 'catalogue-changes', 'quality-disputes', 'negative-list-applications', 'data-inconsistencies'].flatMap((r): Row[] => [
    { method: 'GET', route: `/api/${r}`, url: () => `/api/${r}`, expect: all(200), scoped: inCase },
    {
      method: 'GET',
      route: `/api/${r}/{id}`,
      url: (f) => `/api/${r}/${f.caseId}`,
      expect: r === 'share-requests' ? only(involved, 200, 404) : all(404),
    },
  ]),
  {
    method: 'POST',
    route: '/api/share-requests',
    url: () => '/api/share-requests',
    body: () => ({ catalogueEntryId: 'HB-JYT-0001', scenario: '授权矩阵：提交共享申请' }),
    expect: orLateRegistration(only(requesters, 201, 403)),
  },
  {
    method: 'POST',
    route: '/api/catalogue-changes',
    url: () => '/api/catalogue-changes',
    body: () => ({ catalogueEntryId: 'HB-MZT-0002', trigger: 'duty-change', changedAt: beijingDate(), description: '授权矩阵：职责调整' }),
    expect: orLateRegistration((who) => (who === 'anonymous' ? 401 : who === 'owner' ? 201 : requesters.includes(who) ? 422 : 403)),
  },
  {
    method: 'POST',
    route: '/api/quality-disputes',
    url: () => '/api/quality-disputes',
    body: () => ({ catalogueEntryId: 'HB-SCJGJ-0001', description: '授权矩阵：数据不一致' }),
    expect: orLateRegistration((who) => (who === 'anonymous' ? 401 : who === 'outsider' ? 422 : requesters.includes(who) ? 201 : 403)),
  },
  {
    // Anhui art. 27 only: every Hebei department is refused with a 422 (no such procedure in its text, or its own entry).
    method: 'POST',
    route: '/api/data-inconsistencies',
    url: () => '/api/data-inconsistencies',
    body: () => ({ catalogueEntryId: 'HB-SCJGJ-0001', ownEntryId: 'HB-MZT-0001', inconsistency: '授权矩阵：同类数据不一致' }),
    expect: orLateRegistration((who) => (who === 'anonymous' ? 401 : requesters.includes(who) ? 422 : 403)),
  },
  {
    // The fixture case is a share request, not a dispute: no one finds a dispute under its id.
    method: 'POST',
    route: '/api/quality-disputes/{id}/proof-shown',
    url: (f) => `/api/quality-disputes/${f.caseId}/proof-shown`,
    body: () => ({ holder: 'natural-person', matter: '授权矩阵：事项', proof: '授权矩阵：证明材料' }),
    expect: (who) => (who === 'anonymous' ? 401 : [...requesters, ...reviewers].includes(who) ? 404 : 403),
  },
  {
    method: 'POST',
    route: '/api/negative-list-applications',
    url: () => '/api/negative-list-applications',
    body: () => ({ catalogueEntryId: 'HB-ZRZYT-0001', legalBasis: '授权矩阵：某法律', reason: '授权矩阵：不应受理' }),
    expect: orLateRegistration((who) => (who === 'anonymous' ? 401 : requesters.includes(who) ? 422 : 403)),
  },
  {
    method: 'GET',
    route: '/api/tasks',
    url: () => '/api/tasks?status=all',
    expect: all(200),
    scoped: (item, d) => item.assigneeDepartmentId === d,
  },
  {
    method: 'GET',
    route: '/api/tasks/{id}',
    url: (f) => `/api/tasks/${task(f)}`,
    expect: only(involved, 200, 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/complete',
    url: (f) => `/api/tasks/${task(f)}/complete`,
    body: () => ({ decision: 'not-a-decision' }),
    expect: (who) => (who === 'anonymous' ? 401 : who === 'reviewer' ? 422 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/extension',
    url: (f) => `/api/tasks/${task(f)}/extension`,
    body: () => ({ n: 1, reason: '授权矩阵' }),
    expect: (who) => (who === 'anonymous' ? 401 : who === 'reviewer' ? 422 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/claim',
    url: (f) => `/api/tasks/${task(f)}/claim`,
    expect: (who) => (who === 'anonymous' ? 401 : who === 'reviewer' ? 200 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/release',
    url: (f) => `/api/tasks/${task(f)}/release`,
    expect: (who) => (who === 'anonymous' ? 401 : who === 'reviewer' ? 200 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/override-claim',
    url: (f) => `/api/tasks/${task(f)}/override-claim`,
    body: () => ({ reason: '授权矩阵：经办人已调离' }),
    // Released just before (the row above): the authority's supervisor and an admin find nothing to release.
    // Outside the task's authority the task is not found; inside it, only the supervisor may.
    expect: (who) => (who === 'anonymous' ? 401 : who === 'supervisor' || who === 'admin' ? 409 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  // 指派 / 转办: only the supervisor of the task's authority; its colleagues 403; outside it the task is not found.
  {
    method: 'GET',
    route: '/api/tasks/{id}/assignees',
    url: (f) => `/api/tasks/${task(f)}/assignees`,
    expect: (who) => (who === 'anonymous' ? 401 : who === 'supervisor' ? 200 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/assign',
    url: (f) => `/api/tasks/${task(f)}/assign`,
    body: () => ({ userId: 'u-data-chen' }),
    // The task is unclaimed (released above): the supervisor gives it to the reviewer.
    expect: (who) => (who === 'anonymous' ? 401 : who === 'supervisor' ? 200 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'POST',
    route: '/api/tasks/{id}/reassign',
    url: (f) => `/api/tasks/${task(f)}/reassign`,
    body: () => ({ userId: 'u-data-chen', reason: '授权矩阵：转办' }),
    // Assigned to the reviewer just before (the row above): reassigning it to the same person changes nothing (409).
    expect: (who) => (who === 'anonymous' ? 401 : who === 'supervisor' ? 409 : departmentOf[who] === 'hb-data' ? 403 : 404),
  },
  {
    method: 'GET',
    route: '/api/notifications',
    url: () => '/api/notifications',
    expect: all(200),
  },
  {
    method: 'POST',
    route: '/api/notifications/{id}/read',
    url: () => '/api/notifications/no-such-notice/read',
    expect: all(404),
  },
  {
    method: 'POST',
    route: '/api/notifications/read-all',
    url: () => '/api/notifications/read-all',
    // Each caller's own notices only; up to an instant before any was written, so no other test's unread notice changes.
    body: () => ({ upTo: '2000-01-01T00:00:00Z' }),
    expect: all(200),
  },
  { method: 'GET', route: '/api/calendar/deadline', url: () => '/api/calendar/deadline?start=2025-09-28&n=3', expect: all(200) },
  { method: 'GET', route: '/api/calendar/{year}', url: () => '/api/calendar/2025', expect: all(200) },
  {
    method: 'PUT',
    route: '/api/calendar/{year}',
    url: () => '/api/calendar/2032',
    // Valid in shape but not in substance (a day both off and make-up), so an allowed caller gets 400 and nothing is stored.
    body: () => ({
      year: 2032,
      notice: { title: '授权矩阵', documentNumber: '—', issuer: '国务院办公厅' },
      festivals: [{ festival: 'newYear', offDays: ['2032-01-01'], makeUpDays: ['2032-01-01'] }],
    }),
    // A national year: kept by the national authority or an admin, not Hebei's supervisor or a city's.
    expect: only(['admin'], 400, 403),
  },
  {
    method: 'POST',
    route: '/api/calendar/{year}/amendments',
    url: () => '/api/calendar/2025/amendments',
    // Also invalid in substance, so nothing is proposed.
    body: () => ({
      schedule: { year: 2025, notice: { title: '授权矩阵', documentNumber: '—', issuer: '国务院办公厅' }, festivals: [{ festival: 'newYear', offDays: ['2025-01-01'], makeUpDays: ['2025-01-01'] }] },
      reason: '授权矩阵',
    }),
    expect: only(['admin'], 400, 403),
  },
  {
    method: 'GET',
    route: '/api/calendar/amendments',
    url: () => '/api/calendar/amendments?status=pending',
    expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403),
    // A keeper sees only the calendars it keeps (the four-eyes test checks which); the city authority keeps none.
    scoped: (_item, d) => d === 'hb-data',
  },
  ...(['approve', 'reject'] as const).map(
    (action): Row => ({
      method: 'POST',
      route: `/api/calendar/{year}/amendments/{id}/${action}`,
      url: () => `/api/calendar/2025/amendments/00000000-0000-4000-8000-000000000000/${action}`,
      body: () => ({}),
      expect: only(['supervisor', 'admin', 'otherAuthority'], 404, 403),
    }),
  ),
  { method: 'GET', route: '/api/rules', url: () => '/api/rules', expect: all(200) },
  {
    method: 'GET',
    route: '/api/rules/{pack}/preview',
    url: () => `/api/rules/hebei-2023/preview?process=conditional-share&received=${encodeURIComponent('2025-09-28T10:00:00+08:00')}`,
    expect: all(200),
  },
  { method: 'GET', route: '/api/rule-packs', url: () => '/api/rule-packs', expect: all(200) },
  { method: 'GET', route: '/api/rule-packs/{hash}', url: () => `/api/rule-packs/${packHash(getPack('hebei-2023'))}`, expect: all(200) },
  {
    method: 'POST',
    route: '/api/rule-packs/proposals',
    url: () => '/api/rule-packs/proposals',
    // Not a valid pack, so an allowed caller gets 400 and nothing is proposed.
    body: () => ({ pack: { id: 'hebei-2023' }, reason: '授权矩阵' }),
    expect: only(['supervisor', 'admin', 'otherAuthority'], 400, 403),
  },
  {
    method: 'GET',
    route: '/api/rule-packs/proposals',
    url: () => '/api/rule-packs/proposals?status=pending',
    expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403),
    // A keeper sees only the packs it keeps (the four-eyes test checks which); the city authority keeps none.
    scoped: (_item, d) => d === 'hb-data',
  },
  ...(['preview', 'approve', 'reject'] as const).map(
    (action): Row => ({
      method: action === 'preview' ? 'GET' : 'POST',
      route: `/api/rule-packs/proposals/{id}/${action}`,
      url: () => `/api/rule-packs/proposals/00000000-0000-4000-8000-000000000000/${action}`,
      body: action === 'preview' ? undefined : () => ({}),
      expect: only(['supervisor', 'admin', 'otherAuthority'], 404, 403),
    }),
  ),
  // Set, read, and turned off again at once: an active webhook would receive other tests' notices.
  ...(['PUT', 'GET', 'DELETE'] as const).map(
    (method): Row => ({
      method,
      route: '/api/departments/{id}/webhook',
      url: () => '/api/departments/hb-mzt/webhook',
      body: method === 'PUT' ? () => ({ url: 'http://127.0.0.1:9/hook' }) : undefined,
      expect: only(['owner', 'admin'], 200, 404),
    }),
  ),
  { method: 'GET', route: '/api/catalogue', url: () => '/api/catalogue', expect: all(200) },
  { method: 'GET', route: '/api/negative-list', url: () => '/api/negative-list', expect: all(200) },
  { method: 'GET', route: '/api/departments', url: () => '/api/departments', expect: all(200) },
  {
    method: 'GET',
    route: '/api/escalations',
    url: () => '/api/escalations',
    expect: all(200),
    scoped: (item, d) => item.responsibleDepartmentId === d || d === 'hb-data' || d === 'hb-gov',
  },
  { method: 'GET', route: '/api/assessment', url: () => '/api/assessment?from=2025-01-01&to=2026-12-31', expect: only(authorities, 200, 403) },
  {
    method: 'GET',
    route: '/api/assessment/overdue',
    url: () => '/api/assessment/overdue?from=2025-01-01&to=2026-12-31&departmentId=hb-gat',
    expect: only(authorities, 200, 403),
  },
  { method: 'GET', route: '/api/audit', url: () => '/api/audit?limit=20', expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403) },
  { method: 'GET', route: '/api/audit/verify', url: () => '/api/audit/verify', expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403) },
  { method: 'GET', route: '/api/audit/anchors', url: () => '/api/audit/anchors', expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403) },
  { method: 'POST', route: '/api/audit/anchors', url: () => '/api/audit/anchors', expect: only(['admin'], 200, 403) },
  {
    method: 'GET',
    route: '/api/audit/anchors/consistency',
    url: () => '/api/audit/anchors/consistency?from=1&to=1',
    // Anchor 1 exists: the row above anchored (the fixture case's chain had grown).
    expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403),
  },
  {
    method: 'GET',
    route: '/api/audit/proof',
    url: (f) => `/api/audit/proof?requestId=${f.caseId}`,
    // The case is Hebei's, and so is the city authority (a supervisor of another province gets 404: tests/api/the-audit-trail-…).
    expect: only(['supervisor', 'admin', 'otherAuthority'], 200, 403),
  },
  { method: 'GET', route: '/api/api-keys', url: () => '/api/api-keys', expect: all(200), scoped: (item, d) => item.departmentId === d },
  {
    method: 'POST',
    route: '/api/api-keys',
    url: () => '/api/api-keys',
    body: (_f, who) => ({ name: '授权矩阵系统', roles: [who === 'government' ? 'government-approver' : who === 'admin' ? 'admin' : who === 'supervisor' ? 'authority-supervisor' : who === 'reviewer' || who === 'otherAuthority' ? 'authority-reviewer' : 'requester'] }),
    expect: all(201),
  },
  { method: 'DELETE', route: '/api/api-keys/{id}', url: (f) => `/api/api-keys/${f.apiKeyId}`, expect: only(['owner'], 200, 404) },
  {
    // Each caller's own department's deadlines: the fixture case's open task is the reviewer's department's (hb-data).
    method: 'GET',
    route: '/api/calendar/deadlines',
    url: () => `/api/calendar/deadlines?month=${beijingDate().slice(0, 7)}`,
    expect: all(200),
    scoped: async (item, d) => (await stack.db.select({ id: tasks.id }).from(tasks).where(and(eq(tasks.id, String(item.taskId)), eq(tasks.assigneeDepartmentId, d)))).length === 1,
  },
  // A person's own subscription URL: every person may have one; the fixture creates none, so there is none to revoke.
  { method: 'GET', route: '/api/calendar/feed', url: () => '/api/calendar/feed', expect: all(200) },
  { method: 'POST', route: '/api/calendar/feed', url: () => '/api/calendar/feed', expect: all(201) },
  { method: 'DELETE', route: '/api/calendar/feed', url: () => '/api/calendar/feed', expect: all(200) },
  // Public: the secret in the path is the credential; a token nobody was given is 404 for every caller alike.
  {
    method: 'GET',
    route: '/api/calendar/feeds/{file}',
    url: () => '/api/calendar/feeds/gdsf_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
    expect: () => 404,
  },
  { method: 'GET', route: '/api/departments/{id}/deadlines.ics', url: () => '/api/departments/hb-mzt/deadlines.ics', expect: only(['owner'], 200, 404) },
  { method: 'POST', route: '/api/auth/login', url: () => '/api/auth/login', body: (_f, who) => ({ username: who === 'anonymous' ? 'nobody' : people[who], password: 'demo1234' }), expect: (who) => (who === 'anonymous' ? 401 : 200) },
  { method: 'GET', route: '/api/auth/sessions', url: () => '/api/auth/sessions', expect: all(200) },
  { method: 'DELETE', route: '/api/auth/sessions/{id}', url: () => '/api/auth/sessions/00000000-0000-4000-8000-000000000000', expect: all(404) },
  {
    method: 'POST',
    route: '/api/auth/password',
    url: () => '/api/auth/password',
    body: () => ({ currentPassword: 'not-the-password', newPassword: 'Matrix-password-2025' }),
    expect: all(422),
  },
  // Last: it ends every caller's session.
  { method: 'POST', route: '/api/auth/logout', url: () => '/api/auth/logout', expect: all(204) },
];

let stack: TestStack;
const headers = {} as Record<Who, Record<string, string>>;
let fixture: Fixture;

beforeAll(async () => {
  // The webhook rows register a loopback URL, so inner targets are allowed here (explicitly; the default refuses them).
  stack = await startStack(testSecurity, { webhookPolicy: localWebhooks });
  for (const [who, username] of Object.entries(people)) headers[who as Who] = await loginAs(stack.app, username);
  headers.anonymous = {};
  const created = await stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: headers.owner,
    payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '授权矩阵：条件共享申请' },
  });
  const caseId = created.json().id;
  let taskId = '';
  for (let i = 0; i < 600 && !taskId; i++) {
    const tasks = (await stack.app.inject({ method: 'GET', url: '/api/tasks?limit=200', headers: headers.reviewer })).json();
    taskId = tasks.find((t: { requestId: string }) => t.requestId === caseId)?.id ?? '';
    if (!taskId) await new Promise((r) => setTimeout(r, 100));
  }
  const key = await stack.app.inject({ method: 'POST', url: '/api/api-keys', headers: headers.owner, payload: { name: '矩阵', roles: ['requester'] } });
  fixture = { caseId, taskId, apiKeyId: key.json().id };
});
afterAll(() => stack?.stop());

describe('the authorization matrix', () => {
  it('covers every route the API documents', async () => {
    const documented = Object.entries((stack.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    const covered = new Set(rows.map((r) => `${r.method} ${r.route}`));
    expect(documented.filter((d) => !covered.has(d))).toEqual([]);
  });

  for (const row of rows) {
    it(`${row.method} ${row.route}`, async () => {
      const seen: Record<string, number> = {};
      const wanted: Record<string, number> = {};
      for (const who of everyone) {
        const response = await stack.app.inject({
          method: row.method,
          url: row.url(fixture, who),
          headers: headers[who],
          ...(row.body ? { payload: row.body(fixture, who) as Record<string, unknown> } : {}),
        });
        seen[who] = response.statusCode;
        wanted[who] = row.expect(who);
        if (row.scoped && response.statusCode === 200 && who !== 'anonymous') {
          const items = response.json() as Record<string, unknown>[];
          const inScope = await Promise.all(items.map((item) => row.scoped!(item, departmentOf[who])));
          const leaked = items.filter((_, i) => !inScope[i]);
          expect(leaked, `${who} sees items outside its scope`).toEqual([]);
        }
      }
      expect(seen).toEqual(wanted);
    });
  }
});
