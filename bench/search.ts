import { resolve } from 'node:path';
import { rmSync } from 'node:fs';
import type { Client } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { nationalCalendar } from '../calendar';
import { CalendarStore } from '../db/calendar-store';
import { connectDb, type Db } from '../db/client';
import { migrateDb } from '../db/migrate';
import { requests } from '../db/schema';
import { seedReferenceData } from '../db/seed';
import { DATA_DIR } from '../scripts/paths';
import { percentile, RestartablePostgres, freePort, round } from './support/stack';

/** One measured search. */
export interface SearchTiming {
  name: string;
  url: string;
  rows: number;
  total: number;
  p50: number;
  p99: number;
  max: number;
  /** p99 against the primary-key lookup's p99. */
  ratio: number;
}

/** Result of {@link runSearchBench}. */
export interface SearchBenchResult {
  bench: 'search';
  cases: number;
  tasks: number;
  iterations: number;
  baseline: { name: string; p50: number; p99: number; max: number };
  queries: SearchTiming[];
  plans: Record<string, string>;
  target: { p99Ms: number; met: boolean; worstP99: number };
}

/** Options of {@link runSearchBench}. */
export interface SearchBenchOptions {
  /** @default 100_000 (env BENCH_SEARCH_CASES) */
  cases?: number;
  /** Timed calls per query. @default 300 (env BENCH_SEARCH_ITERATIONS) */
  iterations?: number;
  log?: (line: string) => void;
}

const targetP99Ms = 50;

/** Scenarios as departments write them: the words searched for below occur in a known share of cases. */
const scenarios = [
  '城乡居民最低生活保障资格审核', '特困人员救助供养资格认定', '临时救助对象核查', '高校毕业生就业补贴发放核验学历',
  '养老服务补贴发放前核验户籍', '残疾人两项补贴资格复核', '不动产登记办理中核验婚姻状况', '企业开办一网通办核验身份',
  '公租房保障资格审核', '医疗救助对象认定', '退役军人优待证办理', '孤儿基本生活保障金发放',
  '住房公积金提取核验社保', '新生儿出生一件事联办', '道路运输从业资格核查', '排污许可证核发前核验企业登记',
  '义务教育入学资格审核', '高龄津贴发放核验户籍', '失业保险金申领核验参保', '市场主体年报数据比对',
];
const entries = ['HB-SCJGJ-0001', 'HB-MZT-0002', 'HB-STHJT-0001', 'HB-JTYST-0001', 'HB-JYT-0001', 'HB-GAT-0001', 'HB-MZT-0001', 'HB-RST-0001', 'HB-ZRZYT-0001', 'HB-WSJKW-0001'];
const departments = ['hb-gat', 'hb-mzt', 'hb-rst', 'hb-zrzyt', 'hb-sthjt', 'hb-scjgj', 'hb-wsjkw', 'hb-jyt', 'hb-jtyst'];
const people = ['u-gat-zhang', 'u-mzt-li', 'u-scjgj-wang', 'u-rst-liu', 'u-wsjkw-yang'];
const processes = ['share-request', 'share-request', 'share-request', 'quality-dispute', 'catalogue-change'];

const list = (values: string[]) => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

/**
 * `cases` cases over five years of receipt (each numbered by the insert trigger, as in production), 60 % share
 * requests; scenarios from a list of twenty with the case's serial, a description on disputes and changes; one task
 * each, a third of them completed by a named reviewer. 80 % under the Hebei authority, the rest Shijiazhuang.
 */
export async function insertData(db: Db, count: number): Promise<void> {
  const deadline = JSON.stringify(nationalCalendar.deadline({ start: '2025-09-28T10:00:00+08:00', n: 3, jurisdiction: 'hebei' }));
  await db.execute(sql`
    insert into requests (id, process, status, jurisdiction, pack, requester_department_id, provider_department_id,
                          authority_department_id, catalogue_entry_id, scenario, details, received_at, workflow_id, created_by, created_at)
    select gen_random_uuid(), p, 'awaiting-provide', 'hebei', 'hebei-2023',
           (${list(departments)})[1 + i % 9], (${list(departments)})[1 + (i / 9) % 9],
           case when i % 10 < 8 then 'hb-data' else 'sjz-data' end,
           (${list(entries)})[1 + (i / 7) % 10],
           case when p = 'share-request' then (${list(scenarios)})[1 + (i / 5) % 20] || '（第' || i || '批）' end,
           case when p = 'share-request' then '{}'::jsonb
                else jsonb_build_object('description', '核验结果与登记信息不一致，涉及 ' || (i % 50) || ' 条记录：' || (${list(scenarios)})[1 + (i / 7) % 20]) end,
           now() - make_interval(mins => i * 25), 'bench-' || i, (${list(people)})[1 + (i / 3) % 5], now() - make_interval(mins => i * 25)
    from generate_series(1, ${count}) as i, lateral (select (${list(processes)})[1 + i % 5] as p) pp`);
  await db.execute(sql`
    insert into tasks (id, request_id, step, title_zh, title_en, assignee_department_id, assignee_role, status, overdue,
                       due_at, deadline, decisions, reason_required_for, completed_by, completed_at, created_at)
    select r.id || '/review/1', r.id, 'review', '审核并转至提供部门', 'Review and forward', r.authority_department_id, 'authority-reviewer',
           case when h % 3 = 0 then 'completed' else 'open' end, false,
           r.received_at + interval '3 days', ${deadline}::jsonb, array['forward','refused'], array['refused'],
           case when h % 3 = 0 then 'u-data-chen' end, case when h % 3 = 0 then r.received_at + interval '1 day' end, r.created_at
    from requests r, lateral (select abs(hashtext(r.id::text)) as h) hh`);
  await db.execute(sql`analyze requests`);
  await db.execute(sql`analyze tasks`);
}

async function time(fn: () => Promise<unknown>, iterations: number): Promise<number[]> {
  for (let i = 0; i < Math.min(30, iterations); i++) await fn();
  const out: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = performance.now();
    await fn();
    out.push(performance.now() - t0);
  }
  return out.sort((a, b) => a - b);
}

async function token(app: FastifyInstance, username: string): Promise<string> {
  const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo1234' } });
  return String(r.json().token);
}

/**
 * Keyword search (`q`) with 100,000 cases in Postgres: by 受理编号, a two-character word of the scenario, an entry
 * name, a department, a person, two words together, sorted, and over tasks; through the whole route (`inject`: auth,
 * validation, the page and its total, views), against a primary-key lookup of one case on the same pool.
 */
export async function runSearchBench(opts: SearchBenchOptions = {}): Promise<SearchBenchResult> {
  const caseCount = opts.cases ?? Number(process.env.BENCH_SEARCH_CASES ?? 100_000);
  const iterations = opts.iterations ?? Number(process.env.BENCH_SEARCH_ITERATIONS ?? 300);
  const log = opts.log ?? ((line: string) => console.log(line));
  const dir = resolve(DATA_DIR, 'bench', 'search');
  rmSync(dir, { recursive: true, force: true });
  const pg = new RestartablePostgres(resolve(dir, 'pg', 'data'), await freePort());
  await pg.start();
  const { db, close } = connectDb(pg.url, { max: 10 });
  try {
    await migrateDb(pg.url);
    await seedReferenceData(db);
    const t0 = performance.now();
    await insertData(db, caseCount);
    const [counts] = await db.execute<{ cases: number; tasks: number }>(sql`select (select count(*)::int from requests) as cases, (select count(*)::int from tasks) as tasks`);
    log(`search: ${counts!.cases.toLocaleString('en')} cases, ${counts!.tasks.toLocaleString('en')} tasks inserted and indexed in ${Math.round(performance.now() - t0)} ms`);

    const app = await buildApp({
      db,
      temporal: {} as Client,
      taskQueue: 'unused',
      calendar: new CalendarStore(db),
      security: { rateLimitPerMinute: 1e9, loginAttemptsPerMinute: 1e9, corsOrigins: [] },
    });
    const authority = await token(app, 'data.chen');
    const department = await token(app, 'mzt.li');

    const ids = (await db.select({ id: requests.id }).from(requests).limit(5000)).map((r) => r.id);
    let k = 0;
    const pk = await time(() => db.select().from(requests).where(eq(requests.id, ids[k++ % ids.length]!)), iterations);
    const baseline = { name: 'select * from requests where id = $1', p50: round(pk[pk.length >> 1]!), p99: round(percentile(pk, 99)), max: round(pk[pk.length - 1]!) };
    log(`  baseline primary-key lookup             p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`);

    const [sample] = await db.execute<{ case_number: string }>(sql`select case_number from requests where process = 'share-request' and authority_department_id = 'hb-data' order by received_at desc offset 1234 limit 1`);
    const number = sample!.case_number;
    const q = (text: string) => encodeURIComponent(text);
    const cases: Array<{ name: string; token: string; url: string }> = [
      { name: 'authority: by 受理编号', token: authority, url: `/api/share-requests?q=${q(number)}` },
      { name: 'authority: by 受理编号, tasks', token: authority, url: `/api/tasks?scope=level&status=all&q=${q(number)}` },
      { name: 'authority: 2-char word (孤儿)', token: authority, url: `/api/share-requests?q=${q('孤儿')}` },
      { name: 'authority: word + batch (临时救助 第4711批)', token: authority, url: `/api/share-requests?q=${q('临时救助 第4711批')}` },
      { name: 'authority: description word, disputes', token: authority, url: `/api/quality-disputes?q=${q('公租房')}` },
      { name: 'authority: entry name (不动产)', token: authority, url: `/api/share-requests?q=${q('不动产登记信息')}` },
      { name: 'authority: department + word', token: authority, url: `/api/share-requests?q=${q('民政厅 退役军人')}` },
      { name: 'authority: person + word, sorted', token: authority, url: `/api/share-requests?q=${q('李娜 公积金')}&sort=caseNumber&order=desc` },
      { name: 'authority: word, page 5 by offset', token: authority, url: `/api/share-requests?q=${q('补贴')}&sort=receivedAt&offset=200&limit=50` },
      { name: 'authority: tasks by word, level', token: authority, url: `/api/tasks?scope=level&q=${q('新生儿')}` },
      { name: 'department: 2-char word (孤儿)', token: department, url: `/api/share-requests?q=${q('孤儿')}` },
      { name: 'department: tasks by word', token: department, url: `/api/tasks?status=all&q=${q('入学')}` },
    ];
    const queries: SearchTiming[] = [];
    for (const c of cases) {
      let rows = 0;
      let total = 0;
      const timings = await time(async () => {
        const r = await app.inject({ url: c.url, headers: { authorization: `Bearer ${c.token}` } });
        if (r.statusCode !== 200) throw new Error(`${c.url}: ${r.statusCode} ${r.body}`);
        rows = (r.json() as unknown[]).length;
        total = Number(r.headers['x-total-count']);
      }, iterations);
      const s: SearchTiming = { name: c.name, url: decodeURIComponent(c.url), rows, total, p50: round(timings[timings.length >> 1]!), p99: round(percentile(timings, 99)), max: round(timings[timings.length - 1]!), ratio: 0 };
      s.ratio = round(s.p99 / baseline.p99, 1);
      queries.push(s);
      log(`  ${c.name.padEnd(40)} p50 ${String(s.p50).padStart(6)} ms  p99 ${String(s.p99).padStart(6)} ms  (${rows} of ${total}, ${s.ratio}x baseline p99)`);
    }

    const plans: Record<string, string> = {};
    const doc = sql.raw('case_search_doc(case_number, catalogue_entry_id, scenario, details)');
    const rows = await db.execute<{ 'QUERY PLAN': string }>(
      sql`explain (analyze, buffers off, timing off, summary on) select id from requests where search_grams(${doc}) @> search_grams('孤儿') and ${doc} like '%孤儿%'`,
    );
    plans['2-char word, own text'] = rows.map((r) => r['QUERY PLAN']).join('\n');
    for (const [name, plan] of Object.entries(plans)) log(`  plan: ${name}\n${plan.replace(/^/gm, '    ')}`);
    await app.close();

    const worst = Math.max(...queries.map((s) => s.p99));
    const result: SearchBenchResult = {
      bench: 'search',
      cases: counts!.cases,
      tasks: counts!.tasks,
      iterations,
      baseline,
      queries,
      plans,
      target: { p99Ms: targetP99Ms, met: worst < targetP99Ms, worstP99: worst },
    };
    log(`  target p99 < ${targetP99Ms} ms: ${result.target.met ? 'met' : 'MISSED'} (worst ${worst} ms, ${round(worst / baseline.p99, 1)}x the primary-key lookup's p99)`);
    log(JSON.stringify({ ...result, plans: undefined }));
    return result;
  } finally {
    await close();
    await pg.stop();
  }
}
