/**
 * A step taken again after a return or a decision (`resumes`): its clock restarts from that event, which the article
 * it cites does not name. The article is then applied by analogy (参照), and the task says so. Pure.
 */
import type { Citation } from './citation.js';
import type { Bilingual, Resumption, StepRule } from './types.js';

/** What starts a task's clock, as the text says it (自收到申请之日起), or, for a resumed step, the restart by analogy. */
export interface ClockTrigger extends Bilingual {
  /** True when the step is resumed and its article applies by analogy. */
  byAnalogy?: boolean;
}

/** "第19条 (art. 19)" → "参照第19条 (art. 19, by analogy)". */
export function articleByAnalogy(article: string): string {
  const m = /^(.*?) \((.*)\)$/.exec(article);
  return m ? `参照${m[1]} (${m[2]}, applied by analogy)` : `参照${article} (applied by analogy)`;
}

/**
 * The citation of a resumed step: the same article, cited 参照 (by analogy), with a note that the article counts its
 * period from another event (`rule.clockStartsAt`) and that counting it from the restart is a local reading.
 */
export function citationByAnalogy(rule: Pick<StepRule, 'citation' | 'clockStartsAt'>, resumedBy: Resumption): Citation {
  const c = rule.citation;
  const note =
    `参照适用:该条的期限${rule.clockStartsAt.zh}计算;本步骤系${resumedBy.zh},期限参照该条计算,并非该条直接规定(本地政策)。` +
    ` / Applied by analogy: the article counts its period ${rule.clockStartsAt.en}; this step is taken again (${resumedBy.en}), so its period follows the article by analogy, not as the article sets it (local policy).`;
  return { ...c, article: articleByAnalogy(c.article), byAnalogy: true, note: c.note ? `${note} ${c.note}` : note };
}

/** The legal trigger of a step's clock; for a resumed step, the restart, marked as by analogy. */
export function clockTrigger(rule: Pick<StepRule, 'citation' | 'clockStartsAt'>, resumedBy?: Resumption): ClockTrigger {
  if (!resumedBy) return { zh: rule.clockStartsAt.zh, en: rule.clockStartsAt.en };
  const article = articleByAnalogy(rule.citation.article);
  const m = /^(.*?) \((.*)\)$/.exec(article);
  const [zhArticle, enArticle] = m ? [m[1], m[2]] : [article, article];
  return {
    zh: `${resumedBy.zh}(${zhArticle}:该条的期限原${rule.clockStartsAt.zh}计算)`,
    en: `${resumedBy.en} (${enArticle}: the article counts its period ${rule.clockStartsAt.en})`,
    byAnalogy: true,
  };
}
