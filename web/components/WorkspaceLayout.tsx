/**
 * The workspace shell in the Ant Design Pro manner: a side menu built from the server's `me.nav`, a top
 * header with the organisation switcher (several memberships), the notification bell and the user menu.
 * Not signed in → the login page with `next` set.
 */
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { App as AntApp, Badge, Button, Drawer, Dropdown, Flex, Grid, Layout, Menu, Select, Spin, Tooltip } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  ProfileOutlined,
  SolutionOutlined,
  StarOutlined,
  TeamOutlined,
  UserOutlined,
  ShareAltOutlined,
  BulbOutlined,
  ExperimentOutlined,
  ApartmentOutlined,
  ScheduleOutlined,
  IdcardOutlined,
  TrophyOutlined,
  FundProjectionScreenOutlined,
  FormOutlined,
  ReadOutlined,
  SafetyCertificateOutlined,
  LikeOutlined,
  CrownOutlined,
} from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { NavItem, NotificationPage } from '../api/types.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useLogout, useMe, useSwitchOrganisation } from '../hooks/useMe.ts';
import { Logo } from './Logo.tsx';
import { ROLE_LABELS } from '../../common/roles.ts';
import { links } from '../../common/links.ts';
import { page } from '../routing.tsx';

// Its form and validation load when someone opens it, not with every workspace page (issue 16's JS budget).
const ChangePasswordModal = page<typeof import('./ChangePasswordModal.tsx'), { open: boolean; onClose: () => void }>(
  () => import('./ChangePasswordModal.tsx'),
  'ChangePasswordModal',
);

/** Route of each menu item under /workspace. */
export const NAV_PATHS: Record<NavItem, string> = {
  dashboard: '/workspace',
  programmes: '/workspace/programmes',
  plans: '/workspace/plans',
  reviews: '/workspace/reviews',
  selection: '/workspace/selection',
  activityPlans: '/workspace/activity-plans',
  organisations: '/workspace/organisations',
  bases: '/workspace/bases',
  users: '/workspace/users',
  audit: '/workspace/audit',
  resources: '/workspace/resources',
  demands: '/workspace/demands',
  results: '/workspace/results',
  docking: '/workspace/docking',
  meetings: '/workspace/meetings',
  events: '/workspace/events',
  roadshows: '/workspace/roadshows',
  projects: '/workspace/projects',
  cases: '/workspace/cases',
  surveys: '/workspace/surveys',
  news: '/workspace/news',
  benchmarks: '/workspace/benchmarks',
  evaluations: '/workspace/evaluations',
  notifications: '/workspace/notifications',
};

const NAV_ICONS: Record<NavItem, ReactNode> = {
  dashboard: <DashboardOutlined />,
  programmes: <ProfileOutlined />,
  plans: <FileTextOutlined />,
  reviews: <StarOutlined />,
  selection: <CalendarOutlined />,
  activityPlans: <FileDoneOutlined />,
  organisations: <BankOutlined />,
  bases: <SolutionOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  resources: <ShareAltOutlined />,
  demands: <BulbOutlined />,
  results: <ExperimentOutlined />,
  docking: <ApartmentOutlined />,
  meetings: <ScheduleOutlined />,
  events: <IdcardOutlined />,
  roadshows: <TrophyOutlined />,
  projects: <FundProjectionScreenOutlined />,
  cases: <LikeOutlined />,
  surveys: <FormOutlined />,
  news: <ReadOutlined />,
  benchmarks: <CrownOutlined />,
  evaluations: <SafetyCertificateOutlined />,
  notifications: <BellOutlined />,
};

function selectedNav(pathname: string, nav: NavItem[]): string {
  let best: NavItem = 'dashboard';
  for (const n of nav) {
    const p = NAV_PATHS[n];
    if (n !== 'dashboard' && (pathname === p || pathname.startsWith(`${p}/`))) best = n;
  }
  // Pages that belong to an area without a menu item of their own.
  if (best === 'dashboard' && nav.includes('news') && /^\/workspace\/nominations(\/|$)/.test(pathname)) best = 'news';
  return best;
}

export function WorkspaceLayout() {
  const { t, locale, setLocale } = useI18n();
  const { data: me, isLoading } = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const screens = Grid.useBreakpoint();
  const isMobile = !screens.lg;
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const switchOrg = useSwitchOrganisation();
  const logout = useLogout();
  const { message } = AntApp.useApp();

  const unread = useQuery({
    queryKey: ['notifications', 'unread-count'],
    queryFn: () => api.get<NotificationPage>('/notifications', { unread: 'true', pageSize: 1 }),
    enabled: !!me,
    refetchInterval: 60_000,
  });

  const orgs = useMemo(() => {
    const m = new Map<string, { id: string; name: string; roles: string[] }>();
    for (const x of me?.memberships ?? []) {
      const o = m.get(x.organisationId) ?? { id: x.organisationId, name: x.organisationName, roles: [] };
      o.roles.push(ROLE_LABELS[x.role]?.[locale === 'en-US' ? 'en' : 'zh'] ?? x.role);
      m.set(x.organisationId, o);
    }
    return [...m.values()];
  }, [me, locale]);

  if (isLoading) {
    return (
      <Flex justify="center" align="center" style={{ minHeight: '100vh' }}>
        <main>
          <Spin size="large" description={t('common.loading')}>
            <div style={{ width: 120, height: 60 }} />
          </Spin>
        </main>
      </Flex>
    );
  }
  if (!me) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}&reason=login`} replace />;
  }

  const menuItems = me.nav.map((n) => ({
    key: n,
    icon: NAV_ICONS[n],
    label: <Link to={NAV_PATHS[n]}>{t(`nav.${n}` as MessageKey)}</Link>,
  }));
  const selected = selectedNav(location.pathname, me.nav);
  const menu = (
    <Menu theme="dark" mode="inline" selectedKeys={[selected]} items={menuItems} onClick={() => setDrawerOpen(false)} />
  );
  const activeOrg = orgs.find((o) => o.id === me.activeOrganisationId);
  const unreadCount = unread.data?.unread ?? 0;

  const doLogout = () => {
    logout.mutate(undefined, {
      onSettled: () => {
        void navigate('/login', { replace: true });
      },
    });
  };

  const sider = (
    <nav aria-label={t('header.mainNav')}>
      <Link to="/workspace" className="rt-sider-brand" aria-label={t('nav.dashboard')}>
        <Logo size={26} />
        {!collapsed || isMobile ? <span>{t('app.short')}</span> : null}
      </Link>
      {menu}
    </nav>
  );

  return (
    <Layout className="rt-workspace">
      <a className="rt-skip" href="#main">
        {t('app.skip')}
      </a>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          size={240}
          closable={false}
          styles={{ body: { padding: 0, background: '#001529' }, header: { display: 'none' } }}
          title={t('header.mainNav')}
        >
          {sider}
        </Drawer>
      ) : (
        <Layout.Sider width={220} collapsible collapsed={collapsed} trigger={null} className="rt-sider">
          {sider}
        </Layout.Sider>
      )}
      <Layout>
        <Layout.Header className="rt-header">
          <Flex align="center" justify="space-between" gap={8} style={{ height: '100%' }}>
            <Flex align="center" gap={8} style={{ minWidth: 0 }}>
              <Button
                type="text"
                aria-label={isMobile ? t('header.openMenu') : collapsed ? t('header.expand') : t('header.collapse')}
                data-testid="nav-toggle"
                icon={isMobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
                onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
              />
              {orgs.length > 1 ? (
                <Select
                  data-testid="org-switcher"
                  aria-label={t('header.switchOrg')}
                  value={me.activeOrganisationId ?? undefined}
                  loading={switchOrg.isPending}
                  style={{ minWidth: isMobile ? 140 : 260, maxWidth: 360 }}
                  popupMatchSelectWidth={false}
                  options={orgs.map((o) => ({ value: o.id, label: `${o.name}（${o.roles.join('、')}）` }))}
                  onChange={(id: string) =>
                    switchOrg.mutate(id, {
                      onSuccess: (m) => {
                        const name = m.memberships.find((x) => x.organisationId === id)?.organisationName ?? '';
                        void message.success(t('header.switched', { name }));
                        void navigate('/workspace');
                      },
                      onError: (e) => void message.error(e.message),
                    })
                  }
                />
              ) : activeOrg ? (
                <span className="rt-header-org" title={t('header.org')}>
                  {activeOrg.name}
                </span>
              ) : null}
            </Flex>
            <Flex align="center" gap={4}>
              <Tooltip title={t('header.notifications', { n: unreadCount })}>
                <Link
                  to="/workspace/notifications"
                  className="rt-bell"
                  aria-label={t('header.notifications', { n: unreadCount })}
                  data-testid="notification-bell"
                >
                  <Badge count={unreadCount} size="small" overflowCount={99}>
                    <BellOutlined style={{ fontSize: 18 }} />
                  </Badge>
                </Link>
              </Tooltip>
              <Dropdown
                trigger={['click']}
                menu={{
                  items: [
                    { key: 'password', label: t('header.changePassword') },
                    { key: 'notify', label: t('notify.openSettings') },
                    {
                      key: 'lang',
                      label: t('header.language'),
                      children: [
                        { key: 'lang:zh-CN', label: <span lang="zh-CN">中文</span> },
                        { key: 'lang:en-US', label: <span lang="en">English</span> },
                      ],
                    },
                    { key: 'portal', label: t('header.portal') },
                    { type: 'divider' },
                    { key: 'logout', label: t('header.logout'), danger: true },
                  ],
                  onClick: ({ key }) => {
                    if (key === 'password') setPwOpen(true);
                    else if (key === 'logout') doLogout();
                    else if (key === 'portal') void navigate('/');
                    else if (key === 'notify') void navigate(links.notificationSettings());
                    else if (key.startsWith('lang:')) setLocale(key.slice(5) as 'zh-CN' | 'en-US');
                  },
                }}
              >
                <Button type="text" icon={<UserOutlined />} aria-label={t('header.userMenu')} data-testid="user-menu">
                  {isMobile ? null : <span className="rt-user-name">{me.user.name}</span>}
                </Button>
              </Dropdown>
            </Flex>
          </Flex>
        </Layout.Header>
        <Layout.Content id="main" className="rt-content" tabIndex={-1}>
          <Outlet />
        </Layout.Content>
      </Layout>
      {pwOpen ? (
        <Suspense fallback={null}>
          <ChangePasswordModal open onClose={() => setPwOpen(false)} />
        </Suspense>
      ) : null}
    </Layout>
  );
}
