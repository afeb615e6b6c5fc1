/**
 * A step whose period reaches 2027 (no State Council notice yet) is provisional; the preview says what was assumed:
 * the statutory days off of the holiday measures (Order No. 795) and weekends, the 调休 not yet published.
 */
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { getPack, previewTimeline } from '../../rules/index.js';

const RECEIVED = '2026-12-28T10:00:00+08:00';

describe('a preview reaching an unpublished year', () => {
  it('gives each provisional step its provisionalReason, and none to a definitive one', () => {
    const steps = previewTimeline(getPack('hebei-2023'), 'conditional-share', RECEIVED);
    // review-forward: 3 WD from Mon 2026-12-28: 29, 30, 31 Dec — all in 2026, definitive.
    expect(steps[0]).toMatchObject({ stepId: 'review-forward', due: '2026-12-31', provisional: false });
    expect(steps[0]!.provisionalReason).toBeUndefined();
    // provider-reply: 5 WD from 12-31: (元旦 Fri 2027-01-01, weekend) 4, 5, 6, 7, 8 Jan.
    expect(steps[1]).toMatchObject({ stepId: 'provider-reply', due: '2027-01-08', provisional: true });
    expect(steps[1]!.provisionalReason).toContain('2027: statutory days off counted');
    expect(steps[1]!.provisionalReason).toContain('调休尚未公布');
  });

  it('the rules CLI prints it too', () => {
    const out = JSON.parse(
      execFileSync('npx', ['tsx', 'rules/cli.ts', 'preview', '--pack', 'hebei-2023', '--process', 'conditional-share', '--received', RECEIVED], {
        encoding: 'utf8',
      }),
    ) as { steps: Array<{ stepId: string; provisionalReason?: string }> };
    expect(out.steps.find((s) => s.stepId === 'provider-reply')?.provisionalReason).toMatch(/the date may move/);
  });
});
