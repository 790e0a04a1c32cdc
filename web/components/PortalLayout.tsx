/** The public portal: a light top bar, the page, and a footer citing the notice. No login needed. */
import { Flex, Layout } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { Link, NavLink, Outlet } from 'react-router';
import { useT } from '../i18n/index.tsx';
import { useMe } from '../hooks/useMe.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { Logo } from './Logo.tsx';
import { LinkButton } from './LinkButton.tsx';

export function PortalLayout() {
  const t = useT();
  const { data: me } = useMe();
  return (
    <Layout className="rt-portal">
      <a className="rt-skip" href="#main">
        {t('app.skip')}
      </a>
      <Layout.Header className="rt-portal-header">
        <Flex align="center" justify="space-between" gap={12} className="rt-portal-bar">
          <Link to="/" className="rt-brand" aria-label={t('app.name')}>
            <Logo />
            <span className="rt-brand-text">{t('app.name')}</span>
          </Link>
          <nav aria-label={t('nav.menu')}>
            <Flex align="center" gap={4} wrap>
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
                <LinkButton to="/workspace" type="primary" size="small">
                  {t('nav.workspace')}
                </LinkButton>
              ) : (
                <LinkButton to="/login" type="primary" size="small">
                  {t('nav.login')}
                </LinkButton>
              )}
            </Flex>
          </nav>
        </Flex>
      </Layout.Header>
      <Layout.Content id="main" className="rt-portal-main" tabIndex={-1}>
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="rt-portal-footer">{t('portal.footer')}</Layout.Footer>
    </Layout>
  );
}
