import { hasWrittenText } from '../../rules/written-text';
import { text, type Text } from '../problem-text';

/**
 * The text rules every request meets before validation: what the database cannot store (NUL, lone UTF-16 surrogates),
 * what misleads a reader (C0/C1 controls, bidi overrides and isolates), and one spelling of each text (NFC, CRLF as
 * LF, trimmed of Unicode blank and format characters at both ends, and empty when nothing is written in it).
 */

/** Blank (Zs, Zl, Zp, line ends) and invisible format characters (Cf: U+200B, U+FEFF, …) at either end. */
const leadingBlank = /^[\s\p{Zs}\p{Zl}\p{Zp}\p{Cf}]+/u;
const trailingBlank = /[\s\p{Zs}\p{Zl}\p{Zp}\p{Cf}]+$/u;

/** A surrogate code unit not paired: in `u` mode a well-formed pair reads as one astral code point, not as Cs. */
const loneSurrogate = /\p{Cs}/u;
const bidiControl = /[\u202a-\u202e\u2066-\u2069]/;
/** C0 (but tab and line feed), DEL and C1. */
const controlInMultiLine = /[\u0001-\u0008\u000b-\u001f\u007f-\u009f]/;
const controlInSingleLine = /[\u0001-\u001f\u007f-\u009f]/;

/** Why the text cannot be taken, or undefined when it can. */
/** NUL in any text, key or header. */
export const nulRefused = text('不能含有 NUL 字符', 'must not contain NUL characters');

export function textProblem(value: string, multiLine: boolean): Text | undefined {
  if (value.includes('\u0000')) return nulRefused;
  if (loneSurrogate.test(value)) return text('含有不成对的 UTF-16 代理字符（不是有效的 Unicode 文本）', 'must not contain a lone UTF-16 surrogate (text that is not valid Unicode)');
  if (bidiControl.test(value)) {
    return text('不能含有双向文字覆盖或隔离控制符（U+202A–U+202E、U+2066–U+2069）', 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)');
  }
  if ((multiLine ? controlInMultiLine : controlInSingleLine).test(value)) {
    return multiLine
      ? text('除换行和制表符外不能含有控制字符', 'must not contain control characters other than line feed and tab')
      : text('不能含有控制字符（此项只能填一行）', 'must not contain control characters (one line of text)');
  }
  return undefined;
}

/**
 * The spelling the rules are checked on: NFC, CRLF as LF. Checked after this, so a CRLF sent by a Windows client is a
 * line feed (multi-line text) rather than a refused carriage return.
 */
export function unifyText(text: string): string {
  return text.normalize('NFC').replace(/\r\n/g, '\n');
}

/**
 * The one spelling of a text value that is stored: NFC, CRLF as LF, no blank or format characters at either end, and
 * the empty string when nothing is written in it (only blank, format, default-ignorable characters, Hangul fillers,
 * U+2800: `hasWrittenText`), so that a required text's `minLength` refuses it.
 */
export function normaliseText(text: string): string {
  const trimmed = unifyText(text).replace(leadingBlank, '').replace(trailingBlank, '');
  return hasWrittenText(trimmed) ? trimmed : '';
}

/** What a one-line label shown back to people must not hold: controls (C0, C1), format characters (bidi, zero-width …), lone surrogates, default-ignorables, line and paragraph separators. */
const notShown = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Default_Ignorable_Code_Point}]/gu;

/**
 * A header value we keep and show again (a session's User-Agent), made safe to store and echo: NFC, without control,
 * format and invisible characters, runs of blank as one space, trimmed, at most `max` code points; null when nothing
 * is left. Headers skip the body's text rules (they are refused only for NUL), so this is their rule.
 */
export function storableLabel(text: string | undefined | null, max: number): string | null {
  if (!text) return null;
  const cleaned = text.normalize('NFC').replace(notShown, '').replace(/\s+/gu, ' ').trim();
  const capped = Array.from(cleaned).slice(0, max).join('');
  return capped || null;
}
