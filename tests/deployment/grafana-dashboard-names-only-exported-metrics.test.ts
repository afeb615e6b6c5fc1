import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freePort } from '../support/free-port';
import { ownDatabase } from '../support/own-database';
import { dashboardQueries, metricNamesOf, PromqlSyntaxError, type Dashboard } from '../support/promql';

const dashboardPath = new URL('../../ops/grafana/dashboard.json', import.meta.url);
const children: ChildProcess[] = [];
let stopping = false;
let own: Awaited<ReturnType<typeof ownDatabase>>;
let failingReceiver: Server;
let base = '';
let metricsUrl = '';

/** One part as `npm run worker` / `npm run api` runs it (tests/deployment/separate-processes.test.ts does the same). */
function start(part: 'worker' | 'api', env: Record<string, string>): { said: (text: string) => Promise<void> } {
  const child = spawn(process.execPath, ['--import', 'tsx', part === 'worker' ? 'worker.ts' : 'api/server.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout?.on('data', (c) => (output += c));
  child.stderr?.on('data', (c) => (output += c));
  child.on('exit', (code) => {
    if (code && !stopping) console.error(`${part} exited ${code}:\n${output.slice(-3000)}`);
  });
  children.push(child);
  return {
    said: (text) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (output.includes(text)) return resolve();
          if (child.exitCode !== null) return reject(new Error(`${part} exited before saying "${text}":\n${output.slice(-3000)}`));
          setTimeout(check, 100);
        };
        check();
      }),
  };
}

beforeAll(async () => {
  // A database of its own: the webhook set below must not reach other files' cases.
  own = await ownDatabase();
  // A department's webhook that always fails, so the worker has activity failures to count.
  failingReceiver = createServer((_req, res) => res.writeHead(503).end());
  const receiverPort = await freePort();
  await new Promise<void>((resolve) => failingReceiver.listen(receiverPort, '127.0.0.1', resolve));
  const [apiPort, apiMetricsPort, workerMetricsPort] = [await freePort(), await freePort(), await freePort()];
  const common = {
    DATABASE_URL: own.url,
    TEMPORAL_ADDRESS: inject('temporalAddress'),
    TEMPORAL_TASK_QUEUE: `dashboard-${randomUUID()}`,
    WEBHOOKS_ALLOW_PRIVATE_TARGETS: 'true',
    WEBHOOKS_REQUIRE_HTTPS: 'false',
    LOG_LEVEL: 'warn',
  };
  const worker = start('worker', { ...common, TEMPORAL_METRICS_BIND: `127.0.0.1:${workerMetricsPort}` });
  start('api', {
    ...common,
    PORT: String(apiPort),
    METRICS_BIND: `127.0.0.1:${apiMetricsPort}`,
    TEMPORAL_METRICS_URL: `http://127.0.0.1:${workerMetricsPort}/metrics`,
    METRICS_DOMAIN_CACHE_SECONDS: '0',
  });
  base = `http://127.0.0.1:${apiPort}`;
  metricsUrl = `http://127.0.0.1:${apiMetricsPort}/metrics`;
  await worker.said('Worker polling');
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/readyz`).then((r) => r.ok, () => false)) break;
    await new Promise((r) => setTimeout(r, 200));
  }
  const login = async (username: string) => {
    const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: 'demo1234' }) });
    return String(((await r.json()) as { token: string }).token);
  };
  const admin = await login('admin');
  const hook = await fetch(`${base}/api/departments/hb-data/webhook`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/hook` }),
  });
  if (hook.status !== 200) throw new Error(`webhook: ${hook.status} ${await hook.text()}`);
  const civil = await login('mzt.li');
  const submitted = await fetch(`${base}/api/share-requests`, {
    method: 'POST',
    headers: { authorization: `Bearer ${civil}`, 'content-type': 'application/json' },
    body: JSON.stringify({ catalogueEntryId: 'HB-SCJGJ-0001', scenario: '监控面板：核验市场主体' }),
  });
  if (submitted.status !== 201) throw new Error(`submit: ${submitted.status} ${await submitted.text()}`);
}, 240_000);

afterAll(async () => {
  stopping = true;
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          c.once('exit', () => resolve());
          try {
            process.kill(-c.pid!, 'SIGINT');
          } catch {
            resolve();
          }
          setTimeout(() => {
            try {
              process.kill(-c.pid!, 'SIGKILL');
            } catch {
              // gone
            }
          }, 10_000).unref();
        }),
    ),
  );
  await new Promise((r) => failingReceiver?.close(r));
  await own?.drop();
}, 60_000);

/** The names of the samples of one scrape (histograms as their `_bucket`, `_sum`, `_count` series). */
function sampleNames(text: string): Set<string> {
  const names = new Set<string>();
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]/.exec(line);
    if (m) names.add(m[1]!);
  }
  return names;
}

describe('reading metric names out of PromQL', () => {
  it('keeps the selected metrics and drops functions, aggregations, label names, durations and variables', () => {
    expect(metricNamesOf('histogram_quantile(0.99, sum by (le, route) (rate(gds_http_request_duration_seconds_bucket{route!="/x"}[$__rate_interval])))')).toEqual([
      'gds_http_request_duration_seconds_bucket',
    ]);
    expect(metricNamesOf('sum(max by (department) (increase(a_total{department=~"$department"}[$window]))) / sum(b_total offset 1h) or vector(0)').sort()).toEqual(['a_total', 'b_total']);
    expect(metricNamesOf('sort_desc(max by (step) (gds_tasks_overdue) > 0)')).toEqual(['gds_tasks_overdue']);
    expect(metricNamesOf('x_bucket and on (le) y')).toEqual(['x_bucket', 'y']);
  });

  it('refuses what is not PromQL', () => {
    for (const bad of ['sum(rate(x[5m])', 'rate(x[5m]) by (le)', 'x{a="b"', 'max by le (x)']) expect(() => metricNamesOf(bad), bad).toThrow(PromqlSyntaxError);
  });
});

describe('the Grafana dashboard in ops/grafana', () => {
  it('is a dashboard Grafana can import: current schema, a Prometheus datasource variable every panel uses', () => {
    const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard;
    // 42: the last schema version of Grafana's classic dashboard model, which Grafana 12 and 13 import as they are.
    expect(dashboard.schemaVersion).toBe(42);
    const datasource = dashboard.templating.list.find((v) => v.type === 'datasource');
    expect(datasource).toMatchObject({ query: 'prometheus' });
    const panels = dashboard.panels.filter((p) => p.type !== 'row');
    expect(panels.length).toBeGreaterThan(8);
    for (const panel of panels) {
      expect(panel.datasource, panel.title).toEqual({ type: 'prometheus', uid: `\${${datasource!.name}}` });
      expect(panel.targets?.length, panel.title).toBeGreaterThan(0);
    }
    const ids = panels.map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has PromQL that parses in every panel and variable, naming only metrics that the API or the worker actually exports, the domain and the SDK side by side', async () => {
    const dashboard = JSON.parse(readFileSync(dashboardPath, 'utf8')) as Dashboard;
    const queries = dashboardQueries(dashboard);
    const named = new Set(queries.flatMap((q) => metricNamesOf(q.expr)));
    // The SDK's series appear once what they count has happened: the case's workflow tasks, its local activities,
    // and the webhook delivery to the failing receiver (an activity failure).
    let exported = new Set<string>();
    let missing: string[] = [];
    for (let i = 0; i < 300; i++) {
      exported = sampleNames(await fetch(metricsUrl).then((r) => r.text()));
      missing = [...named].filter((n) => !exported.has(n));
      if (missing.length === 0) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    expect(missing, `named by the dashboard but not in a scrape of ${metricsUrl}`).toEqual([]);
    expect([...named].filter((n) => n.startsWith('gds_tasks_') || n.startsWith('gds_escalations') || n.startsWith('gds_task_')).length).toBeGreaterThanOrEqual(6);
    expect([...named].filter((n) => n.startsWith('temporal_')).length).toBeGreaterThanOrEqual(4);
  }, 200_000);
});
