/**
 * A tiny i18n layer: zh-CN (default) and en-US, `t(key, params)` through React context, the choice kept
 * in localStorage. The language also drives <html lang>, antd's ConfigProvider locale and the
 * accept-language header of API calls (so problem titles come back in the same language).
 *
 * Only the Chinese strings are in the first load; the English ones (and antd's English locale) are fetched when
 * a reader switches to English, or before the first render when English was their choice (`loadLocale`), so a
 * phone on a slow network does not download both languages (issue 16; web/i18n/split.ts keeps them apart).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLocale } from '../api/client.ts';
import type { ConfigProviderProps } from 'antd';
import { zhCN, type MessageKey } from './zh-CN.ts';

export type Locale = 'zh-CN' | 'en-US';
export type { MessageKey };
export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'rt.locale';

type Dict = Partial<Record<MessageKey, string>>;
type AntdLocale = NonNullable<ConfigProviderProps['locale']>;
/** The English strings and antd's English locale, once loaded. */
let english: { dict: Dict; antd: AntdLocale } | null = null;
let loadingEnglish: Promise<void> | null = null;

/** Makes the language's strings available (a no-op for Chinese, which is always there). */
export function loadLocale(l: Locale): Promise<void> {
  if (l === 'zh-CN' || english) return Promise.resolve();
  loadingEnglish ??= Promise.all([import('./en-US.ts'), import('antd/locale/en_US')]).then(
    ([strings, antd]) => {
      english = { dict: strings.enUS, antd: antd.default };
    },
    (err: unknown) => {
      loadingEnglish = null;
      throw err;
    },
  );
  return loadingEnglish;
}

/** antd's locale for the language, when it differs from the one ConfigProvider gets by default (Chinese). */
export function antdLocaleOf(l: Locale): AntdLocale | undefined {
  return l === 'en-US' ? english?.antd : undefined;
}

/** The reader's language: their earlier choice, else Chinese. */
export function initialLocale(): Locale {
  try {
    const v = window.localStorage.getItem(STORAGE_KEY);
    if (v === 'en-US' || v === 'zh-CN') return v;
  } catch {
    // Private mode: fall back to Chinese.
  }
  return 'zh-CN';
}

function format(template: string, params?: Record<string, string | number>): string {
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Translates outside React (e.g. in column factories that receive no hook). */
export function translate(locale: Locale, key: MessageKey, params?: Record<string, string | number>): string {
  // English before its strings arrived (never shown: loadLocale runs before the switch) falls back to Chinese.
  const dict: Dict = (locale === 'en-US' && english?.dict) || zhCN;
  return format(dict[key] ?? zhCN[key] ?? key, params);
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  // English as the first language only once its strings are there (main.tsx loads them before rendering).
  const [locale, setLocaleState] = useState<Locale>(() => {
    const l = initialLocale();
    return l === 'en-US' && !english ? 'zh-CN' : l;
  });
  setApiLocale(locale);

  useEffect(() => {
    document.documentElement.lang = locale === 'en-US' ? 'en' : 'zh-CN';
  }, [locale]);

  const setLocale = useCallback((l: Locale) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, l);
    } catch {
      // Not persisted; the switch still applies for this visit.
    }
    // The page switches when the strings are there (one small fetch the first time); offline, it stays as it is.
    loadLocale(l).then(
      () => {
        setApiLocale(l);
        setLocaleState(l);
      },
      () => undefined,
    );
  }, []);

  const t = useCallback<TFunction>((key, params) => translate(locale, key, params), [locale]);
  const value = useMemo(() => ({ locale, setLocale, t }), [locale, setLocale, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18nValue {
  const v = useContext(I18nContext);
  if (!v) throw new Error('useI18n outside I18nProvider');
  return v;
}

/** Shortcut for the translate function. */
export function useT(): TFunction {
  return useI18n().t;
}
