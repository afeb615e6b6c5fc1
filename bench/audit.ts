import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { appendAudit, appendAuditGlobalChain, auditChainOf, auditGenesis, auditHash } from '../db/audit';
import { anchorAudit } from '../db/audit-anchor';
import { verifyAuditTrail } from '../db/audit-trail';
import { connectDb, type Db } from '../db/client';
import { migrateDb } from '../db/migrate';
import { auditChainHeads } from '../db/schema';
import { DATA_DIR } from '../scripts/paths';
import { freePort, RestartablePostgres, round } from './support/stack';

/** Result of {@link runAuditBench}. */
export interface AuditBenchResult {
  bench: 'audit';
  writers: number;
  appendsPerWriter: number;
  cases: number;
  /** Appends per second, each in its own transaction with a state change, 8 writers at once. */
  throughput: { globalChain: number; perCaseChains: number; perCaseOneCase: number; ratio: number };
  verification: { rows: number; chains: number; leaves: number; seconds: number; rowsPerSecond: number; peakRssDeltaMiB: number; intact: boolean };
  anchoring: { leaves: number; seconds: number };
}

export interface AuditBenchOptions {
  /** @default 8 */
  writers?: number;
  /** @default 1500 (env BENCH_AUDIT_APPENDS) */
  appendsPerWriter?: number;
  /** Rows verified. @default 1_000_000 (env BENCH_AUDIT_ROWS) */
  rows?: number;
  log?: (line: string) => void;
}

/** 8 writers, each appending `n` events (state change + audit row, one transaction), to cases drawn from `cases`. */
async function appendLoad(db: Db, writers: number, n: number, cases: string[], append: typeof appendAudit): Promise<number> {
  const started = performance.now();
  await Promise.all(
    Array.from({ length: writers }, async (_, w) => {
      for (let i = 0; i < n; i += 1) {
        const requestId = cases[(w * 7919 + i * 104729) % cases.length]!;
        await db.transaction(async (tx) => {
          // The state change the row records (a case's own row, as the app's writes are).
          await tx.execute(sql`update bench_cases set version = version + 1 where id = ${requestId}`);
          await append(tx, { eventKey: `bench:${w}:${i}:${randomUUID()}`, at: new Date(), action: 'task.updated', requestId, details: { w, i } });
        });
      }
    }),
  );
  return (writers * n) / ((performance.now() - started) / 1000);
}

/** 1,000,000 rows in chains of ten (100,000 cases), written directly with their hashes and heads. */
async function fillRows(db: Db, url: string, rows: number, log: (line: string) => void): Promise<void> {
  const perChain = 10;
  const batch = 4000;
  const at = new Date(Date.UTC(2026, 0, 5));
  const client = postgres(url, { max: 1, onnotice: () => undefined });
  let pending: Array<Record<string, string | number | null>> = [];
  const heads: Array<typeof auditChainHeads.$inferInsert> = [];
  const columns = ['event_key', 'at', 'action', 'actor_user_id', 'actor_department_id', 'request_id', 'task_id', 'details', 'prev_hash', 'hash', 'chain', 'seq'];
  const flush = async () => {
    if (pending.length > 0) await client`insert into audit_log ${client(pending, columns)}`;
    pending = [];
  };
  let prev = auditGenesis;
  let requestId = '';
  for (let i = 0; i < rows; i += 1) {
    const seq = (i % perChain) + 1;
    if (seq === 1) {
      requestId = randomUUID();
      prev = auditGenesis;
    }
    const event = { eventKey: `fill:${i}`, at, action: 'task.updated', actorUserId: 'u-bench', actorDepartmentId: 'hb-data', requestId, taskId: `${requestId}/review/1`, details: { i } };
    const chain = auditChainOf(event);
    const hash = auditHash(prev, { ...event, chain, seq });
    pending.push({
      event_key: event.eventKey, at: at.toISOString(), action: event.action, actor_user_id: event.actorUserId, actor_department_id: event.actorDepartmentId,
      request_id: requestId, task_id: event.taskId, details: client.json(event.details) as unknown as string, prev_hash: prev, hash, chain, seq,
    });
    prev = hash;
    if (seq === perChain || i === rows - 1) heads.push({ chain, seq, hash });
    if (pending.length >= batch) await flush();
    if (i > 0 && i % 200_000 === 0) log(`  audit: ${i} rows written`);
  }
  await flush();
  await client.end();
  for (let i = 0; i < heads.length; i += batch) await db.insert(auditChainHeads).values(heads.slice(i, i + batch));
}

/**
 * `npm run bench -- audit`: append throughput of 8 concurrent writers with the old global chain (one advisory lock)
 * and with chains per case, in the same run on the same Postgres; then anchoring and verifying 1,000,000 rows (time and
 * the verifier's memory).
 */
export async function runAuditBench(options: AuditBenchOptions = {}): Promise<AuditBenchResult> {
  const log = options.log ?? console.log;
  const writers = options.writers ?? 8;
  const appendsPerWriter = options.appendsPerWriter ?? Number(process.env.BENCH_AUDIT_APPENDS ?? 1500);
  const rows = options.rows ?? Number(process.env.BENCH_AUDIT_ROWS ?? 1_000_000);
  const dir = resolve(DATA_DIR, 'bench', 'audit');
  rmSync(dir, { recursive: true, force: true });
  const pg = new RestartablePostgres(resolve(dir, 'pg', 'data'), await freePort());
  await pg.start();
  const admin = postgres(pg.url, { max: 1, onnotice: () => undefined });
  const database = async (name: string) => {
    await admin.unsafe(`create database ${name}`);
    const url = Object.assign(new URL(pg.url), { pathname: `/${name}` }).toString();
    await migrateDb(url);
    const handle = connectDb(url, { max: writers + 2 });
    await handle.db.execute(sql`create table bench_cases (id uuid primary key, version int not null default 0)`);
    return { ...handle, url };
  };
  try {
    const cases = Array.from({ length: 1000 }, () => randomUUID());
    const run = async (name: string, append: typeof appendAudit, on: string[]) => {
      const handle = await database(name);
      try {
        await handle.db.execute(sql`insert into bench_cases (id) select unnest(${sql.raw(`array[${on.map((c) => `'${c}'::uuid`).join(',')}]`)})`);
        await appendLoad(handle.db, writers, 50, on, append); // warm-up
        return await appendLoad(handle.db, writers, appendsPerWriter, on, append);
      } finally {
        await handle.close();
      }
    };
    const globalChain = await run('bench_global', appendAuditGlobalChain, cases);
    log(`audit: global chain (one lock)      ${round(globalChain, 0)} appends/s with ${writers} writers`);
    const perCaseChains = await run('bench_per_case', appendAudit, cases);
    log(`audit: chains per case              ${round(perCaseChains, 0)} appends/s (${round(perCaseChains / globalChain)}× the global chain)`);
    const perCaseOneCase = await run('bench_one_case', appendAudit, cases.slice(0, 1));
    log(`audit: chains per case, all on one  ${round(perCaseOneCase, 0)} appends/s (one chain: the worst case)`);

    const handle = await database('bench_verify');
    try {
      const filled = performance.now();
      await fillRows(handle.db, handle.url, rows, log);
      log(`audit: ${rows} rows written in ${round((performance.now() - filled) / 1000, 1)} s`);
      const anchorStart = performance.now();
      const anchor = await anchorAudit(handle.db);
      const anchoring = { leaves: anchor?.added ?? 0, seconds: round((performance.now() - anchorStart) / 1000, 2) };
      log(`audit: anchoring ${anchoring.leaves} chains took ${anchoring.seconds} s`);
      global.gc?.();
      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
      const started = performance.now();
      const result = await verifyAuditTrail(handle.db);
      const seconds = (performance.now() - started) / 1000;
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (!result.intact) log(`audit: NOT intact: ${JSON.stringify(result.problems.slice(0, 3))}`);
      const verification = {
        rows: result.rows,
        chains: result.chains,
        leaves: result.leaves,
        seconds: round(seconds, 1),
        rowsPerSecond: round(result.rows / seconds, 0),
        peakRssDeltaMiB: round((peak - before) / 2 ** 20, 1),
        intact: result.intact,
      };
      log(`audit: verified ${verification.rows} rows in ${verification.chains} chains and ${verification.leaves} leaves in ${verification.seconds} s (${verification.rowsPerSecond} rows/s), RSS +${verification.peakRssDeltaMiB} MiB, intact: ${verification.intact}`);
      const out: AuditBenchResult = {
        bench: 'audit',
        writers,
        appendsPerWriter,
        cases: cases.length,
        throughput: { globalChain: round(globalChain, 0), perCaseChains: round(perCaseChains, 0), perCaseOneCase: round(perCaseOneCase, 0), ratio: round(perCaseChains / globalChain) },
        verification,
        anchoring,
      };
      log(JSON.stringify(out));
      return out;
    } finally {
      await handle.close();
    }
  } finally {
    await admin.end();
    await pg.stop();
  }
}
