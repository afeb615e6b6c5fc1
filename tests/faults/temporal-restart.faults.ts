/**
 * The Temporal dev server (persistent database file) is stopped while 50 cases wait on their escalation timers and
 * started again 45 s later. The ladder is compressed to seconds after receipt (bench/support/compressed-worker.ts):
 * the rungs that fell due while the server was down fire on restart, the later ones on time, each once; submissions
 * made while it was down are saved, answered 503, and started when retried with the same Idempotency-Key.
 */
import { Client, Connection } from '@temporalio/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDb } from '../../db/client';
import { System } from '../../bench/support/stack';
import { call, completeUntilDone, integrity, openTasks, pool, sleep, submitUntilAccepted, waitFor } from './support';

const cases = 50;
/** With the five submitted while the server was down, whose ladders run from their receipt too. */
const all = cases + 5;
const offsets = { reminder: 90, overdue: 110, rectification: 130, 'government-report': 150 };
const system = new System({
  name: 'faults/temporal-restart',
  env: { RATE_LIMIT_PER_MINUTE: '1000000000' },
  compressedLadder: Object.entries(offsets).map(([rung, s]) => `${rung}:${s}`).join(','),
});

beforeAll(async () => {
  await system.start();
});

afterAll(async () => {
  await system.stop();
  system.remove();
});

describe('a Temporal server stopped and restarted mid-flight', () => {
  it('resumes every workflow; timers due while it was down fire on restart, once', async () => {
    const login = async (username: string) => String((await call(system.apiBase, 'POST', '/api/auth/login', undefined, { username, password: 'demo1234' })).json.token);
    const requester = await login('mzt.li');
    const reviewer = await login('data.chen');
    const body = (i: number) => ({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: `故障测试：Temporal 重启 ${i}` });

    const t0 = Date.now();
    const replies = await pool(Array.from({ length: cases }, (_, i) => i), 20, (i) => submitUntilAccepted(system.apiBase, requester, `temporal-${i}`, body(i)));
    expect(replies.filter((r) => r.status !== 201)).toEqual([]);
    await waitFor(() => openTasks(system, reviewer), (m) => m.size >= cases, 300_000, 1_000);

    // Down from receipt + ~80 s to + ~125 s: the reminder (90 s) and overdue (110 s) instants pass while it is down.
    await sleep(Math.max(0, t0 + 80_000 - Date.now()));
    await system.temporal.stop();
    const stoppedAt = Date.now();
    const during = await pool([0, 1, 2, 3, 4], 5, (i) =>
      call(system.apiBase, 'POST', '/api/share-requests', requester, body(1000 + i), { 'idempotency-key': `temporal-down-${i}` }),
    );
    expect(during.map((r) => r.status)).toEqual([503, 503, 503, 503, 503]);
    expect(String(during[0]!.json.detail)).toMatch(/retry with the same Idempotency-Key/);
    await sleep(Math.max(0, stoppedAt + 45_000 - Date.now()));
    await system.temporal.start();
    const restartedAt = Date.now();

    // Retried after the restart, the saved submissions start their workflows: 200 with the same case.
    const retried = await pool([0, 1, 2, 3, 4], 5, (i) => submitUntilAccepted(system.apiBase, requester, `temporal-down-${i}`, body(1000 + i)));
    expect(retried.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);

    const { db, close } = connectDb(system.pg.url, { max: 1 });
    try {
      const fired = await waitFor(
        async () => (await db.execute<{ n: number }>(sql`select count(*)::int as n from escalations`))[0]!.n,
        (n) => n >= all * 4,
        240_000,
        1_000,
      );
      expect(fired).toBe(all * 4);
      const rows = await db.execute<{ rung: string; scheduled: Date; fired: Date }>(
        sql`select rung, scheduled_at as scheduled, fired_at as fired from escalations`,
      );
      const lateness: Record<string, number[]> = {};
      for (const r of rows) {
        const scheduled = new Date(r.scheduled).getTime();
        const firedAt = new Date(r.fired).getTime();
        expect(firedAt).toBeGreaterThanOrEqual(scheduled);
        const dueWhileDown = scheduled >= stoppedAt && scheduled < restartedAt;
        if (dueWhileDown) expect(firedAt).toBeGreaterThanOrEqual(restartedAt);
        (lateness[`${r.rung}${dueWhileDown ? ' (due while down)' : ''}`] ??= []).push(firedAt - (dueWhileDown ? restartedAt : scheduled));
      }
      const summary = Object.fromEntries(
        Object.entries(lateness).map(([k, v]) => [k, { n: v.length, maxMs: Math.max(...v) }]),
      );
      console.log(`temporal-restart: down ${Math.round((restartedAt - stoppedAt) / 1000)} s; fired-after (restart or schedule): ${JSON.stringify(summary)}`);
      // Every rung due while the server was down came after the restart, and within a minute of it.
      for (const [k, v] of Object.entries(lateness)) if (k.endsWith('(due while down)')) expect(Math.max(...v)).toBeLessThan(60_000);
    } finally {
      await close();
    }

    // Every workflow resumes: completing every task closes every case.
    const tasks = await openTasks(system, reviewer);
    expect(tasks.size).toBe(cases + 5);
    const statuses = await pool([...tasks.values()], 20, (taskId) => completeUntilDone(system.apiBase, reviewer, taskId, 'provided'));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const connection = await Connection.connect({ address: system.temporal.address });
    try {
      const client = new Client({ connection, namespace: 'default' });
      const completed = await waitFor(
        async () => (await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Completed"`)).count,
        (n) => n >= cases + 5,
        180_000,
        2_000,
      );
      expect(completed).toBe(cases + 5);
    } finally {
      await connection.close();
    }
    const state = await waitFor(() => integrity(system.pg.url), (s) => s.counts.fulfilled >= cases + 5, 60_000, 1_000);
    expect(state.counts).toMatchObject({ requests: cases + 5, tasks: cases + 5, completed: cases + 5, fulfilled: cases + 5 });
    expect(state.escalationAudit).toEqual({ rows: all * 4, escalations: all * 4, missing: 0 });
    expect(state.perCase.filter((c) => c.submitted !== 1 || c.opened !== 1 || c.completed !== 1)).toEqual([]);
    expect(state.chain).toMatchObject({ intact: true });
  });
});
