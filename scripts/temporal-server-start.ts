/**
 * `npm run temporal:server`: the Temporal Server on a PostgreSQL of its own under `.data/temporal-server/`, on
 * Temporal's usual ports (frontend 127.0.0.1:7233, its PostgreSQL on 54321), until Ctrl-C. Point the app at it with
 * `TEMPORAL_ADDRESS=127.0.0.1:7233`; or let `TEMPORAL_SERVER=postgres npm start` start it with the rest.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DATA_DIR } from './paths';
import { installationSecret } from './secrets';
import { standardPorts, startTemporalServer, type RunningTemporalServer } from './temporal-server';
import { MissingToolError } from './tools';

/** TEMPORAL_SERVER: `dev` (default, the CLI's dev server on SQLite) or `postgres`. */
export function temporalServerMode(): 'dev' | 'postgres' {
  const value = process.env.TEMPORAL_SERVER || 'dev';
  if (value !== 'dev' && value !== 'postgres') throw new Error(`TEMPORAL_SERVER takes dev or postgres, not ${value}`);
  return value;
}

/** This installation's Temporal on PostgreSQL: its data and config under `.data/temporal-server/`, a password of its own. */
export function startTemporalOnPostgres(frontendPort: number, log: (line: string) => void): Promise<RunningTemporalServer> {
  return startTemporalServer({
    dir: resolve(DATA_DIR, 'temporal-server'),
    ports: standardPorts(frontendPort),
    postgresPort: Number(process.env.TEMPORAL_PG_PORT || 54321),
    postgresPassword: installationSecret('temporal-postgres-password').value,
    log,
  });
}

async function main(): Promise<void> {
  const port = Number(process.env.TEMPORAL_DEV_PORT || 7233);
  const server = await startTemporalOnPostgres(port, (line) => console.log(line));
  console.log(
    [
      '',
      `Temporal Server on PostgreSQL is running — Ctrl-C stops it`,
      `  Frontend     ${server.address}  (TEMPORAL_ADDRESS=${server.address} npm start)`,
      `  PostgreSQL   ${server.postgresUrl.replace(/:[^:@/]+@/, ':***@')} (and temporal_visibility)`,
      `  Metrics      http://127.0.0.1:${standardPorts(port).metrics}/metrics`,
      '',
    ].join('\n'),
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping…');
    void server.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    console.error(error instanceof MissingToolError ? error.message : error);
    process.exit(1);
  });
}
