import { runApiBench } from './api.js';
import { runAuditBench } from './audit.js';
import { runCalendarBench } from './calendar.js';
import { runMetricsBench } from './metrics.js';
import { runSearchBench } from './search.js';
import { runTaskQueueBench } from './task-queue.js';
import { runTimersBench } from './timers.js';

/** A benchmark: runs, prints its own lines, and returns a JSON-serialisable result. */
export type Bench = () => unknown | Promise<unknown>;

/** Registered benchmarks by name; `npm run bench` runs them all, `npm run bench -- <name>…` some. */
export const BENCHES: Record<string, Bench> = {
  calendar: () => runCalendarBench(),
  api: () => runApiBench(),
  'task-queue': () => runTaskQueueBench(),
  search: () => runSearchBench(),
  timers: () => runTimersBench(),
  metrics: () => runMetricsBench(),
  audit: () => runAuditBench(),
};

async function main(argv: string[]): Promise<number> {
  const names = argv.length > 0 ? argv : Object.keys(BENCHES);
  const unknown = names.filter((n) => !(n in BENCHES));
  if (unknown.length > 0) {
    process.stderr.write(`unknown bench: ${unknown.join(', ')}; available: ${Object.keys(BENCHES).join(', ')}\n`);
    return 2;
  }
  let failed = false;
  for (const name of names) {
    const result = await BENCHES[name]!();
    if (typeof result === 'object' && result !== null && 'mismatches' in result && result.mismatches !== 0) failed = true;
  }
  return failed ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
