/**
 * Workspace page of 深度对接: alliances my organisation founded (charter, member organisations), the
 * invitations it received to join others' alliances (accept / decline), and the
 * expert seminars / supply–demand docking sessions it organises (agenda, venue or online link). Sign-ups
 * for a session belong to the events area (活动报名).
 */
import { useState } from 'react';
import { Button, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Alliance, DockingSession } from '../../api/supply.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { AllianceDrawer } from './docking/AllianceDrawer.tsx';
import { SessionDrawer } from './docking/SessionDrawer.tsx';
import { MySessionsTab } from './docking/MySessionsTab.tsx';
import { MyAlliancesTab } from './docking/MyAlliancesTab.tsx';
import { AllianceInvitations } from './docking/AllianceInvitations.tsx';

export function DockingWorkspacePage() {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'alliances' ? 'alliances' : 'sessions';
  const orgId = me?.activeOrganisationId ?? '__none__';
  const [alliance, setAlliance] = useState<{ open: boolean; editing: Alliance | null }>({ open: false, editing: null });
  const [session, setSession] = useState<{ open: boolean; editing: DockingSession | null }>({
    open: false,
    editing: null,
  });
  const sessions = useQuery({
    queryKey: ['docking-sessions', 'mine', orgId],
    queryFn: () =>
      api.get<Page<DockingSession>>('/docking-sessions', {
        organisationId: orgId,
        pageSize: 100,
        sort: 'startsAt',
        order: 'desc',
      }),
  });
  const alliances = useQuery({
    queryKey: ['alliances', 'mine', orgId],
    queryFn: () => api.get<Page<Alliance>>('/alliances', { organisationId: orgId, pageSize: 100 }),
  });
  return (
    <>
      <PageHeader
        title={t('supply.docking.workspaceTitle')}
        subtitle={t('supply.docking.workspaceSubtitle')}
        extra={
          tab === 'sessions' ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setSession({ open: true, editing: null })}
              data-testid="session-create"
            >
              {t('supply.docking.createSession')}
            </Button>
          ) : (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setAlliance({ open: true, editing: null })}
              data-testid="alliance-create"
            >
              {t('supply.docking.createAlliance')}
            </Button>
          )
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'sessions' ? {} : { tab: k })}
        items={[
          {
            key: 'sessions',
            label: t('supply.docking.sessions'),
            children: <MySessionsTab sessions={sessions} onEdit={(s) => setSession({ open: true, editing: s })} />,
          },
          {
            key: 'alliances',
            label: t('supply.docking.alliances'),
            children: (
              <>
                <AllianceInvitations orgId={orgId} />
                <MyAlliancesTab alliances={alliances} onEdit={(a) => setAlliance({ open: true, editing: a })} />
              </>
            ),
          },
        ]}
      />
      <AllianceDrawer
        open={alliance.open}
        editing={alliance.editing}
        onClose={() => setAlliance({ open: false, editing: null })}
      />
      <SessionDrawer
        open={session.open}
        editing={session.editing}
        onClose={() => setSession({ open: false, editing: null })}
      />
    </>
  );
}
