/** Where a figure comes from: the text, its article, and the wording in both languages. */
export interface Citation {
  /** The rule pack / text, e.g. `hebei-2023`. */
  source: string;
  article: string;
  textZh: string;
  textEn: string;
  /** Set when the figure is local policy rather than law, or comes from the draft because the promulgated text is not in our sources. */
  note?: string;
  /** The Chinese is our back-translation from an English source, not the original text (Hebei 2016, parts of Anhui). */
  zhBackTranslated?: boolean;
  /** The article is applied by analogy (参照) to a step it does not itself govern (a step resumed after a return). */
  byAnalogy?: boolean;
}
