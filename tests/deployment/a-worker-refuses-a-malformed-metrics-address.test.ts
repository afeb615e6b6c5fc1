import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/** `npm run worker` with this TEMPORAL_METRICS_BIND; the check comes before any connection, so the servers are not needed. */
function startWorker(bind: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'worker.ts'], {
    env: { ...process.env, DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none', TEMPORAL_ADDRESS: '127.0.0.1:1', TEMPORAL_METRICS_BIND: bind },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('TEMPORAL_METRICS_BIND', () => {
  it('refuses what is not host:port or off, naming the variable, before the worker starts', () => {
    for (const bad of ['9464', 'http://127.0.0.1:9464', '127.0.0.1:9464/metrics']) {
      const { status, output } = startWorker(bad);
      expect(status, bad).toBe(1);
      expect(output, bad).toContain('TEMPORAL_METRICS_BIND must be host:port or off');
    }
  }, 120_000);
});
