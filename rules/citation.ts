/** Where a figure comes from: the text, its article, and the wording in both languages. */
export interface Citation {
  /** The rule pack / text, e.g. `hebei-2023`. */
  source: string;
  article: string;
  textZh: string;
  textEn: string;
  /** Set when the figure is local policy rather than law, or comes from the draft because the promulgated text is not in our sources. */
  note?: string;
}
