/**
 * 工作台: what awaits me (GET /api/todo), what is due within 14 days, and the latest notifications.
 *
 * The page asks for its data at once and shows the cards' frames (titles, counts, shortcuts) with skeletons;
 * the cards themselves (antd's Card and List, DashboardCards.tsx) load beside the data, so the workspace shell
 * is usable before them (issue 16: the shell's JS budget).
 */
import { Suspense, type ComponentProps, type ReactNode } from 'react';
import { Badge, Col, Row, Skeleton, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { NotificationPage, TodoList } from '../../api/types.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { NAV_PATHS } from '../../components/WorkspaceLayout.tsx';
import { page } from '../../routing.tsx';
import type { DashboardParts } from './DashboardCards.tsx';

type Cards = typeof import('./DashboardCards.tsx');
const DashboardCards = page<Cards, ComponentProps<Cards['DashboardCards']>>(
  () => import('./DashboardCards.tsx'),
  'DashboardCards',
);

const NOTE_STYLE = {
  border: '1px solid #91caff',
  background: '#e6f4ff',
  borderRadius: 8,
  padding: '12px 16px',
  marginBottom: 16,
} as const;

/** antd Card's frame (DashboardCards' cards look the same), for the stand-in while they load. */
function CardFrame({ title, extra, children }: { title: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <div className="rt-card-frame">
      <div className="rt-card-frame-head">
        <div className="rt-card-frame-title">{title}</div>
        {extra ? <div className="rt-card-frame-extra">{extra}</div> : null}
      </div>
      <div className="rt-card-frame-body">{children}</div>
    </div>
  );
}

/** The cards' frames with skeletons, where DashboardCards will show, until its code has loaded. */
function StandIn({ parts }: { parts: DashboardParts }) {
  const { titles, notesExtra, skeleton, shortcuts } = parts;
  return (
    <Row gutter={[16, 16]} aria-busy="true">
      <Col xs={24} xl={14}>
        <CardFrame title={titles.todo}>{skeleton}</CardFrame>
      </Col>
      <Col xs={24} xl={10}>
        <div style={{ marginBottom: 16 }}>
          <CardFrame title={titles.due}>{skeleton}</CardFrame>
        </div>
        <CardFrame title={titles.notes} extra={notesExtra}>
          {skeleton}
        </CardFrame>
      </Col>
      {shortcuts ? (
        <Col xs={24}>
          <CardFrame title={titles.shortcuts}>{shortcuts}</CardFrame>
        </Col>
      ) : null}
    </Row>
  );
}

export function DashboardPage() {
  const t = useT();
  const { data: me } = useMe();
  const todo = useQuery({ queryKey: ['todo'], queryFn: () => api.get<TodoList>('/todo') });
  const due = useQuery({
    queryKey: ['todo', 'due14'],
    queryFn: () => api.get<TodoList>('/todo', { dueWithinDays: 14 }),
  });
  const notes = useQuery({
    queryKey: ['notifications', 'recent'],
    queryFn: () => api.get<NotificationPage>('/notifications', { pageSize: 5 }),
  });

  const dueCount = due.data?.total ?? 0;
  // Issue 12 §1: a self-registered organisation not verified yet may not publish; say so, and where to look.
  const activeUnverified = me?.memberships.find(
    (m) => m.organisationId === me.activeOrganisationId && m.organisationVerification !== 'verified',
  );
  const parts: DashboardParts = {
    titles: {
      todo: (
        <h2 className="rt-card-title">
          {t('dashboard.todo')} <Badge count={todo.data?.total ?? 0} showZero color="#0958d9" />
        </h2>
      ),
      due: (
        <h2 className="rt-card-title">
          {t('dashboard.due14')} <Badge count={dueCount} showZero color={dueCount > 0 ? '#ad4e00' : '#237804'} />
        </h2>
      ),
      notes: <h2 className="rt-card-title">{t('dashboard.recentNotifications')}</h2>,
      shortcuts: <h2 className="rt-card-title">{t('dashboard.shortcuts')}</h2>,
    },
    notesExtra: <Link to="/workspace/notifications">{t('dashboard.allNotifications')}</Link>,
    skeleton: <Skeleton active title={false} paragraph={{ rows: 2 }} />,
    shortcuts: me ? (
      <Space wrap>
        {me.nav
          .filter((n) => n !== 'dashboard')
          .map((n) => (
            <Link key={n} to={NAV_PATHS[n]} className="rt-shortcut">
              {t(`nav.${n}` as MessageKey)}
            </Link>
          ))}
      </Space>
    ) : null,
  };

  return (
    <>
      <PageHeader
        title={t('dashboard.title')}
        subtitle={me ? t('dashboard.welcome', { name: me.user.name }) : undefined}
      />
      {me && me.memberships.length === 0 ? (
        <div role="note" data-testid="dashboard-no-organisation" style={NOTE_STYLE}>
          <strong>{t('onboarding.nextStep')}</strong>
          <div style={{ margin: '4px 0 8px' }}>{t('onboarding.nextStepHint')}</div>
          <Space wrap>
            <Link to="/workspace/onboarding" className="rt-shortcut" data-testid="dashboard-onboard">
              {t('onboarding.goOnboard')}
            </Link>
            <Link to="/" style={{ textDecoration: 'underline' }}>
              {t('account.browseThemeDays')}
            </Link>
          </Space>
        </div>
      ) : null}
      {activeUnverified ? (
        <div
          role="note"
          data-testid="dashboard-unverified"
          style={{ ...NOTE_STYLE, borderColor: '#ffd591', background: '#fff7e6' }}
        >
          {activeUnverified.organisationVerification === 'rejected'
            ? t('onboarding.rejectedShort', { name: activeUnverified.organisationName })
            : t('onboarding.awaiting', { name: activeUnverified.organisationName })}{' '}
          <Link to="/workspace/onboarding" style={{ textDecoration: 'underline' }}>
            {t('onboarding.status')}
          </Link>
        </div>
      ) : null}
      <Suspense fallback={<StandIn parts={parts} />}>
        <DashboardCards parts={parts} todo={todo} due={due} notes={notes} />
      </Suspense>
      <div style={{ marginBottom: '1em' }} />
    </>
  );
}
