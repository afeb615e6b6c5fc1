import { describe, expect, it } from 'vitest';
import {
  InvalidScheduleError,
  createCalendar,
  nationalCalendar,
  schedule2025ForTest,
  validateRegionOverlay,
  validateYearSchedule,
  type YearSchedule,
} from './fixtures.js';

/** A made-up 2027 schedule for tests only: NOT the official 2027 arrangement (none was published when written). */
const fixture2027: YearSchedule = {
  year: 2027,
  notice: { title: 'TEST FIXTURE 2027', documentNumber: 'TEST〔2026〕0号', issuer: 'test', publishedOn: '2026-11-01' },
  festivals: [
    { festival: 'newYear', offDays: ['2027-01-01'], makeUpDays: [] },
    { festival: 'springFestival', offDays: ['2027-02-08', '2027-02-09', '2027-02-10'], makeUpDays: ['2027-02-06'] },
  ],
};

const clone = <T,>(x: T): T => JSON.parse(JSON.stringify(x)) as T;
const codes = (x: unknown) => validateYearSchedule(x).map((i) => [i.field, i.code]);

describe('validateYearSchedule', () => {
  it('accepts a well-formed schedule', () => {
    expect(validateYearSchedule(fixture2027)).toEqual([]);
  });

  it('requires a title, an issuer and a document number', () => {
    const s = clone(fixture2027) as unknown as { notice: Record<string, unknown> };
    s.notice.title = ' ';
    delete s.notice.documentNumber;
    delete s.notice.issuer;
    expect(codes(s)).toEqual([
      ['notice.title', 'required'],
      ['notice.issuer', 'required'],
      ['notice.documentNumber', 'required'],
    ]);
    expect(codes({ ...fixture2027, notice: undefined })).toEqual([['notice', 'required']]);
  });

  it('rejects dates outside the year and malformed dates', () => {
    const s = clone(fixture2027);
    s.festivals[0]!.offDays = ['2026-12-31', '2027-02-30', '27-01-01'];
    expect(codes(s)).toEqual([
      ['festivals[0].offDays[0]', 'outside-year'],
      ['festivals[0].offDays[1]', 'invalid-date'],
      ['festivals[0].offDays[2]', 'invalid-date'],
    ]);
  });

  it('rejects a duplicated off day, even across festivals', () => {
    const s = clone(fixture2027);
    s.festivals[1]!.offDays.push('2027-01-01', '2027-02-09');
    expect(codes(s)).toEqual([
      ['festivals[1].offDays[3]', 'duplicate'],
      ['festivals[1].offDays[4]', 'duplicate'],
    ]);
  });

  it('rejects a date that is both off and a make-up day', () => {
    const s = clone(fixture2027);
    s.festivals[1]!.offDays.push('2027-02-06');
    expect(codes(s)).toContainEqual(['festivals[1].offDays[3]', 'off-and-make-up']);
  });

  it('rejects a make-up day on a weekday', () => {
    const s = clone(fixture2027);
    s.festivals[1]!.makeUpDays = ['2027-02-05'];
    const issues = validateYearSchedule(s);
    expect(issues).toEqual([
      {
        field: 'festivals[1].makeUpDays[0]',
        code: 'make-up-not-weekend',
        message: 'a make-up working day must be a Saturday or Sunday',
        value: '2027-02-05',
      },
    ]);
  });

  it('rejects an unknown festival and a year outside the supported range', () => {
    expect(codes({ ...fixture2027, festivals: [{ festival: 'halloween', offDays: [], makeUpDays: [] }] })).toEqual([
      ['festivals[0].festival', 'unknown-festival'],
    ]);
    expect(codes({ ...fixture2027, year: 2050 })).toEqual([['year', 'invalid-year']]);
    expect(codes({ ...fixture2027, year: '2027' })).toEqual([['year', 'invalid-year']]);
    expect(codes(null)).toEqual([['', 'required']]);
  });

  it('checks amendments: a cancelled make-up day must exist', () => {
    const s = clone(schedule2025ForTest());
    s.amendments = [
      {
        notice: { title: 'x', documentNumber: 'y', issuer: 'z' },
        festival: 'springFestival',
        addOffDays: ['2025-02-05'],
        removeMakeUpDays: ['2025-03-01'],
        summary: 'test',
      },
    ];
    expect(codes(s)).toEqual([['amendments[0].removeMakeUpDays[0]', 'not-found']]);
  });

  it('checks region overlays by the same rules', () => {
    expect(validateRegionOverlay({ id: 'x', name: 'X', years: [{ year: 2025, notice: { title: 't', documentNumber: '', issuer: 'i' }, festivals: [{ festival: 'corban', offDays: ['2024-06-06'], makeUpDays: [] }] }] }).map((i) => [i.field, i.code])).toEqual([
      ['years[0].festivals[0].offDays[0]', 'outside-year'],
    ]);
  });
});

describe('publishing a year at runtime', () => {
  it('createCalendar rejects an invalid year with InvalidScheduleError listing the issues', () => {
    const bad = clone(fixture2027);
    bad.festivals[1]!.makeUpDays = ['2027-02-05'];
    expect(() => createCalendar({ extraYears: [bad] })).toThrow(InvalidScheduleError);
    try {
      createCalendar({ extraYears: [bad] });
    } catch (e) {
      expect((e as InvalidScheduleError).issues.map((i) => i.field)).toEqual(['festivals[1].makeUpDays[0]']);
    }
  });

  it('a published 2027 makes periods into 2027 definitive', () => {
    // Before: 元旦 is already a statutory day off; the date is provisional only. The fixture's make-up Sat 2027-02-06 changes it.
    const before = nationalCalendar.deadline({ start: '2027-02-04', n: 1 });
    expect(before).toMatchObject({ due: '2027-02-09', provisional: true });
    const cal = createCalendar({ extraYears: [fixture2027] });
    expect(cal.deadline({ start: '2027-02-04', n: 1 })).toMatchObject({ due: '2027-02-05', provisional: false });
    const after = cal.deadline({ start: '2026-12-31', n: 1 });
    expect(after).toMatchObject({ due: '2027-01-04', provisional: false });
    expect(after.skipped[0]).toEqual({ date: '2027-01-01', reason: 'holiday', name: "元旦 New Year's Day" });
    expect(after.sources).toEqual(['TEST FIXTURE 2027（TEST〔2026〕0号，2026-11-01）']);
    expect(cal.years().map((y) => y.year)).toEqual([2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026, 2027]);
    expect(cal.dayStatus('2027-02-06')).toMatchObject({ kind: 'make-up', working: true, provisional: false });
    expect(cal.deadline({ start: '2027-12-30', n: 2 }).provisionalReason).toMatch(/2028/);
  });

  it('an extra year replaces the built-in year of the same number', () => {
    const s = clone(schedule2025ForTest());
    s.notice.title = 'REPLACED 2025';
    s.festivals = s.festivals.filter((f) => f.festival !== 'nationalDayMidAutumn');
    const cal = createCalendar({ extraYears: [s] });
    expect(cal.deadline({ start: '2025-09-30', n: 1 }).due).toBe('2025-10-01');
    expect(cal.dayStatus('2025-09-28')).toMatchObject({ kind: 'weekend', working: false });
    expect(cal.years().find((y) => y.year === 2025)?.notice.title).toBe('REPLACED 2025');
    expect(nationalCalendar.deadline({ start: '2025-09-30', n: 1 }).due).toBe('2025-10-09');
  });

  it('accepts an extra region overlay as a new jurisdiction', () => {
    const cal = createCalendar({
      extraOverlays: [
        {
          id: 'testland',
          name: 'Testland',
          years: [2020, 2021, 2022, 2023, 2024, 2025, 2026].map((year) => ({
            year,
            notice: { title: `test ${year}`, documentNumber: '', issuer: 'test' },
            festivals: year === 2025 ? [{ festival: 'corban' as const, offDays: ['2025-10-09'], makeUpDays: [] }] : [],
          })),
        },
      ],
    });
    expect(cal.jurisdictions()).toContain('testland');
    expect(cal.deadline({ start: '2025-09-30', n: 1, jurisdiction: 'testland' })).toMatchObject({ due: '2025-10-10', provisional: false });
  });
});
