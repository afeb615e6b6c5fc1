import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { uiPlugin } from '../../api/plugins/ui';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A Fastify app with an API route, a 404 handler like the API's, and the web app plugin registered last. */
async function appServing(root: string) {
  const app = Fastify();
  app.setNotFoundHandler((request, reply) => reply.status(404).type('application/problem+json').send({ title: 'Not found', status: 404 }));
  app.get('/api/ping', async () => ({ ok: true }));
  await app.register(uiPlugin(root));
  await app.ready();
  return app;
}

describe('the web app on the API’s origin (api/plugins/ui.ts)', () => {
  it('serves nothing when the app has not been built', async () => {
    const app = await appServing(join(tmpdir(), 'no-such-ui-dist'));
    expect((await app.inject('/')).statusCode).toBe(404);
    expect((await app.inject('/tasks')).statusCode).toBe(404);
    expect((await app.inject('/api/ping')).json()).toEqual({ ok: true });
    await app.close();
  });

  it('serves the built files, index.html for deep links, and leaves /api, /docs and the operational endpoints to their own 404', async () => {
    const root = mkdtempSync(join(tmpdir(), 'ui-dist-'));
    dirs.push(root);
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>app</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = await appServing(root);

    const index = await app.inject('/');
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('text/html');
    expect(index.headers['cache-control']).toBe('no-cache');

    const deep = await app.inject(`/tasks/${encodeURIComponent('a/provider-reply/1')}`);
    expect(deep.statusCode).toBe(200);
    expect(deep.body).toContain('<title>app</title>');
    expect((await app.inject({ method: 'HEAD', url: '/calendar/2026-02' })).statusCode).toBe(200);

    const asset = await app.inject('/assets/index-abc123.js');
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');

    for (const url of ['/api/nope', '/api', '/docs/nope', '/metrics', '/healthz/x']) {
      const missing = await app.inject(url);
      expect(missing.statusCode, url).toBe(404);
      expect(missing.headers['content-type'], url).toContain('application/problem+json');
    }
    expect((await app.inject({ method: 'POST', url: '/tasks' })).statusCode).toBe(404);
    expect((await app.inject('/api/ping')).json()).toEqual({ ok: true });
    await app.close();
  });
});
