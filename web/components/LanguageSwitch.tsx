import { useI18n, type Locale } from '../i18n/index.tsx';

const OPTIONS: { value: Locale; label: string; lang: string }[] = [
  { value: 'zh-CN', label: '中文', lang: 'zh-CN' },
  { value: 'en-US', label: 'EN', lang: 'en' },
];

/**
 * zh-CN / en-US switch; the choice is kept in localStorage. Two plain toggle buttons (no antd: it sits in the
 * portal's bar, which renders before antd loads), styled like a segmented control (.rt-seg in styles.css).
 */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <div role="group" aria-label={t('header.language')} className={`rt-seg rt-seg-${size}`}>
      {OPTIONS.map((o) => (
        <button
          key={o.value}
          type="button"
          lang={o.lang}
          aria-pressed={locale === o.value}
          className={locale === o.value ? 'rt-seg-item is-selected' : 'rt-seg-item'}
          onClick={() => setLocale(o.value)}
        >
          {o.label}
        </button>
      ))}
    </div>
  );
}
