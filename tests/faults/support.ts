/** Helpers of the fault tests: HTTP calls against a running API process, and what the database says afterwards. */
import { sql } from 'drizzle-orm';
import { verifyAuditTrail } from '../../db/audit-trail';
import { connectDb, type DbHandle } from '../../db/client';
import { sleep, type System } from '../../bench/support/stack';

export { sleep };

export interface Reply {
  status: number;
  json: Record<string, unknown> & Array<Record<string, unknown>>;
  headers: Headers;
}

/** One call; a refused connection (the API process is down) is status 0. */
export async function call(base: string, method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  try {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(60_000),
    });
    const text = await response.text();
    return { status: response.status, json: (text ? JSON.parse(text) : {}) as Reply['json'], headers: response.headers };
  } catch {
    return { status: 0, json: {} as Reply['json'], headers: new Headers() };
  }
}

/** Runs `fn` over `items` with at most `concurrency` at once. */
export async function pool<T, R>(items: readonly T[], concurrency: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      for (let i = next++; i < items.length; i = next++) out[i] = await fn(items[i]!, i);
    }),
  );
  return out;
}

/** Polls until `check` is true or the time is up; returns the last value of `read`. */
export async function waitFor<T>(read: () => Promise<T>, check: (value: T) => boolean, timeoutMs: number, everyMs = 500): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let value = await read();
  while (!check(value) && Date.now() < deadline) {
    await sleep(everyMs);
    value = await read();
  }
  return value;
}

/** Submits with retries on 503 and on a refused connection, with the same Idempotency-Key every time. */
export async function submitUntilAccepted(base: string, token: string, key: string, body: unknown, timeoutMs = 120_000): Promise<Reply> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(base, 'POST', '/api/share-requests', token, body, { 'idempotency-key': key });
    if ((r.status !== 503 && r.status !== 0) || Date.now() > deadline) return r;
    await sleep(500);
  }
}

/** Completes a task, retrying while the worker or the API is away; a 409 saying it is already done counts as done. */
export async function completeUntilDone(base: string, token: string, taskId: string, decision: string, timeoutMs = 900_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await call(base, 'POST', `/api/tasks/${encodeURIComponent(taskId)}/complete`, token, { decision });
    if (r.status === 200 || Date.now() > deadline) return r.status;
    if (r.status === 409 && /already (completing|done|closed)/.test(String(r.json.detail))) return 200;
    if (r.status !== 503 && r.status !== 0 && r.status !== 409) return r.status;
    await sleep(1000);
  }
}

/** The read model and the audit trail, counted and checked for duplicates and gaps. */
export async function integrity(url: string) {
  const handle: DbHandle = connectDb(url, { max: 1 });
  try {
    const db = handle.db;
    const one = async <T>(query: ReturnType<typeof sql>) => (await db.execute<T & Record<string, unknown>>(query))[0]!;
    const counts = await one<{ requests: number; tasks: number; open: number; completed: number; escalations: number; audit: number; fulfilled: number }>(sql`
      select (select count(*)::int from requests) as requests,
             (select count(*)::int from tasks) as tasks,
             (select count(*)::int from tasks where status = 'open') as open,
             (select count(*)::int from tasks where status = 'completed') as completed,
             (select count(*)::int from escalations) as escalations,
             (select count(*)::int from audit_log) as audit,
             (select count(*)::int from requests where status = 'fulfilled') as fulfilled`);
    // Per case: how many of each event; a duplicate shows as a count above one, a gap as a missing row. A status change
    // recorded twice shows as a status row whose status is the one before it (`statusRepeats`).
    const perCase = await db.execute<{
      request_id: string;
      submitted: number;
      opened: number;
      completed: number;
      tasks: number;
      statusChanges: number;
      statusRepeats: number;
    }>(sql`
      select r.id as request_id,
             (select count(*)::int from audit_log a where a.request_id = r.id and a.action = 'request.submitted') as submitted,
             (select count(*)::int from audit_log a where a.request_id = r.id and a.action = 'task.opened') as opened,
             (select count(*)::int from audit_log a where a.request_id = r.id and a.action = 'task.completed') as completed,
             (select count(*)::int from tasks t where t.request_id = r.id) as tasks,
             (select count(*)::int from audit_log a where a.request_id = r.id and a.action = 'request.status-changed') as "statusChanges",
             (select count(*)::int from (
                select a.details->>'status' as status, lag(a.details->>'status') over (order by a.id) as before
                from audit_log a where a.request_id = r.id and a.action = 'request.status-changed') s
              where s.status = s.before) as "statusRepeats"
      from requests r`);
    const escalationAudit = await one<{ rows: number; escalations: number; missing: number }>(sql`
      select (select count(*)::int from audit_log where action like 'escalation.%') as rows,
             (select count(*)::int from escalations) as escalations,
             (select count(*)::int from escalations e where not exists
                (select 1 from audit_log a where a.event_key = 'escalation:' || e.id)) as missing`);
    const chain = await verifyAuditTrail(db);
    return { counts, perCase: [...perCase], escalationAudit, chain };
  } finally {
    await handle.close();
  }
}

/** The open task of each case, as its assignee sees it. */
export async function openTasks(system: System, token: string): Promise<Map<string, string>> {
  const byRequest = new Map<string, string>();
  let cursor: string | undefined;
  do {
    const r = await call(system.apiBase, 'GET', `/api/tasks?limit=200${cursor ? `&cursor=${cursor}` : ''}`, token);
    if (r.status !== 200) throw new Error(`GET /api/tasks: ${r.status} ${JSON.stringify(r.json)}`);
    for (const t of r.json) byRequest.set(String(t.requestId), String(t.id));
    cursor = r.headers.get('x-next-cursor') ?? undefined;
  } while (cursor);
  return byRequest;
}
