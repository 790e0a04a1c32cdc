/**
 * The router's error element: a page that failed to render or whose code chunk could not be loaded (a
 * network cut, or a new release replaced the chunks) says so in Chinese and offers a reload, instead of
 * react-router's English default. Plain markup (no antd): it must show even when no further chunk can be loaded.
 */
import { useT } from '../i18n/index.tsx';

export function RouteError() {
  const t = useT();
  return (
    <div className="rt-portal">
      <main className="rt-route-error">
        <h1 className="rt-result-title">{t('forms.routeError.title')}</h1>
        <p className="rt-text-secondary">{t('forms.routeError.sub')}</p>
        <button type="button" className="rt-pbtn rt-pbtn-primary" onClick={() => window.location.reload()}>
          {t('forms.routeError.reload')}
        </button>
      </main>
    </div>
  );
}
