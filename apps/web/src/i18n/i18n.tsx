import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError } from '../api/client.js';
import { en, ko, type MessageKey } from './messages.js';

export type UiLocale = 'ko' | 'en';
const LOCALE_KEY = 'corazy.locale';
const tables: Record<UiLocale, Record<MessageKey, string>> = { ko, en };

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * A message with its `{name}` values filled in; `{name|one|other}` picks `one` for exactly 1, else
 * `other` ("1 problem", "2 problems"; Korean messages have no plural and never use it).
 */
export function translate(locale: UiLocale, key: MessageKey, vars?: Record<string, string | number>): string {
  const text = tables[locale][key];
  if (!vars) return text;
  return text
    .replace(/\{(\w+)\|([^|}]*)\|([^|}]*)\}/g, (whole, name: string, one: string, other: string) =>
      vars[name] === undefined ? whole : Number(vars[name]) === 1 ? one : other,
    )
    .replace(/\{(\w+)\}/g, (whole, name: string) => String(vars[name] ?? whole));
}

/** The localized text for an error: its code's message when known, with the server's words after. */
export function describeError(locale: UiLocale, error: unknown): { title: string; detail: string | null } {
  if (error instanceof ApiError) {
    const key = `errors.${error.code}` as MessageKey;
    if (key in ko) {
      const title = translate(locale, key);
      return { title, detail: error.message && error.message !== title ? error.message : null };
    }
    return { title: error.message || error.code, detail: error.code };
  }
  return {
    title: translate(locale, 'error.title'),
    detail: error instanceof Error ? error.message : String(error),
  };
}

interface I18n {
  locale: UiLocale;
  setLocale: (locale: UiLocale) => void;
  t: Translate;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<UiLocale>(() =>
    localStorage.getItem(LOCALE_KEY) === 'en' ? 'en' : 'ko',
  );
  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = translate(locale, 'app.name');
  }, [locale]);
  const setLocale = useCallback((next: UiLocale) => {
    localStorage.setItem(LOCALE_KEY, next);
    setLocaleState(next);
  }, []);
  const t = useCallback<Translate>((key, vars) => translate(locale, key, vars), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const value = useContext(I18nContext);
  if (!value) throw new Error('useI18n outside I18nProvider');
  return value;
}
