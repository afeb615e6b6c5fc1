import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publicRoutes, recordRouteAccess } from '../../api/plugins/auth';
import { uiPlugin } from '../../api/plugins/ui';
import { installTextRules } from '../../api/plugins/text-rules';

const root = mkdtempSync(join(tmpdir(), 'gds-ui-'));
const app = Fastify();

beforeAll(async () => {
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>政务数据共享审批</title>');
  recordRouteAccess(app);
  installTextRules(app);
  await app.register(publicRoutes(uiPlugin(root)));
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the web app', () => {
  it('opens on deep links, and keeps /api and /docs paths for their own 404s however they are spelled', async () => {
    expect((await app.inject({ method: 'GET', url: '/tasks/abc' })).body).toContain('政务数据共享审批');
    for (const url of ['/api/nothing', '/%61pi/nothing', '/%64ocs/x', '/docs']) {
      expect((await app.inject({ method: 'GET', url })).statusCode, url).toBe(404);
    }
  });

  it('opens on a link whose query the API would refuse (a NUL in ?q=): the app reads its own query and says why', async () => {
    for (const url of ['/tasks?q=a%00b', '/cases?q=%00', '/tasks?q=%ED%A0%80']) {
      const page = await app.inject({ method: 'GET', url });
      expect(page.statusCode, url).toBe(200);
      expect(page.body, url).toContain('政务数据共享审批');
    }
    // The path itself is still checked: it decides which route answers.
    expect((await app.inject({ method: 'GET', url: '/tasks/a%00b' })).statusCode).toBe(400);
  });

  it('declares its routes public, each of them', () => {
    expect(app.routeAccess.length).toBeGreaterThan(0);
    expect(app.routeAccess.every((r) => r.public)).toBe(true);
  });
});
