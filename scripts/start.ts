import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { resolve } from 'node:path';
import { securityOptionsFromEnv } from '../api/plugins/security';
import { listenAddressFromEnv, startApiServer } from '../api/server';
import { CalendarStore } from '../db/calendar-store';
import { connectDb } from '../db/client';
import { migrateDb } from '../db/migrate';
import { seedReferenceData } from '../db/seed';
import { connectionOptions, loadTemporalConfig } from '../temporal.config';
import { ensureAuditAnchorSchedule, installRuntimeMetrics, startWorkerProcess } from '../worker';
import { LEGACY_PASSWORD, startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { installationSecret } from './secrets';
import { DATA_DIR } from './paths';
import { startTemporalDevServer, type RunningTemporal } from './temporal-dev-server';
import { startTemporalOnPostgres, temporalServerMode } from './temporal-server-start';
import { ensureTemporalCli, MissingToolError } from './tools';

const stops: Array<() => Promise<unknown>> = [];
let stopping = false;

/**
 * `npm start`: the whole system in one process on embedded defaults — Postgres and a Temporal dev server unless
 * DATABASE_URL / TEMPORAL_ADDRESS name others, migrated and seeded — with the worker (and its reconciler) and the API.
 * A deployment runs the parts as processes of their own instead: `npm run worker` (worker.ts) and `npm run api`
 * (api/server.ts).
 */
async function main(): Promise<void> {
  const config = loadTemporalConfig();
  // The worker's Temporal SDK metrics (workflow task latency, schedule-to-start, activity failures…) in Prometheus
  // format on an address of their own (TEMPORAL_METRICS_BIND, `off` for none); the API appends them to its /metrics.
  installRuntimeMetrics();

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
  await migrateDb(databaseUrl);
  const { db, close: closeDb } = connectDb(databaseUrl);
  stops.unshift(closeDb);
  await seedReferenceData(db);
  const apiCalendar = new CalendarStore(db, 1000);

  let address = config.address;
  let temporalUi: string | undefined;
  // TEMPORAL_SERVER=postgres: the Temporal Server on a PostgreSQL of its own, as production runs it (on the dev
  // server's port, with no Web UI); the default stays the CLI's dev server on SQLite.
  const mode = temporalServerMode();
  if (!address) {
    const server: RunningTemporal =
      mode === 'postgres'
        ? await startTemporalOnPostgres(config.devServer.port, (line) => console.log(line))
        : await startTemporalDevServer({
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
  const workerConnection = await NativeConnection.connect(options);
  stops.unshift(() => workerConnection.close());
  const workerProcess = await startWorkerProcess({ connection: workerConnection, config, db });
  // The SDK also shuts the worker down on SIGINT/SIGTERM by itself.
  stops.unshift(() => workerProcess.stop());

  const clientConnection = await Connection.connect(options);
  stops.unshift(() => clientConnection.close());
  const temporal = new Client({ connection: clientConnection, namespace: config.namespace });
  await ensureAuditAnchorSchedule(temporal, config.taskQueue);

  const { port, host } = listenAddressFromEnv();
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
      `  Temporal UI  ${temporalUi ?? (config.address ? '(external cluster ' + address + ')' : `(none: Temporal Server on PostgreSQL at ${address})`)}`,
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
