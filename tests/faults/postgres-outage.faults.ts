/**
 * Postgres is stopped for 30 s while 60 new cases are opening their tasks. Meanwhile the API answers 503
 * problem+json (with Retry-After) to writes and reads, and /readyz says which dependency is down; activities fail and
 * retry. After the restart every case has its task, submissions refused during the outage go through when retried,
 * and nothing is duplicated or missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { System } from '../../bench/support/stack';
import { call, completeUntilDone, integrity, openTasks, pool, sleep, submitUntilAccepted, waitFor } from './support';

const cases = 60;
const system = new System({ name: 'faults/postgres-outage', env: { RATE_LIMIT_PER_MINUTE: '1000000000' } });

beforeAll(async () => {
  await system.start();
});

afterAll(async () => {
  await system.stop();
  system.remove();
});

describe('Postgres stopped for 30 s', () => {
  it('503 for writes meanwhile; activities retry; nothing lost or doubled', async () => {
    const login = async (username: string) => String((await call(system.apiBase, 'POST', '/api/auth/login', undefined, { username, password: 'demo1234' })).json.token);
    const requester = await login('mzt.li');
    const reviewer = await login('data.chen');
    const body = (i: number) => ({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: `故障测试：数据库停机 ${i}` });

    const replies = await pool(Array.from({ length: cases }, (_, i) => i), 20, (i) => submitUntilAccepted(system.apiBase, requester, `pg-${i}`, body(i)));
    expect(replies.filter((r) => r.status !== 201)).toEqual([]);

    // Straight away, while the worker is still opening their tasks.
    await system.pg.stop();
    const stoppedAt = Date.now();
    await sleep(1_000);
    const write = await call(system.apiBase, 'POST', '/api/share-requests', requester, body(999), { 'idempotency-key': 'pg-during' });
    expect(write.status).toBe(503);
    expect(write.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(write.headers.get('retry-after')).toBe('5');
    expect(write.json).toMatchObject({ status: 503, title: 'Service unavailable' });
    expect(String(write.json.detail)).toMatch(/database/);
    const read = await call(system.apiBase, 'GET', '/api/tasks', reviewer);
    expect(read.status).toBe(503);
    const ready = await call(system.apiBase, 'GET', '/readyz');
    expect(ready).toMatchObject({ status: 503, json: { postgres: false, temporal: true } });
    await sleep(Math.max(0, stoppedAt + 30_000 - Date.now()));
    await system.pg.start();

    // The refused submission goes through when retried; the API's and the worker's pools reconnect by themselves.
    const retried = await submitUntilAccepted(system.apiBase, requester, 'pg-during', body(999));
    expect(retried.status).toBe(201);
    const tasks = await waitFor(() => openTasks(system, reviewer), (m) => m.size >= cases + 1, 180_000, 1_000);
    expect(tasks.size).toBe(cases + 1);

    const statuses = await pool([...tasks.values()], 20, (taskId) => completeUntilDone(system.apiBase, reviewer, taskId, 'provided'));
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    const state = await waitFor(() => integrity(system.pg.url), (s) => s.counts.fulfilled >= cases + 1, 180_000, 1_000);
    expect(state.counts).toMatchObject({ requests: cases + 1, tasks: cases + 1, completed: cases + 1, fulfilled: cases + 1, escalations: 0 });
    expect(state.perCase.filter((c) => c.submitted !== 1 || c.opened !== 1 || c.completed !== 1 || c.tasks !== 1)).toEqual([]);
    expect(state.chain).toMatchObject({ intact: true });
    console.log(`postgres-outage: ${JSON.stringify(state.counts)}; chain intact`);
  });
});
