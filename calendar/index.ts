export type {
  Calendar,
  Citation,
  CountedDay,
  DayStatus,
  Deadline,
  DeadlineQuery,
  FestivalArrangement,
  PeriodUnit,
  RegionOverlay,
  RegionYear,
  ScheduleAmendment,
  SkippedDay,
  YearSchedule,
} from './types.js';
export { createCalendar, nationalCalendar, shanghaiDate, PERIOD_UNITS, type CalendarOptions } from './calendar.js';
export { MIN_DATE, MAX_DATE, formatPeriodEnd } from './dates.js';
export { MEASURES_2013, MEASURES_2024, measuresFor, statutoryDaysOff, type HolidayMeasures, type StatutoryDay } from './statutory.js';
export { timeLeft, TIME_LEFT_STATES, type TimeLeft, type TimeLeftState } from './time-left.js';
export {
  CalendarError,
  InvalidDateError,
  InvalidPeriodError,
  InvalidScheduleError,
  OutOfRangeError,
  UnknownJurisdictionError,
  SCHEDULE_ISSUE_CODES,
  type ScheduleIssue,
  type ScheduleIssueCode,
} from './errors.js';
export { FESTIVALS, festivalName, isFestivalId, type FestivalId } from './festivals.js';
export { validateYearSchedule, validateRegionOverlay, isValidYearSchedule, isValidRegionOverlay } from './validate.js';
export { BUILT_IN_YEARS } from './data/index.js';
export { BUILT_IN_OVERLAYS, INHERITING_JURISDICTIONS, NATIONAL, xinjiang } from './regions/index.js';
