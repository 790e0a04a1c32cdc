/**
 * A tiny i18n layer: zh-CN (default) and en-US, `t(key, params)` through React context, the choice kept
 * in localStorage. The language also drives <html lang>, antd's ConfigProvider locale and the
 * accept-language header of API calls (so problem titles come back in the same language).
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setApiLocale } from '../api/client.ts';
import { zhCN, type MessageKey } from './zh-CN.ts';
import { enUS } from './en-US.ts';

export type Locale = 'zh-CN' | 'en-US';
export type { MessageKey };
export type TFunction = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORAGE_KEY = 'rt.locale';

function initialLocale(): Locale {
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
  const dict: Partial<Record<MessageKey, string>> = locale === 'en-US' ? enUS : zhCN;
  return format(dict[key] ?? zhCN[key] ?? key, params);
}

interface I18nValue {
  locale: Locale;
  setLocale: (l: Locale) => void;
  t: TFunction;
}

const I18nContext = createContext<I18nValue | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(initialLocale);
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
    setApiLocale(l);
    setLocaleState(l);
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
