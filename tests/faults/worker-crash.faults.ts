/**
 * The worker process is killed with SIGKILL while 500 submissions are in flight, and again while their tasks are being
 * completed; after each restart every case completes, with exactly one task, no escalation, and one audit row per
 * event in an intact chain (each status change once, though a killed worker's workflow task runs again elsewhere).
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { System } from '../../bench/support/stack';
import { call, completeUntilDone, integrity, openTasks, pool, sleep, submitUntilAccepted, waitFor } from './support';

const cases = 500;
const system = new System({ name: 'faults/worker-crash', env: { RATE_LIMIT_PER_MINUTE: '1000000000' } });
let connection: Connection;

beforeAll(async () => {
  await system.start();
  connection = await Connection.connect({ address: system.temporal.address });
});

afterAll(async () => {
  await connection?.close();
  await system.stop();
  system.remove();
});

describe('a worker killed mid-flight', () => {
  it('loses and duplicates nothing: every case completes once', async () => {
    const login = async (username: string) => String((await call(system.apiBase, 'POST', '/api/auth/login', undefined, { username, password: 'demo1234' })).json.token);
    const requester = await login('mzt.li');
    const reviewer = await login('data.chen');

    // 500 submissions, 50 at a time; the worker dies when 150 have been accepted and comes back 5 s later.
    let accepted = 0;
    let killedAt = -1;
    const submissions = pool(
      Array.from({ length: cases }, (_, i) => i),
      50,
      async (i) => {
        const r = await submitUntilAccepted(system.apiBase, requester, `worker-crash-${i}`, {
          catalogueEntryId: 'HB-SCJGJ-0001',
          scenario: `故障测试：工作进程被杀 ${i}`,
        });
        accepted += r.status === 201 ? 1 : 0;
        return r;
      },
    );
    await waitFor(async () => accepted, (n) => n >= 150, 120_000, 50);
    killedAt = accepted;
    await system.worker.stop('SIGKILL');
    await sleep(5_000);
    system.worker.start();
    const replies = await submissions;
    expect(replies.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(killedAt).toBeLessThan(cases);

    const tasks = await waitFor(() => openTasks(system, reviewer), (m) => m.size >= cases, 1_200_000, 2_000);
    expect(tasks.size).toBe(cases);

    // Complete them all; the worker dies again a third of the way through.
    let completed = 0;
    const completions = pool([...tasks.values()], 25, async (taskId) => {
      const status = await completeUntilDone(system.apiBase, reviewer, taskId, 'provided');
      completed += 1;
      return status;
    });
    await waitFor(async () => completed, (n) => n >= cases / 3, 1_200_000, 50);
    await system.worker.stop('SIGKILL');
    await sleep(5_000);
    system.worker.start();
    expect((await completions).filter((s) => s !== 200)).toEqual([]);

    const client = new Client({ connection, namespace: 'default' });
    const closed = await waitFor(
      async () => (await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Completed"`)).count,
      (n) => n >= cases,
      1_200_000,
      2_000,
    );
    expect(closed).toBe(cases);
    const running = (await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Running"`)).count;
    expect(running).toBe(0);

    const state = await waitFor(() => integrity(system.pg.url), (s) => s.counts.fulfilled >= cases, 120_000, 2_000);
    expect(state.counts).toMatchObject({ requests: cases, tasks: cases, open: 0, completed: cases, escalations: 0, fulfilled: cases });
    expect(state.perCase.filter((c) => c.submitted !== 1 || c.opened !== 1 || c.completed !== 1 || c.tasks !== 1)).toEqual([]);
    // Two status changes per case (awaiting-provide-data, fulfilled), each recorded once though a worker died mid-burst.
    expect(state.perCase.filter((c) => c.statusChanges !== 2 || c.statusRepeats !== 0)).toEqual([]);
    expect(state.chain).toMatchObject({ intact: true });
    console.log(`worker-crash: killed at ${killedAt}/${cases} accepted and again during completion; ${JSON.stringify(state.counts)}; chain intact`);
  });
});
