import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function cli(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('npx', ['tsx', 'calendar/cli.ts', ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lines = (s: string): unknown[] => s.trim().split('\n').map((l) => JSON.parse(l) as unknown);

describe('calendar CLI', () => {
  it('deadline prints one JSON object', () => {
    const r = cli(['deadline', '2025-09-28', '3']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout);
    expect(out).toHaveLength(1);
    expect(out[0]).toMatchObject({ startDate: '2025-09-28', n: 3, unit: 'working-days', due: '2025-10-09', endsAt: '2025-10-10T00:00:00+08:00', provisional: false });
  });

  it('deadline takes --unit days and --jurisdiction', () => {
    expect(lines(cli(['deadline', '2025-06-01', '5', '--unit', 'days', '--jurisdiction', 'xinjiang']).stdout)[0]).toMatchObject({
      unit: 'days',
      jurisdiction: 'xinjiang',
      due: '2025-06-11',
    });
    expect(lines(cli(['deadline', '2025-09-27T20:00:00Z', '1', '--unit=working-days']).stdout)[0]).toMatchObject({
      start: '2025-09-28T04:00:00+08:00',
      due: '2025-09-29',
    });
  });

  it('deadline --stdin answers one line per query and reports errors without stopping', () => {
    const input = [
      '{"start":"2025-09-28","n":3}',
      'not json',
      '{"start":"2025-02-30","n":1}',
      '',
      '{"start":"2025-09-16","n":15,"unit":"days"}',
      '{"start":"2026-12-25","n":5}',
    ].join('\n');
    const r = cli(['deadline', '--stdin'], input);
    expect(r.code).toBe(1);
    const out = lines(r.stdout) as Array<Record<string, unknown>>;
    expect(out).toHaveLength(5);
    expect(out[0]).toMatchObject({ due: '2025-10-09' });
    expect(out[1]).toMatchObject({ error: { code: 'INVALID_JSON' } });
    expect(out[2]).toMatchObject({ error: { name: 'InvalidDateError', code: 'INVALID_DATE', field: 'start' } });
    expect(out[3]).toMatchObject({ unit: 'days', due: '2025-10-09' });
    expect(out[4]).toMatchObject({ due: '2027-01-04', provisional: true });
    expect(out[4]!.provisionalReason).toMatch(/statutory days off counted/);
  });

  it('month prints each day\'s status', () => {
    const r = cli(['month', '2025-10']);
    expect(r.code).toBe(0);
    const out = lines(r.stdout)[0] as { month: string; days: Array<{ date: string; kind: string }> };
    expect(out.month).toBe('2025-10');
    expect(out.days).toHaveLength(31);
    expect(out.days.filter((d) => d.kind === 'holiday')).toHaveLength(8);
    expect(out.days[10]).toMatchObject({ date: '2025-10-11', kind: 'make-up', working: true });
  });

  it('exits 1 with a JSON error for bad input', () => {
    const r = cli(['deadline', '2014-01-01', '3']);
    expect(r.code).toBe(1);
    expect(lines(r.stdout)[0]).toMatchObject({ error: { name: 'OutOfRangeError', code: 'OUT_OF_RANGE', field: 'start' } });
  });

  it.each([[[]], [['frobnicate']], [['deadline', '2025-09-28']], [['deadline', '2025-09-28', 'three']], [['deadline', '2025-09-28', '3', '--unit', 'weeks']], [['month']]])(
    'exits 2 with usage for %j',
    (args) => {
      const r = cli(args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/Usage:/);
      expect(r.stdout).toBe('');
    },
  );
});
