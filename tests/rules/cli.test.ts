/** The rules CLI prints JSON; bad usage exits 2, rules errors exit 1 with a JSON error. */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'rules/cli.ts', ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rules CLI', () => {
  it('preview --pack prints the timeline', () => {
    const r = cli(['preview', '--pack', 'hebei-2023', '--process', 'conditional-share', '--received', '2025-09-28T10:00:00+08:00']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { pack: { id: string }; flow: string; receivedAt: string; steps: Record<string, unknown>[] };
    expect(out).toMatchObject({ pack: { id: 'hebei-2023' }, flow: 'conditional-share', receivedAt: '2025-09-28T10:00:00+08:00' });
    expect(out.steps.slice(0, 3).map((s) => [s['stepId'], s['actor'], s['due']])).toEqual([
      ['review-forward', 'authority', '2025-10-09'],
      ['provider-reply', 'provider', '2025-10-15'],
      ['provide-data', 'authority', '2025-10-20'],
    ]);
    expect(out.steps[0]).toMatchObject({ endsAt: '2025-10-10T00:00:00+08:00', citation: { article: expect.stringContaining('art. 19') } });
  });

  it('preview --jurisdiction binds by the receipt date', () => {
    const old = JSON.parse(cli(['preview', '--jurisdiction', 'hebei', '--process', 'conditional-share', '--received', '2022-12-31T10:00:00+08:00']).stdout);
    expect(old).toMatchObject({ pack: { id: 'hebei-2016' }, boundBy: 'receipt-date' });
    const r = cli(['preview', '--jurisdiction=anhui', '--process=conditional-share', '--received=2025-09-28T10:00:00+08:00']);
    const anhui = JSON.parse(r.stdout) as { pack: { id: string }; steps: Record<string, unknown>[] };
    expect(anhui.pack.id).toBe('anhui-2021');
    expect(anhui.steps[0]).toMatchObject({ stepId: 'provider-reply', due: '2025-10-14' });
  });

  it('preview says when a higher text in force on the receipt date is not loaded, in the JSON and on stderr, and not before it came into force', () => {
    const after = cli(['preview', '--jurisdiction', 'anhui', '--process', 'conditional-share', '--received', '2025-08-01T00:00:00+08:00']);
    expect(after.code).toBe(0);
    const out = JSON.parse(after.stdout) as { warning: { code: string; zh: string; en: string } | null; applicableTexts: { id: string; loaded: boolean }[] };
    expect(out.applicableTexts.map((t) => [t.id, t.loaded])).toEqual([
      ['state-council-809', false],
      ['anhui-2021', true],
    ]);
    expect(out.warning).toMatchObject({ code: 'higher-text-not-loaded', zh: expect.stringContaining('《政务数据共享条例》（国务院令第809号') });
    expect(out.warning!.zh).toContain('仅依据《安徽省政务数据资源管理办法》计算');
    expect(after.stderr).toContain('尚未载入本系统');
    expect(after.stderr).toContain('State Council Order No. 809');

    const before = cli(['preview', '--pack', 'anhui-2021', '--process', 'conditional-share', '--received', '2025-07-31T23:59:59+08:00']);
    expect(before.code).toBe(0);
    const quiet = JSON.parse(before.stdout) as { warning: unknown; applicableTexts: { id: string }[] };
    expect(quiet.warning).toBeNull();
    expect(quiet.applicableTexts.map((t) => t.id)).toEqual(['anhui-2021']);
    expect(before.stderr).not.toContain('政务数据共享条例');
  });

  it('packs lists and show prints a whole pack', () => {
    const packs = JSON.parse(cli(['packs']).stdout) as { packs: { id: string }[] };
    expect(packs.packs.map((p) => p.id)).toEqual(['hebei-2023', 'hebei-2016', 'anhui-2021', 'hebei-2022-draft']);
    const pack = JSON.parse(cli(['show', '--pack', 'anhui-2021']).stdout);
    expect(pack).toMatchObject({ id: 'anhui-2021', jurisdiction: 'anhui', inForce: { from: '2021-03-01' } });
    expect(pack.flows['conditional-share'][0]).toMatchObject({ id: 'provider-reply', period: { n: 7, unit: 'working-days' } });
  });

  it('rules errors are JSON with exit 1', () => {
    const unknown = cli(['show', '--pack', 'hebei-1999']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ error: { name: 'UnknownPackError', code: 'UNKNOWN_PACK' } });
    const none = cli(['preview', '--jurisdiction', 'anhui', '--process', 'conditional-share', '--received', '2021-02-01T10:00:00+08:00']);
    expect(none.code).toBe(1);
    expect(JSON.parse(none.stdout)).toMatchObject({ error: { code: 'NO_PACK_IN_FORCE', date: '2021-02-01' } });
    const flow = cli(['preview', '--pack', 'hebei-2016', '--process', 'negative-list', '--received', '2020-05-06T10:00:00+08:00']);
    expect(flow.code).toBe(1);
    expect(JSON.parse(flow.stdout)).toMatchObject({ error: { code: 'UNKNOWN_FLOW' } });
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['preview', '--pack', 'hebei-2023', '--process', 'conditional-share']],
    [['preview', '--pack', 'hebei-2023', '--jurisdiction', 'hebei', '--process', 'x', '--received', '2025-01-01']],
    [['show']],
    [['packs', '--pack', 'x']],
    [['preview', '--bogus', '1']],
  ])('bad usage %j exits 2 with usage on stderr', (args) => {
    const r = cli(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('Usage:');
  });

  it('--help prints usage and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('rules preview');
  });
});

describe('rules CLI on a pack as data (docs/RULES.md, "Packs as data")', () => {
  const fixture = fileURLToPath(new URL('./fixtures/new-province.pack.json', import.meta.url));

  it('validate prints the pack and its version hash, and names each bad field of an invalid one (exit 1)', () => {
    const ok = cli(['validate', '--file', fixture]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ valid: true, id: 'xinjiang-example', jurisdiction: 'xinjiang', hash: expect.stringMatching(/^sha256:[0-9a-f]{64}$/) });
    const bad = cli(['validate', '--file', fileURLToPath(new URL('../../rules/packs/data/rule-pack.schema.json', import.meta.url))]);
    expect(bad.code).toBe(1);
    const { error } = JSON.parse(bad.stdout) as { error: { code: string; issues: { path: string }[] } };
    expect(error.code).toBe('INVALID_PACK');
    expect(error.issues.map((i) => i.path)).toContain('$schema');
  });

  it('preview --file shows a new province’s periods before it is proposed: 2 working days to review, 5 to reply', () => {
    const r = cli(['preview', '--file', fixture, '--process', 'conditional-share', '--received', '2025-09-01T10:00:00+08:00']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { pack: { id: string }; steps: Record<string, unknown>[] };
    expect(out.pack.id).toBe('xinjiang-example');
    expect(out.steps.slice(0, 2).map((s) => [s['stepId'], s['due']])).toEqual([
      ['review-forward', '2025-09-03'],
      ['provider-reply', '2025-09-10'],
    ]);
  });
});
