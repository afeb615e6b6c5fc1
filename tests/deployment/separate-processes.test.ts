import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { freePort } from '../support/free-port';

const children: ChildProcess[] = [];
let base = '';

/** Starts one part; `said(text)` resolves once the part has printed `text` (the worker says when it polls). */
function start(part: 'worker' | 'api', env: Record<string, string>): { child: ChildProcess; said: (text: string) => Promise<void> } {
  // Node itself with tsx's loader (no npx in between), in its own process group so stopping it stops whatever it started.
  const child = spawn(process.execPath, ['--import', 'tsx', part === 'worker' ? 'worker.ts' : 'api/server.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  child.on('exit', (code) => {
    if (code && code !== 0 && !stopping) console.error(`${part} exited ${code}:\n${output.slice(-3000)}`);
  });
  children.push(child);
  const said = (text: string) =>
    new Promise<void>((resolve, reject) => {
      const check = () => {
        if (output.includes(text)) return resolve();
        if (child.exitCode !== null) return reject(new Error(`${part} exited before saying "${text}":\n${output.slice(-3000)}`));
        setTimeout(check, 100);
      };
      check();
    });
  return { child, said };
}

let stopping = false;

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    process.kill(-child.pid!, signal);
  } catch {
    // already gone
  }
}

beforeAll(async () => {
  const port = await freePort();
  const common = {
    DATABASE_URL: inject('databaseUrl'),
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `deploy-${randomUUID()}`,
    LOG_LEVEL: 'warn',
  };
  const worker = start('worker', { ...common, TEMPORAL_METRICS_BIND: `127.0.0.1:${await freePort()}` });
  start('api', { ...common, PORT: String(port), TEMPORAL_METRICS_BIND: `127.0.0.1:${await freePort()}` });
  base = `http://127.0.0.1:${port}`;
  // The worker bundles the workflow code before it polls, which under a loaded suite can take longer than the API's
  // start: a case submitted before it polls waits for it, so the test waits for both.
  await worker.said('Worker polling');
  for (let i = 0; i < 600; i++) {
    const ready = await fetch(`${base}/readyz`).then((r) => r.ok, () => false);
    if (ready) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('the API process did not become ready');
}, 180_000);

afterAll(async () => {
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', () => resolve());
          signalGroup(c, 'SIGINT');
          setTimeout(() => signalGroup(c, 'SIGKILL'), 10_000).unref();
        }),
    ),
  );
});

async function call(method: string, path: string, token?: string, body?: unknown) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> & Array<Record<string, unknown>> };
}

describe('a deployment of separate processes on a Temporal cluster the app did not start', () => {
  it('takes a share request from submission to fulfilment through an API process and a worker process', async () => {
    const login = async (username: string) => String((await call('POST', '/api/auth/login', undefined, { username, password: 'demo1234' })).json.token);
    const civil = await login('mzt.li');
    const reviewer = await login('data.chen');
    const submitted = await call('POST', '/api/share-requests', civil, { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '分进程部署：核验市场主体' });
    expect(submitted.status).toBe(201);
    let taskId = '';
    for (let i = 0; i < 400 && !taskId; i++) {
      const tasks = (await call('GET', '/api/tasks?limit=200', reviewer)).json;
      taskId = String(tasks.find((t) => t.requestId === submitted.json.id)?.id ?? '');
      if (!taskId) await new Promise((r) => setTimeout(r, 100));
    }
    expect(taskId).not.toBe('');
    expect((await call('POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, reviewer, { decision: 'provided' })).status).toBe(200);
    let status = '';
    for (let i = 0; i < 400 && status !== 'fulfilled'; i++) {
      status = String((await call('GET', `/api/share-requests/${submitted.json.id}`, civil)).json.status);
      if (status !== 'fulfilled') await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe('fulfilled');
  }, 120_000);
});
