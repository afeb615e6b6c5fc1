import { schedule2025 } from '../../calendar/data/2025.js';
import type { YearSchedule } from '../../calendar/index.js';

export * from '../../calendar/index.js';

/** A deep copy of the built-in 2025 schedule, safe to mutate in a test. */
export function schedule2025ForTest(): YearSchedule {
  return JSON.parse(JSON.stringify(schedule2025)) as YearSchedule;
}
