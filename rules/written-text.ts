/**
 * Nothing written: blank (Zs, Zl, Zp, line ends), invisible format characters (Cf: U+200B, U+FEFF, …), every Unicode
 * default-ignorable code point (the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors, U+034F, …)
 * and U+2800 BRAILLE PATTERN BLANK, which renders as a blank cell. The fillers are listed although they are
 * default-ignorable, so that a reader sees them named.
 */
export const nothingWrittenCharacter = /[\s\p{Zs}\p{Zl}\p{Zp}\p{Cf}\p{Default_Ignorable_Code_Point}\u2800\u115f\u1160\u3164\uffa0]/u;
const nothingWritten = new RegExp(`^${nothingWrittenCharacter.source}*$`, 'u');

/**
 * What counts as written: a letter, a digit, a punctuation mark or a symbol that shows — not a combining mark alone
 * (U+0301 has nothing to sit on), a private-use or unassigned code point (nothing a reader can read), nor the
 * replacement and object-replacement characters.
 */
const readable = /[\p{L}\p{N}\p{P}\p{S}]/u;
const unreadable = /[\u2800\u115f\u1160\u3164\uffa0\ufffc\ufffd]/gu;

/**
 * True when the text has something written in it, not only blank, format, invisible or unreadable characters: a
 * zero-width space, a Hangul filler or a run of combining accents is not "written reasons". Pure, so the workflow
 * validators and the API use the same test.
 */
export function hasWrittenText(text: string | undefined | null): boolean {
  return !!text && !nothingWritten.test(text) && readable.test(text.replace(unreadable, ''));
}
