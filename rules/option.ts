/**
 * A party's option (to complete a returned request, to object, to answer a verification) as a task states it: whether
 * it lapses when its period ends, into which decision, on what authority; and the reminders it gets instead of an
 * escalation ladder. Pure.
 */
import type { Citation } from './citation.js';
import type { LadderRung } from './ladder.js';
import type { Decision, EscalationPolicy, OptionRule, PeriodBasis } from './types.js';

/** What an option's task says happens when its period ends, in both languages, each complete on its own. */
export type OptionTerms =
  | {
      /** The option stays open until the party chooses: the text sets no time limit. */
      lapses: false;
      zh: string;
      en: string;
    }
  | {
      /** When the period ends the step is taken as completed with `decision`. */
      lapses: true;
      decision: Decision;
      /** `law` where the text sets the period and the consequence; otherwise local policy. */
      basis: PeriodBasis;
      zh: string;
      en: string;
    };

/** The terms of an option under its pack: open unless the lapse applies (law, or local policy a jurisdiction turned on). */
export function optionTerms(option: OptionRule): OptionTerms {
  const l = option.lapse;
  if (!l.applies) return { lapses: false, zh: option.open.zh, en: option.open.en };
  if (l.basis === 'policy') {
    return {
      lapses: true,
      decision: l.decision,
      basis: 'policy',
      zh: `本地政策(并非法定后果):${l.zh}。期满前提醒。`,
      en: `Local policy (not a consequence the text sets): ${l.en}. A reminder goes out before the period ends.`,
    };
  }
  return {
    lapses: true,
    decision: l.decision,
    basis: l.basis,
    zh: `${l.zh}(${l.citation.article})。`,
    en: `${l.en} (${l.citation.article}).`,
  };
}

/**
 * The terms of a case started before options stayed open: its option still lapses as the local policy of the time
 * had it (patched('options-stay-open') in workflows/case-runtime.ts), and the task says so.
 */
export function legacyOptionTerms(option: OptionRule): OptionTerms {
  const l = option.lapse;
  return {
    lapses: true,
    decision: l.decision,
    basis: 'policy',
    zh: `本案开始时适用的本地政策(并非法定后果):${l.zh}。`,
    en: `The local policy in force when this case began (not a consequence the text sets): ${l.en}.`,
  };
}

/**
 * An option's ladder: a reminder to the party only (if the pack reminds at all), never an overdue notice, a
 * rectification notice or a report — not taking an option is no breach. Its text says what happens at the end.
 */
export function optionLadder(policy: EscalationPolicy, terms: OptionTerms, citation: Citation): LadderRung[] {
  const before = policy.reminderBefore.value;
  if (before.n <= 0) return [];
  return [
    {
      rung: 'reminder',
      basis: 'policy',
      before,
      to: ['assignee'],
      zh: `提醒:该选项的建议期限即将届满(提醒时点为本地政策)。${terms.zh}`,
      en: `Reminder: the suggested period for this option is about to end (the reminder's timing is local policy). ${terms.en}`,
      citation,
      title: terms.lapses
        ? { zh: '选项期限即将届满，届满即按规定处理', en: "An option's period is ending; at its end it lapses as stated" }
        : { zh: '选项的建议期限即将届满（该选项保持开放）', en: "An option's suggested period is ending (the option stays open)" },
    },
  ];
}
