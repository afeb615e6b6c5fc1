/** Renders a component of the web app to HTML in a language, without a browser (react-dom/server). */
import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nProvider, type Lang } from '../../ui/src/i18n';

// The provider reads the language remembered in the browser: a storage of our own stands in for it.
const store = new Map<string, string>();
globalThis.localStorage = {
  getItem: (k: string) => store.get(k) ?? null,
  setItem: (k: string, v: string) => void store.set(k, v),
} as Storage;

export function renderIn(lang: Lang, element: ReactElement): string {
  store.set('gds.lang', lang);
  return renderToStaticMarkup(createElement(I18nProvider, null, element));
}
