/**
 * Civil Code art. 203: a period ends at 24:00 of its last day. `endsAt` stores that instant as the next day's 00:00,
 * which may be a holiday (2025-10-01); an escalation firing then is shown as 24:00 of the last day, as the web app does.
 */
import { describe, expect, it } from 'vitest';
import { formatPeriodEnd, nationalCalendar as cal } from '../../calendar/index.js';

describe('the end of a period reads as 24:00 of its last day', () => {
  it('formatPeriodEnd shows 00:00 of D+1 as D 24:00, and any other instant as it is', () => {
    expect(formatPeriodEnd('2025-10-01T00:00:00+08:00')).toBe('2025-09-30 24:00');
    expect(formatPeriodEnd('2025-09-30T16:00:00Z')).toBe('2025-09-30 24:00');
    expect(formatPeriodEnd('2025-10-01T09:30:00+08:00')).toBe('2025-10-01 09:30');
    expect(formatPeriodEnd('2025-10-01T00:00:01+08:00')).toBe('2025-10-01 00:00');
    expect(() => formatPeriodEnd('2025-10-01')).toThrow(/instant/);
  });

  it('the rule names the end as 24:00 of the due day, in both languages, and says escalations fire then', () => {
    // Fri 2025-09-26 + 3 WD (Sun 28 is a make-up day): due Tue 2025-09-30, whose 24:00 is 00:00 of National Day.
    const d = cal.deadline({ start: '2025-09-26', n: 3 });
    expect(d).toMatchObject({ due: '2025-09-30', endsAt: '2025-10-01T00:00:00+08:00' });
    expect(d.rule).toContain('本期间于2025年9月30日24时（北京时间）届满，到期的督办节点在此刻触发。');
    expect(d.rule).toContain('This period ends at 2025-09-30 24:00 Beijing time (the instant 2025-10-01T00:00:00+08:00); escalations due at the end fire at that instant.');
    expect(d.rule).not.toContain('2025年10月1日');
  });

  it('an extension states the new end', () => {
    const e = cal.extend(cal.deadline({ start: '2025-09-26', n: 3 }), 1);
    expect(e.due).toBe('2025-10-09');
    expect(e.rule).toContain('2025年10月9日24时');
    expect(e.rule).toContain('2025-10-09 24:00');
  });

  it('the last supported day still has its 24:00', () => {
    expect(cal.deadline({ start: '2035-12-30', n: 1 }).rule).toContain('2035-12-31 24:00');
  });
});
