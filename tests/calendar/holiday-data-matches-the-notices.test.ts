import { describe, expect, it } from 'vitest';
import { BUILT_IN_YEARS, nationalCalendar as cal, validateYearSchedule, xinjiang, validateRegionOverlay } from '../../calendar/index.js';

const offDays = (year: number): string[] =>
  Array.from({ length: 12 }, (_, m) => cal.month(`${year}-${String(m + 1).padStart(2, '0')}`))
    .flat()
    .filter((d) => d.kind === 'holiday')
    .map((d) => d.date);

const makeUpDays = (year: number): string[] =>
  Array.from({ length: 12 }, (_, m) => cal.month(`${year}-${String(m + 1).padStart(2, '0')}`))
    .flat()
    .filter((d) => d.kind === 'make-up')
    .map((d) => d.date);

describe('built-in holiday data matches the State Council notices', () => {
  it('has exactly the years 2020–2026, each citing its notice', () => {
    expect(cal.years().map((y) => [y.year, y.notice.documentNumber])).toEqual([
      [2020, '国办发明电〔2019〕16号'],
      [2021, '国办发明电〔2020〕27号'],
      [2022, '国办发明电〔2021〕11号'],
      [2023, '国办发明电〔2022〕16号'],
      [2024, '国办发明电〔2023〕7号'],
      [2025, '国办发明电〔2024〕12号'],
      [2026, '国办发明电〔2025〕7号'],
    ]);
    for (const y of cal.years()) expect(y.notice.title).toBe(`国务院办公厅关于${y.year}年部分节假日安排的通知`);
  });

  it.each(BUILT_IN_YEARS.map((y) => [y.year, y] as const))('%i passes the validator', (_year, y) => {
    expect(validateYearSchedule(y)).toEqual([]);
  });

  it('the Xinjiang overlay passes the validator', () => {
    expect(validateRegionOverlay(xinjiang)).toEqual([]);
  });

  // Number of off days per notice: 2020 is 27 + 3 from the COVID-19 extension (国办发明电〔2020〕1号);
  // 2023 lists 2 because 2022-12-31 belongs to 2022; 2025 and 2026 follow the November 2024 revision.
  it.each([
    [2020, 30, ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10']],
    [2021, 31, ['2021-02-07', '2021-02-20', '2021-04-25', '2021-05-08', '2021-09-18', '2021-09-26', '2021-10-09']],
    [2022, 31, ['2022-01-29', '2022-01-30', '2022-04-02', '2022-04-24', '2022-05-07', '2022-10-08', '2022-10-09']],
    [2023, 26, ['2023-01-28', '2023-01-29', '2023-04-23', '2023-05-06', '2023-06-25', '2023-10-07', '2023-10-08']],
    [2024, 28, ['2024-02-04', '2024-02-18', '2024-04-07', '2024-04-28', '2024-05-11', '2024-09-14', '2024-09-29', '2024-10-12']],
    [2025, 28, ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11']],
    [2026, 33, ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10']],
  ])('%i has %i off days and exactly the make-up days of the notice', (year, nOff, makeUps) => {
    expect(offDays(year)).toHaveLength(nOff);
    expect(makeUpDays(year)).toEqual(makeUps);
  });

  it('every make-up day is a Saturday or Sunday', () => {
    for (const y of cal.years()) {
      for (const d of makeUpDays(y.year)) expect([0, 6]).toContain(new Date(`${d}T00:00:00Z`).getUTCDay());
    }
  });

  it('2025 National Day and Mid-Autumn run Oct 1–8 with make-up days Sun Sep 28 and Sat Oct 11', () => {
    const oct = cal.month('2025-10');
    expect(oct.slice(0, 8).every((d) => d.kind === 'holiday')).toBe(true);
    expect(oct[8]).toMatchObject({ date: '2025-10-09', kind: 'workday', working: true });
    expect(cal.dayStatus('2025-09-28')).toMatchObject({ kind: 'make-up', working: true, name: '国庆节、中秋节 National Day and Mid-Autumn Festival' });
    expect(cal.dayStatus('2025-10-11')).toMatchObject({ kind: 'make-up', working: true });
  });

  it('2025 Spring Festival has 8 days (one more under the 2024 revision), from New Year\'s Eve', () => {
    const days = offDays(2025).filter((d) => d >= '2025-01-28' && d <= '2025-02-04');
    expect(days).toHaveLength(8);
    expect(cal.dayStatus('2025-01-28').name).toBe('春节 Spring Festival');
  });

  it('2020 Spring Festival was extended to Feb 2 and the Feb 1 make-up day was cancelled', () => {
    expect(cal.dayStatus('2020-01-31')).toMatchObject({ kind: 'holiday', working: false });
    expect(cal.dayStatus('2020-02-01')).toMatchObject({ kind: 'holiday', working: false });
    expect(cal.dayStatus('2020-02-02')).toMatchObject({ kind: 'holiday', working: false });
    expect(cal.dayStatus('2020-02-03')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.dayStatus('2020-01-19')).toMatchObject({ kind: 'make-up', working: true });
  });

  it('2024 New Year\'s Eve (Feb 9) stays a working day: the notice only encourages leave', () => {
    expect(cal.dayStatus('2024-02-09')).toMatchObject({ kind: 'workday', working: true });
  });

  it('2027 is unknown: weekdays are provisional working days', () => {
    expect(cal.dayStatus('2027-01-01')).toEqual({ date: '2027-01-01', working: true, kind: 'workday', provisional: true });
    expect(cal.dayStatus('2026-12-31').provisional).toBe(false);
  });

  it('Hebei and Anhui inherit the national calendar; Xinjiang adds Rozi and Corban', () => {
    for (const j of ['hebei', 'anhui']) expect(cal.month('2025-10', j)).toEqual(cal.month('2025-10'));
    expect(cal.dayStatus('2025-06-09', 'xinjiang')).toMatchObject({ kind: 'regional-holiday', working: false, name: '古尔邦节 Eid al-Adha (Corban)' });
    expect(cal.dayStatus('2025-06-09')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.jurisdictions()).toEqual(['national', 'hebei', 'anhui', 'xinjiang']);
  });
});
