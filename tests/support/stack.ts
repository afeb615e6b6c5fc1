import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { SecurityOptions } from '../../api/plugins/security';
import type { ReceiptPolicy } from '../../api/receipt';
import type { WebhookTargetPolicy } from '../../activities/webhook-target';
import { CalendarStore } from '../../db/calendar-store';
import { connectDb, type Db } from '../../db/client';
import { createWorker } from '../../worker';

export interface TestStack {
  db: Db;
  app: FastifyInstance;
  client: Client;
  taskQueue: string;
  /** Stops the worker (the API stays up): cases then take no decision until `startWorker`. */
  stopWorker(): Promise<void>;
  /** Starts a new worker on the same task queue. */
  startWorker(): Promise<void>;
  stop(): Promise<void>;
}

/** Tests poll and sign in far more often than people do; the limits themselves have a test of their own. */
export const testSecurity: SecurityOptions = {
  rateLimitPerMinute: 1_000_000,
  loginAttemptsPerMinute: 1_000_000,
  loginAttemptsPerAddressPerMinute: 1_000_000,
  authFailuresPerMinute: 1_000_000,
  corsOrigins: [],
};

/**
* Inner webhook targets allowed, for a test whose receiver listens on 127.0.0.1; it says so by passing this (the
 * default policy, from the environment, refuses them as production does).
 */
export const localWebhooks: WebhookTargetPolicy = { allowPrivateTargets: true, requireHttps: false };

/**
 * The real stack on the suite's Postgres and Temporal dev server, with a worker on a task queue of its own; on another
 * database of that Postgres when given one (a test that compares everything stored before and after).
 */
export async function startStack(
  security: SecurityOptions = testSecurity,
  options: { receipt?: ReceiptPolicy; webhookPolicy?: WebhookTargetPolicy; databaseUrl?: string; taskUpdateWaitMs?: number } = {},
): Promise<TestStack> {
  const { db, close } = connectDb(options.databaseUrl ?? inject('databaseUrl'), { max: 5 });
  const calendar = new CalendarStore(db);
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address });
  const newWorker = async () => {
    const worker: Worker = await createWorker({
      connection: workerConnection,
      config: { namespace: 'default', taskQueue },
      deps: { db, calendar: () => calendar.current(), webhooks: options.webhookPolicy && { policy: options.webhookPolicy } },
    });
    return { worker, running: worker.run() };
  };
  let current: { worker: Worker; running: Promise<void> } | undefined = await newWorker();
  const stopWorker = async () => {
    if (!current) return;
    const { worker, running } = current;
    current = undefined;
    worker.shutdown();
    await running;
  };
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  const app = await buildApp({
    db,
    temporal: client,
    taskQueue,
    calendar: new CalendarStore(db, 1000),
    security,
    ...(options.receipt ? { receipt: options.receipt } : {}),
    webhookPolicy: options.webhookPolicy,
    ...(options.taskUpdateWaitMs ? { taskUpdateWaitMs: options.taskUpdateWaitMs } : {}),
  });
  return {
    db,
    app,
    client,
    taskQueue,
    stopWorker,
    async startWorker() {
      current ??= await newWorker();
    },
    async stop() {
      await app.close();
      await stopWorker();
      await workerConnection.close();
      await clientConnection.close();
      await close();
    },
  };
}

/** Signs a seeded demo user in and returns the headers for its requests. */
export async function loginAs(app: FastifyInstance, username: string): Promise<Record<string, string>> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password: 'demo1234' } });
  if (response.statusCode !== 200) throw new Error(`login ${username}: ${response.statusCode} ${response.body}`);
  return { authorization: `Bearer ${response.json().token}` };
}
