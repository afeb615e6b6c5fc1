/**
 * The festivals a holiday schedule can name, with their Chinese and English names.
 * A year schedule refers to them by id, so names stay identical across years.
 */
export const FESTIVALS = {
  newYear: { zh: '元旦', en: "New Year's Day" },
  springFestival: { zh: '春节', en: 'Spring Festival' },
  qingming: { zh: '清明节', en: 'Qingming Festival' },
  labourDay: { zh: '劳动节', en: 'Labour Day' },
  dragonBoat: { zh: '端午节', en: 'Dragon Boat Festival' },
  midAutumn: { zh: '中秋节', en: 'Mid-Autumn Festival' },
  nationalDay: { zh: '国庆节', en: 'National Day' },
  nationalDayMidAutumn: { zh: '国庆节、中秋节', en: 'National Day and Mid-Autumn Festival' },
  eidAlFitr: { zh: '肉孜节', en: 'Eid al-Fitr (Rozi)' },
  corban: { zh: '古尔邦节', en: 'Eid al-Adha (Corban)' },
} as const;

/** Id of a festival in {@link FESTIVALS}. */
export type FestivalId = keyof typeof FESTIVALS;

/** True when `id` names a festival in {@link FESTIVALS}. */
export function isFestivalId(id: unknown): id is FestivalId {
  return typeof id === 'string' && Object.prototype.hasOwnProperty.call(FESTIVALS, id);
}

/** The bilingual display name of a festival, e.g. `国庆节 National Day`. */
export function festivalName(id: FestivalId): string {
  const f = FESTIVALS[id];
  return `${f.zh} ${f.en}`;
}
