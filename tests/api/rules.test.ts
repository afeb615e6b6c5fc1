import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loginAs, startStack, type TestStack } from '../support/stack';

let stack: TestStack;
let user: Record<string, string>;

beforeAll(async () => {
  stack = await startStack();
  user = await loginAs(stack.app, 'mzt.li');
});
afterAll(() => stack?.stop());

const received = '2025-09-28T10:00:00+08:00';

describe('the rule packs through the API', () => {
  it('previews the latest-possible timeline exactly as the rules CLI does', async () => {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/api/rules/hebei-2023/preview?process=conditional-share&received=${encodeURIComponent(received)}`,
      headers: user,
    });
    expect(response.statusCode).toBe(200);
    const preview = response.json();
    const cli = JSON.parse(
      execFileSync('npx', ['tsx', 'rules/cli.ts', 'preview', '--pack', 'hebei-2023', '--process', 'conditional-share', '--received', received], {
        encoding: 'utf8',
      }),
    );
    expect(preview.steps.map((s: { stepId: string; due: string }) => [s.stepId, s.due])).toEqual(
      cli.steps.map((s: { stepId: string; due: string }) => [s.stepId, s.due]),
    );
    const main = preview.steps.filter((s: { branch?: unknown }) => !s.branch);
    expect(main.map((s: { stepId: string }) => s.stepId)).toEqual(['review-forward', 'provider-reply', 'provide-data']);
    // 3 WD from Sunday 28 Sep: 29, 30 Sep, then the 8-day National Day, then 9 Oct.
    expect(main[0].due).toBe('2025-10-09');
    expect(main[0].citation.textZh.length).toBeGreaterThan(0);
  });

  it('says why a step reaching unpublished 2027 is provisional', async () => {
    const response = await stack.app.inject({
      method: 'GET',
      url: `/api/rules/hebei-2023/preview?process=conditional-share&received=${encodeURIComponent('2026-12-28T10:00:00+08:00')}`,
      headers: user,
    });
    expect(response.statusCode).toBe(200);
    const reply = response.json().steps.find((s: { stepId: string }) => s.stepId === 'provider-reply');
    expect(reply).toMatchObject({ due: '2027-01-08', provisional: true });
    expect(reply.provisionalReason).toContain('2027: statutory days off counted');
  });

  it('answers 404 for an unknown pack and 400 naming the field for an unknown process', async () => {
    const unknownPack = await stack.app.inject({
      method: 'GET',
      url: `/api/rules/hebei-1999/preview?process=conditional-share&received=${encodeURIComponent(received)}`,
      headers: user,
    });
    expect(unknownPack.statusCode).toBe(404);
    const unknownProcess = await stack.app.inject({
      method: 'GET',
      url: `/api/rules/hebei-2023/preview?process=teleport&received=${encodeURIComponent(received)}`,
      headers: user,
    });
    expect(unknownProcess.statusCode).toBe(400);
    expect(unknownProcess.json().errors[0].path).toBe('query.process');
    // Found by the fuzzer: a receipt date outside the calendar's range was a 500.
    const ancient = await stack.app.inject({
      method: 'GET',
      url: `/api/rules/hebei-2023/preview?process=negative-list&received=${encodeURIComponent('2000-01-01T00:00:00Z')}`,
      headers: user,
    });
    expect(ancient.statusCode).toBe(400);
    expect(ancient.json().errors[0].path).toBe('query.received');
    const packs = await stack.app.inject({ method: 'GET', url: '/api/rules', headers: user });
    expect(packs.json().map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining(['hebei-2023', 'hebei-2016', 'anhui-2021', 'hebei-2022-draft']));
  });
});
