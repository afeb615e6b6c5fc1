import { TZDate } from '@date-fns/tz';
import { addDays as fnsAddDays, format, isWeekend, parseISO } from 'date-fns';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nationalCalendar as cal, statutoryDaysOff } from '../../calendar/index.js';

const DAY = 86_400_000;
const dateIn = (from: string, to: string): fc.Arbitrary<string> =>
  fc
    .integer({ min: Date.parse(`${from}T00:00:00Z`) / DAY, max: Date.parse(`${to}T00:00:00Z`) / DAY })
    .map((d) => new Date(d * DAY).toISOString().slice(0, 10));

const known = dateIn('2016-01-01', '2026-12-31');
// Ends early enough that start + 120 working days stays inside the supported range (…2035-12-31).
const anyDate = dateIn('2015-01-01', '2035-06-30');
const KNOWN_YEARS = new Set([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
const plus = (d: string, n: number): string => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

const { off, makeUp } = (() => {
  const o = new Set<string>();
  const m = new Set<string>();
  for (const y of cal.years()) {
    for (const f of y.festivals) {
      f.offDays.forEach((d) => o.add(d));
      f.makeUpDays.forEach((d) => m.add(d));
    }
    for (const a of y.amendments ?? []) {
      a.removeMakeUpDays.forEach((d) => m.delete(d));
      a.addOffDays.forEach((d) => o.add(d));
      (a.addMakeUpDays ?? []).forEach((d) => m.add(d));
    }
  }
  // Years without a notice: the statutory days off of the holiday measures (the floor), no make-up days.
  for (let y = 2015; y <= 2035; y++) if (!KNOWN_YEARS.has(y)) for (const d of statutoryDaysOff(y) ?? []) o.add(d.date);
  return { off: o, makeUp: m };
})();

function naive(start: string, n: number): string {
  let d = parseISO(start);
  for (let left = n; left > 0; ) {
    d = fnsAddDays(d, 1);
    const k = format(d, 'yyyy-MM-dd');
    if (makeUp.has(k) || (!isWeekend(d) && !off.has(k))) left--;
  }
  return format(d, 'yyyy-MM-dd');
}

describe('working-day arithmetic properties', () => {
  it('adding a then b from a working day equals adding a + b', () => {
    fc.assert(
      fc.property(known, fc.nat(80), fc.nat(80), (s0, a, b) => {
        const s = cal.isWorkingDay(s0) ? s0 : cal.nextWorkingDay(s0);
        expect(cal.addWorkingDays(cal.addWorkingDays(s, a), b)).toBe(cal.addWorkingDays(s, a + b));
      }),
      { numRuns: 2000 },
    );
  });

  it('adding a then b equals adding a + b from any start when a ≥ 1', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 1, max: 60 }), fc.nat(60), (s, a, b) => {
        expect(cal.addWorkingDays(cal.addWorkingDays(s, a), b)).toBe(cal.addWorkingDays(s, a + b));
      }),
      { numRuns: 2000 },
    );
  });

  it('workingDaysBetween(start, addWorkingDays(start, n)) = n, and the reverse is -n', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(120), (s, n) => {
        const due = cal.addWorkingDays(s, n);
        expect(cal.workingDaysBetween(s, due)).toBe(n);
        expect(cal.workingDaysBetween(due, s)).toBe(n === 0 ? 0 : -n);
      }),
      { numRuns: 2000 },
    );
  });

  it('a due date is always a working day, in either unit', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(100), fc.constantFrom('working-days' as const, 'days' as const), (start, n, unit) => {
        expect(cal.isWorkingDay(cal.deadline({ start, n, unit }).due)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('natural-day results land on the first working day on or after start + n', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(100), (start, n) => {
        const due = cal.addDays(start, n);
        const target = plus(start, n);
        expect(cal.isWorkingDay(due)).toBe(true);
        expect(due >= target).toBe(true);
        for (let d = target; d < due; d = plus(d, 1)) expect(cal.isWorkingDay(d)).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a deadline is provisional iff the period reaches a year without a notice', () => {
    fc.assert(
      fc.property(anyDate, fc.nat(100), fc.constantFrom('working-days' as const, 'days' as const), (start, n, unit) => {
        const d = cal.deadline({ start, n, unit });
        const firstYear = Number(plus(start, 1).slice(0, 4));
        const lastYear = Number(d.due.slice(0, 4));
        let reachesUnknown = false;
        for (let y = Math.min(firstYear, lastYear); y <= lastYear; y++) if (!KNOWN_YEARS.has(y)) reachesUnknown = true;
        expect(d.provisional).toBe(reachesUnknown);
        expect(d.provisionalReason !== undefined).toBe(reachesUnknown);
      }),
      { numRuns: 2000 },
    );
  });

  it('counted and skipped days partition (startDate, due] for working-day periods', () => {
    fc.assert(
      fc.property(known, fc.nat(60), (start, n) => {
        const d = cal.deadline({ start, n: n + 1 });
        expect(d.counted).toHaveLength(n + 1);
        const all = [...d.counted.map((c) => c.date), ...d.skipped.map((s) => s.date)].sort();
        const expected: string[] = [];
        for (let x = plus(start, 1); x <= d.due; x = plus(x, 1)) expected.push(x);
        expect(all).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the precomputed index agrees with a naive day-by-day date-fns loop', () => {
    fc.assert(
      fc.property(known, fc.nat(60), (s, n) => {
        expect(cal.addWorkingDays(s, n)).toBe(naive(s, n));
      }),
      { numRuns: 3000 },
    );
  });

  it('instants map to the same Asia/Shanghai date as @date-fns/tz', () => {
    const ms = fc.integer({ min: Date.parse('2015-01-01T00:00:00+08:00'), max: Date.parse('2035-12-31T23:59:59+08:00') });
    fc.assert(
      fc.property(ms, (t) => {
        const iso = new Date(t).toISOString();
        const d = cal.deadline({ start: iso, n: 0 });
        expect(d.startDate).toBe(format(new TZDate(t, 'Asia/Shanghai'), 'yyyy-MM-dd'));
        expect(Date.parse(d.start)).toBe(t);
      }),
      { numRuns: 2000 },
    );
  });

  it('extending by b from the due date equals a fresh deadline of a + b working days', () => {
    fc.assert(
      fc.property(known, fc.integer({ min: 1, max: 60 }), fc.nat(30), (start, a, b) => {
        const d = cal.deadline({ start, n: a });
        const e = cal.extend(d, b);
        const fresh = cal.deadline({ start, n: a + b });
        expect(e.due).toBe(fresh.due);
        expect(e.counted).toEqual(fresh.counted);
        expect(e.skipped).toEqual(fresh.skipped);
        expect(e.n).toBe(a + b);
        expect(e.start).toBe(d.start);
      }),
      { numRuns: 500 },
    );
  });
});
