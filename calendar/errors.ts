/** Base class of every error the calendar throws; `code` is stable for API mapping. */
export class CalendarError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** Thrown when a date or instant string is malformed or names a day that does not exist. */
export class InvalidDateError extends CalendarError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    detail = 'expected YYYY-MM-DD or an ISO 8601 instant with an offset',
  ) {
    super(`${field}: invalid date ${JSON.stringify(value)} (${detail})`, 'INVALID_DATE');
  }
}

/** Thrown when a date lies outside the supported range, or a period runs past its end. */
export class OutOfRangeError extends CalendarError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    readonly min: string,
    readonly max: string,
  ) {
    super(`${field}: ${JSON.stringify(value)} is outside the supported range ${min}..${max}`, 'OUT_OF_RANGE');
  }
}

/** Thrown when a period length is negative, not an integer, or of an unknown unit. */
export class InvalidPeriodError extends CalendarError {
  constructor(
    readonly field: string,
    readonly value: unknown,
    detail: string,
  ) {
    super(`${field}: ${JSON.stringify(value)} ${detail}`, 'INVALID_PERIOD');
  }
}

/** Thrown when a jurisdiction id is not registered. */
export class UnknownJurisdictionError extends CalendarError {
  constructor(
    readonly jurisdiction: unknown,
    readonly known: readonly string[],
  ) {
    super(`unknown jurisdiction ${JSON.stringify(jurisdiction)}; known: ${known.join(', ')}`, 'UNKNOWN_JURISDICTION');
  }
}

/** One problem found in a year schedule or region overlay; `field` is a path such as `festivals[2].makeUpDays[0]`. */
export interface ScheduleIssue {
  field: string;
  code: ScheduleIssueCode;
  message: string;
  value?: unknown;
}

/** The kinds of problem {@link ScheduleIssue} reports. */
export const SCHEDULE_ISSUE_CODES = {
  required: 'required',
  invalidDate: 'invalid-date',
  outsideYear: 'outside-year',
  duplicate: 'duplicate',
  offAndMakeUp: 'off-and-make-up',
  makeUpNotWeekend: 'make-up-not-weekend',
  unknownFestival: 'unknown-festival',
  invalidYear: 'invalid-year',
  notFound: 'not-found',
  /** Well formed but beyond any notice (a publication's plausibility bound). */
  implausible: 'implausible',
} as const;

/** A value of {@link SCHEDULE_ISSUE_CODES}. */
export type ScheduleIssueCode = (typeof SCHEDULE_ISSUE_CODES)[keyof typeof SCHEDULE_ISSUE_CODES];

/** Thrown by `createCalendar` when a year schedule or overlay fails validation. */
export class InvalidScheduleError extends CalendarError {
  constructor(
    readonly year: unknown,
    readonly issues: readonly ScheduleIssue[],
  ) {
    super(
      `invalid schedule for ${String(year)}: ${issues.map((i) => `${i.field}: ${i.message}`).join('; ')}`,
      'INVALID_SCHEDULE',
    );
  }
}
