import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { resolve } from 'node:path';
import { securityOptionsFromEnv } from '../api/plugins/security';
import { startApiServer } from '../api/server';
import { CalendarStore } from '../db/calendar-store';
import { connectDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { seedReferenceData } from '../db/seed';
import { connectionOptions, loadTemporalConfig } from '../temporal.config';
import { createWorker, ensureAuditAnchorSchedule } from '../worker';
import { LEGACY_PASSWORD, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { installationSecret } from './secrets';
import { DATA_DIR } from './paths';
import { startTemporalDevServer, type RunningTemporal } from './temporal-dev-server';
import { ensureTemporalCli, MissingToolError } from './tools';

const stops: Array<() => Promise<unknown>> = [];
let stopping = false;

/**
 * `npm start`: the whole system on embedded defaults. `npm run worker` / `npm run api` (`--only worker|api`): one
 * stateless part, for a deployment with several of each; those need DATABASE_URL and TEMPORAL_ADDRESS, start nothing
 * else, and leave migrations to `npm run db:migrate`.
 */
function partsToRun(argv: string[]): { worker: boolean; api: boolean; embedded: boolean } {
  const i = argv.indexOf('--only');
  const only = i >= 0 ? argv[i + 1] : undefined;
  if (only === undefined) return { worker: true, api: true, embedded: true };
  if (only !== 'worker' && only !== 'api') throw new Error(`--only takes worker or api, not ${only}`);
  for (const name of ['DATABASE_URL', 'TEMPORAL_ADDRESS']) {
    if (!process.env[name]) throw new Error(`${name} must be set to run only the ${only}`);
  }
  return { worker: only === 'worker', api: only === 'api', embedded: false };
}

async function main(): Promise<void> {
  const parts = partsToRun(process.argv.slice(2));
  const config = loadTemporalConfig();
  // The SDK's workflow and activity metrics, which the API's /metrics appends to its own.
  const runtimeMetrics = process.env.TEMPORAL_METRICS_BIND ?? '127.0.0.1:9464';
  Runtime.install({ telemetryOptions: { metrics: { prometheus: { bindAddress: runtimeMetrics } } } });
  process.env.TEMPORAL_METRICS_URL ??= `http://${runtimeMetrics}/metrics`;

  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    // This installation's own password, generated on the first start; a cluster made before then (or left on the old
    // password by an interrupted start) is moved off the well-known one it was given.
    const password = installationSecret('postgres-password');
    const pg: RunningPostgres = await startEmbeddedPostgres({
      dataDir: resolve(DATA_DIR, 'postgres', 'data'),
      password: password.value,
      previousPassword: LEGACY_PASSWORD,
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54320),
      quiet: true,
    });
    stops.unshift(() => pg.stop());
    databaseUrl = pg.url;
  }
  if (parts.embedded) await migrateDb(databaseUrl);
  const { db, close: closeDb } = connectDb(databaseUrl);
  stops.unshift(closeDb);
  if (parts.embedded) await seedReferenceData(db);
  const calendar = new CalendarStore(db);
  const apiCalendar = new CalendarStore(db, 1000);

  let address = config.address;
  let temporalUi: string | undefined;
  if (!address) {
    const server: RunningTemporal = await startTemporalDevServer({
      cli: ensureTemporalCli(),
      port: config.devServer.port,
      uiPort: config.devServer.uiPort,
      dbFile: resolve(DATA_DIR, 'temporal', 'temporal.db'),
    });
    stops.unshift(() => server.stop());
    address = server.address;
    temporalUi = server.uiUrl;
  }

  const options = connectionOptions(config, address);
  if (parts.worker) {
    const workerConnection = await NativeConnection.connect(options);
    stops.unshift(() => workerConnection.close());
    const worker = await createWorker({ connection: workerConnection, config, deps: { db, calendar: () => calendar.current() } });
    const workerRun = worker.run();
    stops.unshift(async () => {
      // The SDK also shuts the worker down on SIGINT/SIGTERM by itself.
      if (worker.getState() === 'RUNNING') worker.shutdown();
      await workerRun;
    });
    const scheduleConnection = await Connection.connect(options);
    await ensureAuditAnchorSchedule(new Client({ connection: scheduleConnection, namespace: config.namespace }), config.taskQueue);
    await scheduleConnection.close();
    if (!parts.api) {
      console.log(`Worker polling ${config.taskQueue} on ${address} (${config.namespace}) — Ctrl-C stops it`);
      return;
    }
  }

  const clientConnection = await Connection.connect(options);
  stops.unshift(() => clientConnection.close());
  const temporal = new Client({ connection: clientConnection, namespace: config.namespace });

  const port = Number(process.env.PORT ?? 3000);
  const host = process.env.HOST ?? '127.0.0.1';
  const app = await startApiServer({ db, temporal, taskQueue: config.taskQueue, calendar: apiCalendar }, { port, host });
  stops.unshift(() => app.close());

  console.log(
    [
      '',
      '政务数据共享审批系统 is running — Ctrl-C stops everything',
      `  Web app      http://${host}:${port}/`,
      `  API          http://${host}:${port}/api`,
      `  API docs     ${securityOptionsFromEnv().apiDocs ? `http://${host}:${port}/docs` : '(off: API_DOCS=on serves them)'}`,
      `  Metrics      ${process.env.METRICS_BIND ? `http://${process.env.METRICS_BIND}/metrics` : process.env.METRICS_TOKEN ? `http://${host}:${port}/metrics (Authorization: Bearer $METRICS_TOKEN)` : '(off: set METRICS_BIND or METRICS_TOKEN)'}`,
      `  Temporal UI  ${temporalUi ?? '(external cluster ' + address + ')'}`,
      `  Postgres     ${process.env.DATABASE_URL ? '(DATABASE_URL)' : databaseUrl.replace(/:[^:@/]+@/, ':***@')}`,
      '',
    ].join('\n'),
  );
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  for (const stop of stops) {
    await stop().catch((error: unknown) => console.error('while stopping:', error));
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

main().catch(async (error: unknown) => {
  console.error(error instanceof MissingToolError ? error.message : error);
  await shutdown(1);
});
