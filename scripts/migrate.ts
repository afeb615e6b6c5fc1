import { migrateDb } from '../db/migrate';
import { connectDb } from '../db/client';
import { seedReferenceData } from '../db/seed';

/** `npm run db:migrate`: applies the committed migrations and the reference data to DATABASE_URL. */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL must be set');
  process.exit(2);
}
await migrateDb(url);
const { db, close } = connectDb(url, { max: 1 });
await seedReferenceData(db);
await close();
console.log('migrated and seeded');
