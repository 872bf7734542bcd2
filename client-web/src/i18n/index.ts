// Spanish first, English switchable. Each area registers its own dictionary (i18n/<area>.ts) so
// views can be written side by side; keys are namespaced by area ("relator.capture").
import { signal } from '@preact/signals';

export type Lang = 'es' | 'en';
export type Dictionary = Record<string, string>;

const stored = typeof localStorage !== 'undefined' ? localStorage.getItem('encuentro.lang') : null;
/** The interface language; persisted per device. */
export const lang = signal<Lang>(stored === 'en' ? 'en' : 'es');

const dictionaries: Record<Lang, Dictionary> = { es: {}, en: {} };

/** Adds an area's strings. Both languages must have the same keys (a unit test checks it). */
export function register(es: Dictionary, en: Dictionary): void {
  Object.assign(dictionaries.es, es);
  Object.assign(dictionaries.en, en);
}

/** The string for `key` in the current language, with `{name}` placeholders filled. A missing
 *  key shows itself, so it is noticed. Reading `lang` here makes components re-render on switch. */
export function t(key: string, params?: Record<string, string | number>): string {
  const text = dictionaries[lang.value][key] ?? dictionaries.es[key] ?? key;
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (_, name: string) =>
    name in params ? String(params[name]) : `{${name}}`,
  );
}

export function setLang(next: Lang): void {
  lang.value = next;
  localStorage.setItem('encuentro.lang', next);
  document.documentElement.lang = next;
}

/** Every registered key, per language (for the completeness test). */
export function allKeys(): Record<Lang, string[]> {
  return { es: Object.keys(dictionaries.es), en: Object.keys(dictionaries.en) };
}
