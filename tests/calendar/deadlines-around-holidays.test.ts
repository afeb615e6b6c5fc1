import { describe, expect, it } from 'vitest';
import { nationalCalendar as cal } from '../../calendar/index.js';

describe('working-day deadlines around Spring Festival, Labour Day and National Day 2020–2026', () => {
  // [start (first day off), first working day after the holiday]: one working day from a start inside the holiday.
  it.each([
    ['2020-01-24', '2020-02-03'],
    ['2020-05-01', '2020-05-06'],
    ['2020-10-01', '2020-10-09'],
    ['2021-02-11', '2021-02-18'],
    ['2021-05-01', '2021-05-06'],
    ['2021-10-01', '2021-10-08'],
    ['2022-01-31', '2022-02-07'],
    ['2022-04-30', '2022-05-05'],
    ['2022-10-01', '2022-10-08'],
    ['2023-01-21', '2023-01-28'],
    ['2023-04-29', '2023-05-04'],
    ['2023-09-29', '2023-10-07'],
    ['2024-02-10', '2024-02-18'],
    ['2024-05-01', '2024-05-06'],
    ['2024-10-01', '2024-10-08'],
    ['2025-01-28', '2025-02-05'],
    ['2025-05-01', '2025-05-06'],
    ['2025-10-01', '2025-10-09'],
    ['2026-02-15', '2026-02-24'],
    ['2026-05-01', '2026-05-06'],
    ['2026-10-01', '2026-10-08'],
  ])('an event on %s (inside the holiday) is due one working day later on %s', (start, due) => {
    const d = cal.deadline({ start, n: 1 });
    expect(d.due).toBe(due);
    expect(d.provisional).toBe(false);
    expect(d.counted.map((c) => c.date)).toEqual([due]);
  });

  it.each([
    ['2025-01-24', 1, '2025-01-26'], // Fri → Sun make-up day before Spring Festival
    ['2025-09-26', 1, '2025-09-28'], // Fri → Sun make-up day before National Day
    ['2025-09-28', 1, '2025-09-29'],
    ['2025-09-28', 2, '2025-09-30'],
    ['2025-09-28', 3, '2025-10-09'], // over the 8-day National Day holiday
    ['2025-09-28', 4, '2025-10-10'],
    ['2025-09-28', 5, '2025-10-11'], // Sat make-up day after the holiday
    ['2025-09-28', 6, '2025-10-13'],
    ['2025-09-30', 1, '2025-10-09'],
    ['2025-10-03', 3, '2025-10-11'],
    ['2026-02-13', 1, '2026-02-14'], // Sat make-up day before the 9-day 2026 Spring Festival
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-14', 5, '2026-02-28'], // Sat make-up day after it
    ['2024-02-09', 1, '2024-02-18'], // New Year's Eve 2024 → Sun make-up day
    ['2020-01-23', 1, '2020-02-03'], // extended 2020 Spring Festival
    ['2020-01-23', 10, '2020-02-14'],
    ['2022-09-30', 1, '2022-10-08'],
    ['2023-01-20', 2, '2023-01-29'],
  ])('%s + %i working days → %s', (start, n, due) => {
    expect(cal.deadline({ start, n }).due).toBe(due);
    expect(cal.addWorkingDays(start, n)).toBe(due);
  });

  it('explains 2025-09-28 + 3: counted days, skipped holidays with names, rule and source', () => {
    const d = cal.deadline({ start: '2025-09-28', n: 3 });
    expect(d).toMatchObject({
      start: '2025-09-28T00:00:00+08:00',
      startDate: '2025-09-28',
      n: 3,
      unit: 'working-days',
      jurisdiction: 'national',
      due: '2025-10-09',
      endsAt: '2025-10-10T00:00:00+08:00',
      provisional: false,
    });
    expect(d.provisionalReason).toBeUndefined();
    expect(d.counted).toEqual([{ date: '2025-09-29' }, { date: '2025-09-30' }, { date: '2025-10-09' }]);
    expect(d.skipped.map((s) => s.date)).toEqual([
      '2025-10-01', '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    ]);
    expect(d.skipped.every((s) => s.reason === 'holiday' && s.name === '国庆节、中秋节 National Day and Mid-Autumn Festival')).toBe(true);
    expect(d.rule).toMatch(/第二百零一条/);
    expect(d.rule).toMatch(/art\. 201/);
    expect(d.rule).toMatch(/art\. 203/);
    expect(d.sources).toEqual(['国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024-11-12）']);
  });

  it('flags make-up days among the counted days', () => {
    const d = cal.deadline({ start: '2025-10-09', n: 2 });
    expect(d.counted).toEqual([{ date: '2025-10-10' }, { date: '2025-10-11', makeUp: true, name: '国庆节、中秋节 National Day and Mid-Autumn Festival' }]);
    expect(d.skipped).toEqual([]);
  });

  it('lists weekends as skipped with reason weekend', () => {
    const d = cal.deadline({ start: '2025-11-07', n: 1 });
    expect(d.due).toBe('2025-11-10');
    expect(d.skipped).toEqual([
      { date: '2025-11-08', reason: 'weekend' },
      { date: '2025-11-09', reason: 'weekend' },
    ]);
  });
});

describe('year boundaries (New Year)', () => {
  it.each([
    ['2020-12-31', '2021-01-04'],
    ['2022-12-30', '2023-01-03'],
    ['2023-12-29', '2024-01-02'],
    ['2024-12-31', '2025-01-02'],
    ['2025-12-31', '2026-01-04'], // 2026 New Year Jan 1–3, Sun Jan 4 make-up day
  ])('%s + 1 working day → %s', (start, due) => {
    const d = cal.deadline({ start, n: 1 });
    expect(d.due).toBe(due);
    expect(d.provisional).toBe(false);
  });

  it('cites both notices when the period spans two years', () => {
    const d = cal.deadline({ start: '2025-12-31', n: 1 });
    expect(d.sources).toEqual(['国务院办公厅关于2026年部分节假日安排的通知（国办发明电〔2025〕7号，2025-11-04）']);
    const span = cal.deadline({ start: '2025-12-20', n: 10 });
    expect(span.sources).toHaveLength(2);
  });
});

describe('start instants are converted to the Asia/Shanghai date', () => {
  it.each([
    ['2025-09-30T23:30:00+08:00', '2025-09-30', '2025-09-30T23:30:00+08:00', '2025-10-09'],
    ['2025-10-08T15:59:59Z', '2025-10-08', '2025-10-08T23:59:59+08:00', '2025-10-09'],
    ['2025-10-08T16:00:00Z', '2025-10-09', '2025-10-09T00:00:00+08:00', '2025-10-10'],
    ['2025-10-08T16:30:00.250Z', '2025-10-09', '2025-10-09T00:30:00.250+08:00', '2025-10-10'],
    ['2025-09-27T20:00:00-05:00', '2025-09-28', '2025-09-28T09:00:00+08:00', '2025-09-29'],
    ['2025-09-28T10:00:00+08:00', '2025-09-28', '2025-09-28T10:00:00+08:00', '2025-09-29'],
  ])('%s → startDate %s', (start, startDate, iso, due) => {
    const d = cal.deadline({ start, n: 1 });
    expect(d.startDate).toBe(startDate);
    expect(d.start).toBe(iso);
    expect(d.due).toBe(due);
  });
});

describe('natural-day periods (Civil Code art. 203)', () => {
  it('moves a last day on a holiday to the next working day and explains the move', () => {
    const d = cal.deadline({ start: '2025-09-28', n: 3, unit: 'days' });
    expect(d.due).toBe('2025-10-09');
    expect(d.counted).toEqual([
      { date: '2025-09-29' },
      { date: '2025-09-30' },
      { date: '2025-10-01' },
      { date: '2025-10-09', rollover: true },
    ]);
    expect(d.skipped.map((s) => s.date)).toEqual([
      '2025-10-02', '2025-10-03', '2025-10-04', '2025-10-05', '2025-10-06', '2025-10-07', '2025-10-08',
    ]);
    expect(d.rule).toMatch(/法定休假日/);
  });

  it.each([
    ['2025-09-16', 15, '2025-10-09'], // lands on Oct 1
    ['2024-02-01', 15, '2024-02-18'], // lands on Spring Festival, rolls to the Sunday make-up day
    ['2025-11-01', 7, '2025-11-10'], // lands on a Saturday
    ['2025-06-01', 5, '2025-06-06'], // lands on a working Friday: no move
    ['2026-09-10', 15, '2026-09-28'], // lands on Mid-Autumn 2026
  ])('%s + %i days → %s', (start, n, due) => {
    expect(cal.deadline({ start, n, unit: 'days' }).due).toBe(due);
    expect(cal.addDays(start, n)).toBe(due);
  });
});

describe('regional overlay: Xinjiang', () => {
  it('skips Rozi days in Xinjiang but not nationally', () => {
    const x = cal.deadline({ start: '2025-03-27', n: 3, jurisdiction: 'xinjiang' });
    expect(x.due).toBe('2025-04-02');
    expect(x.skipped.filter((s) => s.reason === 'regional-holiday').map((s) => s.date)).toEqual(['2025-03-29', '2025-03-30', '2025-03-31']);
    expect(x.sources).toContain('新疆维吾尔自治区人民政府办公厅关于2025年节假日放假调休日期和冬夏季作息时间安排的通知');
    expect(cal.deadline({ start: '2025-03-27', n: 3 }).due).toBe('2025-04-01');
    expect(cal.deadline({ start: '2025-03-27', n: 3, jurisdiction: 'hebei' }).due).toBe('2025-04-01');
  });

  it('moves a natural-day period ending on Corban', () => {
    expect(cal.deadline({ start: '2025-06-01', n: 5, unit: 'days', jurisdiction: 'xinjiang' }).due).toBe('2025-06-11');
  });

  it('is provisional in a year with no regional notice loaded', () => {
    const d = cal.deadline({ start: '2024-06-10', n: 3, jurisdiction: 'xinjiang' });
    expect(d.provisional).toBe(true);
    expect(d.provisionalReason).toMatch(/2024/);
    expect(cal.deadline({ start: '2024-06-10', n: 3 }).provisional).toBe(false);
  });
});

describe('unknown years are provisional', () => {
  it('counts weekends and the statutory days off in 2027 and names the year', () => {
    // Fri 2026-12-25 + 5 WD: Mon 28 … Thu 31, then Fri 2027-01-01 is 元旦 (holiday measures, art. 2): Mon 2027-01-04.
    const d = cal.deadline({ start: '2026-12-25', n: 5 });
    expect(d.due).toBe('2027-01-04');
    expect(d.provisional).toBe(true);
    expect(d.provisionalReason).toMatch(/2027/);
    expect(cal.deadline({ start: '2026-12-18', n: 5 }).provisional).toBe(false);
  });

  it('reports weekends in an unknown year as weekends', () => {
    const d = cal.deadline({ start: '2027-01-08', n: 1 });
    expect(d.due).toBe('2027-01-11');
    expect(d.skipped).toEqual([
      { date: '2027-01-09', reason: 'weekend' },
      { date: '2027-01-10', reason: 'weekend' },
    ]);
  });
});
