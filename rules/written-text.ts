/** Blank (Zs, Zl, Zp, line ends) and invisible format characters (Cf: U+200B, U+FEFF, …): nothing written. */
const blankOrFormat = /^[\s\p{Zs}\p{Zl}\p{Zp}\p{Cf}]*$/u;

/**
 * True when the text has something written in it, not only blank or format characters: a zero-width space is not
 * "written reasons". Pure, so the workflow validators and the API use the same test.
 */
export function hasWrittenText(text: string | undefined | null): boolean {
  return !!text && !blankOrFormat.test(text);
}
