/**
 * 《全国年节及纪念日放假办法》 art. 2 fixes the days off for all citizens before any annual notice: 2024 revision (State
 * Council Order No. 795, in force 2025-01-01): 元旦 1/1; 春节 除夕 and 初一–初三; 清明; 劳动节 5/1–2; 端午; 中秋; 国庆节
 * 10/1–3. 2013 revision (Order No. 644) for earlier years: 春节 初一–初三 only, 劳动节 5/1. A year without the State
 * Council notice (2015, 2027–2035 here) counts those days and weekends off; the adjustment (调休) stays unknown.
 * Lunar dates below are those of lunar-typescript (2027: 除夕 Feb 5, 初一 Feb 6, 清明 Apr 5, 端午 Jun 9, 中秋 Sep 15).
 */
import { describe, expect, it } from 'vitest';
import { nationalCalendar as cal, statutoryDaysOff } from '../../calendar/index.js';

const holidays = (year: number, jurisdiction?: string) =>
  Array.from({ length: 12 }, (_, m) => cal.month(`${year}-${String(m + 1).padStart(2, '0')}`, jurisdiction))
    .flat()
    .filter((d) => d.kind === 'holiday');

describe('a year without a notice counts the statutory days off (holiday measures art. 2)', () => {
  it('1 WD from Thu 2026-12-31 is not due on 元旦 2027-01-01 but on Mon 2027-01-04', () => {
    const d = cal.deadline({ start: '2026-12-31', n: 1 });
    expect(d).toMatchObject({ due: '2027-01-04', endsAt: '2027-01-05T00:00:00+08:00', provisional: true });
    expect(d.skipped).toEqual([
      { date: '2027-01-01', reason: 'holiday', name: "元旦 New Year's Day" },
      { date: '2027-01-02', reason: 'weekend' },
      { date: '2027-01-03', reason: 'weekend' },
    ]);
    expect(d.sources).toEqual(['《全国年节及纪念日放假办法》（2024年修订）（国务院令第795号，2024-11-10）']);
  });

  it('3 WD from Wed 2027-02-03 skip 除夕 (Fri Feb 5) and 初三 (Mon Feb 8): due Wed 2027-02-10', () => {
    const d = cal.deadline({ start: '2027-02-03', n: 3 });
    expect(d.due).toBe('2027-02-10');
    expect(d.counted.map((c) => c.date)).toEqual(['2027-02-04', '2027-02-09', '2027-02-10']);
    expect(d.skipped).toEqual([
      { date: '2027-02-05', reason: 'holiday', name: '春节 Spring Festival' },
      { date: '2027-02-06', reason: 'holiday', name: '春节 Spring Festival' },
      { date: '2027-02-07', reason: 'holiday', name: '春节 Spring Festival' },
      { date: '2027-02-08', reason: 'holiday', name: '春节 Spring Festival' },
    ]);
  });

  it('2027 has exactly the 13 statutory days of the 2024 revision, each provisional', () => {
    const days = holidays(2027);
    expect(days.map((d) => d.date)).toEqual([
      '2027-01-01',
      '2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08',
      '2027-04-05',
      '2027-05-01', '2027-05-02',
      '2027-06-09',
      '2027-09-15',
      '2027-10-01', '2027-10-02', '2027-10-03',
    ]);
    expect(days.every((d) => d.provisional && !d.working)).toBe(true);
    expect(cal.month('2027-01').some((d) => d.kind === 'make-up')).toBe(false);
  });

  it('a statutory day on a weekend is just a day off: no substitute day (补休) is invented', () => {
    // 初一 Sat 2027-02-06 and 初二 Sun 2027-02-07; 劳动节 Sat–Sun 2027-05-01/02: the following Tuesday / Monday stay working days.
    expect(cal.dayStatus('2027-02-09')).toMatchObject({ working: true, kind: 'workday', provisional: true });
    expect(cal.dayStatus('2027-05-03')).toMatchObject({ working: true, kind: 'workday', provisional: true });
  });

  it('2015 follows the 2013 revision (Order No. 644): 春节 初一–初三 without 除夕, 劳动节 one day', () => {
    expect(holidays(2015).map((d) => d.date)).toEqual([
      '2015-01-01',
      '2015-02-19', '2015-02-20', '2015-02-21',
      '2015-04-05',
      '2015-05-01',
      '2015-06-20',
      '2015-09-27',
      '2015-10-01', '2015-10-02', '2015-10-03',
    ]);
    expect(cal.dayStatus('2015-02-18')).toMatchObject({ working: true, kind: 'workday' });
    const d = cal.deadline({ start: '2015-02-17', n: 2 });
    expect(d.due).toBe('2015-02-23');
    expect(d.sources).toEqual(['《全国年节及纪念日放假办法》（2013年修订）（国务院令第644号，2013-12-11）']);
    expect(d.provisionalReason).toMatch(/not loaded/);
  });

  it('where 中秋 falls on 1–3 October the day is one statutory day named for both festivals', () => {
    const both = (statutoryDaysOff(2020) ?? []).filter((d) => d.date === '2020-10-01');
    expect(both).toEqual([{ date: '2020-10-01', festival: 'nationalDayMidAutumn' }]);
  });

  it('says what is assumed, in Chinese and English', () => {
    const r = cal.deadline({ start: '2026-12-31', n: 1 }).provisionalReason ?? '';
    const [zh, en] = r.split(' / ');
    expect(zh).toContain('2027年');
    expect(zh).toContain('计入法定节假日');
    expect(zh).toContain('调休尚未公布');
    expect(zh).toContain('可能变动');
    expect(en).toContain('2027: statutory days off counted');
    expect(en).toContain('the adjustment (调休) is not yet published; the date may move');
  });

  it('two unknown years: one reason per year within each language', () => {
    const r = cal.deadline({ start: '2027-12-30', n: 3 }).provisionalReason ?? '';
    const [zh, en] = r.split(' / ');
    expect(zh).toMatch(/^2027年：.*；2028年：/);
    expect(en).toMatch(/^2027: .*; 2028: /);
  });

  it('the same floor applies to a region in a year neither the State Council nor the region has published', () => {
    expect(cal.dayStatus('2027-10-01', 'xinjiang')).toMatchObject({ kind: 'holiday', working: false, provisional: true });
    expect(holidays(2027, 'xinjiang').map((d) => d.date)).toEqual(holidays(2027).map((d) => d.date));
    const d = cal.deadline({ start: '2026-12-31', n: 1, jurisdiction: 'xinjiang' });
    expect(d.due).toBe('2027-01-04');
    expect(d.provisionalReason).toMatch(/statutory days off counted/);
  });

  it('every statutory day of 2016–2026 is a day off in that year\'s notice (the floor never contradicts a notice)', () => {
    const missing: string[] = [];
    for (let y = 2016; y <= 2026; y++) {
      for (const s of statutoryDaysOff(y) ?? []) if (cal.isWorkingDay(s.date)) missing.push(s.date);
    }
    expect(missing).toEqual([]);
  });
});
