import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSchemathesis } from '../../scripts/tools';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let base = '';

beforeAll(async () => {
  stack = await startStack();
  await stack.app.listen({ port: 0, host: '127.0.0.1' });
  const address = stack.app.server.address() as { port: number };
  base = `http://127.0.0.1:${address.port}`;
});
afterAll(() => stack?.stop());

/**
 * Schemathesis generates requests from the published OpenAPI document (valid and invalid ones) and checks that none
 * gets a 5xx. Bounded: a fixed seed, a few examples per operation, a time budget.
 */
describe('the published OpenAPI document, fuzzed', () => {
  it('gets no server error for any generated request', async () => {
    const cli = ensureSchemathesis();
    // A department user: it reaches most routes; webhook settings are left out because a fuzzed URL would then
    // receive (and fail) the notices of every other test running beside this one, and signing out (or ending
    // sessions) because it would end the fuzzer's own session.
    const { authorization } = await loginAs(stack.app, 'mzt.li');
    // Asynchronously: the API under test runs in this very process.
    const run = await runCommand(
      cli,
      [
        'run',
        `${base}/docs/json`,
        '--url',
        base,
        '--checks',
        'not_a_server_error',
        '--max-examples',
        process.env.FUZZ_EXAMPLES ?? '12',
        '--seed',
        '20251001',
        '--phases',
        'examples,coverage,fuzzing',
        '--max-time',
        process.env.FUZZ_SECONDS ?? '120',
        '--exclude-path-regex',
        'webhook|auth/logout|auth/sessions',
        '--header',
        `Authorization:${authorization}`,
        '--warnings',
        'off',
        // Task ids are opaque strings; generated ones that fail the path filter are not a finding.
        '--suppress-health-check',
        'filter_too_much',
      ],
      { ...process.env, NO_COLOR: '1' },
    );
    expect(run.status, run.output.slice(-6000)).toBe(0);
  }, 480_000);
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
