/**
 * Item 19: the Civil Code's rules on computing periods (art. 201: the day of the event is not counted; art. 203: the
 * period ends at 24:00 of its last day, a last day off rolls over) govern civil periods; for the administrative periods
 * of these texts they are applied by analogy (参照适用). Every explanation of a deadline cites them so, in each language.
 */
import { describe, expect, it } from 'vitest';
import { nationalCalendar as cal } from '../../calendar/index.js';

const rules = [
  ['3 working days', cal.deadline({ start: '2025-09-28', n: 3, jurisdiction: 'hebei' }).rule],
  ['15 natural days over a holiday', cal.deadline({ start: '2025-09-16', n: 15, unit: 'days' }).rule],
  ['extended working days', cal.extend(cal.deadline({ start: '2025-09-28', n: 10 }), 10).rule],
  ['extended natural days', cal.extend(cal.deadline({ start: '2025-09-16', n: 15, unit: 'days' }), 5).rule],
] as const;

describe('the Civil Code is cited as applied by analogy', () => {
  it.each(rules)('%s: every Chinese citation says 参照适用, every English one "applied by analogy"', (_name, rule) => {
    const zhCitations = rule.match(/《中华人民共和国民法典》/g) ?? [];
    expect(zhCitations.length).toBeGreaterThan(0);
    expect(rule.match(/参照适用《中华人民共和国民法典》/g)).toHaveLength(zhCitations.length);
    const enCitations = rule.match(/\((?:Civil Code )?art\. 20[13][^)]*\)/g) ?? [];
    expect(enCitations).toEqual(['(Civil Code art. 201, applied by analogy)', '(Civil Code art. 203, applied by analogy)']);
  });
});
