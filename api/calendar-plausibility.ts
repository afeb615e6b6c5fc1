import { NATIONAL, type Calendar, type RegionYear, type ScheduleIssue, type YearSchedule } from '../calendar';

/**
 * How many working days a published year may take off, at most: 本地政策 local policy, a plausibility bound, not law.
 * The State Council's notices of 2016–2026 take 16–19 weekdays off a year (2020's extension included) and the one
 * regional overlay we hold (Xinjiang) 4; a schedule far beyond that is a mistake or an attack — one keeper could
 * otherwise stop every deadline of a province by declaring every weekday a holiday.
 */
export const plausibleWeekdaysOff = { national: 30, region: 10 } as const;

/** The most days one festival's arrangement may take off in a row, weekends included (the longest held: 9). */
export const plausibleFestivalDays = 12;

/**
 * How many weekend days a year may make working days (调休上班), at most: the State Council's notices make 5–8 a year;
 * no regional notice we hold makes any. Make-up days shorten every period they fall in, so one keeper declaring many
 * would bring every deadline of a province forward and the ladder down on its departments.
 */
export const plausibleMakeUpDays = { national: 12, region: 2 } as const;

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
  const makeUp = new Set([...festivals.flatMap((f) => f.makeUpDays ?? []), ...amendments.flatMap((a) => a.addMakeUpDays ?? [])]);
  const makeUpBound = jurisdiction === NATIONAL ? plausibleMakeUpDays.national : plausibleMakeUpDays.region;
  if (makeUp.size > makeUpBound) {
    issues.push({
      field: 'festivals',
      code: 'implausible',
      message: `makes ${makeUp.size} weekend days working days; at most ${makeUpBound} for ${jurisdiction === NATIONAL ? 'a national year' : 'a regional overlay'} (local policy bound) / 共 ${makeUp.size} 个调休上班日，超出合理上限 ${makeUpBound} 个（本地政策）`,
    });
  }
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

/**
 * A region's make-up days on days the nation has off: a province cannot make a statutory holiday a working day (the
 * holiday measures fix those days for the whole country). `calendar` is the calendar in force, to read the nation's days.
 */
export function regionOverridesNationalDaysOff(jurisdiction: string, schedule: RegionYear, calendar: Calendar): ScheduleIssue[] {
  if (jurisdiction === NATIONAL) return [];
  const issues: ScheduleIssue[] = [];
  schedule.festivals.forEach((f, i) =>
    (f.makeUpDays ?? []).forEach((d, j) => {
      const day = calendar.dayStatus(d, NATIONAL);
      if (day.kind === 'holiday') {
        issues.push({
          field: `festivals[${i}].makeUpDays[${j}]`,
          code: 'implausible',
          message: `${d} is a national day off (${day.name ?? 'holiday'}): a region cannot make it a working day / ${d} 为全国法定节假日，地方不得调为工作日`,
          value: d,
        });
      }
    }),
  );
  return issues;
}
