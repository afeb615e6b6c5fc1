import { NATIONAL, type RegionYear, type ScheduleIssue, type YearSchedule } from '../calendar';

/**
 * How many working days a published year may take off, at most: 本地政策 local policy, a plausibility bound, not law.
 * The State Council's notices of 2016–2026 take 16–19 weekdays off a year (2020's extension included) and the one
 * regional overlay we hold (Xinjiang) 4; a schedule far beyond that is a mistake or an attack — one keeper could
 * otherwise stop every deadline of a province by declaring every weekday a holiday.
 */
export const plausibleWeekdaysOff = { national: 30, region: 10 } as const;

/** The most days one festival's arrangement may take off in a row, weekends included (the longest held: 9). */
export const plausibleFestivalDays = 12;

function isWeekday(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
}

/** The problems of a schedule that is well formed but beyond what any notice has done (see the bounds above). */
export function implausibleSchedule(jurisdiction: string, schedule: YearSchedule | RegionYear): ScheduleIssue[] {
  const issues: ScheduleIssue[] = [];
  const festivals = schedule.festivals ?? [];
  festivals.forEach((f, i) => {
    if (f.offDays.length > plausibleFestivalDays) {
      issues.push({
        field: `festivals[${i}].offDays`,
        code: 'implausible',
        message: `takes ${f.offDays.length} days off for one festival; no notice has taken more than ${plausibleFestivalDays} (local policy bound) / 单个节日放假 ${f.offDays.length} 天，超出合理上限 ${plausibleFestivalDays} 天（本地政策）`,
      });
    }
  });
  const amendments = 'amendments' in schedule ? (schedule.amendments ?? []) : [];
  const off = new Set([...festivals.flatMap((f) => f.offDays), ...amendments.flatMap((a) => a.addOffDays ?? [])]);
  const weekdays = [...off].filter(isWeekday).length;
  const bound = jurisdiction === NATIONAL ? plausibleWeekdaysOff.national : plausibleWeekdaysOff.region;
  if (weekdays > bound) {
    issues.push({
      field: 'festivals',
      code: 'implausible',
      message: `takes ${weekdays} weekdays off; at most ${bound} for ${jurisdiction === NATIONAL ? 'a national year' : 'a regional overlay'} (local policy bound) / 共 ${weekdays} 个工作日放假，超出合理上限 ${bound} 个（本地政策）`,
    });
  }
  return issues;
}
