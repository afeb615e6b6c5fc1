import { ApiError } from './api';
import type { Lang, Translate } from './i18n';

/**
 * What went wrong, in the interface's language only: the API's own words (it says every refusal in Chinese and in
 * English), the network message when the server was not reached, and a plain sentence for anything else — never an
 * English exception text in Chinese mode.
 */
export function errorText(error: unknown, lang: Lang, t: Translate): string {
  if (error instanceof ApiError) return error.status === 0 ? t('networkError') : error.text(lang);
  return lang === 'zh' ? t('unexpectedError') : ((error as Error)?.message ?? String(error));
}
