import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { loadUser } from '../api/plugins/auth';
import { queryTasks } from '../api/task-queue';
import { nationalCalendar } from '../calendar';
import { CalendarStore } from '../db/calendar-store';
import { connectDb, type Db } from '../db/client';
import { migrateDb } from '../db/migrate';
import { tasks } from '../db/schema';
import { seedReferenceData } from '../db/seed';
import { DATA_DIR } from '../scripts/paths';
import { percentile, RestartablePostgres, freePort, round } from './support/stack';
import { rmSync } from 'node:fs';

/** One measured query. */
export interface QueryTiming {
  name: string;
  url: string;
  rows: number;
  p50: number;
  p99: number;
  max: number;
  /** p99 against the primary-key lookup's p99. */
  ratio: number;
}

/** Result of {@link runTaskQueueBench}. */
export interface TaskQueueBenchResult {
  bench: 'task-queue';
  tasks: number;
  requests: number;
  iterations: number;
  baseline: { name: string; p50: number; p99: number; max: number };
  queries: QueryTiming[];
  /** `queryTasks` alone (no auth, no views, no HTTP). */
  sqlOnly: Record<string, { p50: number; p99: number }>;
  plans: Record<string, string>;
  target: { p99Ms: number; met: boolean; worstP99: number };
}

/** Options of {@link runTaskQueueBench}. */
export interface TaskQueueBenchOptions {
  /** @default 100_000 (env BENCH_TASKS) */
  tasks?: number;
  /** Timed calls per query. @default 500 (env BENCH_TASK_QUEUE_ITERATIONS) */
  iterations?: number;
  log?: (line: string) => void;
}

const targetP99Ms = 20;

const provinceDepartments = ['hb-gat', 'hb-mzt', 'hb-rst', 'hb-zrzyt', 'hb-sthjt', 'hb-scjgj', 'hb-wsjkw', 'hb-jyt', 'hb-jtyst'];

/**
 * Two tasks per request, in one statement each: 80 % of cases under the Hebei authority, the rest Shijiazhuang and
 * Anhui; a third of the tasks the authority's own, the others a department's; 40 % open, a tenth of those overdue
 * with a rung; due instants spread over ±60 days; a real deadline explanation in each row.
 */
export async function insertData(db: Db, taskCount: number): Promise<void> {
  const requestCount = Math.ceil(taskCount / 2);
  const deadline = JSON.stringify(nationalCalendar.deadline({ start: '2025-09-28T10:00:00+08:00', n: 3, jurisdiction: 'hebei' }));
  const depts = sql.raw(`array[${provinceDepartments.map((d) => `'${d}'`).join(',')}]`);
  await db.execute(sql`
    insert into requests (id, process, status, jurisdiction, pack, requester_department_id, provider_department_id,
                          authority_department_id, catalogue_entry_id, scenario, details, received_at, workflow_id, created_by, created_at)
    select gen_random_uuid(),
           (array['share-request','share-request','catalogue-change','quality-dispute','negative-list'])[1 + i % 5],
           'awaiting-provide', 'hebei', 'hebei-2023',
           (${depts})[1 + i % 9], (${depts})[1 + (i / 9) % 9],
           case when i % 10 < 8 then 'hb-data' when i % 10 = 8 then 'sjz-data' else 'ah-data' end,
           'HB-SCJGJ-0001', '压测 bench', '{}'::jsonb,
           now() - make_interval(secs => i), 'bench-' || i, 'u-mzt-li', now() - make_interval(secs => i)
    from generate_series(1, ${requestCount}) as i`);
  await db.execute(sql`
    insert into tasks (id, request_id, step, title_zh, title_en, assignee_department_id, assignee_role, status, overdue, rung,
                       due_at, deadline, citation, decisions, reason_required_for, created_at)
    select r.id || '/' || s.step || '/1', r.id, s.step, '办理', 'Act',
           case when s.n = 1 and h % 3 = 0 then r.authority_department_id else (${depts})[1 + h % 9] end,
           case when s.n = 1 and h % 3 = 0 then 'authority-reviewer' else 'provider' end,
           case when h % 10 < 4 then 'open' when h % 10 < 9 then 'completed' else 'cancelled' end,
           h % 10 = 0,
           case when h % 10 = 0 then (array['overdue','rectification','government-report'])[1 + (h / 10) % 3] end,
           now() + make_interval(mins => (h % 172800) - 86400),
           ${deadline}::jsonb, '{"article":"第十九条"}'::jsonb, array['provided','refused'], array['refused'],
           r.created_at
    from (select r.*, row_number() over () as rn from requests r where r.workflow_id like 'bench-%') r
    cross join (values (1, 'review'), (2, 'provide')) as s(n, step)
    cross join lateral (select abs(hashtext(r.id::text || s.step)) as h) hh
    where (r.rn - 1) * 2 + s.n <= ${taskCount}`);
  await db.execute(sql`analyze requests`);
  await db.execute(sql`analyze tasks`);
}

export async function time(fn: () => Promise<unknown>, iterations: number): Promise<number[]> {
  for (let i = 0; i < Math.min(50, iterations); i++) await fn();
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
 * The task queue's p99 with 100,000 tasks in Postgres: `GET /api/tasks` with filters for a department and with
 * `scope=level` for the authority, through the whole route (`inject`: auth, validation, query, views), against a
 * primary-key lookup of one task on the same connection pool. Prints the plans of the two main queries.
 */
export async function runTaskQueueBench(opts: TaskQueueBenchOptions = {}): Promise<TaskQueueBenchResult> {
  const taskCount = opts.tasks ?? Number(process.env.BENCH_TASKS ?? 100_000);
  const iterations = opts.iterations ?? Number(process.env.BENCH_TASK_QUEUE_ITERATIONS ?? 500);
  const log = opts.log ?? ((line: string) => console.log(line));
  const dir = resolve(DATA_DIR, 'bench', 'task-queue');
  rmSync(dir, { recursive: true, force: true });
  const pg = new RestartablePostgres(resolve(dir, 'pg', 'data'), await freePort());
  await pg.start();
  const { db, close } = connectDb(pg.url, { max: 10 });
  try {
    await migrateDb(pg.url);
    await seedReferenceData(db);
    const t0 = performance.now();
    await insertData(db, taskCount);
    const [counts] = await db.execute<{ tasks: number; requests: number }>(
      sql`select (select count(*)::int from tasks) as tasks, (select count(*)::int from requests) as requests`,
    );
    log(`task-queue: ${counts!.tasks.toLocaleString('en')} tasks of ${counts!.requests.toLocaleString('en')} requests inserted in ${Math.round(performance.now() - t0)} ms`);

    // GET /api/tasks never reaches Temporal.
    const app = await buildApp({
      db,
      temporal: {} as Client,
      taskQueue: 'unused',
      calendar: new CalendarStore(db),
      security: { rateLimitPerMinute: 1e9, loginAttemptsPerMinute: 1e9, corsOrigins: [] },
    });
    const department = await token(app, 'mzt.li');
    const authority = await token(app, 'data.chen');

    const ids = (await db.select({ id: tasks.id }).from(tasks).limit(5000)).map((r) => r.id);
    let k = 0;
    const pk = await time(() => db.select().from(tasks).where(eq(tasks.id, ids[k++ % ids.length]!)), iterations);
    const baseline = { name: 'select * from tasks where id = $1', p50: round(pk[pk.length >> 1]!), p99: round(percentile(pk, 99)), max: round(pk[pk.length - 1]!) };
    log(`  baseline primary-key lookup           p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`);

    const dueAfter = new Date(Date.now() - 5 * 86_400_000).toISOString();
    const cases: Array<{ name: string; token: string; url: string }> = [
      { name: 'department queue (open)', token: department, url: '/api/tasks' },
      { name: 'department: process + overdue', token: department, url: '/api/tasks?process=share-request&overdue=true' },
      { name: 'department: status=all, due after', token: department, url: `/api/tasks?status=all&dueAfter=${dueAfter}` },
      { name: 'authority level (open)', token: authority, url: '/api/tasks?scope=level' },
      { name: 'authority level: department + process', token: authority, url: '/api/tasks?scope=level&department=hb-gat&process=share-request' },
      { name: 'authority level: rung', token: authority, url: '/api/tasks?scope=level&rung=government-report' },
      { name: 'authority level: overdue, page 2', token: authority, url: '/api/tasks?scope=level&overdue=true' },
      { name: 'authority own queue', token: authority, url: '/api/tasks?limit=50' },
    ];
    const queries: QueryTiming[] = [];
    for (const c of cases) {
      let url = c.url;
      if (c.name.endsWith('page 2')) {
        const first = await app.inject({ url, headers: { authorization: `Bearer ${c.token}` } });
        const cursor = first.headers['x-next-cursor'];
        if (typeof cursor === 'string') url += `&cursor=${cursor}`;
      }
      let rows = 0;
      const timings = await time(async () => {
        const r = await app.inject({ url, headers: { authorization: `Bearer ${c.token}` } });
        if (r.statusCode !== 200) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
        rows = (r.json() as unknown[]).length;
      }, iterations);
      const q: QueryTiming = {
        name: c.name,
        url,
        rows,
        p50: round(timings[timings.length >> 1]!),
        p99: round(percentile(timings, 99)),
        max: round(timings[timings.length - 1]!),
        ratio: 0,
      };
      q.ratio = round(q.p99 / baseline.p99, 1);
      queries.push(q);
      log(`  ${c.name.padEnd(38)} p50 ${String(q.p50).padStart(6)} ms  p99 ${String(q.p99).padStart(6)} ms  (${rows} rows, ${q.ratio}x baseline p99)`);
    }

    // The same two pages without the route around them: the database's share of the time.
    const chen = (await loadUser(db, 'u-data-chen'))!;
    const li = (await loadUser(db, 'u-mzt-li'))!;
    const sqlOnly: TaskQueueBenchResult['sqlOnly'] = {};
    for (const [name, run] of [
      ['department queue (open)', () => queryTasks(db, li, {})],
      ['authority level (open)', () => queryTasks(db, chen, { scope: 'level' })],
    ] as const) {
      const t = await time(run, iterations);
      sqlOnly[name] = { p50: round(t[t.length >> 1]!), p99: round(percentile(t, 99)) };
      log(`  query only: ${name.padEnd(26)} p50 ${sqlOnly[name].p50} ms  p99 ${sqlOnly[name].p99} ms`);
    }

    const plans: Record<string, string> = {};
    const explain = async (name: string, query: ReturnType<typeof sql>) => {
      const rows = await db.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers off, timing off, summary on) ${query}`);
      plans[name] = rows.map((r) => r['QUERY PLAN']).join('\n');
    };
    const columns = sql`t.*, r.process, r.requester_department_id, r.catalogue_entry_id`;
    await explain(
      'department queue',
      sql`select ${columns} from tasks t join requests r on t.request_id = r.id
          where t.assignee_department_id = 'hb-mzt' and t.assignee_role in ('requester','provider') and t.status = 'open'
          order by t.due_at, t.id limit 51`,
    );
    await explain(
      'authority level',
      sql`select ${columns} from tasks t join requests r on t.request_id = r.id
          where r.authority_department_id = 'hb-data' and t.status = 'open' order by t.due_at, t.id limit 51`,
    );
    await explain(
      'authority level, rung',
      sql`select ${columns} from tasks t join requests r on t.request_id = r.id
          where r.authority_department_id = 'hb-data' and t.status = 'open' and t.rung = 'government-report' order by t.due_at, t.id limit 51`,
    );
    for (const [name, plan] of Object.entries(plans)) log(`  plan: ${name}\n${plan.replace(/^/gm, '    ')}`);
    await app.close();

    const worst = Math.max(...queries.map((q) => q.p99));
    const result: TaskQueueBenchResult = {
      bench: 'task-queue',
      tasks: counts!.tasks,
      requests: counts!.requests,
      iterations,
      baseline,
      queries,
      sqlOnly,
      plans,
      target: { p99Ms: targetP99Ms, met: worst < targetP99Ms, worstP99: worst },
    };
    log(`  target p99 < ${targetP99Ms} ms: ${result.target.met ? 'met' : 'MISSED'} (worst ${worst} ms)`);
    log(JSON.stringify({ ...result, plans: undefined }));
    return result;
  } finally {
    await close();
    await pg.stop();
  }
}
