/**
 * The API process is killed with SIGKILL after it has committed a case and before it has started the case's workflow:
 * it reaches Temporal through a proxy that is frozen at that moment, so its start call is under way and goes nowhere.
 * The worker process's reconciler then starts the case — its workflow, its task, its deadline from the receipt — once,
 * with an audit row saying so; the submitter's retry with the same Idempotency-Key gets that case.
 */
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { and, eq } from 'drizzle-orm';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Part, System, freePort } from '../../bench/support/stack';
import { connectDb, type DbHandle } from '../../db/client';
import { auditLog, requests, tasks } from '../../db/schema';
import { call, integrity, sleep, waitFor } from './support';

/** A TCP proxy to `target` that can be frozen: while frozen, nothing passes either way (a partition, a paused server). */
class FreezableProxy {
  frozen = false;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  address = '';
  constructor(private readonly target: string) {}

  async start(): Promise<void> {
    const [host, port] = this.target.split(':');
    this.server = createServer((client) => {
      const upstream = createConnection({ host, port: Number(port) });
      for (const [from, to] of [
        [client, upstream],
        [upstream, client],
      ] as const) {
        this.sockets.add(from);
        from.on('data', (chunk) => {
          if (!this.frozen) to.write(chunk);
        });
        from.on('error', () => to.destroy());
        from.on('close', () => {
          this.sockets.delete(from);
          to.destroy();
        });
      }
    });
    const port0 = await freePort();
    await new Promise<void>((resolve) => this.server!.listen(port0, '127.0.0.1', resolve));
    this.address = `127.0.0.1:${port0}`;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

const system = new System({
  name: 'faults/api-killed-between-commit-and-start',
  api: false,
  // The reconciler looks every second at cases committed more than 5 s ago.
  env: { RATE_LIMIT_PER_MINUTE: '1000000000', RECONCILE_EVERY_MS: '1000', RECONCILE_GRACE_MS: '5000' },
});
let proxy: FreezableProxy;
let connection: Connection;
let handle: DbHandle;

beforeAll(async () => {
  await system.start();
  proxy = new FreezableProxy(system.temporal.address);
  await proxy.start();
  // The API reaches Temporal only through the proxy, and would wait a minute for it: it must not answer before it dies.
  system.api = new Part('api', { ...system.api.env, TEMPORAL_ADDRESS: proxy.address, WORKFLOW_START_WAIT_MS: '60000' });
  system.api.start();
  await system.waitForApi();
  connection = await Connection.connect({ address: system.temporal.address });
  handle = connectDb(system.pg.url, { max: 2 });
});

afterAll(async () => {
  await handle?.close();
  await connection?.close();
  await system.stop();
  await proxy?.stop();
  system.remove();
});

describe('an API killed between committing a case and starting its workflow', () => {
  it('leaves a case the reconciler starts: its workflow, its task and its deadline, once', async () => {
    const { db } = handle;
    const client = new Client({ connection, namespace: 'default' });
    const token = String((await call(system.apiBase, 'POST', '/api/auth/login', undefined, { username: 'mzt.li', password: 'demo1234' })).json.token);
    const key = 'killed-between-commit-and-start';
    const body = { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '故障测试：提交后、启动流程前 API 进程被杀' };

    proxy.frozen = true;
    const answer = call(system.apiBase, 'POST', '/api/share-requests', token, body, { 'idempotency-key': key });
    const committed = await waitFor(
      async () => (await db.select().from(requests).where(eq(requests.idempotencyKey, key)))[0],
      (row) => row !== undefined,
      60_000,
      20,
    );
    expect(committed, 'the case was committed').toBeDefined();
    await system.api.stop('SIGKILL');
    const row = committed!;
    // The API never answered, and no workflow exists: the case is committed and nothing runs it.
    expect((await answer).status).toBe(0);
    expect(row.workflowStartedAt).toBeNull();
    await expect(client.workflow.getHandle(row.workflowId).describe()).rejects.toBeInstanceOf(WorkflowNotFoundError);
    proxy.frozen = false;

    // The worker's reconciler starts it: the workflow runs, the task is open, its deadline runs from the receipt.
    const task = await waitFor(
      async () => (await db.select().from(tasks).where(eq(tasks.requestId, row.id)))[0],
      (t) => t !== undefined,
      120_000,
      500,
    );
    expect(task, `no task; worker output:\n${system.worker.output}`).toMatchObject({ status: 'open', assigneeDepartmentId: 'hb-data' });
    expect(Date.parse((task!.deadline as { start: string }).start)).toBe(row.receivedAt.getTime());
    expect(task!.dueAt.getTime()).toBeGreaterThan(row.receivedAt.getTime());
    const described = await client.workflow.getHandle(row.workflowId).describe();
    expect(described.status.name).toBe('RUNNING');
    const started = await db.select().from(auditLog).where(and(eq(auditLog.requestId, row.id), eq(auditLog.action, 'request.workflow-started')));
    expect(started).toHaveLength(1);
    expect(started[0]!.details).toMatchObject({ by: 'reconciler', workflowId: row.workflowId });
    const [marked] = await db.select().from(requests).where(eq(requests.id, row.id));
    expect(marked!.workflowStartedAt).not.toBeNull();
    expect(marked!.status).not.toBe('received');

    // The API comes back; the submitter's retry with the same key gets the case, started once.
    system.api.start();
    await system.waitForApi();
    const retried = await call(system.apiBase, 'POST', '/api/share-requests', token, body, { 'idempotency-key': key });
    expect(retried.status).toBe(200);
    expect(retried.json.id).toBe(row.id);
    await sleep(2_000);
    const runs: string[] = [];
    for await (const w of client.workflow.list({ query: `WorkflowId = '${row.workflowId}'` })) runs.push(w.runId);
    expect(runs).toEqual([described.runId]);

    const state = await integrity(system.pg.url);
    expect(state.counts).toMatchObject({ requests: 1, tasks: 1, open: 1 });
    expect(state.perCase).toEqual([{ request_id: row.id, submitted: 1, opened: 1, completed: 0, tasks: 1 }]);
    expect(state.chain).toMatchObject({ intact: true });
    console.log(
      `api-killed-between-commit-and-start: committed ${row.receivedAt.toISOString()}, API killed, started by the reconciler at ${started[0]!.at.toISOString()}; task due ${task!.dueAt.toISOString()}; chain intact`,
    );
  });
});
