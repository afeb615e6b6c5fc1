/**
 * The same submission twice: twenty identical requests at once, and twenty whose API process is killed (SIGKILL)
 * before it answers, retried on a new process with the same Idempotency-Key. Each key makes one case, one workflow
 * and one task.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { System } from '../../bench/support/stack';
import { call, integrity, pool, sleep, submitUntilAccepted, waitFor } from './support';

const system = new System({ name: 'faults/idempotency', env: { RATE_LIMIT_PER_MINUTE: '1000000000' } });
let connection: Connection;
let token = '';

beforeAll(async () => {
  await system.start();
  connection = await Connection.connect({ address: system.temporal.address });
  token = String((await call(system.apiBase, 'POST', '/api/auth/login', undefined, { username: 'mzt.li', password: 'demo1234' })).json.token);
});

afterAll(async () => {
  await connection?.close();
  await system.stop();
  system.remove();
});

const body = { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '故障测试：重复提交' };

async function running(): Promise<number> {
  const client = new Client({ connection, namespace: 'default' });
  return (await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Running"`)).count;
}

describe('the same submission twice', () => {
  it('twenty at once with one key: one case', async () => {
    const replies = await pool(Array.from({ length: 20 }, (_, i) => i), 20, () =>
      call(system.apiBase, 'POST', '/api/share-requests', token, body, { 'idempotency-key': 'same-at-once' }),
    );
    expect(replies.filter((r) => r.status === 201)).toHaveLength(1);
    expect(replies.filter((r) => r.status !== 201 && r.status !== 200)).toEqual([]);
    expect(new Set(replies.map((r) => r.json.id)).size).toBe(1);
    const state = await waitFor(() => integrity(system.pg.url), (s) => s.counts.tasks >= 1, 60_000);
    expect(state.counts).toMatchObject({ requests: 1, tasks: 1 });
    expect(await waitFor(running, (n) => n >= 1, 30_000)).toBe(1);
  });

  it('twenty whose API process dies before answering, retried on the next one: one case each', async () => {
    const keys = Array.from({ length: 20 }, (_, i) => `crash-${i}`);
    const inFlight = pool(keys, 20, (key) => call(system.apiBase, 'POST', '/api/share-requests', token, body, { 'idempotency-key': key }));
    await sleep(40);
    await system.api.stop('SIGKILL');
    const lost = await inFlight;
    console.log(`idempotency: when the API died, ${lost.filter((r) => r.status === 0).length} of 20 had no answer`);
    system.api.start();
    await system.waitForApi();
    const retried = await pool(keys, 20, (key) => submitUntilAccepted(system.apiBase, token, key, body));
    expect(retried.filter((r) => r.status !== 200 && r.status !== 201)).toEqual([]);
    for (const [i, r] of lost.entries()) if (r.status === 201) expect(retried[i]!.json.id).toBe(r.json.id);
    expect(new Set(retried.map((r) => r.json.id)).size).toBe(20);

    const state = await waitFor(() => integrity(system.pg.url), (s) => s.counts.tasks >= 21, 120_000);
    expect(state.counts).toMatchObject({ requests: 21, tasks: 21 });
    expect(state.perCase.filter((c) => c.submitted !== 1 || c.opened !== 1 || c.tasks !== 1)).toEqual([]);
    expect(await waitFor(running, (n) => n >= 21, 60_000)).toBe(21);
    expect(state.chain).toMatchObject({ intact: true });
  });
});
