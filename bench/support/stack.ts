/**
 * The whole system as separate processes on free ports, for benchmarks and fault tests: an embedded Postgres and a
 * Temporal — the dev server, or with BENCH_TEMPORAL_SERVER=postgres (or TEST_TEMPORAL_SERVER) the Temporal Server on a
 * PostgreSQL of its own — (all with persistent files, so either can be stopped and started again on the same port), and
 * the worker and the API as `worker.ts` and `api/server.ts` children (`npm run worker` / `npm run api`) that can be
 * killed and restarted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { connectDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { seedReferenceData } from '../../db/seed';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/embedded-postgres';
import { DATA_DIR, ROOT } from '../../scripts/paths';
import { generateSecret } from '../../scripts/secrets';
import { startTemporalDevServer, type RunningTemporal } from '../../scripts/temporal-dev-server';
import { freePorts, startTemporalServer, type RunningTemporalServer, type TemporalServerPorts } from '../../scripts/temporal-server';
import { ensureTemporalCli } from '../../scripts/tools';
import { postmasterPid } from './cpu';

export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** A Postgres that can be stopped and started again with the same data and port. */
export class RestartablePostgres {
  private running: RunningPostgres | undefined;
  url = '';
  /** Generated per instance, kept across restarts (the data directory was initialised with it). */
  private readonly password = generateSecret();
  constructor(
    readonly dataDir: string,
    readonly port: number,
  ) {}
  async start(): Promise<void> {
    this.running = await startEmbeddedPostgres({ dataDir: this.dataDir, port: this.port, password: this.password, quiet: true });
    this.url = this.running.url;
  }
  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/** Which Temporal the benches and fault tests run on: `dev` (the CLI's dev server on SQLite) or `postgres`. */
export type TemporalStore = 'dev' | 'postgres';

/** BENCH_TEMPORAL_SERVER, else TEST_TEMPORAL_SERVER, else `dev`. */
export function temporalStoreFromEnv(): TemporalStore {
  const value = process.env.BENCH_TEMPORAL_SERVER || process.env.TEST_TEMPORAL_SERVER || 'dev';
  if (value !== 'dev' && value !== 'postgres') throw new Error(`BENCH_TEMPORAL_SERVER / TEST_TEMPORAL_SERVER take dev or postgres, not ${value}`);
  return value;
}

/** A Temporal that can be stopped and started again with the same data and port. */
export interface RestartableTemporal {
  readonly store: TemporalStore;
  readonly address: string;
  /** The server process, for CPU accounting. */
  readonly pid: number | undefined;
  /** CPU accounting groups of what it runs besides the server (its own Postgres). */
  trees(): Record<string, number | undefined>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** A Temporal dev server with a database file, stoppable and restartable on the same port. */
export class RestartableDevServer implements RestartableTemporal {
  readonly store = 'dev';
  private running: RunningTemporal | undefined;
  readonly address: string;
  /** `pragmas` (e.g. `journal_mode=WAL`) are passed as `--sqlite-pragma` through a wrapper of the CLI. */
  constructor(
    readonly dbFile: string,
    readonly port: number,
    readonly pragmas: string[] = [],
  ) {
    this.address = `127.0.0.1:${port}`;
  }
  get pid(): number | undefined {
    return undefined;
  }
  trees(): Record<string, number | undefined> {
    return {};
  }
  async start(): Promise<void> {
    let cli = ensureTemporalCli();
    if (this.pragmas.length > 0) {
      const wrapper = resolve(dirname(this.dbFile), 'temporal-with-pragmas.sh');
      const flags = this.pragmas.map((p) => `--sqlite-pragma '${p}'`).join(' ');
      writeFileSync(wrapper, `#!/bin/sh\nexec '${cli}' "$@" ${flags}\n`, { mode: 0o755 });
      cli = wrapper;
    }
    this.running = await startTemporalDevServer({ cli, port: this.port, dbFile: this.dbFile });
  }
  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/** The Temporal Server on a PostgreSQL of its own (scripts/temporal-server.ts), restartable on the same ports and data. */
export class RestartableTemporalServer implements RestartableTemporal {
  readonly store = 'postgres';
  private running: RunningTemporalServer | undefined;
  readonly address: string;
  private readonly password = generateSecret();
  constructor(
    readonly dir: string,
    readonly ports: TemporalServerPorts,
    readonly postgresPort: number,
  ) {
    this.address = `127.0.0.1:${ports.frontend}`;
  }
  get pid(): number | undefined {
    return this.running?.pid;
  }
  trees(): Record<string, number | undefined> {
    return { 'temporal-postgres': postmasterPid(resolve(this.dir, 'postgres', 'data')) };
  }
  async start(): Promise<void> {
    this.running = await startTemporalServer({ dir: this.dir, ports: this.ports, postgresPort: this.postgresPort, postgresPassword: this.password });
  }
  async stop(): Promise<void> {
    await this.running?.stop();
    this.running = undefined;
  }
}

/** The Temporal of `store` under `dir`, on free ports. */
export async function restartableTemporal(store: TemporalStore, dir: string, pragmas: string[] = []): Promise<RestartableTemporal> {
  if (store === 'postgres') return new RestartableTemporalServer(resolve(dir, 'temporal-server'), await freePorts(), await freePort());
  return new RestartableDevServer(resolve(dir, 'temporal.db'), await freePort(), pragmas);
}

/** One part's child process (`worker.ts` or `api/server.ts`), with its output kept for diagnosis. */
export class Part {
  child: ChildProcess | undefined;
  output = '';
  /** `script` replaces the part's entry point (e.g. the compressed-ladder worker). */
  constructor(
    readonly part: 'worker' | 'api',
    readonly env: Record<string, string>,
    readonly script: string[] = [part === 'worker' ? 'worker.ts' : 'api/server.ts'],
  ) {}

  start(): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', ...this.script], {
      cwd: ROOT,
      env: { ...process.env, ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString('utf8')).slice(-20_000);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    this.child = child;
    return child;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** Sends a signal and waits for the exit (SIGKILL after 15 s). */
  async stop(signal: NodeJS.Signals = 'SIGINT'): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((done) => {
      const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => {
        clearTimeout(force);
        done();
      });
      child.kill(signal);
    });
  }
}

export interface SystemOptions {
  /** Folder under `.data/` for this run's files (removed first). */
  name: string;
  /** Extra environment for the worker and the API. */
  env?: Record<string, string>;
  worker?: boolean;
  /** Escalation rungs at these offsets from each case's receipt instead of the statute's ladder: `overdue:300,…`. */
  compressedLadder?: string;
  api?: boolean;
  /** Which Temporal; default from BENCH_TEMPORAL_SERVER / TEST_TEMPORAL_SERVER (`dev`). */
  temporal?: TemporalStore;
  log?: (line: string) => void;
}

/** The whole system on fresh data: Postgres (migrated and seeded), Temporal (dev server or on PostgreSQL), and optionally worker and API processes. */
export class System {
  readonly dir: string;
  pg!: RestartablePostgres;
  temporal!: RestartableTemporal;
  worker!: Part;
  api!: Part;
  apiBase = '';
  readonly taskQueue = `sys-${randomUUID()}`;
  private common: Record<string, string> = {};

  constructor(private readonly opts: SystemOptions) {
    this.dir = resolve(DATA_DIR, opts.name);
  }

  async start(): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
    this.pg = new RestartablePostgres(resolve(this.dir, 'pg', 'data'), await freePort());
    await this.pg.start();
    log(`postgres ${this.pg.url.replace(/:[^:@/]+@/, ':***@')}`);
    await migrateDb(this.pg.url);
    const handle = connectDb(this.pg.url, { max: 1 });
    await seedReferenceData(handle.db);
    await handle.close();
    // BENCH_TEMPORAL_PRAGMAS=journal_mode=WAL,synchronous=NORMAL measures the dev server with a write-ahead log.
    const pragmas = (process.env.BENCH_TEMPORAL_PRAGMAS ?? '').split(',').filter(Boolean);
    this.temporal = await restartableTemporal(this.opts.temporal ?? temporalStoreFromEnv(), this.dir, pragmas);
    await this.temporal.start();
    log(`temporal (${this.temporal.store}) ${this.temporal.address}`);
    const apiPort = await freePort();
    this.apiBase = `http://127.0.0.1:${apiPort}`;
    const common = (this.common = {
      DATABASE_URL: this.pg.url,
      TEMPORAL_ADDRESS: this.temporal.address,
      TEMPORAL_TASK_QUEUE: this.taskQueue,
      LOG_LEVEL: 'warn',
      ...this.opts.env,
    });
    this.worker = this.opts.compressedLadder
      ? new Part('worker', { ...common, LADDER: this.opts.compressedLadder }, ['bench/support/compressed-worker.ts'])
      : new Part('worker', { ...common, TEMPORAL_METRICS_BIND: `127.0.0.1:${await freePort()}` });
    this.api = new Part('api', { ...common, PORT: String(apiPort), TEMPORAL_METRICS_BIND: `127.0.0.1:${await freePort()}` });
    if (this.opts.worker !== false) this.worker.start();
    if (this.opts.api !== false) {
      this.api.start();
      await this.waitForApi();
      log(`api ${this.apiBase}`);
    }
  }

  async waitForApi(timeoutMs = 300_000, api = this.api, base = this.apiBase): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) return;
      if (api.child?.exitCode != null) throw new Error(`the API exited:\n${api.output}`);
      await sleep(200);
    }
    throw new Error(`the API did not become ready:\n${api.output}`);
  }

  /** One more worker or API process on the same Postgres, Temporal and task queue (started; an API once ready). */
  async addPart(part: 'worker' | 'api'): Promise<{ part: Part; base: string }> {
    const port = await freePort();
    const extra = new Part(part, { ...this.common, TEMPORAL_METRICS_BIND: `127.0.0.1:${await freePort()}`, ...(part === 'api' ? { PORT: String(port) } : {}) });
    extra.start();
    const base = `http://127.0.0.1:${port}`;
    if (part === 'api') await this.waitForApi(120_000, extra, base);
    return { part: extra, base };
  }

  async stop(): Promise<void> {
    await Promise.all([this.api?.stop(), this.worker?.stop()]);
    await this.temporal?.stop().catch(() => undefined);
    await this.pg?.stop().catch(() => undefined);
  }

  /** Removes the run's files. */
  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Signs a demo user in through the API and returns its bearer token (a session lasts 12 h). */
export async function login(base: string, username: string): Promise<string> {
  const response = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  if (!response.ok) throw new Error(`login ${username}: ${response.status} ${await response.text()}`);
  return String(((await response.json()) as { token: string }).token);
}

/** Percentile of a sorted array (nearest rank). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
