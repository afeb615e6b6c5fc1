import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhookBody } from '../../activities/webhooks';
import { nationalCalendar } from '../../calendar';
import { departmentWebhooks, departments, users, webhookDeliveries } from '../../db/schema';
import { workflowTypes } from '../../workflows/messages';
import { nextFridayMorning, registerShareRequest } from '../support/fixtures';
import { localWebhooks } from '../support/stack';
import { createTestWorker, firstOpenTask, steadyClient } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const env = useTimeSkipping('never');
let server: Server;
let port = 0;
const received: Array<{ headers: IncomingHttpHeaders; body: string }> = [];
let failNext = 1;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      if (failNext > 0) {
        failNext -= 1;
        res.writeHead(500).end('down for maintenance');
      } else res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await new Promise((r) => server?.close(r));
});

describe('outbound webhooks', () => {
  it('POST each escalation notice to the department, HMAC-signed, retried with backoff until accepted, and each delivered once', async () => {
    // The receiver listens on 127.0.0.1, which the default policy refuses as it would in production.
    const { worker, taskQueue, db } = await createTestWorker(env(), { webhooks: { policy: localWebhooks } });
    // A department of its own, so no other test's notices reach this webhook.
    const authority = `wh-${randomUUID().slice(0, 8)}`;
    await db.db.insert(departments).values({
      id: authority,
      nameZh: '测试数据局',
      nameEn: 'Test data bureau',
      kind: 'authority',
      level: 'province',
      jurisdiction: 'hebei',
      governmentId: 'hb-gov',
      upperAuthorityId: 'nda',
    });
    await db.db.insert(users).values({ id: `u-${authority}`, username: authority, displayName: '测试', departmentId: authority, roles: ['authority-reviewer'], passwordHash: 'x' });
    const secret = 'test-secret';
    await db.db.insert(departmentWebhooks).values({ departmentId: authority, url: `http://127.0.0.1:${port}/hook`, secret });

    const receivedAt = nextFridayMorning(await env().currentTimeMs());
    const input = await registerShareRequest(db.db, receivedAt);
    input.parties.authority = authority;
    const due = nationalCalendar.deadline({ start: receivedAt, n: 3, jurisdiction: 'hebei' });
    await worker.runUntil(async () => {
      const handle = await steadyClient(env()).workflow.start(workflowTypes.shareRequest, { taskQueue, workflowId: input.workflowId, args: [input] });
      await firstOpenTask(handle);
      await env().sleep(Date.parse(due.endsAt) - (await env().currentTimeMs()) + 1000);
      await handle.query('caseState');
      for (let i = 0; i < 100 && new Set(received.filter((r) => r.body.includes('escalation.overdue')).map((r) => r.headers['x-gds-delivery'])).size < 2; i++) {
        await env().sleep(10_000);
        await new Promise((r) => setTimeout(r, 50));
      }
      await handle.terminate('test done');
    });

    for (const { headers, body } of received) {
      expect(headers['x-gds-signature']).toBe(signWebhookBody(secret, body));
      expect(JSON.parse(body).id).toBe(headers['x-gds-delivery']);
    }
    const kinds = received.map((r) => JSON.parse(r.body).kind);
    expect(kinds).toContain('escalation.reminder');
    expect(kinds.filter((k) => k === 'escalation.overdue').length).toBeGreaterThanOrEqual(2);
    const deliveries = await db.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.departmentId, authority));
    expect(deliveries.every((d) => d.deliveredAt !== null)).toBe(true);
    expect(deliveries.some((d) => d.attempts === 2 && d.lastStatus === 204)).toBe(true);
    const successfulIds = received.filter((r, i) => i > 0).map((r) => r.headers['x-gds-delivery']);
    expect(new Set(successfulIds).size).toBe(successfulIds.length);
    await db.close();
  });
});
