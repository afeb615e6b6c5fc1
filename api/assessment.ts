import type { Calendar } from '../calendar';

/**
 * One department's record over a period (Hebei draft art. 38: assessment of sharing work). What each measure counts:
 * - `tasksDue`: its tasks whose time limit ends in the period;
 * - `completed` (`completedOnTime` + `completedLate`): its tasks completed in the period, whenever they were due;
 * - `openOverdue`: its tasks due in the period, still open now and past their time limit;
 * - `onTimeRate`: completed on time ÷ (completed in the period + open overdue);
 * - lateness: working days past the time limit of each task completed late in the period or open overdue.
 * A party's option that stays open (its date is a reminder point) and a cancelled task are never counted.
 */
export interface DepartmentAssessment {
  departmentId: string;
  tasksDue: number;
  completed: number;
  completedOnTime: number;
  completedLate: number;
  openOverdue: number;
  /** On-time share of the tasks whose outcome fell in the period (completed in it, or open past a time limit in it); null when none. */
  onTimeRate: number | null;
  medianLatenessWorkingDays: number | null;
  worstLatenessWorkingDays: number | null;
  escalations: Record<'reminder' | 'overdue' | 'rectification' | 'government-report', number>;
}

export interface TaskFact {
  /** Given when the drill-down ({@link overdueItems}) lists the task. */
  id?: string;
  requestId?: string;
  assigneeDepartmentId: string;
  status: string;
  dueAt: Date;
  completedAt: Date | null;
  jurisdiction: string;
  /** A party's option that stays open: its date is a reminder point, so taking it later is not lateness. */
  staysOpen?: boolean;
}

export interface EscalationFact {
  departmentId: string;
  rung: string;
  firedAt: Date;
}

/** The period `[from, to)`; without it every task counts as due and completed in it. */
export interface Period {
  from: Date;
  to: Date;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const within = (at: Date, period: Period | undefined) => !period || (at >= period.from && at < period.to);

/** How a task counts in the period: due in it, completed in it (on time or late), open past a time limit in it. */
function classify(t: TaskFact, now: Date, period?: Period) {
  if (t.status === 'cancelled' || t.staysOpen) return null;
  const due = within(t.dueAt, period);
  const completed = t.completedAt !== null && within(t.completedAt, period);
  const late = completed ? t.completedAt! > t.dueAt : false;
  const openOverdue = t.completedAt === null && due && t.dueAt < now;
  if (!due && !completed) return null;
  return { due, completed, late, openOverdue, end: completed ? t.completedAt! : openOverdue ? now : null };
}

/** Lateness is counted in working days after the due instant, on the calendar in force. */
export function assess(calendar: Calendar, tasks: TaskFact[], escalations: EscalationFact[], now: Date, period?: Period): DepartmentAssessment[] {
  const byDepartment = new Map<string, DepartmentAssessment & { lateness: number[] }>();
  const entry = (departmentId: string) => {
    let a = byDepartment.get(departmentId);
    if (!a) {
      a = {
        departmentId,
        tasksDue: 0,
        completed: 0,
        completedOnTime: 0,
        completedLate: 0,
        openOverdue: 0,
        onTimeRate: null,
        medianLatenessWorkingDays: null,
        worstLatenessWorkingDays: null,
        escalations: { reminder: 0, overdue: 0, rectification: 0, 'government-report': 0 },
        lateness: [],
      };
      byDepartment.set(departmentId, a);
    }
    return a;
  };
  for (const t of tasks) {
    const c = classify(t, now, period);
    if (!c) continue;
    const a = entry(t.assigneeDepartmentId);
    if (c.due) a.tasksDue += 1;
    if (c.completed) {
      a.completed += 1;
      if (c.late) a.completedLate += 1;
      else a.completedOnTime += 1;
    }
    if (c.openOverdue) a.openOverdue += 1;
    if ((c.completed && c.late) || c.openOverdue) a.lateness.push(calendar.workingDaysBetween(t.dueAt.toISOString(), c.end!.toISOString(), t.jurisdiction));
  }
  for (const e of escalations) {
    const a = entry(e.departmentId);
    if (e.rung in a.escalations) a.escalations[e.rung as keyof DepartmentAssessment['escalations']] += 1;
  }
  return [...byDepartment.values()]
    .map(({ lateness, ...a }) => {
      const known = a.completed + a.openOverdue;
      return {
        ...a,
        onTimeRate: known ? a.completedOnTime / known : null,
        medianLatenessWorkingDays: median(lateness),
        worstLatenessWorkingDays: lateness.length ? Math.max(...lateness) : null,
      };
    })
    .sort((x, y) => x.departmentId.localeCompare(y.departmentId));
}

/** One item behind a department's lateness: a task completed late in the period, or open past a time limit in it. */
export interface OverdueItem<T extends TaskFact = TaskFact> {
  task: T;
  state: 'completed-late' | 'open-overdue';
  latenessWorkingDays: number;
}

/** The department's overdue items of the period, latest first by lateness: the drill-down of {@link assess}. */
export function overdueItems<T extends TaskFact>(calendar: Calendar, tasks: T[], departmentId: string, now: Date, period?: Period): OverdueItem<T>[] {
  const items: OverdueItem<T>[] = [];
  for (const t of tasks) {
    if (t.assigneeDepartmentId !== departmentId) continue;
    const c = classify(t, now, period);
    if (!c || !((c.completed && c.late) || c.openOverdue)) continue;
    items.push({
      task: t,
      state: c.openOverdue ? 'open-overdue' : 'completed-late',
      latenessWorkingDays: calendar.workingDaysBetween(t.dueAt.toISOString(), c.end!.toISOString(), t.jurisdiction),
    });
  }
  return items.sort((a, b) => b.latenessWorkingDays - a.latenessWorkingDays || a.task.dueAt.getTime() - b.task.dueAt.getTime());
}

/** ISO week (e.g. 2026-W47) of an instant in Asia/Shanghai. */
export function isoWeek(at: Date): string {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  const day = (d.getUTCDay() + 6) % 7;
  d.setUTCDate(d.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  const week = 1 + Math.round(((d.getTime() - firstThursday.getTime()) / 86_400_000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** The Monday and Sunday (Asia/Shanghai dates) of the ISO week of an instant. */
export function isoWeekDays(at: Date): { start: string; end: string } {
  const d = new Date(at.getTime() + 8 * 3_600_000);
  const monday = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7)));
  const sunday = new Date(monday.getTime() + 6 * 86_400_000);
  return { start: monday.toISOString().slice(0, 10), end: sunday.toISOString().slice(0, 10) };
}

export type CsvLanguage = 'zh' | 'en';

/** The columns of the export, each with its heading in both languages. */
const csvColumns: { zh: string; en: string; value: (row: DepartmentAssessment, name: string) => string | number | null; text?: boolean }[] = [
  { zh: '部门', en: 'Department', value: (_, name) => name, text: true },
  { zh: '部门代码', en: 'Department ID', value: (r) => r.departmentId, text: true },
  { zh: '期内到期', en: 'Due in period', value: (r) => r.tasksDue },
  { zh: '期内办结', en: 'Completed in period', value: (r) => r.completed },
  { zh: '按时办结', en: 'Completed on time', value: (r) => r.completedOnTime },
  { zh: '逾期办结', en: 'Completed late', value: (r) => r.completedLate },
  { zh: '逾期未办', en: 'Open and overdue', value: (r) => r.openOverdue },
  { zh: '按时率', en: 'On-time rate', value: (r) => (r.onTimeRate === null ? null : `${(Math.round(r.onTimeRate * 1000) / 10).toFixed(1)}%`) },
  { zh: '逾期中位数（工作日）', en: 'Median lateness (working days)', value: (r) => r.medianLatenessWorkingDays },
  { zh: '最长逾期（工作日）', en: 'Worst lateness (working days)', value: (r) => r.worstLatenessWorkingDays },
  { zh: '到期提醒', en: 'Reminders', value: (r) => r.escalations.reminder },
  { zh: '逾期通知', en: 'Overdue notices', value: (r) => r.escalations.overdue },
  { zh: '限期整改', en: 'Notices to rectify', value: (r) => r.escalations.rectification },
  { zh: '报告本级人民政府', en: 'Reports to the people’s government', value: (r) => r.escalations['government-report'] },
];

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a text starting with = + - @ (or a tab or carriage
 * return) gets a leading apostrophe so a spreadsheet shows it instead of evaluating it as a formula.
 */
function csvField(value: string | number | null, text: boolean): string {
  if (value === null) return '';
  let s = String(value);
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/**
 * The assessment as a CSV file that opens correctly in Excel: UTF-8 with a byte-order mark, CRLF line ends, headings
 * and department names in the language asked for, the on-time rate as a percentage.
 */
export function assessmentCsv(rows: DepartmentAssessment[], lang: CsvLanguage = 'zh', departmentName: (id: string) => string = (id) => id): string {
  const lines = [
    csvColumns.map((c) => csvField(c[lang], true)).join(','),
    ...rows.map((r) => csvColumns.map((c) => csvField(c.value(r, departmentName(r.departmentId)), c.text ?? false)).join(',')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
