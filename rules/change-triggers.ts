/**
 * What starts a catalogue change: the causes each text names. The period runs from the day of the change itself
 * (自变化之日起 / 自变更之日起), so a case states that day; a cause the text does not name is refused, unless the text's
 * list is open (等原因 / 等事项). Pure: safe in workflow code.
 */
import type { Citation } from './citation.js';
import type { Bilingual } from './types.js';

/** The causes of a catalogue change the texts name. */
export const CHANGE_TRIGGERS = ['law-change', 'duty-change', 'institutional-reform', 'other'] as const;
/** A value of {@link CHANGE_TRIGGERS}. */
export type ChangeTrigger = (typeof CHANGE_TRIGGERS)[number];

/** What each cause is called. */
export const changeTriggerLabels: Readonly<Record<ChangeTrigger, Bilingual>> = {
  'law-change': { zh: '法律、法规、规章调整或修改', en: 'A law, regulation or rule was adjusted or amended' },
  'duty-change': { zh: '职责（职能）变化', en: 'The department’s duties changed' },
  'institutional-reform': { zh: '机构改革', en: 'Institutional reform' },
  other: { zh: '其他原因', en: 'Another cause' },
};

/** The causes a text admits for a catalogue change, and where it says so. */
export interface ChangeTriggerRule {
  readonly allowed: readonly ChangeTrigger[];
  readonly citation: Citation;
}

/** Why a stated cause is refused under `rule`, or null when the text admits it. */
export function checkChangeTrigger(rule: ChangeTriggerRule, trigger: string): string | null {
  if ((rule.allowed as readonly string[]).includes(trigger)) return null;
  const where = `${rule.citation.source} ${rule.citation.article}`;
  const named = rule.allowed.map((t) => changeTriggerLabels[t]);
  return `${where} names only: ${named.map((n) => n.en).join('; ')} / ${where} 仅规定：${named.map((n) => n.zh).join('；')}`;
}
