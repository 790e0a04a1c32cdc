import { Segmented } from 'antd';
import { useI18n, type Locale } from '../i18n/index.tsx';

/** zh-CN / en-US switch; the choice is kept in localStorage. */
export function LanguageSwitch({ size = 'small' }: { size?: 'small' | 'middle' }) {
  const { locale, setLocale, t } = useI18n();
  return (
    <Segmented<Locale>
      size={size}
      aria-label={t('header.language')}
      value={locale}
      onChange={(v) => setLocale(v)}
      options={[
        { value: 'zh-CN', label: <span lang="zh-CN">中文</span> },
        { value: 'en-US', label: <span lang="en">EN</span> },
      ]}
    />
  );
}
