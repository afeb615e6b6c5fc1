import { randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { appendAudit, auditGenesis, auditHash } from '../../db/audit';
import { anchorAudit, anchorConsistencyProof, chainInclusionProof } from '../../db/audit-anchor';
import { anchorLeafHash } from '../../db/audit-verify';
import { verifyAuditTrail } from '../../db/audit-trail';
import { connectDb, type DbHandle } from '../../db/client';
import { migrateDb } from '../../db/migrate';
import { verifyConsistency, verifyInclusion } from '../../db/merkle';

const migrations = fileURLToPath(new URL('../../db/migrations', import.meta.url));
const shared = inject('databaseUrl');
const name = `legacy_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
const url = Object.assign(new URL(shared), { pathname: `/${name}` }).toString();
const admin = postgres(shared, { max: 1, onnotice: () => {} });
let handle: DbHandle;
const legacy: Array<{ id: number; hash: string | null }> = [];

beforeAll(async () => {
  await admin.unsafe(`create database ${name}`);
  // The schema as it was before chains per case: every migration before this branch's.
  const before = mkdtempSync(join(tmpdir(), 'migrations-'));
  cpSync(migrations, before, { recursive: true });
  const journal = JSON.parse(readFileSync(join(migrations, 'meta/_journal.json'), 'utf8'));
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag.endsWith('audit-chains-per-case'));
  journal.entries = journal.entries.slice(0, cut);
  writeFileSync(join(before, 'meta/_journal.json'), JSON.stringify(journal));
  const client = postgres(url, { max: 1, onnotice: () => {} });
  await migrate(drizzle(client), { migrationsFolder: before });
  // The old global chain as the old code wrote it: a row from before the hash chain, then rows of two cases and a sign-in.
  await client`insert into audit_log (event_key, at, action) values ('pre-chain', '2025-03-01T00:00:00Z', 'request.submitted')`;
  let prev = auditGenesis;
  for (let i = 0; i < 5; i += 1) {
    const row = {
      eventKey: `old:${i}`, at: new Date(Date.UTC(2025, 3, 1, 8, i)), action: i === 4 ? 'auth.signed-in' : 'task.opened',
      actorUserId: null, actorDepartmentId: i === 4 ? 'hb-mzt' : null, requestId: i === 4 ? null : randomUUID(), taskId: null, details: { i },
    };
    const hash = auditHash(prev, row);
    await client`insert into audit_log (event_key, at, action, actor_department_id, request_id, details, prev_hash, hash)
      values (${row.eventKey}, ${row.at.toISOString()}, ${row.action}, ${row.actorDepartmentId}, ${row.requestId}, ${JSON.stringify(row.details)}::jsonb, ${prev}, ${hash})`;
    prev = hash;
  }
  await client.end();
  rmSync(before, { recursive: true });
  await migrateDb(url);
  handle = connectDb(url, { max: 2 });
  for (const r of await handle.db.execute<{ id: number; hash: string | null }>(sql`select id::int as id, hash from audit_log order by id`)) legacy.push(r);
});
afterAll(async () => {
  await handle?.close();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

describe('migrating the global chain', () => {
  it('keeps every existing row verifying, as the chain `legacy` anchored by the first anchor', async () => {
    const result = await verifyAuditTrail(handle.db);
    expect(result).toMatchObject({ intact: true, rows: 6, legacyRows: 1, chains: 1, anchors: 1, leaves: 1, problems: [] });
    const leaf = anchorLeafHash({ chain: 'legacy', seq: 6, head: legacy.at(-1)!.hash! }).toString('hex');
    expect(result.lastHash).toBe(leaf); // a tree of one leaf: the root is the leaf's hash (RFC 9162)
    const proof = await chainInclusionProof(handle.db, 'legacy');
    expect(proof).toMatchObject({ leaf: { leafIndex: 0, seq: 6 }, anchor: { id: 1, treeSize: 1, rootHash: leaf }, auditPath: [] });
  });

  it('starts each case’s new rows in a chain of its own, and the next anchor extends the first', async () => {
    const caseId = randomUUID();
    await appendAudit(handle.db, { eventKey: `new:${caseId}`, at: new Date(Date.UTC(2026, 0, 5)), action: 'task.opened', requestId: caseId });
    const next = await anchorAudit(handle.db, new Date(Date.UTC(2026, 0, 5, 1)));
    expect(next).toMatchObject({ treeSize: 2, added: 1 });
    const consistency = await anchorConsistencyProof(handle.db, 1, next!.id);
    const hex = (h: string) => Buffer.from(h, 'hex');
    expect(verifyConsistency(1, 2, hex(consistency!.from.rootHash), hex(next!.rootHash), consistency!.proof.map(hex))).toBe(true);
    const inclusion = await chainInclusionProof(handle.db, `case:${caseId}`);
    expect(verifyInclusion(inclusion!.leaf.leafIndex, 2, anchorLeafHash(inclusion!.leaf), inclusion!.auditPath.map(hex), hex(next!.rootHash))).toBe(true);
    expect(await verifyAuditTrail(handle.db)).toMatchObject({ intact: true, chains: 2, anchors: 2 });
  });

  it('names an old row changed after the migration', async () => {
    const victim = legacy[3]!;
    await handle.db.execute(sql`alter table audit_log disable trigger audit_log_append_only`);
    try {
      await handle.db.execute(sql`update audit_log set action = 'forged' where id = ${victim.id}`);
      expect((await verifyAuditTrail(handle.db)).problems).toEqual([expect.objectContaining({ kind: 'altered', rowId: victim.id, chain: 'legacy', seq: 4 })]);
    } finally {
      await handle.db.execute(sql`update audit_log set action = 'task.opened' where id = ${victim.id}`);
      await handle.db.execute(sql`alter table audit_log enable trigger audit_log_append_only`);
    }
    expect((await verifyAuditTrail(handle.db)).intact).toBe(true);
  });
});
