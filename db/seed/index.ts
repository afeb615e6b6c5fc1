import type { Db } from '../client';
import { hashPassword } from '../password';
import { catalogueEntries, departments, users } from '../schema';
import { seedCatalogue } from './catalogue';
import { seedDepartments } from './departments';
import { seedUsers } from './users';

/** The demo password every seeded user starts with. */
export const demoPassword = 'demo1234';

/**
 * Seeds the reference data; safe to run at every start. Departments are brought up to date; users and catalogue
 * entries, once created, are left as they are.
 */
export async function seedReferenceData(db: Db): Promise<void> {
  for (const d of seedDepartments) {
    await db.insert(departments).values(d).onConflictDoUpdate({ target: departments.id, set: d });
  }
  const existing = new Set((await db.select({ id: users.id }).from(users)).map((u) => u.id));
  const missing = seedUsers.filter((u) => !existing.has(u.id));
  if (missing.length > 0) {
    const passwordHash = await hashPassword(demoPassword);
    await db.insert(users).values(missing.map((u) => ({ ...u, passwordHash }))).onConflictDoNothing();
  }
  // Catalogue entries change through their own processes once created, so a restart must not reset them.
  await db.insert(catalogueEntries).values(seedCatalogue).onConflictDoNothing({ target: catalogueEntries.id });
}
