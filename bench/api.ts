import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import autocannon from 'autocannon';
import { sql } from 'drizzle-orm';
import { connectDb, type Db } from '../db/client';
import { ROOT } from '../scripts/paths';
import { coresUsed, cpuSnapshot } from './support/cpu';
import { freePort, login, round, sleep, System } from './support/stack';

/** One load level against one target. */
export interface LoadResult {
  target: 'api' | 'bare';
  /** Offered rate (requests/s); 0 = as fast as the connections allow. */
  rate: number;
  seconds: number;
  sent: number;
  created: number;
  /** Submissions answered 201 per second. */
  throughput: number;
  p50: number;
  p99: number;
  max: number;
  errors: number;
  non2xx: number;
  /** Cores used by each part of the system during the run. */
  cores?: Record<string, number>;
  /** API runs: cases whose task was not yet in the read model when the load stopped, and how long until it was (or the drain wait ran out). */
  backlogAtEnd?: number;
  drainMs?: number;
}

/** Result of {@link runApiBench}. */
export interface ApiBenchResult {
  bench: 'api';
  levels: Array<{ rate: number; api: LoadResult; bare: LoadResult; p99Ratio: number; sustained: boolean }>;
  saturation: { api: LoadResult; bare: LoadResult; ratio: number };
  verification: { accepted: number; requests: number; withOpenTask: number; tasks: number; inFlightAtLevelEnds: number; runningWorkflows: number; complete: boolean };
  target: { rate: number; p99Ms: number; met: boolean; bestSustainedRate: number };
  /** Which Temporal the run was on (BENCH_TEMPORAL_SERVER). */
  temporal: string;
  /**
   * CPU milliseconds per case of each process over the whole run after the warm-up (levels, drains, the final count;
   * idle work included), divided by the cases made: independent of how many cores the machine had free.
   */
  cpuMsPerCase: Record<string, number>;
}

/** Options of {@link runApiBench}; each may also come from the environment (`BENCH_API_RATES=50,100`, …). */
export interface ApiBenchOptions {
  /** @default [50, 100, 200, 300] */
  rates?: number[];
  /** Seconds per API level. @default 60 */
  seconds?: number;
  /** Seconds per baseline level. @default 15 */
  baselineSeconds?: number;
  /** Seconds of the unthrottled run. @default 20 */
  saturationSeconds?: number;
  /** @default 100 */
  connections?: number;
  log?: (line: string) => void;
}

const targetRate = 200;
const targetP99Ms = 100;

const body = JSON.stringify({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: '压测：社会组织登记时核验发起单位市场主体资格' });

function load(target: 'api' | 'bare', url: string, token: string, rate: number, seconds: number, connections: number): Promise<LoadResult> {
  return new Promise((done, fail) => {
    autocannon(
      {
        url: `${url}/api/share-requests`,
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body,
        connections,
        duration: seconds,
        ...(rate > 0 ? { overallRate: rate } : {}),
        timeout: 30,
      },
      (error, r) => {
        if (error) return fail(error);
        const created = Number(r.statusCodeStats?.['201']?.count ?? 0);
        done({
          target,
          rate,
          seconds,
          sent: r.requests.sent,
          created,
          throughput: round(created / seconds, 1),
          p50: r.latency.p50,
          p99: r.latency.p99,
          max: r.latency.max,
          errors: r.errors + r.timeouts,
          non2xx: r.non2xx,
        });
      },
    );
  });
}

async function counts(db: Db): Promise<{ requests: number; withOpenTask: number; tasks: number }> {
  const [row] = await db.execute<{ requests: number; with_open_task: number; tasks: number }>(sql`
    select (select count(*)::int from requests) as requests,
           (select count(distinct request_id)::int from tasks where status = 'open') as with_open_task,
           (select count(*)::int from tasks) as tasks`);
  return { requests: row!.requests, withOpenTask: row!.with_open_task, tasks: row!.tasks };
}

async function drain(db: Db, timeoutMs: number): Promise<{ backlog: number; ms: number }> {
  const t0 = Date.now();
  const first = await counts(db);
  const backlog = first.requests - first.withOpenTask;
  for (let c = first; c.withOpenTask < c.requests && Date.now() - t0 < timeoutMs; c = await counts(db)) await sleep(250);
  return { backlog, ms: Date.now() - t0 };
}

/**
 * Submit throughput and latency of the whole stack (embedded Postgres, Temporal dev server, a worker process and an
 * API process) at increasing offered load, against a bare Fastify route measured at the same rates in the same run;
 * then an unthrottled run of each, and a check that every accepted submission is a running workflow with its task.
 */
export async function runApiBench(opts: ApiBenchOptions = {}): Promise<ApiBenchResult> {
  const env = process.env;
  const rates = opts.rates ?? (env.BENCH_API_RATES ? env.BENCH_API_RATES.split(',').map(Number) : [50, 100, 200, 300]);
  const seconds = opts.seconds ?? Number(env.BENCH_API_SECONDS ?? 60);
  const baselineSeconds = opts.baselineSeconds ?? Number(env.BENCH_API_BASELINE_SECONDS ?? 15);
  const saturationSeconds = opts.saturationSeconds ?? Number(env.BENCH_API_SATURATION_SECONDS ?? 20);
  const connections = opts.connections ?? 100;
  // How long to let the worker catch up after each level, and at the end before counting.
  const drainMs = Number(env.BENCH_API_DRAIN_S ?? 120) * 1000;
  const verifyMs = Number(env.BENCH_API_VERIFY_S ?? 900) * 1000;
  const log = opts.log ?? ((line: string) => console.log(line));

  const system = new System({ name: 'bench/api', env: { RATE_LIMIT_PER_MINUTE: '1000000000' }, log: (l) => log(`  ${l}`) });
  log('api: starting Postgres, Temporal, a worker process and an API process on free ports…');
  await system.start();
  const barePort = await freePort();
  const bare = spawn(process.execPath, ['--import', 'tsx', resolve(ROOT, 'bench/support/bare-server.ts'), String(barePort)], { stdio: 'ignore' });
  const bareUrl = `http://127.0.0.1:${barePort}`;
  const handle = connectDb(system.pg.url, { max: 2 });
  const connection = await Connection.connect({ address: system.temporal.address });
  try {
    for (let i = 0; i < 100 && !(await fetch(`${bareUrl}/`).then(() => true, () => false)); i++) await sleep(100);
    const token = await login(system.apiBase, 'mzt.li');
    const pids = () => ({ api: system.api.pid, worker: system.worker.pid, bench: process.pid, bare: bare.pid });
    const measured = async (target: 'api' | 'bare', rate: number, secs: number): Promise<LoadResult> => {
      const before = cpuSnapshot(pids(), system.temporal.trees());
      const r = await load(target, target === 'api' ? system.apiBase : bareUrl, token, rate, secs, connections);
      r.cores = coresUsed(before, cpuSnapshot(pids(), system.temporal.trees()), secs);
      return r;
    };
    let accepted = 0;
    log('  warm-up: 5 s at 20/s on each');
    await measured('bare', 20, 5);
    accepted += (await measured('api', 20, 5)).created;
    await drain(handle.db, drainMs);
    const requestsBefore = (await counts(handle.db)).requests;
    const cpuBefore = cpuSnapshot(pids(), system.temporal.trees());

    const levels: ApiBenchResult['levels'] = [];
    for (const rate of rates) {
      const b = await measured('bare', rate, baselineSeconds);
      const a = await measured('api', rate, seconds);
      accepted += a.created;
      const d = await drain(handle.db, drainMs);
      a.backlogAtEnd = d.backlog;
      a.drainMs = d.ms;
      const sustained = a.errors === 0 && a.non2xx === 0 && a.throughput >= rate * 0.98 && a.p99 < targetP99Ms;
      levels.push({ rate, api: a, bare: b, p99Ratio: round(a.p99 / Math.max(b.p99, 1)), sustained });
      log(
        `  ${String(rate).padStart(4)}/s  api ${a.throughput}/s p50 ${a.p50} ms p99 ${a.p99} ms (errors ${a.errors}, non-2xx ${a.non2xx})` +
          ` | bare p50 ${b.p50} ms p99 ${b.p99} ms | worker backlog ${d.backlog} drained in ${d.ms} ms | cores ${JSON.stringify(a.cores)}`,
      );
    }
    const sb = await measured('bare', 0, Math.min(saturationSeconds, 10));
    const sa = await measured('api', 0, saturationSeconds);
    accepted += sa.created;
    const sd = await drain(handle.db, drainMs);
    await drain(handle.db, verifyMs);
    sa.backlogAtEnd = sd.backlog;
    sa.drainMs = sd.ms;
    log(`  unthrottled (${connections} connections): api ${sa.throughput}/s p50 ${sa.p50} ms p99 ${sa.p99} ms | bare ${sb.throughput}/s p99 ${sb.p99} ms`);
    log(`    backlog ${sd.backlog} drained in ${sd.ms} ms | cores ${JSON.stringify(sa.cores)}`);

    const c = await counts(handle.db);
    const cpuAfter = cpuSnapshot(pids(), system.temporal.trees());
    const cases = Math.max(c.requests - requestsBefore, 1);
    const cpuMsPerCase = Object.fromEntries(
      Object.entries(cpuAfter)
        .filter(([k]) => k !== 'bare')
        .map(([k, v]) => [k, round(((v - (cpuBefore[k] ?? 0)) * 1000) / cases, 1)]),
    );
    log(`  CPU per case over the run (${cases} cases, Temporal: ${system.temporal.store}): ${JSON.stringify(cpuMsPerCase)} ms`);
    const client = new Client({ connection, namespace: 'default' });
    let runningWorkflows = -1;
    for (let i = 0; i < 60; i++) {
      runningWorkflows = (await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Running"`)).count;
      if (runningWorkflows >= c.requests) break;
      await sleep(1000);
    }
    // autocannon stops counting when a level ends, so requests in flight then were saved but their 201 not counted:
    // every counted 201 must be a request, and every request a running workflow with its open task.
    const verification = {
      accepted,
      ...c,
      inFlightAtLevelEnds: c.requests - accepted,
      runningWorkflows,
      complete: accepted <= c.requests && c.withOpenTask === c.requests && runningWorkflows === c.requests,
    };
    log(
      `  verified: ${accepted} answered 201 within the levels (+${verification.inFlightAtLevelEnds} in flight as a level ended), ` +
        `${c.requests} requests, ${c.withOpenTask} with an open task (${c.tasks} tasks), ` +
        `${runningWorkflows} running workflows: ${verification.complete ? 'complete' : 'INCOMPLETE'}`,
    );
    const best = Math.max(0, ...levels.filter((l) => l.sustained).map((l) => l.rate));
    const result: ApiBenchResult = {
      bench: 'api',
      levels,
      saturation: { api: sa, bare: sb, ratio: round(sa.throughput / Math.max(sb.throughput, 1), 4) },
      verification,
      target: { rate: targetRate, p99Ms: targetP99Ms, met: best >= targetRate && verification.complete, bestSustainedRate: best },
      temporal: system.temporal.store,
      cpuMsPerCase,
    };
    log(`  target ≥ ${targetRate}/s with p99 < ${targetP99Ms} ms: ${result.target.met ? 'met' : 'MISSED'} (best sustained ${best}/s)`);
    log(JSON.stringify(result));
    return result;
  } finally {
    bare.kill('SIGTERM');
    await connection.close();
    await handle.close();
    await system.stop();
  }
}
