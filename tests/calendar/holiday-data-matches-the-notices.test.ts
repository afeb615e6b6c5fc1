import { HolidayUtil } from 'lunar-typescript';
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
  it('has exactly the years 2016–2026, each citing its notice', () => {
    expect(cal.years().map((y) => [y.year, y.notice.documentNumber])).toEqual([
      [2016, '国办发明电〔2015〕18号'],
      [2017, '国办发明电〔2016〕17号'],
      [2018, '国办发明电〔2017〕12号'],
      [2019, '国办发明电〔2018〕15号'],
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
  // 2016–2019: a day "放假，与周末连休" is listed alone (its weekend stays a weekend), as for 2020–2026. 2018 adds
  // 2018-12-30/31 from the 2019 notice; 2019 is 19 + 3 from the Labour Day change (国办发明电〔2019〕3号).
  it.each([
    [2016, 24, ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09']],
    [2017, 24, ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30']],
    [2018, 25, ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30', '2018-12-29']],
    [2019, 22, ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12']],
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

  it('2027 is unknown: its weekdays are provisional working days, its statutory days provisional days off', () => {
    expect(cal.dayStatus('2027-01-04')).toEqual({ date: '2027-01-04', working: true, kind: 'workday', provisional: true });
    expect(cal.dayStatus('2027-01-01')).toEqual({ date: '2027-01-01', working: false, kind: 'holiday', name: "元旦 New Year's Day", provisional: true });
    expect(cal.dayStatus('2026-12-31').provisional).toBe(false);
  });

  it('Hebei and Anhui inherit the national calendar; Xinjiang adds Rozi and Corban', () => {
    for (const j of ['hebei', 'anhui']) expect(cal.month('2025-10', j)).toEqual(cal.month('2025-10'));
    expect(cal.dayStatus('2025-06-09', 'xinjiang')).toMatchObject({ kind: 'regional-holiday', working: false, name: '古尔邦节 Eid al-Adha (Corban)' });
    expect(cal.dayStatus('2025-06-09')).toMatchObject({ kind: 'workday', working: true });
    expect(cal.jurisdictions()).toEqual(['national', 'hebei', 'anhui', 'xinjiang']);
  });
});

/** The notice's days of one year, day by day: every day off, every make-up day, whatever else is Mon–Fri working. */
const dayByDay = (year: number) => ({ off: offDays(year), makeUp: makeUpDays(year) });

describe('2016–2019 match the State Council notices day by day', () => {
  it('2016 (国办发明电〔2015〕18号, 2015-12-10)', () => {
    expect(dayByDay(2016)).toEqual({
      off: [
        '2016-01-01',
        '2016-02-07', '2016-02-08', '2016-02-09', '2016-02-10', '2016-02-11', '2016-02-12', '2016-02-13',
        '2016-04-04',
        '2016-05-01', '2016-05-02',
        '2016-06-09', '2016-06-10', '2016-06-11',
        '2016-09-15', '2016-09-16', '2016-09-17',
        '2016-10-01', '2016-10-02', '2016-10-03', '2016-10-04', '2016-10-05', '2016-10-06', '2016-10-07',
      ],
      makeUp: ['2016-02-06', '2016-02-14', '2016-06-12', '2016-09-18', '2016-10-08', '2016-10-09'],
    });
  });

  it('2017 (国办发明电〔2016〕17号, 2016-12-01): New Year on a Sunday, Monday 1-2 its substitute day', () => {
    expect(dayByDay(2017)).toEqual({
      off: [
        '2017-01-01', '2017-01-02',
        '2017-01-27', '2017-01-28', '2017-01-29', '2017-01-30', '2017-01-31', '2017-02-01', '2017-02-02',
        '2017-04-02', '2017-04-03', '2017-04-04',
        '2017-05-01',
        '2017-05-28', '2017-05-29', '2017-05-30',
        '2017-10-01', '2017-10-02', '2017-10-03', '2017-10-04', '2017-10-05', '2017-10-06', '2017-10-07', '2017-10-08',
      ],
      makeUp: ['2017-01-22', '2017-02-04', '2017-04-01', '2017-05-27', '2017-09-30'],
    });
    expect(cal.dayStatus('2017-10-04').name).toBe('国庆节、中秋节 National Day and Mid-Autumn Festival');
  });

  it('2018 (国办发明电〔2017〕12号, 2017-11-30), ending with the 2019 New Year days of 国办发明电〔2018〕15号', () => {
    expect(dayByDay(2018)).toEqual({
      off: [
        '2018-01-01',
        '2018-02-15', '2018-02-16', '2018-02-17', '2018-02-18', '2018-02-19', '2018-02-20', '2018-02-21',
        '2018-04-05', '2018-04-06', '2018-04-07',
        '2018-04-29', '2018-04-30', '2018-05-01',
        '2018-06-18',
        '2018-09-24',
        '2018-10-01', '2018-10-02', '2018-10-03', '2018-10-04', '2018-10-05', '2018-10-06', '2018-10-07',
        '2018-12-30', '2018-12-31',
      ],
      makeUp: ['2018-02-11', '2018-02-24', '2018-04-08', '2018-04-28', '2018-09-29', '2018-09-30', '2018-12-29'],
    });
    // Fri 2018-12-28 + 1 WD: Sat 29 is a make-up working day (2019 notice).
    expect(cal.deadline({ start: '2018-12-28', n: 1 })).toMatchObject({ due: '2018-12-29', provisional: false });
    expect(cal.deadline({ start: '2018-12-29', n: 1 }).due).toBe('2019-01-02');
    expect(cal.deadline({ start: '2018-12-28', n: 1 }).sources).toContain('国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号，2018-12-04）');
  });

  it('2019 (国办发明电〔2018〕15号, 2018-12-04) with Labour Day May 1–4 and make-up days Apr 28, May 5 (国办发明电〔2019〕3号, 2019-03-22)', () => {
    expect(dayByDay(2019)).toEqual({
      off: [
        '2019-01-01',
        '2019-02-04', '2019-02-05', '2019-02-06', '2019-02-07', '2019-02-08', '2019-02-09', '2019-02-10',
        '2019-04-05',
        '2019-05-01', '2019-05-02', '2019-05-03', '2019-05-04',
        '2019-06-07',
        '2019-09-13',
        '2019-10-01', '2019-10-02', '2019-10-03', '2019-10-04', '2019-10-05', '2019-10-06', '2019-10-07',
      ],
      makeUp: ['2019-02-02', '2019-02-03', '2019-04-28', '2019-05-05', '2019-09-29', '2019-10-12'],
    });
    const y2019 = cal.years().find((y) => y.year === 2019)!;
    expect(y2019.amendments?.[0]?.notice).toMatchObject({ title: '国务院办公厅关于调整2019年劳动节假期安排的通知', documentNumber: '国办发明电〔2019〕3号', publishedOn: '2019-03-22' });
    expect(cal.deadline({ start: '2019-04-30', n: 1 })).toMatchObject({ due: '2019-05-05' });
  });

  it('every working day of 2016–2026 agrees with the independent holiday table of lunar-typescript (HolidayUtil)', () => {
    const disagreements: string[] = [];
    for (let y = 2016; y <= 2026; y++) {
      for (let m = 1; m <= 12; m++) {
        for (const d of cal.month(`${y}-${String(m).padStart(2, '0')}`)) {
          const h = HolidayUtil.getHoliday(d.date);
          const weekday = ![0, 6].includes(new Date(`${d.date}T00:00:00Z`).getUTCDay());
          if ((h ? h.isWork() : weekday) !== d.working) disagreements.push(d.date);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
