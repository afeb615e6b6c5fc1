/**
 * The production topology of docs/DEPLOYMENT.md for real: the Temporal Server on PostgreSQL, two worker processes and
 * two API processes on one task queue. During a burst of submissions spread over both APIs, one worker is killed
 * with SIGKILL (and stays dead), then both APIs are restarted one after the other (SIGTERM, start, ready) while the
 * burst goes on. A client that, like a load balancer, sends a refused request (or a 503 of an instance that is
 * closing) to the other instance with the same Idempotency-Key sees every submission accepted (201, or 200 with the
 * case an earlier attempt saved before its answer was lost); every case gets
 * exactly one task, completes once, and the audit chain stays intact.
 */
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Part, System } from '../../bench/support/stack';
import { sql } from 'drizzle-orm';
import { connectDb } from '../../db/client';
import { call, completeUntilDone, integrity, openTasks, pool, sleep, waitFor, type Reply } from './support';

/** How many audit rows of each action, and the most any one case has of it. */
async function auditByAction(url: string): Promise<Record<string, { rows: number; mostPerCase: number }>> {
  const { db, close } = connectDb(url, { max: 1 });
  try {
    const rows = await db.execute<{ action: string; rows: number; most: number }>(sql`
      select action, sum(n)::int as rows, max(n)::int as most
      from (select action, request_id, count(*) as n from audit_log group by action, request_id) per
      group by action order by action`);
    return Object.fromEntries([...rows].map((r) => [r.action, { rows: r.rows, mostPerCase: r.most }]));
  } finally {
    await close();
  }
}

/** At least this many submissions (FAULT_TOPOLOGY_CASES), and the burst lasts until the rolling restart is over. */
const minimum = Number(process.env.FAULT_TOPOLOGY_CASES || 300);
const concurrency = 10;
const system = new System({ name: 'faults/topology', temporal: 'postgres', env: { RATE_LIMIT_PER_MINUTE: '1000000000' } });
let connection: Connection;
let apis: Array<{ part: Part; base: string }> = [];

beforeAll(async () => {
  await system.start();
  const secondWorker = await system.addPart('worker');
  apis = [{ part: system.api, base: system.apiBase }, await system.addPart('api')];
  for (const worker of [system.worker, secondWorker.part]) {
    await waitFor(async () => worker.output, (o) => o.includes('Worker polling'), 180_000, 200);
  }
  connection = await Connection.connect({ address: system.temporal.address });
}, 900_000);

afterAll(async () => {
  await connection?.close();
  await Promise.all(apis.slice(1).map((a) => a.part.stop()));
  await system.stop();
  system.remove();
});

/** Sends to instance `first`, and on a refused connection or a 503 to the other, as a load balancer would; same key. */
async function submit(first: number, token: string, key: string, body: unknown, seen: number[]): Promise<Reply> {
  const deadline = Date.now() + 120_000;
  for (let attempt = 0; ; attempt++) {
    const base = apis[(first + attempt) % apis.length]!.base;
    const r = await call(base, 'POST', '/api/share-requests', token, body, { 'idempotency-key': key });
    seen.push(r.status);
    if ((r.status !== 0 && r.status !== 503) || Date.now() > deadline) return r;
    if (attempt % apis.length === apis.length - 1) await sleep(200);
  }
}

describe('two workers and two APIs on the Temporal Server on PostgreSQL', () => {
  it('loses and duplicates nothing when a worker is killed mid-burst, and fails no submission through a rolling restart of the APIs', async () => {
    const login = async (username: string) => String((await call(system.apiBase, 'POST', '/api/auth/login', undefined, { username, password: 'demo1234' })).json.token);
    const requester = await login('mzt.li');
    const reviewer = await login('data.chen');

    let accepted = 0;
    let next = 0;
    let restarted = false;
    const statuses: number[] = [];
    const replies: Reply[] = [];
    const burst = Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (!(restarted && next >= minimum)) {
          const i = next++;
          const r = await submit(i % 2, requester, `topology-${i}`, { catalogueEntryId: 'HB-SCJGJ-0001', scenario: `部署拓扑故障测试 ${i}` }, statuses);
          replies[i] = r;
          accepted += r.status === 201 ? 1 : 0;
        }
      }),
    );

    // One worker dies with what it holds (workflow tasks, local activities in flight) and does not come back.
    await waitFor(async () => accepted, (n) => n >= minimum / 5, 600_000, 50);
    const killedAt = accepted;
    await system.worker.stop('SIGKILL');
    console.log(`topology: worker 1 killed at ${killedAt} accepted`);

    // Rolling restart: each API stops gracefully and starts again; the other one takes the traffic meanwhile.
    await waitFor(async () => accepted, (n) => n >= killedAt + minimum / 5, 600_000, 50);
    const restartedAt: number[] = [];
    for (const api of apis) {
      restartedAt.push(accepted);
      await api.part.stop('SIGTERM');
      api.part.start();
      await system.waitForApi(300_000, api.part, api.base);
      console.log(`topology: API ${api.base} restarted`);
    }
    restarted = true;
    await burst;
    const total = next;
    console.log(`topology: burst over, ${total} submitted`);

    // Every key ends with its case: 201, or 200 when an earlier attempt had saved it but its answer was lost (the
    // instance stopped or refused before answering) and the retry with the same key got the same case back.
    expect(replies.filter((r) => r.status !== 201 && r.status !== 200).map((r) => `${r.status} ${JSON.stringify(r.json)}`)).toEqual([]);
    // No instance answered anything else but, while it was stopping or down, a 503 or a refused connection, which the
    // balancer sent to the other instance with the same Idempotency-Key.
    expect(statuses.filter((s) => s !== 201 && s !== 200 && s !== 0 && s !== 503)).toEqual([]);
    expect(new Set(replies.map((r) => String(r.json.id))).size).toBe(total);

    const tasks = await waitFor(() => openTasks(system, reviewer), (m) => m.size >= total, 1_200_000, 2_000);
    expect(tasks.size).toBe(total);
    console.log(`topology: ${tasks.size} tasks open`);
    const completions = await pool([...tasks.values()], 25, (taskId, i) => completeUntilDone(apis[i % 2]!.base, reviewer, taskId, 'provided'));
    expect(completions.filter((s) => s !== 200)).toEqual([]);

    const client = new Client({ connection, namespace: 'default' });
    const closed = await waitFor(
      async () => (await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Completed"`)).count,
      (n) => n >= total,
      1_200_000,
      2_000,
    );
    expect(closed).toBe(total);
    expect((await client.workflow.count(`TaskQueue="${system.taskQueue}" AND ExecutionStatus="Running"`)).count).toBe(0);

    const state = await waitFor(() => integrity(system.pg.url), (s) => s.counts.fulfilled >= total, 120_000, 2_000);
    expect(state.counts).toMatchObject({ requests: total, tasks: total, open: 0, completed: total, escalations: 0, fulfilled: total });
    expect(state.perCase.filter((c) => c.submitted !== 1 || c.opened !== 1 || c.completed !== 1 || c.tasks !== 1)).toEqual([]);
    // Two status changes per case (awaiting-provide-data, fulfilled), each recorded once though a worker died mid-burst.
    expect(state.perCase.filter((c) => c.statusChanges !== 2 || c.statusRepeats !== 0)).toEqual([]);
    expect(state.chain).toMatchObject({ intact: true });
    const byAction = await auditByAction(system.pg.url);
    console.log(`topology: audit rows by action ${JSON.stringify(byAction)}`);
    const refused = statuses.filter((s) => s === 0).length;
    const closing = statuses.filter((s) => s === 503).length;
    const replayed = replies.filter((r) => r.status === 200).length;
    console.log(
      `topology: ${total} submissions over two APIs; worker 1 killed at ${killedAt} accepted (not restarted); APIs restarted at ${restartedAt.join(' and ')}; ` +
        `${refused} refused connections and ${closing} 503s retried on the other API, ${replayed} answered 200 with the case an earlier attempt had saved; ${JSON.stringify(state.counts)}; chain intact`,
    );
  }, 2_400_000);
});
