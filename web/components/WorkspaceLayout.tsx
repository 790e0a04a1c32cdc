/**
 * The workspace shell in the Ant Design Pro manner: a side menu built from the server's `me.nav`, a top
 * header with the organisation switcher (several memberships), the notification bell and the user menu.
 * Not signed in → the login page with `next` set.
 */
import { Suspense, useMemo, useState, type ReactNode } from 'react';
import { Badge, Button, Dropdown, Flex, Grid, Layout, Menu, Spin, Tooltip } from 'antd';
import {
  AuditOutlined,
  BankOutlined,
  BellOutlined,
  CalendarOutlined,
  DashboardOutlined,
  DownOutlined,
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
  BookOutlined,
  SendOutlined,
  FileProtectOutlined,
  UserAddOutlined,
  HomeOutlined,
  ClusterOutlined,
} from '@ant-design/icons';
import { Link, Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { NavItem, NotificationPage } from '../api/types.ts';
import { useI18n, type MessageKey } from '../i18n/index.tsx';
import { useLogout, useMe } from '../hooks/useMe.ts';
import { Logo } from './Logo.tsx';
import { ROLE_LABELS } from '../../common/roles.ts';
import { links } from '../../common/links.ts';
import { page } from '../routing.tsx';

// Its form and validation load when someone opens it, not with every workspace page (issue 16's JS budget).
const ChangePasswordModal = page<typeof import('./ChangePasswordModal.tsx'), { open: boolean; onClose: () => void }>(
  () => import('./ChangePasswordModal.tsx'),
  'ChangePasswordModal',
);
// Only users with several organisations have the switcher, and only phones the drawer (opened on demand).
const OrgSwitcher = page<
  typeof import('./OrgSwitcher.tsx'),
  { options: { value: string; label: string }[]; value: string | null; isMobile: boolean }
>(() => import('./OrgSwitcher.tsx'), 'OrgSwitcher');
const NavDrawer = page<
  typeof import('./NavDrawer.tsx'),
  { open: boolean; onClose: () => void; title: string; children: ReactNode }
>(() => import('./NavDrawer.tsx'), 'NavDrawer');

/** The switcher's look (antd's Select, closed) while its code loads, so the header does not move. */
function OrgSwitcherPlaceholder({ label, minWidth }: { label: string; minWidth: number }) {
  return (
    <div
      aria-busy="true"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 6,
        boxSizing: 'border-box',
        height: 32,
        minWidth,
        maxWidth: 360,
        padding: '4px 11px',
        border: '1px solid #d9d9d9',
        borderRadius: 6,
        background: '#fff',
        color: 'rgba(0, 0, 0, 0.88)',
        fontSize: 14,
        lineHeight: '22px',
      }}
    >
      <span style={{ flex: 'auto', minWidth: 0, overflow: 'hidden', whiteSpace: 'nowrap', textOverflow: 'ellipsis' }}>
        {label}
      </span>
      <DownOutlined style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.25)' }} />
    </div>
  );
}

/** Route of each menu item under /workspace. */
export const NAV_PATHS: Record<NavItem, string> = {
  dashboard: '/workspace',
  onboarding: '/workspace/onboarding',
  orgVerification: '/workspace/org-verification',
  joinRequests: '/workspace/join-requests',
  programmes: '/workspace/programmes',
  plans: '/workspace/plans',
  reviews: '/workspace/reviews',
  selection: '/workspace/selection',
  activityPlans: '/workspace/activity-plans',
  organisations: '/workspace/organisations',
  bases: '/workspace/bases',
  users: '/workspace/users',
  audit: '/workspace/audit',
  deliveries: '/workspace/deliveries',
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
  lexicon: '/workspace/lexicon',
  alliances: '/workspace/alliances',
  notifications: '/workspace/notifications',
};

const NAV_ICONS: Record<NavItem, ReactNode> = {
  dashboard: <DashboardOutlined />,
  onboarding: <HomeOutlined />,
  orgVerification: <FileProtectOutlined />,
  joinRequests: <UserAddOutlined />,
  programmes: <ProfileOutlined />,
  plans: <FileTextOutlined />,
  reviews: <StarOutlined />,
  selection: <CalendarOutlined />,
  activityPlans: <FileDoneOutlined />,
  organisations: <BankOutlined />,
  bases: <SolutionOutlined />,
  users: <TeamOutlined />,
  audit: <AuditOutlined />,
  deliveries: <SendOutlined />,
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
  lexicon: <BookOutlined />,
  alliances: <ClusterOutlined />,
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
  const [drawerUsed, setDrawerUsed] = useState(false);
  const [pwOpen, setPwOpen] = useState(false);
  const logout = useLogout();

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
  const orgOptions = orgs.map((o) => ({ value: o.id, label: `${o.name}（${o.roles.join('、')}）` }));
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
        drawerUsed ? (
          <Suspense fallback={null}>
            <NavDrawer open={drawerOpen} onClose={() => setDrawerOpen(false)} title={t('header.mainNav')}>
              {sider}
            </NavDrawer>
          </Suspense>
        ) : null
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
                onClick={() => {
                  if (isMobile) {
                    setDrawerUsed(true);
                    setDrawerOpen(true);
                  } else setCollapsed((c) => !c);
                }}
              />
              {orgs.length > 1 ? (
                <Suspense
                  fallback={
                    <OrgSwitcherPlaceholder
                      label={orgOptions.find((o) => o.value === me.activeOrganisationId)?.label ?? ''}
                      minWidth={isMobile ? 140 : 260}
                    />
                  }
                >
                  <OrgSwitcher options={orgOptions} value={me.activeOrganisationId} isMobile={isMobile} />
                </Suspense>
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
