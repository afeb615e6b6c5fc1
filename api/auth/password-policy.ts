import { text, type Text } from '../problem-text';
/** Passwords too common to be allowed however long (the demo password among them). */
const common = new Set([
  'demo1234',
  'password',
  'password1',
  'password123',
  '12345678',
  '123456789',
  '1234567890',
  '1qaz2wsx3edc',
  'qwertyuiop',
  'abc123456',
  'a123456789',
  'admin123456',
  'iloveyou123',
  'woaini1314',
]);

/** The shortest new password accepted. */
export const minimumPasswordLength = 10;

/**
 * Why a new password is too weak, or undefined when it is acceptable: at least {@link minimumPasswordLength}
 * characters, letters and at least one digit or symbol, not the user name, not a common password.
 */
export function passwordWeakness(password: string, username: string): Text | undefined {
  if ([...password].length < minimumPasswordLength) return text(`至少 ${minimumPasswordLength} 个字符`, `must have at least ${minimumPasswordLength} characters`);
  if (!/\p{L}/u.test(password) || !/[^\p{L}]/u.test(password)) return text('须同时含有字母和数字或符号', 'must mix letters with digits or symbols');
  const lower = password.toLowerCase();
  if (lower.includes(username.toLowerCase())) return text('不能包含用户名', 'must not contain the user name');
  if (common.has(lower)) return text('过于常见，请换一个', 'is too common');
  return undefined;
}
