/**
 * 受理编号 (docs/CASE-NUMBERS.md): every case gets a readable number per jurisdiction, process and year of receipt at
 * creation, in the transaction that inserts it: concurrent creations never share one, a retry with the same key gives
 * no new one, numbers run without gaps, and the migration numbered the cases that existed before.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptYear } from '../../api/case-number';
import { seedReferenceData } from '../../db/seed';
import { connectDb } from '../../db/client';
import { beijingDate } from '../support/fixtures';
import { ownDatabase } from '../support/own-database';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

// A database of its own: the numbers of a jurisdiction, process and year are asserted from 0001 on.
let own: Awaited<ReturnType<typeof ownDatabase>>;
let stack: TestStack;
let civil: Record<string, string>;
let anhui: Record<string, string>;

beforeAll(async () => {
  own = await ownDatabase();
  stack = await startStack(testSecurity, { databaseUrl: own.url });
  civil = await loginAs(stack.app, 'mzt.li');
  anhui = await loginAs(stack.app, 'ah-mzt.ma');
});
afterAll(async () => {
  await stack?.stop();
  await own?.drop();
});

const serial = (n: number) => String(n).padStart(4, '0');

function shareRequest(headers: Record<string, string>, entry: string, scenario: string, key?: string) {
  return stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: key ? { ...headers, 'idempotency-key': key } : headers,
    payload: { catalogueEntryId: entry, scenario },
  });
}

describe('受理编号: a readable number given at creation', () => {
  it('gives twelve concurrent share requests the numbers 0001 to 0012 of their province, process and year, each once', async () => {
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => shareRequest(civil, 'HB-JYT-0001', `并发受理编号核验学历 第${i + 1}件`)));
    for (const r of responses) expect(r.statusCode, r.body).toBe(201);
    const cases = responses.map((r) => r.json() as { caseNumber: string; receivedAt: string });
    const year = receiptYear(new Date(cases[0]!.receivedAt));
    expect(cases.map((c) => c.caseNumber).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `冀数共申〔${year}〕${serial(i + 1)}号`));
    const shown = (await stack.app.inject({ method: 'GET', url: '/api/share-requests?sort=caseNumber&order=asc', headers: civil })).json();
    expect(shown.map((c: { caseNumber: string }) => c.caseNumber)).toEqual(cases.map((c) => c.caseNumber).sort());
  });

  it('gives a retry with the same key the same number and takes none for it: the next case is the next number', async () => {
    const first = await shareRequest(civil, 'HB-JYT-0001', '同一请求重发不占用编号', 'numbering-retry-1');
    expect(first.statusCode, first.body).toBe(201);
    const again = await Promise.all([1, 2, 3].map(() => shareRequest(civil, 'HB-JYT-0001', '同一请求重发不占用编号', 'numbering-retry-1')));
    for (const r of again) {
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().caseNumber).toBe(first.json().caseNumber);
    }
    const next = await shareRequest(civil, 'HB-JYT-0001', '重发之后的下一件');
    const year = receiptYear(new Date(first.json().receivedAt));
    const serialOf = (n: string) => Number(/〔\d{4}〕(\d+)号$/.exec(n)?.[1]);
    expect(first.json().caseNumber).toMatch(new RegExp(`^冀数共申〔${year}〕\\d{4}号$`));
    expect(next.json().caseNumber).toBe(`冀数共申〔${year}〕${serial(serialOf(first.json().caseNumber) + 1)}号`);
  });

  it('numbers each process and province on its own: a catalogue change is 变, an Anhui request 皖, a case received last year that year', async () => {
    const change = await stack.app.inject({
      method: 'POST',
      url: '/api/catalogue-changes',
      headers: civil,
      payload: { catalogueEntryId: 'HB-MZT-0001', trigger: 'law-change', changedAt: beijingDate(0), description: '编号：目录变更单独编号' },
    });
    expect(change.statusCode, change.body).toBe(201);
    expect(change.json().caseNumber).toBe(`冀数共变〔${receiptYear(new Date(change.json().receivedAt))}〕0001号`);
    const dispute = await stack.app.inject({ method: 'POST', url: '/api/quality-disputes', headers: civil, payload: { catalogueEntryId: 'HB-GAT-0001', description: '编号：数据质量异议单独编号' } });
    expect(dispute.json().caseNumber).toMatch(/^冀数共异〔\d{4}〕0001号$/);
    const ah = await shareRequest(anhui, 'AH-GAT-0001', '安徽省低保资格核验户籍');
    expect(ah.statusCode, ah.body).toBe(201);
    expect(ah.json().caseNumber).toBe(`皖数共申〔${receiptYear(new Date(ah.json().receivedAt))}〕0001号`);
    const detail = await stack.app.inject({ method: 'GET', url: `/api/share-requests/${ah.json().id}`, headers: anhui });
    expect(detail.json().caseNumber).toBe(ah.json().caseNumber);
    const audit = detail.json().timeline.find((a: { action: string }) => a.action === 'request.submitted');
    expect(audit.details.caseNumber).toBe(ah.json().caseNumber);
  });

  it('takes the year of receipt in Beijing time, whichever code inserts the case: 31 December 16:00 UTC is already the next year', async () => {
    expect(receiptYear(new Date('2025-12-31T15:59:59Z'))).toBe(2025);
    expect(receiptYear(new Date('2025-12-31T16:00:00Z'))).toBe(2026);
    const insert = (id: string, receivedAt: string) =>
      stack.db.execute(sql`insert into requests (id, process, status, jurisdiction, pack, requester_department_id, authority_department_id, received_at, workflow_id, created_by)
        values (${id}, 'negative-list', 'closed', 'hebei', 'x', 'hb-mzt', 'hb-data', ${receivedAt}, ${'wf-' + id}, 'u-mzt-li') returning case_number`);
    const [late] = await insert('00000000-0000-4000-8000-0000000000a1', '2025-12-31T15:59:59Z');
    const [early] = await insert('00000000-0000-4000-8000-0000000000a2', '2025-12-31T16:00:00Z');
    expect([late?.case_number, early?.case_number]).toEqual(['冀数共负〔2025〕0001号', '冀数共负〔2026〕0001号']);
  });
});

describe('the migration numbers the cases that existed before it', () => {
  it('numbers earlier cases in the order received, per jurisdiction, process and year, and the counters go on from there', async () => {
    const migrations = fileURLToPath(new URL('../../db/migrations', import.meta.url));
    const before = mkdtempSync(join(tmpdir(), 'migrations-'));
    cpSync(migrations, before, { recursive: true });
    const journalPath = join(before, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
    const at = journal.entries.findIndex((e) => e.tag.endsWith('_case-numbers'));
    expect(at).toBeGreaterThan(0);
    for (const e of journal.entries.slice(at)) unlinkSync(join(before, `${e.tag}.sql`));
    journal.entries = journal.entries.slice(0, at);
    writeFileSync(journalPath, JSON.stringify(journal));
    const db2 = await ownDatabase();
    // ownDatabase migrated it fully; start again from an empty schema migrated up to the migration before.
    const sql = postgres(db2.url, { max: 1, onnotice: () => undefined });
    try {
      await sql.unsafe('drop schema public cascade; create schema public; drop schema if exists drizzle cascade');
      await migrate(drizzle(sql), { migrationsFolder: before });
      const { db, close } = connectDb(db2.url, { max: 1 });
      await seedReferenceData(db);
      await close();
      const row = (id: string, process: string, jurisdiction: string, requester: string, entry: string, receivedAt: string) =>
        sql`insert into requests (id, process, status, jurisdiction, pack, requester_department_id, provider_department_id, authority_department_id, catalogue_entry_id, received_at, workflow_id, created_by)
            values (${id}, ${process}, 'closed', ${jurisdiction}, 'x', ${requester}, ${null}, ${jurisdiction === 'anhui' ? 'ah-data' : 'hb-data'}, ${entry}, ${receivedAt}, ${'wf-' + id}, ${jurisdiction === 'anhui' ? 'u-ah-mzt-ma' : 'u-mzt-li'})`;
      await row('00000000-0000-4000-8000-000000000003', 'share-request', 'hebei', 'hb-mzt', 'HB-JYT-0001', '2025-03-01T02:00:00Z');
      await row('00000000-0000-4000-8000-000000000001', 'share-request', 'hebei', 'hb-mzt', 'HB-JYT-0001', '2025-01-05T02:00:00Z');
      await row('00000000-0000-4000-8000-000000000002', 'share-request', 'hebei', 'hb-mzt', 'HB-JYT-0001', '2024-12-31T16:30:00Z');
      await row('00000000-0000-4000-8000-000000000004', 'share-request', 'hebei', 'hb-mzt', 'HB-JYT-0001', '2024-12-31T15:30:00Z');
      await row('00000000-0000-4000-8000-000000000005', 'quality-dispute', 'hebei', 'hb-mzt', 'HB-GAT-0001', '2025-02-01T02:00:00Z');
      await row('00000000-0000-4000-8000-000000000006', 'share-request', 'anhui', 'ah-mzt', 'AH-GAT-0001', '2025-02-01T02:00:00Z');
      await migrate(drizzle(sql), { migrationsFolder: migrations });
      const numbered = await sql<{ id: string; case_number: string }[]>`select id, case_number from requests order by id`;
      expect(numbered.map((r) => r.case_number)).toEqual([
        '冀数共申〔2025〕0002号',
        '冀数共申〔2025〕0001号', // 31 Dec 16:30 UTC is 1 Jan in Beijing
        '冀数共申〔2025〕0003号',
        '冀数共申〔2024〕0001号',
        '冀数共异〔2025〕0001号',
        '皖数共申〔2025〕0001号',
      ]);
      const counters = await sql`select jurisdiction, process, year, last from case_number_counters order by 1, 2, 3`;
      expect(counters.map((c) => `${c.jurisdiction} ${c.process} ${c.year} ${c.last}`)).toEqual([
        'anhui share-request 2025 1',
        'hebei quality-dispute 2025 1',
        'hebei share-request 2024 1',
        'hebei share-request 2025 3',
      ]);
      const nullable = await sql`select is_nullable from information_schema.columns where table_name = 'requests' and column_name = 'case_number'`;
      expect(nullable[0]?.is_nullable).toBe('NO');
    } finally {
      await sql.end();
      await db2.drop();
      rmSync(before, { recursive: true, force: true });
    }
  });
});
