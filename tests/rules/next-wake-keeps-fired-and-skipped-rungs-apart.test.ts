/**
 * What a task's ladder does next, without Temporal: the first rung neither sent nor passed over, at its instant; a
 * reminder whose deadline has already passed is passed over (skipped, with why), never counted as sent; an option
 * that lapses lapses at the due instant before any rung planned at or after it.
 */
import { describe, expect, it } from 'vitest';
import { nationalCalendar } from '../../calendar/index.js';
import { dutyHolderOf, getPack, ladderFor, nextWake, planStepLadder, SKIP_REASONS, step, type LadderProgress } from '../../rules/index.js';

const pack = getPack('anhui-2021');
const s = step(pack, 'conditional-share', 'provider-reply');
const ladderRungs = ladderFor(pack.policy.escalation, { holder: dutyHolderOf(s.actor), periodBasis: s.periodBasis });
// Received Tuesday 2025-11-04: 7 working days → due Thursday 2025-11-13, ends at its 24:00.
const deadline = nationalCalendar.deadline({ start: '2025-11-04T10:00:00+08:00', n: 7, unit: 'working-days', jurisdiction: 'anhui' });
const none: LadderProgress = { fired: {}, skipped: [] };
const planned = (fired: LadderProgress['fired'] = {}) => planStepLadder(nationalCalendar, deadline, ladderRungs, fired);
const ms = (instant: string) => Date.parse(instant);

describe('nextWake', () => {
  it('the ladder this test relies on starts with a reminder before the deadline, then the overdue notice at it', () => {
    const [reminder, overdue] = planned();
    expect(reminder!.rung).toBe('reminder');
    expect(ms(reminder!.at)).toBeLessThan(ms(deadline.endsAt));
    expect(overdue!.rung).toBe('overdue');
    expect(ms(overdue!.at)).toBe(ms(deadline.endsAt));
  });

  it('before anything is due: waits for the reminder at its planned instant, skipping nothing', () => {
    const ladder = planned();
    const wake = nextWake(ladder, none, deadline, ms('2025-11-05T09:00:00+08:00'));
    expect(wake).toEqual({ kind: 'fire', rung: ladder[0], at: ms(ladder[0]!.at), skip: [] });
  });

  it('a reminder that is already due (its instant passed, the deadline not) still goes out, at once', () => {
    const ladder = planned();
    const now = ms(ladder[0]!.at) + 3_600_000;
    const wake = nextWake(ladder, none, deadline, now);
    expect(wake.kind).toBe('fire');
    expect(wake.kind === 'fire' && wake.rung.rung).toBe('reminder');
    expect(wake.skip).toEqual([]);
  });

  it('once the deadline has passed, an unsent reminder is skipped with why — not reported as sent — and the overdue notice is next', () => {
    const ladder = planned();
    const now = ms(deadline.endsAt) + 60_000;
    const wake = nextWake(ladder, none, deadline, now);
    expect(wake.skip).toEqual([{ rung: 'reminder', at: new Date(now).toISOString(), why: SKIP_REASONS.deadlinePassed }]);
    expect(wake.kind === 'fire' && wake.rung.rung).toBe('overdue');
    expect(wake.skip.map((r) => r.rung)).not.toContain('overdue');
  });

  it('a skipped reminder is not skipped again, and a sent rung is not sent again', () => {
    const ladder = planned({ overdue: deadline.endsAt });
    const progress: LadderProgress = {
      fired: { overdue: new Date(deadline.endsAt).toISOString() },
      skipped: [{ rung: 'reminder', at: deadline.endsAt, why: SKIP_REASONS.deadlinePassed }],
    };
    const wake = nextWake(ladder, progress, deadline, ms(deadline.endsAt) + 60_000);
    expect(wake.skip).toEqual([]);
    expect(wake.kind === 'fire' && wake.rung.rung).toBe('rectification');
  });

  it('every rung behind the task: idle until something changes', () => {
    const ladder = planned();
    const fired = Object.fromEntries(ladder.map((r) => [r.rung, r.at]));
    expect(nextWake(ladder, { fired, skipped: [] }, deadline, ms('2026-03-01T00:00:00Z'))).toEqual({ kind: 'idle', skip: [] });
  });

  it('an option that lapses: its reminder first, then the lapse at the due instant instead of the rungs after it', () => {
    const ladder = planned();
    const early = nextWake(ladder, none, deadline, ms('2025-11-05T09:00:00+08:00'), { lapses: true });
    expect(early.kind === 'fire' && early.rung.rung).toBe('reminder');
    const afterReminder = nextWake(ladder, { fired: { reminder: ladder[0]!.at }, skipped: [] }, deadline, ms(ladder[0]!.at), { lapses: true });
    expect(afterReminder).toEqual({ kind: 'lapse', at: ms(deadline.endsAt), skip: [] });
  });

  it('an option that lapses, reached after its deadline: the reminder is skipped with why and the lapse is due at once', () => {
    const ladder = planned();
    const now = ms(deadline.endsAt) + 1;
    const wake = nextWake(ladder, none, deadline, now, { lapses: true });
    expect(wake.kind).toBe('lapse');
    expect(wake.kind === 'lapse' && wake.at).toBeLessThan(now);
    expect(wake.skip.map((r) => r.rung)).toEqual(['reminder']);
  });

  it('no ladder at all (an option of a case from before the ladder): idle, or the lapse when it lapses', () => {
    expect(nextWake([], none, deadline, 0)).toEqual({ kind: 'idle', skip: [] });
    expect(nextWake([], none, deadline, 0, { lapses: true })).toEqual({ kind: 'lapse', at: ms(deadline.endsAt), skip: [] });
  });
});
