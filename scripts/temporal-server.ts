/**
 * The Temporal Server as production runs it: its persistence and visibility on PostgreSQL (an embedded cluster of its
 * own, not the read model's), rather than the CLI's dev server on SQLite. Started by `npm run temporal:server`, by
 * `npm start` with TEMPORAL_SERVER=postgres, and by the tests and benches with TEST_TEMPORAL_SERVER / BENCH_TEMPORAL_SERVER.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { Connection } from '@temporalio/client';
import { encodeSearchAttributeIndexedValueType } from '@temporalio/common/lib/search-attributes';
import { msToTs } from '@temporalio/common/lib/time';
import postgres from 'postgres';
import { searchAttributes } from '../workflows/search-attributes';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { type RunningTemporal, stopChild, waitForPort } from './temporal-dev-server';
import { ensureTemporalServer, type TemporalServerTools } from './tools';

const run = promisify(execFile);

/** The ports one Temporal Server process listens on (all on 127.0.0.1). */
export interface TemporalServerPorts {
  frontend: number;
  frontendHttp: number;
  history: number;
  matching: number;
  worker: number;
  /** Membership (ringpop) of frontend, history, matching, worker. */
  membership: [number, number, number, number];
  /** Its own Prometheus metrics. */
  metrics: number;
}

/** Temporal's usual layout around a frontend port (7233 → history 7234, matching 7235, worker 7239, …). */
export function standardPorts(frontend = 7233): TemporalServerPorts {
  return {
    frontend,
    frontendHttp: frontend + 10,
    history: frontend + 1,
    matching: frontend + 2,
    worker: frontend + 6,
    membership: [frontend - 300, frontend - 299, frontend - 298, frontend - 294],
    metrics: frontend + 767,
  };
}

/**
 * A port that takes a listener now, below 32768: the server records its ports in `cluster_membership.rpc_port`, a
 * smallint, so the kernel's ephemeral range (from 32768) is out.
 */
export async function freeLowPort(): Promise<number> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    const free = await new Promise<boolean>((done) => {
      const server = createServer();
      server.once('error', () => done(false));
      server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
    });
    if (free) return port;
  }
  throw new Error('no free port between 20000 and 32000');
}

/** All ports free (the tests and benches, which run beside each other). */
export async function freePorts(): Promise<TemporalServerPorts> {
  const free = freeLowPort;
  return {
    frontend: await free(),
    frontendHttp: await free(),
    history: await free(),
    matching: await free(),
    worker: await free(),
    membership: [await free(), await free(), await free(), await free()],
    metrics: await free(),
  };
}

export interface TemporalServerOptions {
  /** Holds the server's config and, under `postgres/`, its PostgreSQL cluster; kept across restarts. */
  dir: string;
  ports: TemporalServerPorts;
  /** Port of Temporal's own PostgreSQL. */
  postgresPort: number;
  /** Its superuser's password (the server connects as `postgres` with it). */
  postgresPassword: string;
  /** History shards: fixed when the cluster is created (Temporal's guidance: more than you will ever need). */
  historyShards?: number;
  namespace?: string;
  log?: (line: string) => void;
}

export interface RunningTemporalServer extends RunningTemporal {
  /** Temporal's PostgreSQL, `postgres://…/temporal`. */
  postgresUrl: string;
  /** The server process (for CPU accounting). */
  pid: number | undefined;
}

const DATABASES = { temporal: 'temporal', visibility: 'temporal_visibility' } as const;

/**
 * Starts Temporal's PostgreSQL, creates and migrates its two databases (idempotently: a set-up cluster is only brought
 * to the module's schema version), writes the server's config, starts `temporal-server`, and registers the namespace
 * and the project's search attributes when they are missing; returns once a list query by a search attribute works.
 */
export async function startTemporalServer(opts: TemporalServerOptions, tools: TemporalServerTools = ensureTemporalServer()): Promise<RunningTemporalServer> {
  const log = opts.log ?? (() => undefined);
  const namespace = opts.namespace ?? 'default';
  mkdirSync(opts.dir, { recursive: true });
  const pg: RunningPostgres = await startEmbeddedPostgres({
    dataDir: resolve(opts.dir, 'postgres', 'data'),
    port: opts.postgresPort,
    password: opts.postgresPassword,
    database: DATABASES.temporal,
    quiet: true,
  });
  let child: ChildProcess | undefined;
  try {
    await setUpSchema(opts, tools, log);
    writeConfig(opts);
    child = spawn(tools.server, ['--root', opts.dir, '--config', 'config', '--env', 'development', '--allow-no-auth', 'start'], {
      cwd: opts.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const output: string[] = [];
    const collect = (chunk: Buffer) => {
      output.push(chunk.toString('utf8'));
      if (output.length > 200) output.shift();
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    await waitForPort(opts.ports.frontend, child, () => output.join(''), 120_000);
    await registerNamespace(`127.0.0.1:${opts.ports.frontend}`, namespace, log);
  } catch (error) {
    if (child) await stopChild(child);
    await pg.stop();
    throw error;
  }
  const server = child;
  return {
    address: `127.0.0.1:${opts.ports.frontend}`,
    uiUrl: undefined,
    postgresUrl: pg.url,
    pid: server.pid,
    async stop() {
      await stopChild(server);
      await pg.stop();
    },
  };
}

async function setUpSchema(opts: TemporalServerOptions, tools: TemporalServerTools, log: (line: string) => void): Promise<void> {
  const admin = postgres({ host: '127.0.0.1', port: opts.postgresPort, user: 'postgres', password: opts.postgresPassword, database: 'postgres', max: 1, onnotice: () => undefined });
  try {
    for (const name of Object.values(DATABASES)) {
      const found = await admin`select 1 from pg_database where datname = ${name}`;
      if (found.length === 0) await admin.unsafe(`create database "${name}"`);
    }
  } finally {
    await admin.end();
  }
  const env = { ...process.env, SQL_PASSWORD: opts.postgresPassword };
  for (const [kind, database] of [
    ['temporal', DATABASES.temporal],
    ['visibility', DATABASES.visibility],
  ] as const) {
    const base = ['--plugin', 'postgres12', '--ep', '127.0.0.1', '-p', String(opts.postgresPort), '-u', 'postgres', '--db', database];
    const db = postgres({ host: '127.0.0.1', port: opts.postgresPort, user: 'postgres', password: opts.postgresPassword, database, max: 1, onnotice: () => undefined });
    let initialised: boolean;
    try {
      initialised = (await db`select 1 from information_schema.tables where table_name = 'schema_version'`).length > 0;
    } finally {
      await db.end();
    }
    if (!initialised) {
      log(`temporal-server: setting up the ${database} schema`);
      await run(tools.sqlTool, [...base, 'setup-schema', '-v', '0.0'], { env });
    }
    // Applies only the versions above the database's own: a no-op on a cluster already at the module's version.
    await run(tools.sqlTool, [...base, 'update-schema', '-d', resolve(tools.postgresSchemaDir, kind, 'versioned')], { env });
  }
}

/** `config/development.yaml` from the module's `config/development-postgres12.yaml`, ports and credentials ours. */
function writeConfig(opts: TemporalServerOptions): string {
  const configDir = resolve(opts.dir, 'config');
  mkdirSync(configDir, { recursive: true, mode: 0o700 });
  const p = opts.ports;
  const store = (database: string, maxConns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${database}"
        connectAddr: "127.0.0.1:${opts.postgresPort}"
        connectProtocol: "tcp"
        user: "postgres"
        password: "${opts.postgresPassword}"
        maxConns: ${maxConns}
        maxIdleConns: ${maxConns}
        maxConnLifetime: "1h"`;
  const service = (grpc: number, membership: number, http?: number) => `
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  const dynamicConfig = resolve(configDir, 'dynamicconfig.yaml');
  // The same mutable-state cache as the CLI's dev server, so that a comparison of the two measures the store.
  writeFileSync(dynamicConfig, 'history.hostLevelCacheMaxSize:\n  - value: 8192\n');
  const yaml = `# Written by scripts/temporal-server.ts on every start (edits are lost).
log:
  stdout: true
  level: warn

persistence:
  defaultStore: postgres-default
  visibilityStore: postgres-visibility
  numHistoryShards: ${opts.historyShards ?? 4}
  datastores:
    postgres-default:${store(DATABASES.temporal, 20)}
    postgres-visibility:${store(DATABASES.visibility, 10)}

global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
  metrics:
    prometheus:
      framework: "tally"
      timerType: "histogram"
      listenAddress: "127.0.0.1:${p.metrics}"

services:
  frontend:${service(p.frontend, p.membership[0], p.frontendHttp)}
  history:${service(p.history, p.membership[1])}
  matching:${service(p.matching, p.membership[2])}
  worker:${service(p.worker, p.membership[3])}

clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${p.frontend}"
      httpAddress: "127.0.0.1:${p.frontendHttp}"

dcRedirectionPolicy:
  policy: "noop"

dynamicConfigClient:
  filepath: "${dynamicConfig}"
  pollInterval: "10s"
`;
  const file = resolve(configDir, 'development.yaml');
  writeFileSync(file, yaml, { mode: 0o600 });
  chmodSync(file, 0o600);
  return configDir;
}

/**
 * Registers `namespace` (3 days' retention of closed workflows) and the search attributes it lacks, then waits until
 * the frontend answers a list query by one of them (the namespace registry refreshes every 2 s).
 */
async function registerNamespace(address: string, namespace: string, log: (line: string) => void): Promise<void> {
  // The frontend listens before its handlers are up (and before history owns its shards): retried until usable.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const connection = await Connection.connect({ address, connectTimeout: '5 seconds' }).catch(() => undefined);
    try {
      if (connection) {
        await ensureNamespace(connection, namespace, log);
        return;
      }
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} not usable on ${address} within 120 s: ${String(error)}`);
    } finally {
      await connection?.close();
    }
    if (Date.now() > deadline) throw new Error(`the Temporal Server on ${address} did not answer within 120 s`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function ensureNamespace(connection: Connection, namespace: string, log: (line: string) => void): Promise<void> {
  const service = connection.workflowService;
  const exists = await service.describeNamespace({ namespace }).then(
    () => true,
    (error: { code?: number }) => {
      if (error.code === 5) return false; // NOT_FOUND
      throw error;
    },
  );
  if (!exists) {
    log(`temporal-server: registering namespace ${namespace}`);
    await service.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') }).catch((error: { code?: number }) => {
      if (error.code !== 6) throw error; // ALREADY_EXISTS: a concurrent start got there first
    });
  }
  const listed = await connection.operatorService.listSearchAttributes({ namespace });
  const missing = Object.values(searchAttributes).filter((key) => !(key.name in (listed.customAttributes ?? {})));
  if (missing.length > 0) {
    log(`temporal-server: adding search attributes ${missing.map((k) => k.name).join(', ')}`);
    await connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(missing.map((key) => [key.name, encodeSearchAttributeIndexedValueType(key.type)!])),
    });
  }
  // Throws until the frontend's namespace registry (refreshed every 2 s) knows the namespace and its attributes.
  await service.countWorkflowExecutions({ namespace, query: `${searchAttributes.process.name} = 'ready' AND ${searchAttributes.dueAt.name} IS NULL` });
}
