import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ownDatabase } from '../support/own-database';
import { loginAs, startStack, type TestStack } from '../support/stack';
import { problemLanguageFaults } from '../support/problem-languages';

/**
 * A hand-written corpus of hostile input, sent to every route the app's own OpenAPI document lists (a new route is
 * covered without editing this file): lone surrogates, NUL (in values and keys), control and bidi characters,
 * type confusion, deep JSON, impossible dates and years in every date and cursor parameter, encoded path prefixes.
 * Whatever it is, the answer is never a 5xx, never slower than 5 s, and nothing already stored changes; every refusal
 * says why in Chinese and in English.
 */

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  patternProperties?: Record<string, Schema>;
  items?: Schema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
}
interface Parameter {
  in: 'path' | 'query' | 'header';
  name: string;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
}

let stack: TestStack;
let database: Awaited<ReturnType<typeof ownDatabase>>;
let identities: Record<string, Record<string, string>>;

beforeAll(async () => {
  database = await ownDatabase();
  stack = await startStack(undefined, { databaseUrl: database.url });
  identities = {
    department: await loginAs(stack.app, 'mzt.li'),
    supervisor: await loginAs(stack.app, 'data.zhao'),
    admin: await loginAs(stack.app, 'admin'),
  };
  // Something already stored: a case with its open task and audit rows.
  const created = await stack.app.inject({
    method: 'POST',
    url: '/api/share-requests',
    headers: { ...identities.department, 'idempotency-key': 'hostile-corpus-seed' },
    payload: { catalogueEntryId: 'HB-GAT-0001', scenario: '婚姻登记时核验当事人身份' },
  });
  expect(created.statusCode, created.body).toBe(201);
  for (let i = 0; i < 100; i++) {
    const [row] = await stack.db.execute<{ n: number }>(sql`select count(*)::int as n from tasks`);
    if (row!.n > 0) break;
    await new Promise((r) => setTimeout(r, 100));
  }
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Strings no field may store as sent. */
const hostileStrings = [
  'x \ud800 y',
  '\udc00',
  'end \ud83d',
  'a\u0000b',
  '\u0000',
  'bidi \u202e evil',
  'isolate \u2066 x',
  'ansi \u001b[31m red',
  'c1 \u0085 next',
  'del \u007f',
  'cr \r only',
  ' \u200b\u3000\u2028 ',
  '',
  'x'.repeat(100_000),
];
const hostileDates = [
  '0000-01-01T00:00:00Z',
  '0001-01-01T00:00:00+08:00',
  '2025-12-31T23:59:60Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  '2025-09-28t10:00:00z',
  '2025-09-28 10:00:00Z',
  '2025-02-30T00:00:00Z',
  '9999-12-31T23:59:59-23:59',
  '0000-01-01',
  '0001-01-01',
  '9999-12-31',
  '2025-02-30',
  '10000-01-01',
];
/** JSON values of the wrong kind, and numbers out of any range. */
const confusions: unknown[] = [true, false, null, 0, 1e20, -1e20, 1.5, [], {}, ['x'], { a: 'x' }];
const hostileKeys = ['a\u0000b', '\ud800', 'k'.repeat(41), '\u202e', '__proto__', 'constructor'];

/** Already URL-encoded: invalid UTF-8, NUL, bidi, traversal, numbers and years out of range. */
const encodedTexts = ['%00', 'a%00b', '%ED%A0%80', '%F0%9F', '%E2%80%AE', '%1B%5B31m', '..%2F..%2Fetc%2Fpasswd', '1e20', '-1', '99999', '0000', 'x'.repeat(300)];
const cursors = [
  b64('+275760-09-13T00:00:00.000Z|x'),
  b64('0000-01-01T00:00:00.000Z|x'),
  b64('-000001-01-01T00:00:00.000Z|x'),
  b64('2025-01-01T00:00:00.000Z|not-a-uuid'),
  b64('2025-01-01T00:00:00.000Z|a\u0000b'),
  b64('2025-01-01T00:00:00.000Z'),
  b64('\ud800|\udc00'),
  'not base64 !',
];
const encodedQueryValues = [...encodedTexts, ...hostileDates.map(encodeURIComponent), ...cursors.map(encodeURIComponent)];

function operations(document: { paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: Schema }> } }>> }): Operation[] {
  const found: Operation[] = [];
  for (const [path, methods] of Object.entries(document.paths)) {
    for (const [method, op] of Object.entries(methods)) {
      if (!['get', 'post', 'put', 'delete', 'patch'].includes(method)) continue;
      found.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], body: op.requestBody?.content?.['application/json']?.schema });
    }
  }
  return found;
}

/** A value the schema would accept, as far as a simple reading goes. */
function sample(schema: Schema | undefined): unknown {
  if (!schema) return 'x';
  if (schema.enum) return schema.enum[0];
  const alternative = schema.anyOf ?? schema.oneOf;
  if (alternative) return sample(alternative.find((s) => s.type !== 'null') ?? alternative[0]);
  if (schema.allOf) return Object.assign({}, ...schema.allOf.map((s) => sample(s) as object));
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time') return '2025-09-28T10:00:00+08:00';
      if (schema.format === 'date') return '2025-09-28';
      if (schema.format === 'uri') return 'https://example.com/hook';
      if (schema.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
      return 'abcd'.padEnd(Math.min(Math.max(schema.minLength ?? 4, 4), schema.maxLength ?? 4, 4) || 1, 'x');
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return false;
    case 'array':
      return [];
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const key of schema.required ?? []) out[key] = sample(schema.properties?.[key]);
      return out;
    }
    default:
      return 'x';
  }
}

/** Bodies that each break one field of a valid-looking body, then the whole body. */
function hostileBodies(schema: Schema): unknown[] {
  const base = sample(schema) as Record<string, unknown>;
  const bodies: unknown[] = [];
  const properties = schema.properties ?? Object.assign({}, ...(schema.allOf ?? []).map((s) => s.properties ?? {}));
  for (const [key, prop] of Object.entries(properties as Record<string, Schema>)) {
    const values: unknown[] = [...hostileStrings, ...confusions];
    const leaf = prop.anyOf?.find((s) => s.type !== 'null') ?? prop;
    if (leaf.format === 'date-time' || leaf.format === 'date') values.push(...hostileDates);
    if (leaf.type === 'object' || leaf.patternProperties) {
      for (const k of hostileKeys) values.push({ [k]: 'x' }, { ok: `x \ud800` });
    }
    if (leaf.type === 'array') values.push(hostileStrings.slice(0, 6), [[['deep']]], [{ a: 1 }]);
    for (const v of values) bodies.push({ ...base, [key]: v });
  }
  for (const k of hostileKeys) bodies.push({ ...base, [k]: 'x' });
  bodies.push('['.repeat(200_000) + ']'.repeat(200_000), '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000), '"\\ud800"', '{"a":"\\u0000"}', 'not json', '', '[]', 'null', '1e999');
  return bodies;
}

function fillPath(path: string, value: string): string {
  return path.replace(/\{[^}]+\}/g, value);
}

interface Attempt {
  method: string;
  url: string;
  identity: string;
  payload?: unknown;
  headers?: Record<string, string>;
}

function attemptsFor(op: Operation, identity: string): Attempt[] {
  const attempts: Attempt[] = [];
  const plain = fillPath(op.path, 'x');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const baseQuery = queryParams
    .filter((p) => (p as Parameter & { required?: boolean }).required)
    .map((p) => `${p.name}=${encodeURIComponent(String(sample(p.schema)))}`);
  const withQuery = (url: string, parts: string[]) => (parts.length ? `${url}?${parts.join('&')}` : url);
  const body = op.body ? sample(op.body) : undefined;
  if (op.path.includes('{')) for (const v of encodedTexts) attempts.push({ method: op.method, url: withQuery(fillPath(op.path, v), baseQuery), identity, payload: body });
  for (const p of queryParams) {
    for (const v of encodedQueryValues) {
      const rest = baseQuery.filter((q) => !q.startsWith(`${p.name}=`));
      attempts.push({ method: op.method, url: withQuery(plain, [...rest, `${p.name}=${v}`]), identity, payload: body });
    }
    attempts.push({ method: op.method, url: withQuery(plain, [...baseQuery, `${p.name}=a`, `${p.name}=b`]), identity, payload: body });
  }
  attempts.push({ method: op.method, url: withQuery(plain, [...baseQuery, 'unknown%00=1', '%ED%A0%80=1']), identity, payload: body });
  if (op.body) for (const payload of hostileBodies(op.body)) attempts.push({ method: op.method, url: withQuery(plain, baseQuery), identity, payload });
  for (const key of ['a\u0085b', 'x'.repeat(300), '\u00e9\u0301']) {
    attempts.push({ method: op.method, url: withQuery(plain, baseQuery), identity, payload: body, headers: { 'idempotency-key': key } });
  }
  return attempts;
}

/** Every row of every table a request could change, as text (sessions and keys record their last use: left out). */
/** Every stored row but the moving ones: sessions and keys (last use), and each audit chain's head (its lock and cursor, not evidence). */
async function storedRows(): Promise<Map<string, Set<string>>> {
  const tables = await stack.db.execute<{ name: string }>(
    sql`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('sessions', 'api_keys', 'audit_chain_heads') order by 1`,
  );
  const rows = new Map<string, Set<string>>();
  for (const { name } of tables) {
    const result = await stack.db.execute<{ row: string }>(sql`select t::text as row from ${sql.identifier(name)} t`);
    rows.set(name, new Set(result.map((r) => r.row)));
  }
  return rows;
}

const refusedInStorage = /[\u0000\u202a-\u202e\u2066-\u2069\u0001-\u0008\u000b-\u001f\u007f-\u009f]|\\u0000|\\ud[89a-f]/i;

describe('a hostile corpus against every documented route', () => {
  it('gets no 5xx and no answer slower than 5 s, changes nothing already stored, and is refused in both languages', async () => {
    const document = (await stack.app.inject({ method: 'GET', url: '/docs/json' })).json();
    // Signing out would end the corpus's own sessions; it takes no input besides the session itself.
    const ops = operations(document).filter((op) => !op.path.endsWith('/logout'));
    expect(ops.length).toBeGreaterThan(25);
    const before = await storedRows();

    const failures: string[] = [];
    let sent = 0;
    let slowest = 0;
    const send = async (a: Attempt) => {
      const started = performance.now();
      const isJson = typeof a.payload === 'string';
      let status: number;
      try {
        const response = await stack.app.inject({
          method: a.method as 'GET',
          url: a.url,
          headers: { ...identities[a.identity], ...a.headers, ...(isJson ? { 'content-type': 'application/json' } : {}) },
          ...(a.payload === undefined || a.method === 'GET' || a.method === 'DELETE' ? {} : { payload: a.payload as string }),
        });
        status = response.statusCode;
        if (status >= 400 && !String(response.headers['content-type']).includes('application/problem+json')) failures.push(`${a.method} ${a.url}: ${status} not problem+json`);
        else if (status >= 400) {
          for (const fault of problemLanguageFaults(response.json())) failures.push(`${a.method} ${a.url.slice(0, 120)}: ${fault}`);
        }
      } catch (error) {
        // The test client refusing to send it (e.g. a header it cannot encode) is not an answer of the API.
        if (/Invalid character|header/i.test(String(error))) return;
        throw error;
      }
      const took = performance.now() - started;
      slowest = Math.max(slowest, took);
      sent++;
      const what = `${a.identity} ${a.method} ${a.url.slice(0, 120)} ${JSON.stringify(a.payload)?.slice(0, 120)}`;
      if (status >= 500) failures.push(`${what}: ${status}`);
      if (took > 5000) failures.push(`${what}: ${Math.round(took)} ms`);
    };

    for (const op of ops) {
      for (const identity of Object.keys(identities)) {
        for (const attempt of attemptsFor(op, identity)) await send(attempt);
      }
      // An encoded prefix reaches the same route or none: never a way around authentication.
      const encoded = fillPath(op.path, 'x').replace(/^\/api\//, '/%61pi/');
      const anonymous = await stack.app.inject({ method: op.method as 'GET', url: encoded });
      if (anonymous.statusCode >= 500 || (anonymous.statusCode < 300 && op.path.startsWith('/api/') && !/login|health|docs/.test(op.path))) {
        const plain = await stack.app.inject({ method: op.method as 'GET', url: fillPath(op.path, 'x') });
        if (anonymous.statusCode >= 500 || plain.statusCode !== anonymous.statusCode) failures.push(`anonymous ${op.method} ${encoded}: ${anonymous.statusCode} (plain: ${plain.statusCode})`);
      }
    }

    const after = await storedRows();
    for (const [table, rows] of before) {
      const now = after.get(table)!;
      for (const row of rows) if (!now.has(row)) failures.push(`${table}: a stored row changed or went: ${row.slice(0, 200)}`);
      for (const row of now) if (!rows.has(row) && refusedInStorage.test(row)) failures.push(`${table}: stored a refused character: ${row.slice(0, 200)}`);
    }
    expect(failures, failures.slice(0, 40).join('\n')).toEqual([]);
    expect(sent).toBeGreaterThan(1000);
    console.info(`hostile corpus: ${sent} requests over ${ops.length} operations, slowest ${Math.round(slowest)} ms`);
  }, 600_000);
});
