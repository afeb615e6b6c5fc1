import type { Calendar, Deadline } from '../calendar';
import type { EscalationRung } from '../db/schema';

/** The local-policy figures of an escalation ladder (the statutes name the rungs, not their timing). */
export interface LadderPolicy {
  /** Working days before the due instant that the reminder goes out. */
  reminderWorkingDays: number;
  /** Working days after the due instant before the notice to rectify (Anhui art. 43; Hebei draft art. 39). */
  graceWorkingDays: number;
  /** The rectification notice's own time limit, after which the people's government is told. */
  rectificationWorkingDays: number;
}

export interface PlannedRung {
  rung: EscalationRung;
  /** ISO instant the rung fires. */
  at: string;
  /** How `at` was computed, for the people who receive it. */
  explanation: { zh: string; en: string; deadline?: Deadline };
}

const DAY_MS = 86_400_000;

function shanghaiDate(instantMs: number): string {
  return new Date(instantMs + 8 * 3_600_000).toISOString().slice(0, 10);
}

function endOfDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00+08:00`) + DAY_MS).toISOString();
}

/** The working day before `date`. */
function previousWorkingDay(calendar: Calendar, date: string, jurisdiction: string): string {
  let ms = Date.parse(`${date}T12:00:00+08:00`);
  for (let i = 0; i < 60; i++) {
    ms -= DAY_MS;
    const d = shanghaiDate(ms);
    if (calendar.isWorkingDay(d, jurisdiction)) return d;
  }
  throw new Error(`no working day in the 60 days before ${date}`);
}

/** Every rung of a step's ladder, in order, from its deadline and the pack's policy. */
export function planLadder(calendar: Calendar, deadline: Deadline, policy: LadderPolicy): PlannedRung[] {
  const j = deadline.jurisdiction;
  const rungs: PlannedRung[] = [];
  if (policy.reminderWorkingDays > 0) {
    let day = deadline.due;
    for (let i = 0; i < policy.reminderWorkingDays; i++) day = previousWorkingDay(calendar, day, j);
    rungs.push({
      rung: 'reminder',
      at: endOfDay(day),
      explanation: {
        zh: `届满前${policy.reminderWorkingDays}个工作日提醒（${day}24时，本地政策）`,
        en: `Reminder ${policy.reminderWorkingDays} working day(s) before the due instant (24:00 of ${day}; local policy)`,
      },
    });
  }
  rungs.push({
    rung: 'overdue',
    at: new Date(deadline.endsAt).toISOString(),
    explanation: { zh: `期限于${deadline.due}24时届满`, en: `The period ended at 24:00 of ${deadline.due}`, deadline },
  });
  const grace = calendar.deadline({ start: deadline.due, n: policy.graceWorkingDays, unit: 'working-days', jurisdiction: j });
  rungs.push({
    rung: 'rectification',
    at: new Date(grace.endsAt).toISOString(),
    explanation: {
      zh: `逾期后${policy.graceWorkingDays}个工作日仍未办理，通知限期整改（本地政策；《安徽省政务数据资源管理办法》第四十三条、河北征求意见稿第三十九条）`,
      en: `Still not done ${policy.graceWorkingDays} working day(s) after the due instant: notice to rectify within a time limit (local policy; Anhui art. 43, Hebei draft art. 39)`,
      deadline: grace,
    },
  });
  const limit = calendar.deadline({ start: grace.due, n: policy.rectificationWorkingDays, unit: 'working-days', jurisdiction: j });
  rungs.push({
    rung: 'government-report',
    at: new Date(limit.endsAt).toISOString(),
    explanation: {
      zh: `整改期限（${policy.rectificationWorkingDays}个工作日）届满仍未办理，报告本级人民政府（《安徽省政务数据资源管理办法》第四十三条）`,
      en: `The rectification limit (${policy.rectificationWorkingDays} working days) passed: reported to the people's government at the same level (Anhui art. 43)`,
      deadline: limit,
    },
  });
  return rungs;
}
