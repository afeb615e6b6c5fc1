/**
 * Finding things (issue 14 item 6): keyword search over cases and tasks by 受理编号, entry id or name, scenario,
 * description, department and person; sortable columns, real totals (x-total-count) and offset paging; a department
 * never finds through search a case that does not concern it; bad input is a 400 naming the field.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let civil: Record<string, string>;
let police: Record<string, string>;
let reviewer: Record<string, string>;
let anhuiAuthority: Record<string, string>;
/** A word no other test writes: every search below is narrowed by it, so the shared database's other cases stay out. */
const token = `kw${randomBytes(4).toString('hex')}`;
interface Case {
  id: string;
  caseNumber: string;
  scenario: string | null;
  entryNameZh?: string | null;
  receivedAt: string;
}
const created: Case[] = [];
let dispute: Case;

beforeAll(async () => {
  stack = await startStack();
  civil = await loginAs(stack.app, 'mzt.li');
  police = await loginAs(stack.app, 'gat.zhang');
  reviewer = await loginAs(stack.app, 'data.chen');
  anhuiAuthority = await loginAs(stack.app, 'ah-data.xu');
  const scenarios = [`城乡低保资格审核核验学历 ${token}`, `助学金发放复核 ${token}`, `养老服务补贴核验 ${token}`, `残疾人两项补贴审核 ${token}`];
  for (const scenario of scenarios) {
    const r = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: civil, payload: { catalogueEntryId: 'HB-JYT-0001', scenario } });
    expect(r.statusCode, r.body).toBe(201);
    created.push(r.json());
  }
  const d = await stack.app.inject({
    method: 'POST',
    url: '/api/quality-disputes',
    headers: civil,
    payload: { catalogueEntryId: 'HB-GAT-0001', description: `身份证号码校验位错误 ${token}` },
  });
  expect(d.statusCode, d.body).toBe(201);
  dispute = d.json();
});
afterAll(() => stack?.stop());

async function list(url: string, headers: Record<string, string>) {
  const r = await stack.app.inject({ method: 'GET', url, headers });
  expect(r.statusCode, r.body).toBe(200);
  return { rows: r.json() as (Case & { requestId?: string })[], total: Number(r.headers['x-total-count']) };
}
const q = (text: string) => `q=${encodeURIComponent(text)}`;

async function waitForTasks(headers: Record<string, string>, query: string, n: number) {
  for (let i = 0; i < 300; i++) {
    const found = await list(`/api/tasks?${query}`, headers);
    if (found.total >= n) return found;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`fewer than ${n} tasks for ${query}`);
}

describe('keyword search over cases', () => {
  it('finds a case by its 受理编号, exactly that one', async () => {
    const target = created[2]!;
    const found = await list(`/api/share-requests?${q(target.caseNumber)}`, civil);
    expect(found.rows.map((c) => c.id)).toEqual([target.id]);
    expect(found.total).toBe(1);
  });

  it('finds by a two-character Chinese word of the scenario, by the entry’s name and id, by department and by person', async () => {
    const byWord = await list(`/api/share-requests?${q(`补贴 ${token}`)}`, civil);
    expect(byWord.rows.map((c) => c.id).sort()).toEqual([created[2]!.id, created[3]!.id].sort());
    for (const words of [`学历信息 ${token}`, `hb-jyt-0001 ${token}`, `HIGHER-EDUCATION ${token}`, `民政厅 ${token}`, `Civil Affairs ${token}`, `李娜 ${token}`, `教育厅 ${token}`]) {
      const found = await list(`/api/share-requests?${q(words)}`, civil);
      expect(found.total, words).toBe(4);
    }
    const byDescription = await list(`/api/quality-disputes?${q(`校验位 ${token}`)}`, civil);
    expect(byDescription.rows.map((c) => c.id)).toEqual([dispute.id]);
  });

  it('shows the entry’s name, the scenario and the received date on each row', async () => {
    const [row] = (await list(`/api/share-requests?${q(created[0]!.caseNumber)}`, civil)).rows;
    expect(row).toMatchObject({ caseNumber: created[0]!.caseNumber, entryNameZh: '高等学校学历信息', scenario: created[0]!.scenario, receivedAt: created[0]!.receivedAt });
  });

  it('takes LIKE’s own characters literally and finds nothing for words not there together', async () => {
    expect((await list(`/api/share-requests?${q(`% ${token}`)}`, civil)).total).toBe(0);
    expect((await list(`/api/share-requests?${q(`_ ${token}`)}`, civil)).total).toBe(0);
    expect((await list(`/api/share-requests?${q(`公安厅 ${token}`)}`, civil)).total).toBe(0);
  });

  it('sorts by case number either way and pages by offset with the real total', async () => {
    const numbers = created.map((c) => c.caseNumber).sort();
    const asc = await list(`/api/share-requests?${q(token)}&sort=caseNumber&order=asc`, civil);
    expect(asc.rows.map((c) => c.caseNumber)).toEqual(numbers);
    const desc = await list(`/api/share-requests?${q(token)}&sort=caseNumber&order=desc`, civil);
    expect(desc.rows.map((c) => c.caseNumber)).toEqual([...numbers].reverse());
    const first = await list(`/api/share-requests?${q(token)}&sort=receivedAt&order=asc&limit=3&offset=0`, civil);
    const second = await list(`/api/share-requests?${q(token)}&sort=receivedAt&order=asc&limit=3&offset=3`, civil);
    expect([first.total, second.total]).toEqual([4, 4]);
    expect(first.rows).toHaveLength(3);
    expect(second.rows).toHaveLength(1);
    expect([...first.rows, ...second.rows].map((c) => c.id).sort()).toEqual(created.map((c) => c.id).sort());
    expect(first.rows.map((c) => c.receivedAt)).toEqual([...first.rows.map((c) => c.receivedAt)].sort());
  });

  it('never lets a department find a case that does not concern it, nor another province’s authority', async () => {
    for (const headers of [police, anhuiAuthority]) {
      for (const words of [token, created[0]!.caseNumber, `学历 ${token}`]) {
        const found = await list(`/api/share-requests?${q(words)}`, headers);
        expect(found.total, words).toBe(0);
        expect(found.rows).toEqual([]);
      }
    }
    // The dispute concerns the police as the provider: it finds that one, and only it.
    const own = await list(`/api/quality-disputes?${q(token)}`, police);
    expect(own.rows.map((c) => c.id)).toEqual([dispute.id]);
  });
});

describe('keyword search over tasks', () => {
  it('finds the reviewer’s task by the case’s number and a scenario word, with the case’s number, entry name and scenario on the row', async () => {
    const all = await waitForTasks(reviewer, `${q(token)}&process=share-request`, 4);
    expect(all.total).toBe(4);
    const target = created[1]!;
    const found = await list(`/api/tasks?${q(target.caseNumber)}`, reviewer);
    expect(found.rows.map((t) => t.requestId)).toEqual([target.id]);
    expect(found.rows[0]).toMatchObject({ caseNumber: target.caseNumber, entryNameZh: '高等学校学历信息', scenario: target.scenario, receivedAt: target.receivedAt });
    const byWord = await list(`/api/tasks?${q(`助学金 ${token}`)}`, reviewer);
    expect(byWord.rows.map((t) => t.requestId)).toEqual([target.id]);
  });

  it('sorts tasks by case number and pages them with the total', async () => {
    const asc = await list(`/api/tasks?${q(token)}&process=share-request&sort=caseNumber&order=asc&limit=2`, reviewer);
    const next = await list(`/api/tasks?${q(token)}&process=share-request&sort=caseNumber&order=asc&limit=2&offset=2`, reviewer);
    expect([asc.total, next.total]).toEqual([4, 4]);
    expect([...asc.rows, ...next.rows].map((t) => t.caseNumber)).toEqual(created.map((c) => c.caseNumber).sort());
  });

  it('finds no task of a case that does not concern the caller', async () => {
    expect((await list(`/api/tasks?${q(token)}`, police)).total).toBe(0);
    expect((await list(`/api/tasks?${q(token)}&scope=level`, anhuiAuthority)).total).toBe(0);
  });
});

describe('the 受理编号 wherever the case is named', () => {
  it('is in the reviewer’s inbox notice of the new task and in the summary of its deadline in the department’s .ics feed', async () => {
    const target = created[0]!;
    await waitForTasks(reviewer, q(target.caseNumber), 1);
    let notice: { case: { caseNumber: string } | null } | undefined;
    for (let i = 0; i < 100 && !notice; i++) {
      const inbox = (await stack.app.inject({ method: 'GET', url: '/api/notifications', headers: reviewer })).json() as { requestId: string; case: { caseNumber: string } | null }[];
      notice = inbox.find((n) => n.requestId === target.id);
      if (!notice) await new Promise((r) => setTimeout(r, 100));
    }
    expect(notice?.case?.caseNumber).toBe(target.caseNumber);
    const feed = await stack.app.inject({ method: 'GET', url: '/api/departments/hb-data/deadlines.ics', headers: reviewer });
    const unfolded = feed.body.replace(/\r\n /g, '');
    expect(unfolded).toMatch(new RegExp(`SUMMARY:【办结期限】${target.caseNumber} `));
  });
});

describe('bad search input is a 400 naming the field', () => {
  const refused = async (url: string, path: string) => {
    const r = await stack.app.inject({ method: 'GET', url, headers: civil });
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors?.map((e: { path: string }) => e.path), r.body).toContain(path);
  };
  it('refuses NUL, bidi overrides, too many or too long words, unknown sort columns and a cursor with a sort', async () => {
    for (const base of ['/api/share-requests', '/api/tasks']) {
      await refused(`${base}?q=a%00b`, 'query.q');
      await refused(`${base}?q=a%E2%80%AEb`, 'query.q');
      await refused(`${base}?q=${encodeURIComponent('一 二 三 四 五 六')}`, 'query.q');
      await refused(`${base}?q=${'字'.repeat(51)}`, 'query.q');
      await refused(`${base}?q=${'x'.repeat(201)}`, 'query.q');
      await refused(`${base}?q=`, 'query.q');
      await refused(`${base}?sort=password`, 'query.sort');
      await refused(`${base}?order=sideways`, 'query.order');
      await refused(`${base}?offset=-1`, 'query.offset');
      await refused(`${base}?offset=1e9`, 'query.offset');
      await refused(`${base}?sort=receivedAt&cursor=abc`, 'query.cursor');
    }
  });
});
