import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Client } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/app';
import { installDomainMetrics, readDomainSnapshot } from '../api/plugins/domain-metrics';
import { createMetrics } from '../api/plugins/metrics';
import { CalendarStore } from '../db/calendar-store';
import { connectDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { tasks } from '../db/schema';
import { seedReferenceData } from '../db/seed';
import { DATA_DIR } from '../scripts/paths';
import { freePort, percentile, RestartablePostgres, round } from './support/stack';
import { insertData, time } from './task-queue';

interface Timing {
  p50: number;
  p99: number;
  max: number;
}

/** Result of {@link runMetricsBench}. */
export interface MetricsBenchResult {
  bench: 'metrics';
  tasks: number;
  escalations: number;
  iterations: number;
  baseline: Timing;
  /** The two grouped queries alone. */
  reading: Timing & { ratio: number };
  /** `GET /metrics` through the route, reading the database on every scrape (`METRICS_DOMAIN_CACHE_SECONDS=0`). */
  scrapeUncached: Timing & { ratio: number };
  /** `GET /metrics` served from the cache (the default 15 s). */
  scrapeCached: Timing & { ratio: number };
  /** 100 scrapes at once on an expired cache: how many readings of the database they caused, and how long they took together. */
  storm: { scrapes: number; readings: number; wallMs: number };
  domainSeries: number;
  bytes: number;
  plan: string;
}

const stats = (t: number[]): Timing => ({ p50: round(t[t.length >> 1]!), p99: round(percentile(t, 99)), max: round(t[t.length - 1]!) });

/**
 * The cost of the domain metrics with 100,000 tasks (the task-queue bench's data, completed tasks given completion
 * instants a quarter of them after their deadline, and an escalation for every task with a rung): the reading of the
 * read model alone, a whole `GET /metrics` uncached and cached, and a storm of scrapes, against a primary-key lookup.
 */
export async function runMetricsBench(): Promise<MetricsBenchResult> {
  const taskCount = Number(process.env.BENCH_TASKS ?? 100_000);
  const iterations = Number(process.env.BENCH_METRICS_ITERATIONS ?? 200);
  const log = (line: string) => console.log(line);
  const dir = resolve(DATA_DIR, 'bench', 'metrics');
  rmSync(dir, { recursive: true, force: true });
  const pg = new RestartablePostgres(resolve(dir, 'pg', 'data'), await freePort());
  await pg.start();
  const { db, close } = connectDb(pg.url, { max: 10 });
  const apps: FastifyInstance[] = [];
  try {
    await migrateDb(pg.url);
    await seedReferenceData(db);
    const t0 = performance.now();
    await insertData(db, taskCount);
    await db.execute(sql`
      update tasks set completed_at = due_at + make_interval(hours => (abs(hashtext(id)) % 96) - 72)
      where status = 'completed'`);
    await db.execute(sql`
      insert into escalations (id, task_id, request_id, rung, scheduled_at, fired_at, responsible_department_id)
      select t.id || '/' || t.rung, t.id, t.request_id, t.rung, t.due_at, t.due_at, t.assignee_department_id
      from tasks t where t.rung is not null`);
    await db.execute(sql`vacuum analyze tasks`);
    await db.execute(sql`vacuum analyze escalations`);
    const [counts] = await db.execute<{ tasks: number; escalations: number; late: number }>(
      sql`select (select count(*)::int from tasks) as tasks, (select count(*)::int from escalations) as escalations,
                 (select count(*)::int from tasks where completed_at > due_at) as late`,
    );
    log(`metrics: ${counts!.tasks.toLocaleString('en')} tasks (${counts!.late.toLocaleString('en')} completed late), ${counts!.escalations.toLocaleString('en')} escalations, in ${Math.round(performance.now() - t0)} ms`);

    const calendars = new CalendarStore(db);
    const ids = (await db.select({ id: tasks.id }).from(tasks).limit(5000)).map((r) => r.id);
    let k = 0;
    const baseline = stats(await time(() => db.select().from(tasks).where(eq(tasks.id, ids[k++ % ids.length]!)), iterations));
    log(`  baseline primary-key lookup        p50 ${baseline.p50} ms  p99 ${baseline.p99} ms`);
    const ratio = (t: Timing) => ({ ...t, ratio: round(t.p99 / baseline.p99, 1) });

    const reading = ratio(stats(await time(() => readDomainSnapshot(db, new Date()), iterations)));
    log(`  reading (two grouped queries)      p50 ${reading.p50} ms  p99 ${reading.p99} ms  (${reading.ratio}x baseline p99)`);

    const app = async (ttlMs: number) => {
      const metrics = createMetrics();
      installDomainMetrics(metrics, { db, calendar: () => calendars.current(), ttlMs });
      const a = await buildApp({
        db,
        temporal: {} as Client,
        taskQueue: 'unused',
        calendar: calendars,
        security: { rateLimitPerMinute: 1e9, loginAttemptsPerMinute: 1e9, corsOrigins: [], metricsToken: 'bench' },
        metrics,
      });
      apps.push(a);
      return { app: a, metrics };
    };
    const scrape = async (a: FastifyInstance) => {
      const r = await a.inject({ url: '/metrics', headers: { authorization: 'Bearer bench' } });
      if (r.statusCode !== 200) throw new Error(`/metrics: ${r.statusCode}`);
      return r.body;
    };
    const uncached = await app(0);
    const body = await scrape(uncached.app);
    const domainSeries = body.split('\n').filter((l) => /^gds_(tasks|task_oldest|escalations)_?\w*\{/.test(l)).length;
    const scrapeUncached = ratio(stats(await time(() => scrape(uncached.app), iterations)));
    log(`  GET /metrics, no cache             p50 ${scrapeUncached.p50} ms  p99 ${scrapeUncached.p99} ms  (${scrapeUncached.ratio}x; ${domainSeries} domain series, ${body.length} bytes)`);
    const cached = await app(15_000);
    const scrapeCached = ratio(stats(await time(() => scrape(cached.app), iterations)));
    log(`  GET /metrics, cached               p50 ${scrapeCached.p50} ms  p99 ${scrapeCached.p99} ms  (${scrapeCached.ratio}x)`);

    const stormy = await app(15_000);
    const readings = async () => Number(/^gds_domain_metrics_refreshes_total (\d+)$/m.exec(await stormy.metrics.registry.metrics())![1]);
    const s0 = performance.now();
    await Promise.all(Array.from({ length: 100 }, () => scrape(stormy.app)));
    const storm = { scrapes: 100, readings: await readings(), wallMs: round(performance.now() - s0, 0) };
    log(`  100 scrapes at once, cache expired: ${storm.readings} reading(s) of the database, ${storm.wallMs} ms for all`);

    const plan = (
      await db.execute<{ 'QUERY PLAN': string }>(sql`explain (analyze, buffers on, timing off, summary on)
        select t.assignee_department_id, t.step, count(*) filter (where t.status = 'open'),
               count(*) filter (where t.status = 'open' and t.due_at < now()), count(*) filter (where t.status = 'completed'),
               count(*) filter (where t.status = 'completed' and t.completed_at > t.due_at), min(t.created_at) filter (where t.status = 'open')
        from tasks t group by 1, 2`)
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    log(`  plan:\n${plan.replace(/^/gm, '    ')}`);
    const result: MetricsBenchResult = {
      bench: 'metrics',
      tasks: counts!.tasks,
      escalations: counts!.escalations,
      iterations,
      baseline,
      reading,
      scrapeUncached,
      scrapeCached,
      storm,
      domainSeries,
      bytes: body.length,
      plan,
    };
    log(JSON.stringify({ ...result, plan: undefined }));
    return result;
  } finally {
    for (const a of apps) await a.close();
    await close();
    await pg.stop();
  }
}
