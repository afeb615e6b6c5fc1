import { describe, expect, it } from 'vitest';
import {
  InvalidDateError,
  InvalidPeriodError,
  OutOfRangeError,
  UnknownJurisdictionError,
  nationalCalendar as cal,
} from '../../calendar/index.js';

describe('workingDaysBetween counts working days whose 24:00 lies in (a, b]', () => {
  it.each([
    ['2025-09-28', '2025-10-09', 3],
    ['2025-10-09', '2025-09-28', -3],
    ['2025-10-09', '2025-10-09', 0],
    ['2025-10-10T00:00:00+08:00', '2025-10-10T15:00:00+08:00', 0], // Oct 10 not over yet
    ['2025-10-10T00:00:00+08:00', '2025-10-11T00:00:00+08:00', 1], // Oct 10 over at 24:00
    ['2025-10-10T00:00:00+08:00', '2025-10-13T00:00:00+08:00', 2], // + Sat Oct 11 make-up day
    ['2025-10-10T00:00:00+08:00', '2025-10-12T16:00:00Z', 2], // same instant in UTC
    ['2025-10-13T00:00:00+08:00', '2025-10-10T00:00:00+08:00', -2],
  ])('(%s, %s] → %i', (a, b, n) => {
    expect(cal.workingDaysBetween(a, b)).toBe(n);
  });

  it('measures lateness from a deadline\'s endsAt', () => {
    const d = cal.deadline({ start: '2025-09-28', n: 3 });
    expect(cal.workingDaysBetween(d.endsAt, '2025-10-09T18:00:00+08:00')).toBe(-1); // Oct 9 not yet over
    expect(cal.workingDaysBetween(d.endsAt, d.endsAt)).toBe(0);
    expect(cal.workingDaysBetween(d.endsAt, '2025-10-10T18:00:00+08:00')).toBe(0);
    expect(cal.workingDaysBetween(d.endsAt, '2025-10-14T09:00:00+08:00')).toBe(3);
  });
});

describe('helpers', () => {
  it('nextWorkingDay is the first working day strictly after the date', () => {
    expect(cal.nextWorkingDay('2025-09-26')).toBe('2025-09-28');
    expect(cal.nextWorkingDay('2025-09-30')).toBe('2025-10-09');
    expect(cal.nextWorkingDay('2025-10-09')).toBe('2025-10-10');
  });

  it('addWorkingDays(d, 0) returns d; a 0-day deadline rolls to a working day (art. 203)', () => {
    expect(cal.addWorkingDays('2025-10-04', 0)).toBe('2025-10-04');
    expect(cal.deadline({ start: '2025-10-04', n: 0 }).due).toBe('2025-10-09');
    expect(cal.deadline({ start: '2025-10-09', n: 0 }).due).toBe('2025-10-09');
  });

  it('month lists every day with its status', () => {
    const feb = cal.month('2026-02');
    expect(feb).toHaveLength(28);
    expect(feb[13]).toEqual({ date: '2026-02-14', working: true, kind: 'make-up', name: '春节 Spring Festival', provisional: false });
    expect(feb.filter((d) => d.kind === 'holiday')).toHaveLength(9);
  });
});

describe('extend adds to the current due date, not to the start', () => {
  it('extends a working-day deadline by 2 over a make-up day', () => {
    const d = cal.deadline({ start: '2025-09-28', n: 3 });
    const e = cal.extend(d, 2);
    expect(e).toMatchObject({ start: d.start, startDate: '2025-09-28', n: 5, due: '2025-10-11', endsAt: '2025-10-12T00:00:00+08:00', extensions: [2] });
    expect(e.counted.at(-1)).toEqual({ date: '2025-10-11', makeUp: true, name: '国庆节、中秋节 National Day and Mid-Autumn Festival' });
    expect(e.rule).toMatch(/延长2/);
    expect(cal.extend(e, 1)).toMatchObject({ n: 6, due: '2025-10-13', extensions: [2, 1] });
  });

  it('extends a natural-day deadline from its (rolled-over) due date', () => {
    const d = cal.deadline({ start: '2025-09-16', n: 15, unit: 'days' });
    expect(d.due).toBe('2025-10-09');
    const e = cal.extend(d, 10);
    expect(e.due).toBe('2025-10-20');
    expect(e.n).toBe(25);
  });

  it('turns provisional when the extension reaches an unknown year', () => {
    const d = cal.deadline({ start: '2026-12-01', n: 10 });
    expect(d.provisional).toBe(false);
    const e = cal.extend(d, 20);
    expect(e.provisional).toBe(true);
    expect(e.provisionalReason).toMatch(/2027/);
  });

  it('survives a JSON round trip (as in workflow history)', () => {
    const d = JSON.parse(JSON.stringify(cal.deadline({ start: '2025-09-28T10:00:00+08:00', n: 3 })));
    expect(cal.extend(d, 2).due).toBe('2025-10-11');
  });
});

describe('bad input throws named errors', () => {
  it.each(['2025-13-01', '2025-02-29', 'yesterday', '2025-9-28', '2025-09-28T10:00:00', '2025-09-28T25:00:00Z', ''])(
    'start %j → InvalidDateError',
    (start) => {
      expect(() => cal.deadline({ start, n: 1 })).toThrow(InvalidDateError);
    },
  );

  it.each(['2014-12-31', '2036-01-01', '1999-01-01T00:00:00Z'])('start %s → OutOfRangeError', (start) => {
    const e = (() => {
      try {
        cal.deadline({ start, n: 1 });
      } catch (err) {
        return err;
      }
    })();
    expect(e).toBeInstanceOf(OutOfRangeError);
    expect(e).toMatchObject({ field: 'start', value: start, min: '2015-01-01', max: '2035-12-31' });
  });

  it.each([-1, 1.5, Number.NaN, Infinity])('n = %s → InvalidPeriodError', (n) => {
    expect(() => cal.deadline({ start: '2025-09-28', n })).toThrow(InvalidPeriodError);
    expect(() => cal.addWorkingDays('2025-09-28', n)).toThrow(InvalidPeriodError);
  });

  it('rejects an unknown unit and an unknown jurisdiction', () => {
    expect(() => cal.deadline({ start: '2025-09-28', n: 1, unit: 'weeks' as never })).toThrow(InvalidPeriodError);
    expect(() => cal.deadline({ start: '2025-09-28', n: 1, jurisdiction: 'mars' })).toThrow(UnknownJurisdictionError);
    expect(() => cal.isWorkingDay('2025-09-28', 'mars')).toThrow(UnknownJurisdictionError);
  });

  it('a period running past the end of the supported range → OutOfRangeError on n', () => {
    expect(() => cal.addWorkingDays('2035-12-20', 10)).toThrow(OutOfRangeError);
    expect(() => cal.addDays('2035-12-31', 1)).toThrow(OutOfRangeError);
    expect(() => cal.deadline({ start: '2035-12-31', n: 1 })).toThrow(expect.objectContaining({ name: 'OutOfRangeError', field: 'n' }));
    expect(cal.addWorkingDays('2035-12-20', 5)).toBe('2035-12-27');
  });

  it('malformed months and dates in helpers', () => {
    expect(() => cal.month('2025-13')).toThrow(InvalidDateError);
    expect(() => cal.month('2036-01')).toThrow(OutOfRangeError);
    expect(() => cal.dayStatus('2025-02-30')).toThrow(InvalidDateError);
    expect(() => cal.workingDaysBetween('2025-09-28', 'soon')).toThrow(InvalidDateError);
  });

  it('errors carry a stable code and their name', () => {
    try {
      cal.deadline({ start: 'x', n: 1 });
    } catch (e) {
      expect(e).toMatchObject({ name: 'InvalidDateError', code: 'INVALID_DATE', field: 'start', value: 'x' });
    }
  });
});
