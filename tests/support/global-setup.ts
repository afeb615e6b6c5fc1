import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { migrateDb } from '../../db/migrate';
import { connectDb } from '../../db/client';
import { seedReferenceData } from '../../db/seed';
import { startEmbeddedPostgres, type RunningPostgres } from '../../scripts/embedded-postgres';
import { DATA_DIR } from '../../scripts/paths';
import { generateSecret } from '../../scripts/secrets';
import { startTemporalDevServer, type RunningTemporal } from '../../scripts/temporal-dev-server';
import { freePorts, startTemporalServer } from '../../scripts/temporal-server';
import { ensureTemporalCli, ensureTimeSkippingServer } from '../../scripts/tools';
import { freePort } from './free-port';

declare module 'vitest' {
  export interface ProvidedContext {
    databaseUrl: string;
    temporalAddress: string;
    timeSkippingServer: string;
  }
}

/**
 * Starts the real servers the suite runs on, once: a fresh Postgres (migrated and seeded) and a Temporal dev server
 * with the search attributes registered — or, with TEST_TEMPORAL_SERVER=postgres, the Temporal Server on a PostgreSQL
 * of its own (scripts/temporal-server.ts). `TEST_DATABASE_URL` / `TEST_TEMPORAL_ADDRESS` point the tests at existing
 * ones instead.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const stops: Array<() => Promise<void>> = [];
  const testDataDir = resolve(DATA_DIR, 'test', String(process.pid));

  let databaseUrl = process.env.TEST_DATABASE_URL;
  if (!databaseUrl) {
    const pg: RunningPostgres = await startEmbeddedPostgres({ dataDir: resolve(testDataDir, 'pg'), port: await freePort(), password: generateSecret(), quiet: true });
    stops.push(() => pg.stop());
    databaseUrl = pg.url;
  }
  await migrateDb(databaseUrl);
  const handle = connectDb(databaseUrl, { max: 1 });
  await seedReferenceData(handle.db);
  await handle.close();

  let temporalAddress = process.env.TEST_TEMPORAL_ADDRESS;
  const store = process.env.TEST_TEMPORAL_SERVER || 'dev';
  if (store !== 'dev' && store !== 'postgres') throw new Error(`TEST_TEMPORAL_SERVER takes dev or postgres, not ${store}`);
  if (!temporalAddress) {
    const temporal: RunningTemporal =
      store === 'postgres'
        ? await startTemporalServer({
            dir: resolve(testDataDir, 'temporal-server'),
            ports: await freePorts(),
            postgresPort: await freePort(),
            postgresPassword: generateSecret(),
          })
        : await startTemporalDevServer({ cli: ensureTemporalCli(), port: await freePort() });
    stops.unshift(() => temporal.stop());
    temporalAddress = temporal.address;
  }

  project.provide('databaseUrl', databaseUrl);
  project.provide('temporalAddress', temporalAddress);
  project.provide('timeSkippingServer', ensureTimeSkippingServer());

  return async () => {
    for (const stop of stops) await stop().catch(() => undefined);
    rmSync(testDataDir, { recursive: true, force: true });
  };
}
