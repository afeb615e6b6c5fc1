import { CalendarError, SCHEDULE_ISSUE_CODES as C, UnknownJurisdictionError, type ScheduleIssue, type ScheduleIssueCode } from '../calendar';
import { fieldError, HttpProblem } from './problem';
import { fromWire, text, type Text } from './problem-text';

/** The calendar module's errors, by code, in Chinese (the module speaks English: it is a library). */
const calendarErrorsZh: Record<string, string> = {
  INVALID_DATE: '不是有效的日期（格式 YYYY-MM-DD，且须是实际存在的日子）',
  OUT_OF_RANGE: '超出系统支持的范围',
  INVALID_PERIOD: '期限须为非负整数个工作日或自然日',
  UNKNOWN_JURISDICTION: '不是系统已登记的地区',
  INVALID_SCHEDULE: '节假日安排不符合要求',
};

/** A calendar error, in both languages. */
export function calendarErrorText(error: CalendarError): Text {
  return text(calendarErrorsZh[error.code] ?? '日历无法计算该日期', error.message);
}

/** A calendar error as a 400 naming the field it is about (under `context`: `query`, `body` …). */
export function calendarProblem(error: unknown, context: string): never {
  if (error instanceof CalendarError) {
    // An unknown jurisdiction is the query's `jurisdiction`; the other errors carry the field they are about.
    const field = error instanceof UnknownJurisdictionError ? 'jurisdiction' : (error as CalendarError & { field?: string }).field;
    throw HttpProblem.badRequest(field ? `${context}.${field}` : context, calendarErrorText(error), error.code);
  }
  throw error;
}

/** Why a schedule's value is refused, in Chinese, by the issue's code. */
const scheduleIssuesZh: Record<ScheduleIssueCode, string> = {
  [C.required]: '必填或格式不对',
  [C.invalidDate]: '须为实际存在的日期（YYYY-MM-DD）',
  [C.outsideYear]: '日期不在该年度内',
  [C.duplicate]: '重复列出',
  [C.offAndMakeUp]: '同一天不能既放假又调休上班',
  [C.makeUpNotWeekend]: '调休上班日须为星期六或星期日',
  [C.unknownFestival]: '不是已知的节日',
  [C.invalidYear]: '年份不在系统支持的范围内',
  [C.notFound]: '不是该年度的调休上班日',
  [C.implausible]: '超出合理范围（本地政策）',
};

/** A schedule issue's message in both languages: its own bilingual text where it has one, else by its code. */
function issueText(issue: ScheduleIssue): Text {
  return fromWire(issue.message, scheduleIssuesZh[issue.code]);
}

/** The schedule's problems as one 400, each field under `prefix` (`body`, `body.schedule`). */
export function invalidSchedule(issues: ScheduleIssue[], prefix: string): HttpProblem {
  return HttpProblem.fields(
    400,
    issues.map((i) => fieldError(`${prefix}.${i.field}`, issueText(i), i.code)),
  );
}
