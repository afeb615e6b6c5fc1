import type { Calendar } from '../calendar';

/** One department's record over a period (Hebei draft art. 38: assessment of sharing work). */
export interface DepartmentAssessment {
  departmentId: string;
  tasksDue: number;
  completedOnTime: number;
  completedLate: number;
  openOverdue: number;
  /** On-time share of the tasks whose outcome is known (completed, or still open past the due instant); null when none. */
  onTimeRate: number | null;
  medianLatenessWorkingDays: number | null;
  worstLatenessWorkingDays: number | null;
  escalations: Record<'reminder' | 'overdue' | 'rectification' | 'government-report', number>;
}

export interface TaskFact {
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

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Lateness is counted in working days after the due instant, on the calendar in force. */
export function assess(calendar: Calendar, tasks: TaskFact[], escalations: EscalationFact[], now: Date): DepartmentAssessment[] {
  const byDepartment = new Map<string, DepartmentAssessment & { lateness: number[] }>();
  const entry = (departmentId: string) => {
    let a = byDepartment.get(departmentId);
    if (!a) {
      a = {
        departmentId,
        tasksDue: 0,
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
    if (t.status === 'cancelled' || t.staysOpen) continue;
    const a = entry(t.assigneeDepartmentId);
    a.tasksDue += 1;
    const end = t.completedAt ?? (t.dueAt < now ? now : undefined);
    if (!end) continue;
    if (end <= t.dueAt) {
      a.completedOnTime += 1;
      continue;
    }
    if (t.completedAt) a.completedLate += 1;
    else a.openOverdue += 1;
    a.lateness.push(calendar.workingDaysBetween(t.dueAt.toISOString(), end.toISOString(), t.jurisdiction));
  }
  for (const e of escalations) {
    const a = entry(e.departmentId);
    if (e.rung in a.escalations) a.escalations[e.rung as keyof DepartmentAssessment['escalations']] += 1;
  }
  return [...byDepartment.values()]
    .map(({ lateness, ...a }) => {
      const known = a.completedOnTime + a.completedLate + a.openOverdue;
      return {
        ...a,
        onTimeRate: known ? a.completedOnTime / known : null,
        medianLatenessWorkingDays: median(lateness),
        worstLatenessWorkingDays: lateness.length ? Math.max(...lateness) : null,
      };
    })
    .sort((x, y) => x.departmentId.localeCompare(y.departmentId));
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

const csvColumns = [
  'departmentId',
  'tasksDue',
  'completedOnTime',
  'completedLate',
  'openOverdue',
  'onTimeRate',
  'medianLatenessWorkingDays',
  'worstLatenessWorkingDays',
  'escalations.reminder',
  'escalations.overdue',
  'escalations.rectification',
  'escalations.government-report',
] as const;

export function assessmentCsv(rows: DepartmentAssessment[]): string {
  const value = (row: DepartmentAssessment, column: (typeof csvColumns)[number]) => {
    const v = column.startsWith('escalations.')
      ? row.escalations[column.slice('escalations.'.length) as keyof DepartmentAssessment['escalations']]
      : row[column as keyof DepartmentAssessment];
    return v === null ? '' : String(v);
  };
  return [csvColumns.join(','), ...rows.map((r) => csvColumns.map((c) => value(r, c)).join(','))].join('\r\n') + '\r\n';
}
