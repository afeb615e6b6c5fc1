import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appendAudit } from '../../db/audit';
import { verifyAuditBundle, type AnchorRecord, type AuditBundle } from '../../db/audit-verify';
import { verifyConsistency } from '../../db/merkle';
import { auditAnchors, auditLog } from '../../db/schema';
import { ownDatabase } from '../support/own-database';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let database: Awaited<ReturnType<typeof ownDatabase>>;
let admin: Record<string, string>;
let caseId: string;

const get = async (url: string, headers = admin) => stack.app.inject({ method: 'GET', url, headers });
const verify = async (headers = admin) => (await get('/api/audit/verify', headers)).json();
const anchorNow = async () => (await stack.app.inject({ method: 'POST', url: '/api/audit/anchors', headers: admin })).json().anchor;
const caseRows = () => stack.db.select().from(auditLog).where(eq(auditLog.chain, `case:${caseId}`)).orderBy(asc(auditLog.seq));

/** Runs a change behind the append-only trigger's back (what an intruder with the database's keys could do), then undoes it. */
async function behindTheTrigger<T>(table: string, change: string, undo: string, check: () => Promise<T>): Promise<T> {
  const trigger = table === 'audit_log' ? 'audit_log_append_only' : `${table}_append_only`;
  await stack.db.execute(sql.raw(`alter table ${table} disable trigger ${trigger}`));
  try {
    await stack.db.execute(sql.raw(change));
    return await check();
  } finally {
    await stack.db.execute(sql.raw(undo));
    await stack.db.execute(sql.raw(`alter table ${table} enable trigger ${trigger}`));
  }
}

beforeAll(async () => {
  // A database of its own: the test changes rows behind the trigger, which no other file must see.
  database = await ownDatabase();
  stack = await startStack(undefined, { databaseUrl: database.url });
  admin = await loginAs(stack.app, 'admin');
  const created = await stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: await loginAs(stack.app, 'mzt.li'),
    payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '审计锚定测试：核验市场主体登记' },
  });
  expect(created.statusCode, created.body).toBe(201);
  caseId = created.json().id;
  // The case's workflow opens its first task; after that nothing writes to the trail unless the test does.
  for (let i = 0; i < 200 && (await stack.db.select().from(auditLog).where(and(eq(auditLog.requestId, caseId), eq(auditLog.action, 'task.opened')))).length === 0; i += 1) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  // Eight writers append to the one case at once, each in its own transaction: the chain stays one line.
  await Promise.all(
    Array.from({ length: 8 }, (_, w) =>
      Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          stack.db.transaction((tx) =>
            appendAudit(tx, { eventKey: `test.concurrent:${caseId}:${w}:${i}`, at: new Date(Date.UTC(2026, 0, 5, 1, w, i)), action: 'test.concurrent', requestId: caseId, details: { w, i } }),
          ),
        ),
      ),
    ),
  );
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

describe('the audit trail: a chain per case, anchored in a Merkle tree', () => {
  it('keeps concurrent appends to one case in one linked line, places 1, 2, 3… in the order written', async () => {
    const rows = await caseRows();
    expect(rows.filter((r) => r.action === 'test.concurrent')).toHaveLength(40);
    rows.forEach((r, i) => {
      expect(r.seq).toBe(i + 1);
      expect(r.prevHash).toBe(i === 0 ? '0'.repeat(64) : rows[i - 1]!.hash);
      if (i > 0) expect(r.id).toBeGreaterThan(rows[i - 1]!.id);
    });
    expect(await verify()).toMatchObject({ intact: true, scope: 'all', problems: [] });
  });

  it('anchors on demand, proves the case included in O(log n), and the proof fails when anything in it is altered', async () => {
    const first = await anchorNow();
    expect(first).toMatchObject({ treeSize: expect.any(Number), rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(await anchorNow()).toBeNull(); // nothing grew since
    const anchors: AnchorRecord[] = (await get('/api/audit/anchors')).json();
    expect(anchors.at(-1)).toMatchObject({ id: first.id, rootHash: first.rootHash });

    const bundle: AuditBundle = (await get(`/api/audit/proof?requestId=${caseId}`)).json();
    expect(bundle.proof).not.toBeNull();
    expect(bundle.proof!.auditPath.length).toBeLessThanOrEqual(Math.ceil(Math.log2(first.treeSize)));
    expect(verifyAuditBundle(bundle, anchors)).toMatchObject({ intact: true, anchoredThrough: bundle.rows.length, problems: [] });

    const altered = (change: (b: AuditBundle) => void) => {
      const copy: AuditBundle = structuredClone(bundle);
      change(copy);
      return verifyAuditBundle(copy, anchors);
    };
    if (bundle.proof!.auditPath.length > 0) {
      expect(altered((b) => (b.proof!.auditPath[0] = 'f'.repeat(64))).problems).toContainEqual(expect.objectContaining({ kind: 'anchor', leafIndex: bundle.proof!.leaf.leafIndex }));
    }
    expect(altered((b) => (b.proof!.leaf.head = '1'.repeat(64))).intact).toBe(false);
    expect(altered((b) => (b.proof!.anchor.rootHash = '2'.repeat(64))).problems).toContainEqual(expect.objectContaining({ kind: 'anchor', anchorId: first.id }));
    const row = bundle.rows[3]!;
    expect(altered((b) => (b.rows[3]!.details = { ...row.details, forged: true })).problems).toEqual([expect.objectContaining({ kind: 'altered', rowId: row.id })]);
    expect(altered((b) => b.rows.splice(3, 1)).problems).toEqual([expect.objectContaining({ kind: 'deleted', rowId: bundle.rows[4]!.id })]);
    expect(altered((b) => b.rows.pop()).problems).toEqual([expect.objectContaining({ kind: 'deleted', seq: bundle.rows.length })]);
  });

  it('names a row whose field was changed', async () => {
    const victim = (await caseRows())[5]!;
    const found = await behindTheTrigger(
      'audit_log',
      `update audit_log set details = details || '{"forged":true}' where id = ${victim.id}`,
      `update audit_log set details = details - 'forged' where id = ${victim.id}`,
      verify,
    );
    expect(found).toMatchObject({ intact: false, firstBrokenId: victim.id });
    expect(found.problems).toEqual([expect.objectContaining({ kind: 'altered', rowId: victim.id, chain: `case:${caseId}`, seq: victim.seq })]);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('names a deleted row, in the middle of a chain or at its anchored end', async () => {
    const rows = await caseRows();
    const restore = (r: (typeof rows)[number]) =>
      `insert into audit_log overriding system value select * from json_populate_record(null::audit_log, '${JSON.stringify({
        id: r.id, event_key: r.eventKey, at: r.at.toISOString(), actor_user_id: r.actorUserId, actor_department_id: r.actorDepartmentId, action: r.action,
        request_id: r.requestId, task_id: r.taskId, details: r.details, prev_hash: r.prevHash, hash: r.hash, chain: r.chain, seq: r.seq,
      }).replace(/'/g, "''")}')`;
    const middle = rows[7]!;
    const found = await behindTheTrigger('audit_log', `delete from audit_log where id = ${middle.id}`, restore(middle), verify);
    expect(found.problems).toEqual([expect.objectContaining({ kind: 'deleted', rowId: rows[8]!.id, reason: expect.stringContaining(`${middle.seq}–${middle.seq}`) })]);
    const last = rows.at(-1)!;
    const end = await behindTheTrigger('audit_log', `delete from audit_log where id = ${last.id}`, restore(last), verify);
    expect(end.problems).toEqual([expect.objectContaining({ kind: 'deleted', chain: `case:${caseId}`, seq: last.seq })]);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('names two rows swapped in their chain', async () => {
    const rows = await caseRows();
    const [a, b] = [rows[10]!, rows[11]!];
    const swap = (x: number, y: number) => `update audit_log set seq = case when id = ${x} then -1 else seq end where id = ${x};
      update audit_log set seq = ${a.seq} where id = ${y}; update audit_log set seq = ${b.seq} where id = ${x}`;
    const found = await behindTheTrigger('audit_log', swap(a.id, b.id), `update audit_log set seq = -1 where id = ${a.id}; update audit_log set seq = ${b.seq} where id = ${b.id}; update audit_log set seq = ${a.seq} where id = ${a.id}`, verify);
    expect(found.problems).toEqual([
      expect.objectContaining({ kind: 'reordered', rowId: b.id }),
      expect.objectContaining({ kind: 'reordered', rowId: a.id }),
    ]);
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('names a forged anchor, a forged leaf, and an anchor that claims leaves that do not exist', async () => {
    const [anchor] = await stack.db.select().from(auditAnchors).orderBy(sql`${auditAnchors.id} desc`).limit(1);
    const forged = await behindTheTrigger(
      'audit_anchors',
      `update audit_anchors set root_hash = '${'3'.repeat(64)}' where id = ${anchor!.id}`,
      `update audit_anchors set root_hash = '${anchor!.rootHash}' where id = ${anchor!.id}`,
      verify,
    );
    expect(forged.problems).toEqual([expect.objectContaining({ kind: 'anchor', anchorId: anchor!.id })]);
    const leaf = await behindTheTrigger(
      'audit_anchor_leaves',
      `update audit_anchor_leaves set head = reverse(head) where leaf_index = 0`,
      `update audit_anchor_leaves set head = reverse(head) where leaf_index = 0`,
      verify,
    );
    expect(leaf.problems).toContainEqual(expect.objectContaining({ kind: 'anchor', leafIndex: 0 }));
    expect(leaf.problems).toContainEqual(expect.objectContaining({ kind: 'anchor', anchorId: anchor!.id }));
    const [extra] = await stack.db
      .insert(auditAnchors)
      .values({ treeSize: anchor!.treeSize + 100, rootHash: '4'.repeat(64), createdAt: new Date(Date.UTC(2026, 0, 6)), frontier: [] })
      .returning();
    try {
      expect((await verify()).problems).toEqual([expect.objectContaining({ kind: 'anchor', anchorId: extra!.id })]);
    } finally {
      await behindTheTrigger('audit_anchors', `delete from audit_anchors where id = ${extra!.id}`, 'select 1', async () => undefined);
    }
    expect(await verify()).toMatchObject({ intact: true });
  });

  it('proves each later anchor consistent with the earlier one (the tree only grows)', async () => {
    await stack.db.transaction((tx) => appendAudit(tx, { eventKey: `test.later:${caseId}`, at: new Date(Date.UTC(2026, 0, 7)), action: 'test.later', requestId: caseId }));
    const anchors: AnchorRecord[] = (await get('/api/audit/anchors')).json();
    const later = await anchorNow();
    const earlier = anchors.at(-1)!;
    const { proof, from, to } = (await get(`/api/audit/anchors/consistency?from=${earlier.id}&to=${later.id}`)).json();
    expect(from.rootHash).toBe(earlier.rootHash);
    const hex = (p: string[]) => p.map((h) => Buffer.from(h, 'hex'));
    expect(verifyConsistency(earlier.treeSize, to.treeSize, Buffer.from(earlier.rootHash, 'hex'), Buffer.from(later.rootHash, 'hex'), hex(proof))).toBe(true);
    expect(verifyConsistency(earlier.treeSize, to.treeSize, Buffer.from('5'.repeat(64), 'hex'), Buffer.from(later.rootHash, 'hex'), hex(proof))).toBe(false);
    // The case's proof now reaches its new row, against the new anchor.
    const bundle: AuditBundle = (await get(`/api/audit/proof?requestId=${caseId}`)).json();
    expect(verifyAuditBundle(bundle, [...anchors, later])).toMatchObject({ intact: true, anchoredThrough: bundle.rows.length });
    expect((await get(`/api/audit/anchors/consistency?from=${later.id}&to=${earlier.id}`)).statusCode).toBe(404);
  });

  it('gives a case’s proof only to a supervisor of its jurisdiction, and refuses bad queries with a 4xx naming the field', async () => {
    expect((await get(`/api/audit/proof?requestId=${caseId}`, await loginAs(stack.app, 'data.zhao'))).statusCode).toBe(200);
    expect((await get(`/api/audit/proof?requestId=${caseId}`, await loginAs(stack.app, 'ah-data.xu'))).statusCode).toBe(404);
    expect((await get(`/api/audit/proof?requestId=${caseId}`, await loginAs(stack.app, 'mzt.li'))).statusCode).toBe(403);
    expect((await get(`/api/audit/proof?chain=auth:-`, await loginAs(stack.app, 'data.zhao'))).statusCode).toBe(404);
    for (const url of ['/api/audit/proof', '/api/audit/proof?requestId=not-a-uuid', `/api/audit/proof?requestId=${caseId}&chain=auth:-`, '/api/audit/proof?chain=%00', '/api/audit/anchors/consistency?from=1', '/api/audit/anchors/consistency?from=1&to=99999999999']) {
      const reply = await get(url);
      expect(reply.statusCode, url).toBe(400);
      expect(reply.headers['content-type']).toContain('application/problem+json');
    }
    expect((await get('/api/audit/proof?requestId=00000000-0000-4000-8000-000000000000')).statusCode).toBe(404);
    expect((await stack.app.inject({ method: 'POST', url: '/api/audit/anchors', headers: await loginAs(stack.app, 'data.zhao') })).statusCode).toBe(403);
    const [row] = await stack.db.select().from(auditLog).where(and(eq(auditLog.chain, `case:${caseId}`), eq(auditLog.seq, 1)));
    expect(row!.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('lets an outsider verify an export and a case’s bundle from the files alone, naming what was changed in them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-export-'));
    const cli = (...args: string[]) => {
      const run = spawnSync('node_modules/.bin/tsx', ['scripts/audit.ts', ...args], { env: { ...process.env, DATABASE_URL: database.url }, encoding: 'utf8' });
      return { code: run.status, report: run.stdout.startsWith('{') ? JSON.parse(run.stdout) : run.stdout + run.stderr };
    };
    try {
      expect(cli('export', dir).code).toBe(0);
      const clean = cli('verify', dir);
      expect(clean, JSON.stringify(clean.report)).toMatchObject({ code: 0, report: { intact: true } });
      const lines = readFileSync(join(dir, 'rows.ndjson'), 'utf8').trimEnd().split('\n');
      const at = lines.findIndex((l) => l.includes(`case:${caseId}`)) + 4;
      const rowId = (i: number) => JSON.parse(lines[i]!).id;
      const rewrite = (changed: string[]) => writeFileSync(join(dir, 'rows.ndjson'), `${changed.join('\n')}\n`);

      rewrite(lines.map((l, i) => (i === at ? l.replace('"action":"', '"action":"x') : l)));
      expect(cli('verify', dir).report.problems).toEqual([expect.objectContaining({ kind: 'altered', rowId: rowId(at) })]);
      rewrite(lines.filter((_, i) => i !== at));
      expect(cli('verify', dir).report.problems).toEqual([expect.objectContaining({ kind: 'deleted', rowId: rowId(at + 1) })]);
      const swapped = [...lines];
      [swapped[at], swapped[at + 1]] = [lines[at + 1]!.replace(/"seq":(\d+)/, (_, n) => `"seq":${Number(n) - 1}`), lines[at]!.replace(/"seq":(\d+)/, (_, n) => `"seq":${Number(n) + 1}`)];
      rewrite(swapped);
      expect(cli('verify', dir).report.problems).toEqual([
        expect.objectContaining({ kind: 'reordered', rowId: rowId(at + 1) }),
        expect.objectContaining({ kind: 'reordered', rowId: rowId(at) }),
      ]);
      rewrite(lines);
      // Anchors kept from before: the export's tree must still give each of them.
      const anchors: AnchorRecord[] = JSON.parse(readFileSync(join(dir, 'anchors.json'), 'utf8'));
      writeFileSync(join(dir, 'held.json'), JSON.stringify(anchors.map((a, i) => (i === 0 ? { ...a, rootHash: '6'.repeat(64) } : a))));
      expect(cli('verify', dir, join(dir, 'held.json')).report.problems).toContainEqual(expect.objectContaining({ kind: 'anchor', anchorId: anchors[0]!.id }));

      writeFileSync(join(dir, 'bundle.json'), (await get(`/api/audit/proof?requestId=${caseId}`)).body);
      expect(cli('verify-case', join(dir, 'bundle.json'), join(dir, 'anchors.json'))).toMatchObject({ code: 0, report: { intact: true } });
      const bundle: AuditBundle = JSON.parse(readFileSync(join(dir, 'bundle.json'), 'utf8'));
      bundle.rows[2]!.actorUserId = 'someone-else';
      writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
      expect(cli('verify-case', join(dir, 'bundle.json'), join(dir, 'anchors.json'))).toMatchObject({ code: 1, report: { problems: [expect.objectContaining({ kind: 'altered', rowId: bundle.rows[2]!.id })] } });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
