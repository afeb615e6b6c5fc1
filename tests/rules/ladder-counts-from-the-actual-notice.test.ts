/**
 * Item 7: a rung never fires before the previous rung's time limit has really run. The rectification time limit runs
 * from when the notice was actually issued (Anhui art. 43: 通知限期整改; 逾期未改正的, 上报本级人民政府), so a backdated
 * case or an outage that delays a notice delays everything after it.
 */
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar/index.js';
import { dutyHolderOf, getPack, ladderFor, planLadder, step } from '../../rules/index.js';

const pack = getPack('anhui-2021');
const s = step(pack, 'conditional-share', 'provider-reply');
const ladder = ladderFor(pack.policy.escalation, { holder: dutyHolderOf(s.actor), periodBasis: s.periodBasis });
const wd = (start: string, n: number) => nationalCalendar.deadline({ start, n, unit: 'working-days', jurisdiction: 'anhui' }).endsAt;
const utc = (instant: string) => new Date(instant).toISOString();

describe('planLadder', () => {
  // Received Tuesday 2025-11-04: 7 WD → due Thursday 2025-11-13, ends 24:00.
  const deadline = nationalCalendar.deadline({ start: '2025-11-04T10:00:00+08:00', n: 7, unit: 'working-days', jurisdiction: 'anhui' });

  it('on time: each later rung counted from the one before it', () => {
    const p = planLadder(ladder, deadline);
    const at = Object.fromEntries(p.map((r) => [r.rung, r.at]));
    expect(at.overdue).toBe(utc(deadline.endsAt));
    expect(at.rectification).toBe(utc(wd(deadline.endsAt, 2)));
    expect(at['government-report']).toBe(utc(wd(wd(deadline.endsAt, 2), 5)));
    expect(p.find((r) => r.rung === 'rectification')!.timeLimitEndsAt).toBe(wd(wd(deadline.endsAt, 2), 5));
  });

  it('a backdated case: its overdue notice goes out weeks late, and the rectification waits its grace from that notice', () => {
    const overdueFired = '2025-12-10T03:15:00.000Z'; // Wednesday 11:15 in Beijing, when the case was registered
    const p = planLadder(ladder, deadline, { overdue: overdueFired });
    const rect = p.find((r) => r.rung === 'rectification')!;
    expect(rect.at).toBe(utc(wd(overdueFired, 2))); // end of Friday 2025-12-12, not at once
    expect(Date.parse(rect.at)).toBeGreaterThan(Date.parse(overdueFired) + 2 * 86_400_000);
    expect(p.find((r) => r.rung === 'government-report')!.at).toBe(utc(wd(wd(overdueFired, 2), 5)));
  });

  it('an outage delays the rectification notice: its time limit, and the report, run from the notice actually issued', () => {
    const planned = planLadder(ladder, deadline);
    const plannedRect = planned.find((r) => r.rung === 'rectification')!.at;
    const issued = new Date(Date.parse(plannedRect) + 3 * 86_400_000 + 5 * 3_600_000).toISOString();
    const p = planLadder(ladder, deadline, { overdue: planned.find((r) => r.rung === 'overdue')!.at, rectification: issued });
    const rect = p.find((r) => r.rung === 'rectification')!;
    expect(rect.at).toBe(plannedRect); // its own plan is unchanged…
    expect(rect.timeLimitEndsAt).toBe(wd(issued, 5)); // …but the time limit runs from the real notice
    const report = p.find((r) => r.rung === 'government-report')!;
    expect(report.at).toBe(utc(wd(issued, 5)));
    expect(Date.parse(report.at)).toBeGreaterThan(Date.parse(planned.find((r) => r.rung === 'government-report')!.at));
  });

  it('通报批评 and the report both follow the unheeded time limit, criticism first (Hebei draft art. 39, 41)', () => {
    const hb = getPack('hebei-2023');
    const r = step(hb, 'conditional-share', 'provider-reply');
    const l = ladderFor(hb.policy.escalation, { holder: 'department', periodBasis: r.periodBasis });
    const d = nationalCalendar.deadline({ start: '2025-11-04T10:00:00+08:00', n: 5, unit: 'working-days', jurisdiction: 'hebei' });
    const p = planLadder(l, d);
    const at = Object.fromEntries(p.map((x) => [x.rung, x.at]));
    expect(at['circular-criticism']).toBe(utc(wd(wd(d.endsAt, 2), 5)));
    expect(at['government-report']).toBe(at['circular-criticism']);
    const late = '2026-01-05T02:00:00.000Z';
    const after = planLadder(l, d, { overdue: at.overdue!, rectification: at.rectification!, 'circular-criticism': late });
    expect(after.find((x) => x.rung === 'government-report')!.at).toBe(late);
  });
});
