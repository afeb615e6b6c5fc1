import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { webhookActivities } from '../../activities/webhooks';
import { connectDb, type DbHandle } from '../../db/client';
import { departmentWebhooks, departments, escalations, notifications, tasks, webhookDeliveries } from '../../db/schema';
import { registerShareRequest } from '../support/fixtures';

interface Receiver {
  server: Server;
  port: number;
  hits: Array<{ url: string; headers: IncomingHttpHeaders; body: string }>;
}

async function receiver(answer: (res: import('node:http').ServerResponse) => void): Promise<Receiver> {
  const hits: Receiver['hits'] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      hits.push({ url: req.url ?? '', headers: req.headers, body });
      answer(res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as { port: number }).port, hits };
}

let db: DbHandle;
let inside: Receiver;
let redirector: Receiver;

beforeAll(async () => {
  db = connectDb(inject('databaseUrl'), { max: 2 });
  inside = await receiver((res) => res.writeHead(204).end());
  redirector = await receiver((res) => res.writeHead(302, { location: `http://127.0.0.1:${inside.port}/stolen` }).end());
});
afterAll(async () => {
  await db?.close();
  for (const r of [inside, redirector]) await new Promise((done) => r?.server.close(done));
});

/** A department of its own with a webhook at `url`, and one escalation notice addressed to it. */
async function noticeFor(url: string): Promise<{ departmentId: string; escalationId: string }> {
  const departmentId = `whc-${randomUUID().slice(0, 8)}`;
  await db.db.insert(departments).values({ id: departmentId, nameZh: '测试厅', nameEn: 'Test department', kind: 'department', level: 'province', jurisdiction: 'hebei', authorityId: 'hb-data' });
  await db.db.insert(departmentWebhooks).values({ departmentId, url, secret: 'test-secret' });
  const request = await registerShareRequest(db.db, '2025-10-09T10:00:00+08:00');
  const taskId = `${request.requestId}/provide/1`;
  const at = new Date('2025-10-15T00:00:00+08:00');
  await db.db.insert(tasks).values({ id: taskId, requestId: request.requestId, step: 'provide', titleZh: '提供', titleEn: 'Provide', assigneeDepartmentId: departmentId, assigneeRole: 'provider', dueAt: at, deadline: {}, createdAt: at });
  const escalationId = `${taskId}/overdue`;
  await db.db.insert(escalations).values({ id: escalationId, taskId, requestId: request.requestId, rung: 'overdue', scheduledAt: at, firedAt: at, responsibleDepartmentId: departmentId });
  await db.db.insert(notifications).values({ id: `${escalationId}/${departmentId}`, recipientDepartmentId: departmentId, kind: 'escalation.overdue', titleZh: '已逾期', titleEn: 'Overdue', escalationId, taskId, requestId: request.requestId, createdAt: at });
  return { departmentId, escalationId };
}

async function deliveryOf(departmentId: string) {
  const [row] = await db.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.departmentId, departmentId));
  return row;
}

describe('delivering a webhook', () => {
  it('refuses, at delivery, a loopback URL stored before the check existed: nothing is sent, and the reason is recorded', async () => {
    const { departmentId, escalationId } = await noticeFor(`http://127.0.0.1:${inside.port}/hook`);
    const before = inside.hits.length;
    const deliver = webhookActivities(db.db, { policy: { allowPrivateTargets: false, requireHttps: false } }).deliverWebhooks;
    await expect(deliver({ escalationId })).rejects.toThrow(/target refused/);
    expect(inside.hits.length).toBe(before);
    expect(await deliveryOf(departmentId)).toMatchObject({ deliveredAt: null, lastStatus: null, lastError: expect.stringContaining('loopback') });
  });

  it('does not follow a redirect: a 3xx is a failed delivery, and the signed body goes nowhere else', async () => {
    const { departmentId, escalationId } = await noticeFor(`http://127.0.0.1:${redirector.port}/hook`);
    const stolenBefore = inside.hits.filter((h) => h.url === '/stolen').length;
    const deliver = webhookActivities(db.db, { policy: { allowPrivateTargets: true, requireHttps: false } }).deliverWebhooks;
    await expect(deliver({ escalationId })).rejects.toThrow(/HTTP 302/);
    expect(redirector.hits.at(-1)?.headers['x-gds-signature']).toMatch(/^sha256=/);
    expect(inside.hits.filter((h) => h.url === '/stolen').length).toBe(stolenBefore);
    expect(await deliveryOf(departmentId)).toMatchObject({ deliveredAt: null, lastStatus: 302, lastError: expect.stringContaining('redirects are not followed') });
  });

  it('connects to the address it checked, not to a second answer of DNS (no rebinding between check and connect)', async () => {
    // `.invalid` never resolves (RFC 6761): the connection can only reach the receiver through the checked address.
    const { departmentId, escalationId } = await noticeFor(`http://receiver.gds.invalid:${inside.port}/hook`);
    const lookups: string[] = [];
    const deliver = webhookActivities(db.db, {
      policy: { allowPrivateTargets: true, requireHttps: false },
      resolve: async (host) => {
        lookups.push(host);
        return [{ address: '127.0.0.1', family: 4 }];
      },
    }).deliverWebhooks;
    await expect(deliver({ escalationId })).resolves.toEqual({ delivered: 1 });
    expect(lookups).toEqual(['receiver.gds.invalid']);
    expect(inside.hits.at(-1)).toMatchObject({ url: '/hook', headers: { host: `receiver.gds.invalid:${inside.port}` } });
    expect(await deliveryOf(departmentId)).toMatchObject({ lastStatus: 204, lastError: null });
  });
});
