import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import type { FastifyInstance } from 'fastify';
import { inject } from 'vitest';
import { buildApp } from '../../api/app';
import type { SecurityOptions } from '../../api/plugins/security';
import type { ReceiptPolicy } from '../../api/receipt';
import { CalendarStore } from '../../db/calendar-store';
import { connectDb, type Db } from '../../db/client';
import { createWorker } from '../../worker';

export interface TestStack {
  db: Db;
  app: FastifyInstance;
  client: Client;
  taskQueue: string;
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
 * The real stack on the suite's Postgres and Temporal dev server, with a worker on a task queue of its own; on another
 * database of that Postgres when given one (a test that compares everything stored before and after).
 */
export async function startStack(
  security: SecurityOptions = testSecurity,
  receipt?: ReceiptPolicy,
  databaseUrl: string = inject('databaseUrl'),
): Promise<TestStack> {
  const { db, close } = connectDb(databaseUrl, { max: 5 });
  const calendar = new CalendarStore(db);
  const address = inject('temporalAddress');
  const taskQueue = `test-${randomUUID()}`;
  const workerConnection = await NativeConnection.connect({ address });
  const worker: Worker = await createWorker({
    connection: workerConnection,
    config: { namespace: 'default', taskQueue },
    deps: { db, calendar: () => calendar.current() },
  });
  const running = worker.run();
  const clientConnection = await Connection.connect({ address });
  const client = new Client({ connection: clientConnection, namespace: 'default' });
  const app = await buildApp({ db, temporal: client, taskQueue, calendar: new CalendarStore(db, 1000), security, ...(receipt ? { receipt } : {}) });
  return {
    db,
    app,
    client,
    taskQueue,
    async stop() {
      await app.close();
      worker.shutdown();
      await running;
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
