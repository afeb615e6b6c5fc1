import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { connectDb, type Db } from '../db/client';
import { requests } from '../db/schema';
import { packFor } from '../rules';
import { workflowIdFor, workflowTypes, type CaseInput } from '../workflows/messages';
import { rssMiB } from './support/cpu';
import { Part, percentile, round, sleep, System } from './support/stack';

/** Lateness and memory of one phase. */
export interface TimerPhase {
  workflows: number;
  /** Seconds to start them all (and, for cases, to open their tasks). */
  startSeconds: number;
  /** The most workflows open with their timer pending at one time. */
  peakPending: number;
  fired: number;
  /** Fired instant (workflow clock) minus the scheduled instant, ms. */
  lateness: { p50: number; p99: number; max: number; over2s: number };
  /** Timers whose instant had passed before the workflow had planned them (start backlog), excluded from lateness. */
  plannedLate: number;
  workerRssMiB: { idle: number; peak: number; end: number };
}

/** Result of {@link runTimersBench}. */
export interface TimersBenchResult {
  bench: 'timers';
  workflows: number;
  delaySeconds: number;
  baseline: TimerPhase;
  escalations: TimerPhase;
  ratio: { p99: number; rssPeak: number };
  target: { lateMs: number; met: boolean };
}

/** Options of {@link runTimersBench}. */
export interface TimersBenchOptions {
  /** @default 10_000 (env BENCH_TIMERS) */
  workflows?: number;
  /** Each timer falls due this long after its workflow starts. @default 300 (env BENCH_TIMERS_DELAY_S) */
  delaySeconds?: number;
  log?: (line: string) => void;
}

const targetLateMs = 2_000;

function summarise(late: number[]): TimerPhase['lateness'] {
  const s = [...late].sort((a, b) => a - b);
  return { p50: round(percentile(s, 50)), p99: round(percentile(s, 99)), max: round(s[s.length - 1] ?? NaN), over2s: s.filter((x) => x > targetLateMs).length };
}

async function pool<T>(items: readonly T[], concurrency: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    for (let i = next++; i < items.length; i = next++) await fn(items[i]!);
  }));
}

/** Samples a process's RSS every second until stopped. */
function rssSampler(pid: () => number | undefined) {
  let peak = 0;
  const timer = setInterval(() => (peak = Math.max(peak, rssMiB(pid()) || 0)), 1000);
  return { peak: () => peak, stop: () => clearInterval(timer) };
}

async function baselinePhase(system: System, client: Client, n: number, delayMs: number, log: (l: string) => void): Promise<TimerPhase> {
  const taskQueue = `timers-baseline-${randomUUID()}`;
  const worker = new Part('worker', { TEMPORAL_ADDRESS: system.temporal.address, TEMPORAL_TASK_QUEUE: taskQueue }, ['bench/support/sleep-worker.ts']);
  worker.start();
  await sleep(8_000);
  const idle = rssMiB(worker.pid);
  const sampler = rssSampler(() => worker.pid);
  const t0 = Date.now();
  const ids = Array.from({ length: n }, (_, i) => `timer-${i}`);
  await pool(ids, 50, async (id) => {
    await client.workflow.start('sleepTimerWorkflow', { taskQueue, workflowId: id, args: [new Date(Date.now() + delayMs).toISOString()] });
  });
  const startSeconds = (Date.now() - t0) / 1000;
  log(`  baseline: ${n} sleep-timer workflows started in ${round(startSeconds, 1)} s`);
  const late: number[] = [];
  await pool(ids, 50, async (id) => {
    const r = (await client.workflow.getHandle(id).result()) as { scheduledAt: string; firedAt: string };
    late.push(Date.parse(r.firedAt) - Date.parse(r.scheduledAt));
  });
  const end = rssMiB(worker.pid);
  sampler.stop();
  await worker.stop('SIGINT');
  return {
    workflows: n,
    startSeconds: round(startSeconds, 1),
    peakPending: Math.min(n, Math.round((n * delayMs) / 1000 / Math.max(startSeconds, 0.001))),
    fired: late.length,
    lateness: summarise(late),
    plannedLate: 0,
    workerRssMiB: { idle, peak: sampler.peak(), end },
  };
}

async function escalationPhase(system: System, db: Db, client: Client, n: number, delayMs: number, log: (l: string) => void): Promise<TimerPhase> {
  await sleep(8_000);
  const idle = rssMiB(system.worker.pid);
  const sampler = rssSampler(() => system.worker.pid);
  const pack = packFor('hebei', new Date().toISOString()).id;
  const parties = { requester: 'hb-mzt', provider: 'hb-scjgj', authority: 'hb-data', government: 'hb-gov', upperAuthority: 'nda' };
  const ids = Array.from({ length: n }, () => randomUUID());
  // The read-model rows in bulk, as the API would have written them; the workflows are then started directly.
  for (let i = 0; i < n; i += 1000) {
    await db.insert(requests).values(
      ids.slice(i, i + 1000).map((id) => ({
        id,
        process: 'share-request' as const,
        status: 'received',
        jurisdiction: 'hebei',
        pack,
        requesterDepartmentId: parties.requester,
        providerDepartmentId: parties.provider,
        authorityDepartmentId: parties.authority,
        catalogueEntryId: 'HB-SCJGJ-0001',
        scenario: '压测：定时升级',
        details: {},
        receivedAt: new Date(),
        workflowId: workflowIdFor('share-request', id),
        createdBy: 'u-mzt-li',
      })),
    );
  }
  const t0 = Date.now();
  await pool(ids, 50, async (id) => {
    // The compressed ladder fires the overdue rung `delay` after this receipt instant.
    const input: CaseInput = {
      requestId: id,
      pack,
      jurisdiction: 'hebei',
      receivedAt: new Date().toISOString(),
      parties,
      catalogueEntryId: 'HB-SCJGJ-0001',
      submittedBy: 'u-mzt-li',
    };
    await client.workflow.start(workflowTypes.shareRequest, { taskQueue: system.taskQueue, workflowId: workflowIdFor('share-request', id), args: [input] });
  });
  const started = (Date.now() - t0) / 1000;
  const count = async (q: ReturnType<typeof sql>) => (await db.execute<{ n: number }>(q))[0]!.n;
  let peakPending = 0;
  for (;;) {
    const [opened, fired] = [await count(sql`select count(*)::int as n from tasks`), await count(sql`select count(*)::int as n from escalations`)];
    peakPending = Math.max(peakPending, opened - fired);
    if (fired >= n) break;
    if (Date.now() - t0 > delayMs + 30 * 60_000) {
      log(`  gave up waiting: ${fired} of ${n} fired`);
      break;
    }
    await sleep(1000);
  }
  log(`  escalations: ${n} share-request workflows started in ${round(started, 1)} s`);
  const rows = await db.execute<{ late: number; planned_late: boolean }>(sql`
    select extract(epoch from (e.fired_at - e.scheduled_at)) * 1000 as late, t.created_at > e.scheduled_at as planned_late
    from escalations e join tasks t on t.id = e.task_id`);
  const end = rssMiB(system.worker.pid);
  sampler.stop();
  const onTime = rows.filter((r) => !r.planned_late).map((r) => Number(r.late));
  return {
    workflows: n,
    startSeconds: round(started, 1),
    peakPending,
    fired: rows.length,
    lateness: summarise(onTime),
    plannedLate: rows.length - onTime.length,
    workerRssMiB: { idle, peak: sampler.peak(), end },
  };
}

/**
 * 10,000 open workflows each with a pending timer on the dev server. Baseline: a plain `sleep` workflow per timer on a
 * worker of its own. Then real share-request workflows (request rows inserted in bulk, workflows started with the
 * client) on the compressed-ladder worker, whose overdue rung falls due `delay` after each receipt: lateness is
 * escalations.fired_at − scheduled_at; memory is each worker process's RSS.
 */
export async function runTimersBench(opts: TimersBenchOptions = {}): Promise<TimersBenchResult> {
  const n = opts.workflows ?? Number(process.env.BENCH_TIMERS ?? 10_000);
  const delaySeconds = opts.delaySeconds ?? Number(process.env.BENCH_TIMERS_DELAY_S ?? 300);
  const log = opts.log ?? ((line: string) => console.log(line));
  const system = new System({ name: 'bench/timers', api: false, compressedLadder: `overdue:${delaySeconds}`, log: (l) => log(`  ${l}`) });
  log(`timers: ${n.toLocaleString('en')} workflows, each timer due ${delaySeconds} s after its start`);
  await system.start();
  const handle = connectDb(system.pg.url, { max: 4 });
  const connection = await Connection.connect({ address: system.temporal.address });
  const client = new Client({ connection, namespace: 'default' });
  try {
    const baseline = await baselinePhase(system, client, n, delaySeconds * 1000, log);
    log(`  baseline   lateness p50 ${baseline.lateness.p50} ms p99 ${baseline.lateness.p99} ms max ${baseline.lateness.max} ms; worker RSS peak ${baseline.workerRssMiB.peak} MiB`);
    const escalations = await escalationPhase(system, handle.db, client, n, delaySeconds * 1000, log);
    log(
      `  escalation lateness p50 ${escalations.lateness.p50} ms p99 ${escalations.lateness.p99} ms max ${escalations.lateness.max} ms ` +
        `(${escalations.lateness.over2s} over 2 s, ${escalations.plannedLate} planned after their instant); peak ${escalations.peakPending} pending; ` +
        `worker RSS idle ${escalations.workerRssMiB.idle} peak ${escalations.workerRssMiB.peak} MiB`,
    );
    const result: TimersBenchResult = {
      bench: 'timers',
      workflows: n,
      delaySeconds,
      baseline,
      escalations,
      ratio: {
        p99: round(escalations.lateness.p99 / Math.max(baseline.lateness.p99, 1)),
        rssPeak: round(escalations.workerRssMiB.peak / Math.max(baseline.workerRssMiB.peak, 1)),
      },
      target: { lateMs: targetLateMs, met: escalations.lateness.over2s === 0 && escalations.plannedLate === 0 && escalations.fired === n },
    };
    log(`  target every escalation within ${targetLateMs} ms: ${result.target.met ? 'met' : 'MISSED'}`);
    log(JSON.stringify(result));
    return result;
  } catch (error) {
    // Said before the connection closes: calls still retrying on it then fail on their own and end the process.
    log(`timers: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    throw error;
  } finally {
    await connection.close();
    await handle.close();
    await system.stop();
  }
}
