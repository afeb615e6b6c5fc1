/** Catalogue change under the Hebei Measures: news summary (2023) and draft art. 11. */
import { policyNote, wd } from '../../build.js';
import type { StepRule } from '../../types.js';
import { correctUpdate } from '../common-steps.js';
import { art11, news } from './texts.js';
import { DRAFT_BASIS, HEBEI_OWN_TEXT, draftCite, newsCite, type HebeiVariant } from './variant.js';

/** Update within 10 WD of the change (+10 WD promulgated / +20 WD draft), review 10 WD (draft), correction after a return. */
export function catalogueChange(v: HebeiVariant): StepRule[] {
  const promulgated = v === 'hebei-2023';
  return [
    {
      id: 'submit-update',
      actor: 'provider',
      role: 'provider',
      titleZh: '更新目录并报送审核',
      titleEn: 'Update the catalogue and submit it for review',
      clockStartsAt: { at: 'change', zh: '自变化之日起', en: 'from the day of the change' },
      period: wd(10),
      periodBasis: promulgated ? 'law' : DRAFT_BASIS,
      extension: promulgated
        ? { max: wd(10), approvedBy: 'authority', basis: 'law', citation: newsCite(news.extension) }
        : { max: wd(20), approvedBy: 'authority', basis: DRAFT_BASIS, citation: draftCite(v, 11, art11.extension) },
      decisions: ['submitted'],
      reasonRequiredFor: [],
      citation: promulgated ? newsCite(news.update) : draftCite(v, 11, art11.update),
    },
    {
      id: 'review-update',
      actor: 'authority',
      role: 'authority-reviewer',
      titleZh: '审核更新后的目录',
      titleEn: 'Review the updated catalogue',
      clockStartsAt: { at: 'submit-update', zh: '自收到更新后的目录之日起', en: 'from receipt of the updated catalogue' },
      period: wd(10),
      periodBasis: DRAFT_BASIS,
      decisions: ['approve', 'return'],
      reasonRequiredFor: ['return'],
      citation: draftCite(v, 11, art11.review),
    },
    correctUpdate({
      citation: draftCite(
        v,
        11,
        art11.review,
        policyNote({ zh: '第十一条未规定退回后的修改期限', en: 'art. 11 gives no period for correcting a returned update' }),
      ),
      ownText: HEBEI_OWN_TEXT,
    }),
  ];
}
