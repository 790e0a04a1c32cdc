/**
 * The public portal: a light top bar, the page, and a footer citing the notice. No login needed.
 *
 * Plain markup and CSS (styles.css, "Portal"), no antd: the bar is on every public page and renders before antd
 * loads. Pages that use antd get its providers (AntdScope) around them; a route marked `handle={{ light: true }}`
 * (the home page) renders without them, so its first load carries no antd at all (issue 16's JS budget).
 */
import { Suspense, type ReactNode } from 'react';
import { Link, NavLink, Outlet, useMatches } from 'react-router';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../i18n/index.tsx';
import { useMe } from '../hooks/useMe.ts';
import { page } from '../routing.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';

export const AntdScope = page<typeof import('./AntdScope.tsx'), { children?: ReactNode }>(
  () => import('./AntdScope.tsx'),
  'AntdScope',
);

/** Whether the matched route renders without antd (`handle={{ light: true }}` on its <Route>). */
export function isLightRoute(matches: readonly { handle?: unknown }[]): boolean {
  return matches.some((m) => (m.handle as { light?: boolean } | undefined)?.light === true);
}

/** Shown while a page's code loads on a client-side navigation. */
export function PageLoading() {
  const t = useT();
  return (
    <div className="rt-page-loading" role="status">
      <span className="rt-spinner" aria-hidden />
      <span className="rt-sr-only">{t('common.loading')}</span>
    </div>
  );
}

export function PortalLayout() {
  const t = useT();
  const { data: me } = useMe();
  const light = isLightRoute(useMatches());
  const outlet = <Outlet />;
  return (
    <div className="rt-portal">
      <a className="rt-skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="rt-portal-header">
        <div className="rt-portal-bar">
          <Link to="/" className="rt-brand" aria-label={t('app.name')}>
            <Logo />
            <span className="rt-brand-text">{t('app.name')}</span>
          </Link>
          <nav aria-label={t('nav.menu')} className="rt-portal-nav">
            <NavLink to="/" end className="rt-portal-link">
              {t('nav.home')}
            </NavLink>
            <NavLink to="/bases" className="rt-portal-link">
              {t('nav.portalBases')}
            </NavLink>
            <NavLink to="/demands" className="rt-portal-link">
              {t('demands.nav.demands')}
            </NavLink>
            <NavLink to="/resources" className="rt-portal-link">
              {t('demands.nav.resources')}
            </NavLink>
            <NavLink to="/results" className="rt-portal-link">
              {t('demands.nav.results')}
            </NavLink>
            <NavLink to="/news" className="rt-portal-link" data-testid="portal-news-link">
              {t('nav.portalNews')}
            </NavLink>
            <NavLink to="/search" className="rt-portal-link" data-testid="portal-search-link">
              <SearchOutlined aria-hidden /> {t('demands.nav.search')}
            </NavLink>
            <LanguageSwitch />
            {me ? (
              <Link to="/workspace" className="rt-pbtn rt-pbtn-primary rt-pbtn-small">
                {t('nav.workspace')}
              </Link>
            ) : (
              <Link to="/login" className="rt-pbtn rt-pbtn-primary rt-pbtn-small">
                {t('nav.login')}
              </Link>
            )}
          </nav>
        </div>
      </header>
      <main id="main" className="rt-portal-main" tabIndex={-1}>
        <Suspense fallback={<PageLoading />}>{light ? outlet : <AntdScope>{outlet}</AntdScope>}</Suspense>
      </main>
      <footer className="rt-portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}
