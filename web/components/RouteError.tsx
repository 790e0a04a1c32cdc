/**
 * The router's error element: a page that failed to render or whose code chunk could not be loaded (a
 * network cut, or a new release replaced the chunks) says so in Chinese and offers a reload, instead of
 * react-router's English default.
 */
import { Button, Result } from 'antd';
import { useT } from '../i18n/index.tsx';

export function RouteError() {
  const t = useT();
  return (
    <Result
      status="error"
      title={<h1 className="rt-result-title">{t('forms.routeError.title')}</h1>}
      subTitle={<span className="rt-text-secondary">{t('forms.routeError.sub')}</span>}
      extra={
        <Button type="primary" onClick={() => window.location.reload()}>
          {t('forms.routeError.reload')}
        </Button>
      }
    />
  );
}
