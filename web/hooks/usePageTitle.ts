import { useEffect } from 'react';
import { useI18n } from '../i18n/index.tsx';

/** Sets <title> to "Page – 融通创新主题日平台". */
export function usePageTitle(title: string | undefined): void {
  const { t } = useI18n();
  useEffect(() => {
    document.title = title ? `${title} - ${t('app.name')}` : t('app.name');
  }, [title, t]);
}
