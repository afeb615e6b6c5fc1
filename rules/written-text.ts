/**
 * Nothing written: blank (Zs, Zl, Zp, line ends), invisible format characters (Cf: U+200B, U+FEFF, …), every Unicode
 * default-ignorable code point (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors, U+034F, …)
 * and U+2800 BRAILLE PATTERN BLANK, which renders as a blank cell. The fillers are listed although they are
 * default-ignorable, so that a reader sees them named.
 */
export const nothingWrittenCharacter = /[\s\p{Zs}\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\u115f\u1160\u3164\uffa0]/u;
const nothingWritten = new RegExp(`^${nothingWrittenCharacter.source}*$`, 'u');

/**
 * True when the text has something written in it, not only blank, format or invisible characters: a zero-width space
 * or a Hangul filler is not "written reasons". Pure, so the workflow validators and the API use the same test.
 */
export function hasWrittenText(text: string | undefined | null): boolean {
  return !!text && !nothingWritten.test(text);
}
