import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemathesis } from '../../scripts/tools';
import { ownDatabase } from '../support/own-database';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let base = '';

let database: Awaited<ReturnType<typeof ownDatabase>>;

beforeAll(async () => {
  // A database of its own: the hundreds of cases the stateful phase opens would otherwise fill the shared queues that
  // later test files look for their tasks in.
  database = await ownDatabase();
  stack = await startStack(undefined, { databaseUrl: database.url });
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  const address = stack.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  await stack?.stop();
  await database?.drop();
});

/**
 * Schemathesis generates requests from the published OpenAPI document (valid and invalid ones, NUL included), in its
 * example, coverage, fuzzing and stateful phases, with every check but the conformance ones listed below, and two
 * departments as peers for the object-level authorization check. Bounded: a fixed seed, a few examples per
 * operation, a time budget (FUZZ_SECONDS, default 150).
 */
describe('the published OpenAPI document, fuzzed', () => {
  // One more run when the first fails: on this 2-core machine the stateful phase can starve the worker so that a
  // decision waits past the 5 s limit (the API then answers 503 "may still be recorded"; the cost is issue 16's global
  // audit lock). A real defect fails both runs.
  it('gets no server error, no answer over 5 s and no other department’s objects for any generated request', { timeout: 480_000, retry: 1 }, async () => {
    const cli = ensureSchemathesis();
    // Two departments as peers, so the object-level authorization check replays one's reads as the other.
    // Webhook settings are left out because a fuzzed URL would then receive (and fail) the notices of every other
    // test running beside this one.
    // The peer must be a body that is never party to the first's cases: a department of the same province may be asked
    // for its data by the first (then it reads that case by right), so the peer is another province's government.
    const peers = { 'mzt.li': await loginAs(stack.app, 'mzt.li'), 'ah-gov.lin': await loginAs(stack.app, 'ah-gov.lin') };
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-'));
    const auth = join(dir, 'auth.json');
    writeFileSync(
      auth,
      JSON.stringify({
        schemaVersion: '0.1.0',
        auth: Object.entries(peers).map(([name, headers]) => ({ name, fixedHeaders: [{ name: 'Authorization', value: headers.authorization }] })),
      }),
    );
    const config = join(dir, 'schemathesis.toml');
    writeFileSync(config, `[auth.wfc]\npath = ${JSON.stringify(auth)}\npeers = ["mzt.li", "ah-gov.lin"]\n`);
    // Asynchronously: the API under test runs in this very process.
    const run = await runCommand(
      cli,
      [
        '--config-file',
        config,
        'run',
        `${base}/docs/json`,
        '--url',
        base,
        '--checks',
        process.env.FUZZ_CHECKS ?? 'all',
        // Left out, by design: the edge refuses what the schemas do not spell out (controls, bidi, NUL, lone
        // surrogates, strict RFC 3339), which positive_data_acceptance calls "valid data rejected"; problems are
        // application/problem+json and router/limit statuses (413, 414, 415, 429) are not listed per route; TRACE
        // and other undeclared methods answer 404 as problems, not 405.
        '--exclude-checks',
        process.env.FUZZ_EXCLUDE_CHECKS ?? 'positive_data_acceptance,content_type_conformance,status_code_conformance,unsupported_method',
        '--max-examples',
        process.env.FUZZ_EXAMPLES ?? '12',
        '--seed',
        '20251001',
        '--phases',
        'examples,coverage,fuzzing,stateful',
        '--generation-allow-x00',
        'true',
        '--max-time',
        process.env.FUZZ_SECONDS ?? '150',
        '--max-response-time',
        '5',
        '--exclude-path-regex',
        'webhook|auth/logout|auth/sessions|auth/password',
        '--warnings',
        'off',
        // Task ids are opaque strings; generated ones that fail the path filter are not a finding.
        '--suppress-health-check',
        'filter_too_much',
      ],
      { ...process.env, NO_COLOR: '1' },
    );
    expect(run.status, run.output.slice(-6000)).toBe(0);
  });
});

function runCommand(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ status: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, output }));
  });
}
