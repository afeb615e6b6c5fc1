import { randomUUID } from 'node:crypto';
import postgres from 'postgres';
import { inject } from 'vitest';
import { connectDb } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { seedReferenceData } from '../../db/seed';

/**
 * A database of its own on the suite's Postgres, migrated and seeded, for a test that must see every row it did not
 * write stay as it was (other test files write to the shared one at the same time).
 */
export async function ownDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const shared = inject('databaseUrl');
  const name = `own_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = postgres(shared, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(shared);
  url.pathname = `/${name}`;
  await migrateDb(url.toString());
  const handle = connectDb(url.toString(), { max: 1 });
  await seedReferenceData(handle.db);
  await handle.close();
  return {
    url: url.toString(),
    async drop() {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    },
  };
}
