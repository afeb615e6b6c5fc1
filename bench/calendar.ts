import { addDays, format, isWeekend, parseISO } from 'date-fns';
import { MAX_DATE, MIN_DATE, nationalCalendar, statutoryDaysOff, type YearSchedule } from '../calendar/index.js';

/** Result of {@link runCalendarBench}. */
export interface CalendarBenchResult {
  bench: 'calendar';
  queries: number;
  seed: number;
  fast: { ms: number; opsPerSec: number };
  naive: { sample: number; ms: number; opsPerSec: number; extrapolatedMsForAll: number };
  ratio: number;
  deadline: { sample: number; opsPerSec: number };
  verified: number;
  mismatches: number;
}

/** Options of {@link runCalendarBench}. */
export interface CalendarBenchOptions {
  /** @default 1_000_000 */
  queries?: number;
  /** Queries run through the naive loop; its time is extrapolated to `queries`. @default 20_000 */
  naiveSample?: number;
  /** @default 20251001 */
  seed?: number;
  /** @default console.log */
  log?: (line: string) => void;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function offAndMakeUpSets(years: readonly YearSchedule[]): { off: Set<string>; makeUp: Set<string> } {
  const off = new Set<string>();
  const makeUp = new Set<string>();
  for (const y of years) {
    for (const f of y.festivals) {
      f.offDays.forEach((d) => off.add(d));
      f.makeUpDays.forEach((d) => makeUp.add(d));
    }
    for (const a of y.amendments ?? []) {
      a.removeMakeUpDays.forEach((d) => makeUp.delete(d));
      a.addOffDays.forEach((d) => off.add(d));
      (a.addMakeUpDays ?? []).forEach((d) => makeUp.add(d));
    }
  }
  // A year without a notice: the statutory days off of the holiday measures (the calendar's floor).
  const published = new Set(years.map((y) => y.year));
  for (let y = Number(MIN_DATE.slice(0, 4)); y <= Number(MAX_DATE.slice(0, 4)); y++) {
    if (!published.has(y)) for (const d of statutoryDaysOff(y) ?? []) off.add(d.date);
  }
  return { off, makeUp };
}

/** The reference implementation: walk one day at a time with date-fns and look each day up in the holiday sets. */
function naiveAddWorkingDays(start: string, n: number, off: Set<string>, makeUp: Set<string>): string {
  let d = parseISO(start);
  let left = n;
  while (left > 0) {
    d = addDays(d, 1);
    const key = format(d, 'yyyy-MM-dd');
    if (makeUp.has(key) || (!isWeekend(d) && !off.has(key))) left--;
  }
  return format(d, 'yyyy-MM-dd');
}

/**
 * Times `addWorkingDays` (precomputed index) against a naive day-by-day date-fns loop over the same pre-generated
 * queries (start date uniform in 2020–2026, n uniform in 1..60, fixed seed). The naive loop runs on a sample and is
 * extrapolated; every sampled answer is compared with the fast one.
 */
export function runCalendarBench(opts: CalendarBenchOptions = {}): CalendarBenchResult {
  const queries = opts.queries ?? 1_000_000;
  const naiveSample = Math.min(opts.naiveSample ?? 20_000, queries);
  const seed = opts.seed ?? 20251001;
  const log = opts.log ?? ((line: string) => console.log(line));

  const rand = mulberry32(seed);
  const first = Date.UTC(2020, 0, 1);
  const days = (Date.UTC(2026, 11, 31) - first) / 86_400_000 + 1;
  const starts: string[] = new Array<string>(queries);
  const ns = new Int32Array(queries);
  for (let i = 0; i < queries; i++) {
    starts[i] = new Date(first + Math.floor(rand() * days) * 86_400_000).toISOString().slice(0, 10);
    ns[i] = 1 + Math.floor(rand() * 60);
  }
  const cal = nationalCalendar;
  const { off, makeUp } = offAndMakeUpSets(cal.years());

  for (let i = 0; i < Math.min(queries, 50_000); i++) cal.addWorkingDays(starts[i]!, ns[i]!);
  const fastOut: string[] = new Array<string>(queries);
  const t0 = performance.now();
  for (let i = 0; i < queries; i++) fastOut[i] = cal.addWorkingDays(starts[i]!, ns[i]!);
  const fastMs = performance.now() - t0;

  for (let i = 0; i < Math.min(naiveSample, 1_000); i++) naiveAddWorkingDays(starts[i]!, ns[i]!, off, makeUp);
  const naiveOut: string[] = new Array<string>(naiveSample);
  const t1 = performance.now();
  for (let i = 0; i < naiveSample; i++) naiveOut[i] = naiveAddWorkingDays(starts[i]!, ns[i]!, off, makeUp);
  const naiveMs = performance.now() - t1;

  let mismatches = 0;
  for (let i = 0; i < naiveSample; i++) if (naiveOut[i] !== fastOut[i]) mismatches++;

  const deadlineSample = Math.min(queries, 100_000);
  const t2 = performance.now();
  for (let i = 0; i < deadlineSample; i++) cal.deadline({ start: starts[i]!, n: ns[i]! });
  const deadlineMs = performance.now() - t2;

  const fastOps = queries / (fastMs / 1000);
  const naiveOps = naiveSample / (naiveMs / 1000);
  const result: CalendarBenchResult = {
    bench: 'calendar',
    queries,
    seed,
    fast: { ms: round(fastMs), opsPerSec: Math.round(fastOps) },
    naive: {
      sample: naiveSample,
      ms: round(naiveMs),
      opsPerSec: Math.round(naiveOps),
      extrapolatedMsForAll: round((naiveMs / naiveSample) * queries),
    },
    ratio: round(fastOps / naiveOps),
    deadline: { sample: deadlineSample, opsPerSec: Math.round(deadlineSample / (deadlineMs / 1000)) },
    verified: naiveSample,
    mismatches,
  };
  log(`calendar: ${queries.toLocaleString('en')} queries (seed ${seed}), start 2020–2026, n 1..60`);
  log(`  addWorkingDays (index)   ${fmt(fastOps)} ops/s  (${round(fastMs)} ms for all)`);
  log(
    `  naive date-fns loop      ${fmt(naiveOps)} ops/s  (sample of ${naiveSample.toLocaleString('en')}, ` +
      `extrapolated ${round(result.naive.extrapolatedMsForAll)} ms for all)`,
  );
  log(`  ratio                    ${result.ratio}x`);
  log(`  deadline() with explain  ${fmt(result.deadline.opsPerSec)} ops/s  (sample of ${deadlineSample.toLocaleString('en')})`);
  log(`  verified ${naiveSample.toLocaleString('en')} answers against the naive loop: ${mismatches} mismatches`);
  log(JSON.stringify(result));
  return result;
}

function round(x: number): number {
  return Math.round(x * 100) / 100;
}

function fmt(x: number): string {
  return Math.round(x).toLocaleString('en').padStart(12);
}
