import { eq, inArray } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../api/app';
import { domainMetricsTtlMsFromEnv, installDomainMetrics } from '../../api/plugins/domain-metrics';
import { createMetrics } from '../../api/plugins/metrics';
import { CalendarStore } from '../../db/calendar-store';
import { connectDb } from '../../db/client';
import { escalations, escalationRungs, tasks } from '../../db/schema';
import { ownDatabase } from '../support/own-database';
import { loginAs, startStack, testSecurity, type TestStack } from '../support/stack';

let own: Awaited<ReturnType<typeof ownDatabase>>;
let stack: TestStack;
let app: FastifyInstance;
let calendars: CalendarStore;
/** The instant the domain gauges are computed at: frozen by each test. */
let clock = new Date();

beforeAll(async () => {
  // Its own database: the counts below are of this file's cases only.
  own = await ownDatabase();
  // One case is received on a fixed date in 2025 (registered by the authority): a ten-year window keeps it registrable.
  stack = await startStack(testSecurity, { databaseUrl: own.url, receipt: { windowDays: 3650 } });
  calendars = new CalendarStore(stack.db);
  const metrics = createMetrics();
  installDomainMetrics(metrics, { db: stack.db, calendar: () => calendars.current(), now: () => clock, ttlMs: 0 });
  app = await buildApp({
    db: stack.db,
    temporal: stack.client,
    taskQueue: stack.taskQueue,
    calendar: calendars,
    security: { ...testSecurity, metricsToken: 'scrape-token' },
    metrics,
  });
});
afterAll(async () => {
  await app?.close();
  await stack?.stop();
  await own?.drop();
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

async function scrape(): Promise<{ text: string; samples: Sample[] }> {
  const response = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer scrape-token' } });
  expect(response.statusCode).toBe(200);
  const samples: Sample[] = [];
  for (const line of response.body.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const [, k, v] of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[k!] = v!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { text: response.body, samples };
}

/** The value of one series, or undefined when the scrape has no such series. */
function value(samples: Sample[], name: string, labels: Record<string, string>): number | undefined {
  return samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v) && Object.keys(s.labels).length === Object.keys(labels).length)?.value;
}

async function eventually<T>(probe: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const v = await probe();
    if (v !== undefined) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const provideData = { department: 'hb-data', jurisdiction: 'hebei', step: 'provide-data' };

describe('the domain metrics on /metrics', () => {
  it('count open and overdue tasks under their department and step, tasks completed late, rungs fired, and the oldest open task', async () => {
    const before = await scrape();
    expect(before.samples.filter((s) => s.name === 'gds_tasks_open')).toEqual([]);
    // Every rung in every jurisdiction is there from zero, so the first firing is an increase Prometheus can see.
    for (const rung of escalationRungs) expect(value(before.samples, 'gds_escalations_total', { rung, jurisdiction: 'anhui' }), rung).toBe(0);
    expect(value(before.samples, 'gds_domain_metrics_up', {})).toBe(1);

    const requester = await loginAs(stack.app, 'mzt.li');
    const reviewer = await loginAs(stack.app, 'data.chen');
    const fresh = await stack.app.inject({ method: 'POST', url: '/api/share-requests', headers: requester, payload: { catalogueEntryId: 'HB-SCJGJ-0001', scenario: '监控指标：今日受理' } });
    expect(fresh.statusCode, fresh.body).toBe(201);
    // Received on 2025-09-28, due 2025-10-09: overdue from the start, its overdue rung fires at once.
    const late = await stack.app.inject({
      method: 'POST',
      url: '/api/share-requests',
      headers: reviewer,
      payload: { catalogueEntryId: 'HB-SCJGJ-0001', receivedAt: '2025-09-28T10:00:00+08:00', receivedAtReason: '节后补录', onBehalfOf: 'hb-mzt', scenario: '监控指标：补录的旧申请' },
    });
    expect(late.statusCode, late.body).toBe(201);
    const ids = [fresh.json().id as string, late.json().id as string];
    const [freshTask, lateTask] = await eventually(async () => {
      const rows = await stack.db.select().from(tasks).where(inArray(tasks.requestId, ids));
      const f = rows.find((t) => t.requestId === ids[0]);
      const l = rows.find((t) => t.requestId === ids[1]);
      return f && l ? ([f, l] as const) : undefined;
    }, 'both tasks');
    expect(lateTask.dueAt.getTime()).toBeLessThan(Date.now());
    expect(freshTask.dueAt.getTime()).toBeGreaterThan(Date.now());
    await eventually(async () => (await stack.db.select().from(escalations).where(eq(escalations.taskId, lateTask.id))).find((e) => e.rung === 'overdue'), 'the overdue rung');

    clock = new Date();
    const opened = new Date(Math.min(freshTask.createdAt.getTime(), lateTask.createdAt.getTime()));
    const now = await scrape();
    expect(value(now.samples, 'gds_tasks_open', provideData)).toBe(2);
    expect(value(now.samples, 'gds_tasks_overdue', provideData)).toBe(1);
    expect(value(now.samples, 'gds_tasks_completed_total', provideData)).toBe(0);
    expect(value(now.samples, 'gds_tasks_completed_late_total', provideData)).toBe(0);
    expect(value(now.samples, 'gds_task_oldest_open_age_seconds', provideData)).toBeCloseTo((clock.getTime() - opened.getTime()) / 1000, 3);
    expect(value(now.samples, 'gds_task_oldest_open_age_working_days', provideData)).toBe(0);
    const fired = await stack.db.select().from(escalations);
    for (const rung of escalationRungs) {
      expect(value(now.samples, 'gds_escalations_total', { rung, jurisdiction: 'hebei' }), rung).toBe(fired.filter((e) => e.rung === rung).length);
    }
    expect(value(now.samples, 'gds_escalations_total', { rung: 'overdue', jurisdiction: 'hebei' })).toBe(1);
    // No case or task is named in a label.
    for (const id of [...ids, freshTask.id, lateTask.id]) expect(now.text).not.toContain(id);
    // Every series of the domain has the bounded labels and no others.
    for (const s of now.samples.filter((x) => /^gds_(tasks|task_oldest)_/.test(x.name))) expect(Object.keys(s.labels).sort()).toEqual(['department', 'jurisdiction', 'step']);

    // A fortnight later, if nobody acts, both are overdue and the oldest has waited the working days of two weeks.
    clock = new Date(opened.getTime() + 14 * 86_400_000);
    const fortnight = await scrape();
    expect(value(fortnight.samples, 'gds_tasks_overdue', provideData)).toBe(2);
    const calendar = await calendars.current();
    const workingDays = calendar.workingDaysBetween(opened.toISOString(), clock.toISOString(), 'hebei');
    expect(workingDays).toBeGreaterThanOrEqual(5);
    expect(value(fortnight.samples, 'gds_task_oldest_open_age_working_days', provideData)).toBe(workingDays);
    expect(value(fortnight.samples, 'gds_task_oldest_open_age_seconds', provideData)).toBe(14 * 86_400);

    // The late one is provided: completed after its deadline; the fresh one on time.
    const complete = async (taskId: string) => {
      const r = await stack.app.inject({ method: 'POST', url: `/api/tasks/${encodeURIComponent(taskId)}/complete`, headers: reviewer, payload: { decision: 'provided' } });
      expect(r.statusCode, r.body).toBe(200);
    };
    await complete(lateTask.id);
    clock = new Date();
    const one = await scrape();
    expect(value(one.samples, 'gds_tasks_open', provideData)).toBe(1);
    expect(value(one.samples, 'gds_tasks_overdue', provideData)).toBe(0);
    expect(value(one.samples, 'gds_tasks_completed_total', provideData)).toBe(1);
    expect(value(one.samples, 'gds_tasks_completed_late_total', provideData)).toBe(1);
    expect(value(one.samples, 'gds_task_oldest_open_age_seconds', provideData)).toBeCloseTo((clock.getTime() - freshTask.createdAt.getTime()) / 1000, 3);

    await complete(freshTask.id);
    const none = await scrape();
    expect(value(none.samples, 'gds_tasks_open', provideData)).toBeUndefined();
    expect(value(none.samples, 'gds_task_oldest_open_age_seconds', provideData)).toBeUndefined();
    expect(value(none.samples, 'gds_tasks_completed_total', provideData)).toBe(2);
    expect(value(none.samples, 'gds_tasks_completed_late_total', provideData)).toBe(1);
  });

  it('read the database once however many scrapes arrive within the cache time', async () => {
    const metrics = createMetrics();
    const domain = installDomainMetrics(metrics, { db: stack.db, calendar: () => calendars.current(), ttlMs: 60_000 });
    const refreshes = async () => Number(/^gds_domain_metrics_refreshes_total (\d+)$/m.exec(await metrics.registry.metrics())![1]);
    await Promise.all(Array.from({ length: 20 }, () => metrics.registry.metrics()));
    expect(await refreshes()).toBe(1);
    expect((await domain.snapshot()).ok).toBe(true);
    expect(await refreshes()).toBe(1);
    // With no cache time, every scrape reads anew.
    const uncached = createMetrics();
    installDomainMetrics(uncached, { db: stack.db, calendar: () => calendars.current(), ttlMs: 0 });
    await uncached.registry.metrics();
    await uncached.registry.metrics();
    expect(Number(/^gds_domain_metrics_refreshes_total (\d+)$/m.exec(await uncached.registry.metrics())![1])).toBe(3);
  });

  it('still answer a scrape when the database does not, saying so with gds_domain_metrics_up 0', async () => {
    const broken = connectDb(own.url, { max: 1 });
    await broken.close();
    const metrics = createMetrics();
    installDomainMetrics(metrics, { db: broken.db, calendar: () => calendars.current(), ttlMs: 0 });
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/^gds_domain_metrics_up 0$/m);
    expect(text).not.toMatch(/^gds_tasks_open\{/m);
    expect(text).toContain('gds_api_process_cpu_user_seconds_total');
  });

  it('give up on a database that accepts the connection and never answers, within the statement timeout', async () => {
    const silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const port = (silent.address() as AddressInfo).port;
    const hung = connectDb(`postgres://nobody:x@127.0.0.1:${port}/none`, { max: 1 });
    try {
      const metrics = createMetrics();
      installDomainMetrics(metrics, { db: hung.db, calendar: () => calendars.current(), ttlMs: 0, statementTimeoutMs: 300 });
      const t0 = performance.now();
      const text = await metrics.registry.metrics();
      expect(performance.now() - t0).toBeLessThan(10_000);
      expect(text).toMatch(/^gds_domain_metrics_up 0$/m);
    } finally {
      void hung.close();
      silent.close();
    }
  });

  it('take the cache time from METRICS_DOMAIN_CACHE_SECONDS and refuse what is not a number of seconds', () => {
    expect(domainMetricsTtlMsFromEnv({})).toBe(15_000);
    expect(domainMetricsTtlMsFromEnv({ METRICS_DOMAIN_CACHE_SECONDS: '0' })).toBe(0);
    expect(domainMetricsTtlMsFromEnv({ METRICS_DOMAIN_CACHE_SECONDS: '2.5' })).toBe(2500);
    for (const bad of ['abc', '-1', '1e9', 'Infinity', '15s']) expect(() => domainMetricsTtlMsFromEnv({ METRICS_DOMAIN_CACHE_SECONDS: bad }), bad).toThrow(/METRICS_DOMAIN_CACHE_SECONDS/);
  });
});
