import { sql } from 'drizzle-orm';
import { Counter, Gauge } from 'prom-client';
import type { Calendar } from '../../calendar';
import type { Db } from '../../db/client';
import { escalationRungs } from '../../db/schema';
import type { Metrics } from './metrics';

/**
 * The domain's state on `/metrics`: open and overdue tasks by department and step, rungs fired by rung, tasks completed
 * and completed late (the deadline-miss rate is their ratio over a window, in PromQL), and the age of the oldest open
 * task. Read from the read model by two grouped queries at scrape time — never counted in the process, so every API
 * instance says the same and a restart loses nothing — and cached for `ttlMs`, with one query in flight however many
 * scrapes arrive, so a scrape storm costs the database one query per `ttlMs`.
 *
 * Labels are bounded sets: `department` (a department id of the `departments` table), `jurisdiction` (that
 * department's, one per department, so it adds no series), `step` (a step id of the rule packs) and `rung` (the seven
 * of the ladder). The gauges have a series for each department and step with an open task; the counters for each
 * department and step that ever had a task (from 0, so that Prometheus' increase() sees the first one), and for every
 * rung in every jurisdiction. No case or task id is ever a label.
 */
export interface DomainMetricsOptions {
  db: Db;
  calendar: () => Promise<Calendar>;
  /**
   * How long one reading of the database serves scrapes.
   * @default domainMetricsTtlMsFromEnv() — `METRICS_DOMAIN_CACHE_SECONDS`, 15 s
   */
  ttlMs?: number;
  /** The clock the gauges are computed at (tests freeze it). @default () => new Date() */
  now?: () => Date;
  /** @default 5000: a reading that takes longer is given up (its queries cancelled) and the scrape says `gds_domain_metrics_up 0`. */
  statementTimeoutMs?: number;
}

/** The read model of one scrape. */
export interface DomainSnapshot {
  at: Date;
  ok: boolean;
  queryMs: number;
  tasks: TaskGroup[];
  escalations: Array<{ rung: string; jurisdiction: string; fired: number }>;
}

export interface TaskGroup {
  department: string;
  jurisdiction: string;
  step: string;
  open: number;
  overdue: number;
  completed: number;
  completedLate: number;
  /** When the longest-open task of the group was opened; null when none is open. */
  oldestOpenAt: Date | null;
}

/** `METRICS_DOMAIN_CACHE_SECONDS` (default 15, 0 = a query per scrape) in milliseconds. */
export function domainMetricsTtlMsFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.METRICS_DOMAIN_CACHE_SECONDS;
  if (raw === undefined || raw === '') return 15_000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds < 0 || seconds > 3600) {
    throw new Error(`METRICS_DOMAIN_CACHE_SECONDS must be a number of seconds from 0 to 3600, not ${JSON.stringify(raw)}`);
  }
  return seconds * 1000;
}

// A party's option that stays open has a reminder point, not a time limit: it is never overdue nor late (as in the
// assessment, api/assessment.ts).
const STAYS_OPEN = sql.raw(`(t.option is not null and t.option->>'lapses' = 'false')`);

/** Reads the read model once: one grouped pass over `tasks`, one over `escalations`, in one short transaction. */
export async function readDomainSnapshot(db: Db, at: Date, statementTimeoutMs = 5000): Promise<Omit<DomainSnapshot, 'ok' | 'queryMs'>> {
  return db.transaction(
    async (tx) => {
      await tx.execute(sql.raw(`set local statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`));
      const taskRows = await tx.execute<{
        department: string;
        jurisdiction: string;
        step: string;
        open: number;
        overdue: number;
        completed: number;
        completed_late: number;
        oldest_open_at: string | Date | null;
      }>(sql`
        select g.department, coalesce(d.jurisdiction, 'unknown') as jurisdiction, g.step,
               g.open, g.overdue, g.completed, g.completed_late, g.oldest_open_at
        from (
          select t.assignee_department_id as department, t.step,
                 (count(*) filter (where t.status = 'open'))::int as open,
                 (count(*) filter (where t.status = 'open' and t.due_at < ${at.toISOString()}::timestamptz and not ${STAYS_OPEN}))::int as overdue,
                 (count(*) filter (where t.status = 'completed' and not ${STAYS_OPEN}))::int as completed,
                 (count(*) filter (where t.status = 'completed' and not ${STAYS_OPEN} and t.completed_at > t.due_at))::int as completed_late,
                 min(t.created_at) filter (where t.status = 'open') as oldest_open_at
          from tasks t
          group by t.assignee_department_id, t.step
        ) g
        left join departments d on d.id = g.department`);
      // Every rung in every jurisdiction that has departments, fired or not: a counter that first appears at 1 would
      // lose that first firing to increase() in Prometheus.
      const rungs = sql.raw(`array[${escalationRungs.map((r) => `'${r}'`).join(',')}]::text[]`);
      const escalationRows = await tx.execute<{ rung: string; jurisdiction: string; fired: number }>(sql`
        select r.rung, j.jurisdiction, coalesce(c.fired, 0)::int as fired
        from unnest(${rungs}) as r(rung)
        cross join (select distinct jurisdiction from departments) as j
        left join (
          select e.rung, d.jurisdiction, count(*) as fired
          from escalations e join departments d on d.id = e.responsible_department_id
          group by e.rung, d.jurisdiction
        ) c on c.rung = r.rung and c.jurisdiction = j.jurisdiction`);
      return {
        at,
        tasks: [...taskRows].map((r) => ({
          department: r.department,
          jurisdiction: r.jurisdiction,
          step: r.step,
          open: Number(r.open),
          overdue: Number(r.overdue),
          completed: Number(r.completed),
          completedLate: Number(r.completed_late),
          oldestOpenAt: r.oldest_open_at === null ? null : new Date(r.oldest_open_at),
        })),
        escalations: [...escalationRows].map((r) => ({ rung: r.rung, jurisdiction: r.jurisdiction, fired: Number(r.fired) })),
      };
    },
    { accessMode: 'read only' },
  );
}

/** Working days from the day `from` falls on to the day `to` falls on, on the jurisdiction's calendar (national when it has none). */
function workingDaysBetween(calendar: Calendar, from: Date, to: Date, jurisdiction: string): number {
  try {
    return calendar.workingDaysBetween(from.toISOString(), to.toISOString(), jurisdiction);
  } catch {
    return calendar.workingDaysBetween(from.toISOString(), to.toISOString());
  }
}

/** The domain metrics registered on an API instance's registry: `snapshot()` is what the next scrape shows. */
export interface DomainMetrics {
  snapshot(): Promise<DomainSnapshot>;
}

/** Registers the domain gauges and counters on `metrics.registry` (once per registry). */
export function installDomainMetrics(metrics: Metrics, options: DomainMetricsOptions): DomainMetrics {
  if (metrics.domain) return metrics.domain;
  const ttlMs = options.ttlMs ?? domainMetricsTtlMsFromEnv();
  const now = options.now ?? (() => new Date());
  const registers = [metrics.registry];
  const refreshes = new Counter({ name: 'gds_domain_metrics_refreshes_total', help: 'Readings of the read model for the domain metrics (at most one per METRICS_DOMAIN_CACHE_SECONDS)', registers });

  let cached: { until: number; value: Promise<DomainSnapshot> } | undefined;
  const load = async (): Promise<DomainSnapshot> => {
    refreshes.inc();
    const t0 = performance.now();
    const limitMs = options.statementTimeoutMs ?? 5000;
    let timer: NodeJS.Timeout | undefined;
    try {
      // The statement timeout bounds the queries; this bounds the rest (a connection to a server that does not answer
      // waits for postgres.js' connect timeout, 30 s, longer than Prometheus waits for a scrape).
      const read = await Promise.race([
        readDomainSnapshot(options.db, now(), limitMs),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`the read model did not answer within ${limitMs} ms`)), limitMs + 500);
        }),
      ]);
      return { ...read, ok: true, queryMs: performance.now() - t0 };
    } catch {
      // The database is down or slow: the scrape still answers (HTTP and Temporal metrics), without the domain series.
      return { at: now(), ok: false, queryMs: performance.now() - t0, tasks: [], escalations: [] };
    } finally {
      clearTimeout(timer);
    }
  };
  const snapshot = (): Promise<DomainSnapshot> => {
    const t = Date.now();
    if (cached && t < cached.until) return cached.value;
    const value = load();
    // Counted from when the reading ends, so a slow query is not repeated by the scrapes that waited for it.
    cached = { until: Number.POSITIVE_INFINITY, value };
    void value.then(() => {
      if (cached?.value === value) cached.until = Date.now() + ttlMs;
    });
    return value;
  };

  const taskLabels = ['department', 'jurisdiction', 'step'] as const;
  const gauge = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (g: Gauge<L>, s: DomainSnapshot) => void | Promise<void>) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const s = await snapshot();
        this.reset();
        await fill(this, s);
      },
    });
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[], fill: (c: Counter<L>, s: DomainSnapshot) => void) =>
    new Counter<L>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        const s = await snapshot();
        this.reset();
        fill(this, s);
      },
    });
  const labelsOf = (g: TaskGroup) => ({ department: g.department, jurisdiction: g.jurisdiction, step: g.step });

  gauge('gds_domain_metrics_up', '1 when the read model answered the last reading of the domain metrics, 0 when it did not', [], (g, s) => g.set(s.ok ? 1 : 0));
  gauge('gds_domain_metrics_query_seconds', 'How long the last reading of the read model took', [], (g, s) => g.set(s.queryMs / 1000));
  gauge('gds_tasks_open', 'Open tasks, by assignee department and step', taskLabels, (g, s) => {
    for (const t of s.tasks) if (t.open > 0) g.set(labelsOf(t), t.open);
  });
  gauge('gds_tasks_overdue', 'Open tasks past their due instant, by assignee department and step (an option that stays open is never overdue)', taskLabels, (g, s) => {
    for (const t of s.tasks) if (t.open > 0) g.set(labelsOf(t), t.overdue);
  });
  gauge('gds_task_oldest_open_age_seconds', 'Age of the longest-open task, by assignee department and step: seconds since it was opened', taskLabels, (g, s) => {
    for (const t of s.tasks) if (t.oldestOpenAt) g.set(labelsOf(t), Math.max(0, (s.at.getTime() - t.oldestOpenAt.getTime()) / 1000));
  });
  gauge(
    'gds_task_oldest_open_age_working_days',
    'Age of the longest-open task, by assignee department and step: working days from the day it was opened to today, on its jurisdiction\'s calendar',
    taskLabels,
    async (g, s) => {
      if (!s.tasks.some((t) => t.oldestOpenAt)) return;
      // The calendar is read from the database too: when it cannot be, the series in seconds still answer.
      const calendar = await options.calendar().catch(() => undefined);
      if (!calendar) return;
      for (const t of s.tasks) if (t.oldestOpenAt) g.set(labelsOf(t), Math.max(0, workingDaysBetween(calendar, t.oldestOpenAt, s.at, t.jurisdiction)));
    },
  );
  counter('gds_tasks_completed_total', 'Tasks completed, by assignee department and step (options that stay open not counted)', taskLabels, (c, s) => {
    for (const t of s.tasks) c.inc(labelsOf(t), t.completed);
  });
  counter(
    'gds_tasks_completed_late_total',
    'Tasks completed after their due instant, by assignee department and step; the deadline-miss rate is increase(this) / increase(gds_tasks_completed_total)',
    taskLabels,
    (c, s) => {
      for (const t of s.tasks) c.inc(labelsOf(t), t.completedLate);
    },
  );
  counter('gds_escalations_total', 'Escalation rungs fired, by rung and the jurisdiction of the responsible department', ['rung', 'jurisdiction'], (c, s) => {
    for (const e of s.escalations) c.inc({ rung: e.rung, jurisdiction: e.jurisdiction }, e.fired);
  });

  metrics.domain = { snapshot };
  return metrics.domain;
}
