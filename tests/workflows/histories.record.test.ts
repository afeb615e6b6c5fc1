import { mkdirSync, writeFileSync } from 'node:fs';
import { temporal } from '@temporalio/proto';
import { describe, expect, it } from 'vitest';
import { scenarios, runScenario } from '../support/history-scenarios';
import { createTestWorker, steadyClient } from '../support/time-skipping';
import { useTimeSkipping } from '../support/workflow-env';

const historiesDir = new URL('../histories/', import.meta.url);
const recording = process.env.RECORD_HISTORIES === '1';

const env = useTimeSkipping('never');

/**
 * Runs one case of every process to its end. With RECORD_HISTORIES=1 their histories are written to tests/histories/,
 * which `replay.test.ts` replays against the current code: commit them after a deliberate, compatible change.
 */
describe('every process runs to its end', () => {
  for (const scenario of scenarios) {
    it(scenario.name, async () => {
      const { worker, taskQueue, db } = await createTestWorker(env());
      const client = steadyClient(env());
      await worker.runUntil(async () => {
        const handle = await runScenario(env(), client, db.db, taskQueue, scenario);
        const result = await handle.result();
        expect(result.status).not.toBe('closed');
        if (recording) {
          mkdirSync(historiesDir, { recursive: true });
          const history = temporal.api.history.v1.History.toObject(temporal.api.history.v1.History.fromObject(await handle.fetchHistory()), { longs: String, enums: String, bytes: String });
          writeFileSync(new URL(`${scenario.name}.json`, historiesDir), JSON.stringify(history, null, 1));
        }
      });
      await db.close();
    });
  }
});
