import { and, eq, or, sql } from 'drizzle-orm';
import { NATIONAL, type Calendar, type Deadline } from '../calendar';
import type { Db } from '../db/client';
import { tasks } from '../db/schema';

/** One day whose status a change of the calendar would alter. */
export interface DayChange {
  date: string;
  from: string;
  to: string;
}

/** An open task whose due date a change of the calendar would move. */
export interface TaskMove {
  taskId: string;
  requestId: string;
  jurisdiction: string;
  fromDue: string;
  toDue: string;
}

/** What a change of one year's calendar would move: its days, and the open deadlines that reach into it. */
export interface CalendarImpact {
  days: DayChange[];
  openTasks: number;
  /** The first 100 of them, soonest due first. */
  tasks: TaskMove[];
}

const kindOf = (cal: Calendar, date: string, jurisdiction: string) => {
  const s = cal.dayStatus(date, jurisdiction);
  return s.name ? `${s.kind} (${s.name})` : s.kind;
};

/** The same period on another calendar, its extensions applied again in order (as the workflows recompute it). */
function recompute(cal: Calendar, d: Deadline): Deadline {
  const extensions = d.extensions ?? [];
  const base = cal.deadline({ start: d.start, n: d.n - extensions.reduce((a, b) => a + b, 0), unit: d.unit, jurisdiction: d.jurisdiction });
  return extensions.reduce((x, n) => cal.extend(x, n), base);
}

/**
 * Compares the calendar in force with the one a change would give, for `year` of `jurisdiction`: the days that
 * would change and the open tasks whose due date would move (for the national schedule, in every jurisdiction;
 * for a region's, in that region only).
 */
export async function calendarImpact(db: Db, now: Calendar, next: Calendar, jurisdiction: string, year: number): Promise<CalendarImpact> {
  const days: DayChange[] = [];
  for (let m = 1; m <= 12; m++) {
    for (const day of now.month(`${year}-${String(m).padStart(2, '0')}`, jurisdiction)) {
      const from = kindOf(now, day.date, jurisdiction);
      const to = kindOf(next, day.date, jurisdiction);
      if (from !== to) days.push({ date: day.date, from, to });
    }
  }
  const rows = await db
    .select({ taskId: tasks.id, requestId: tasks.requestId, deadline: tasks.deadline })
    .from(tasks)
    .where(
      and(
        eq(tasks.status, 'open'),
        jurisdiction === NATIONAL ? undefined : sql`${tasks.deadline}->>'jurisdiction' = ${jurisdiction}`,
        or(
          sql`(${tasks.deadline}->>'provisional')::boolean`,
          and(sql`substr(${tasks.deadline}->>'startDate', 1, 4)::int <= ${year}`, sql`substr(${tasks.deadline}->>'due', 1, 4)::int >= ${year}`),
        ),
      ),
    )
    .orderBy(tasks.dueAt);
  const moves: TaskMove[] = [];
  for (const row of rows) {
    const d = row.deadline as unknown as Deadline;
    try {
      const to = recompute(next, d);
      if (to.due !== d.due) moves.push({ taskId: row.taskId, requestId: row.requestId, jurisdiction: d.jurisdiction, fromDue: d.due, toDue: to.due });
    } catch {
      // A deadline the calendar cannot recompute (out of range) stays as it is; the workflow would keep it too.
    }
  }
  return { days, openTasks: moves.length, tasks: moves.slice(0, 100) };
}
