/**
 * A meeting session for its organisers (host base admins, named support organisations): overview and slot grid,
 * every accepted meeting (fix to a slot, cancel), every request, and — in organiser mode — the scheduler: run it
 * in the background and watch the best total of breaks, the lower bound and the time; stop keeping the best;
 * preview every agenda with breaks and unscheduled meetings with reasons; move meetings by hand; publish;
 * after publishing, schedule late requests incrementally (optionally allowing published meetings to move).
 */
import { useState } from 'react';
import { Space, Tabs } from 'antd';
import { EditOutlined, PrinterOutlined, TeamOutlined } from '@ant-design/icons';
import { useParams, useSearchParams } from 'react-router';
import { ErrorPage } from '../../components/ErrorPage.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { sessionPath, sessionWhen } from '../../components/meetings/SessionParts.tsx';
import { SessionStateTags, useSession } from './shared.tsx';
import { OverviewTab } from './organise/OverviewTab.tsx';
import { ScheduleTab } from './organise/ScheduleTab.tsx';
import { MeetingsTab } from './organise/MeetingsTab.tsx';
import { AllRequestsTab } from './organise/AllRequestsTab.tsx';
import { ParticipantsTab } from './organise/ParticipantsTab.tsx';

export function OrganisePage() {
  const t = useT();
  const { sessionId } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession(sessionId);
  const s = session.data;
  // The default tab is chosen once: publishing must not switch the organiser away from the scheduler.
  const [firstTab, setFirstTab] = useState<string | null>(null);
  if (s && firstTab === null) setFirstTab(s.mode === 'organiser' && !s.publishedAt ? 'schedule' : 'overview');
  const tab = params.get('tab') ?? firstTab ?? 'overview';
  if (s && !s.abilities.manage) return <ErrorPage status={403} inWorkspace />;
  return (
    <QueryState isLoading={session.isLoading} error={session.error} refetch={() => void session.refetch()}>
      {s ? (
        <>
          <PageHeader
            title={t('meetings.organiseTitle', { title: s.title })}
            docTitle={s.title}
            subtitle={
              <Space wrap size={4}>
                <span>{s.themeDayTitle}</span>
                <span>·</span>
                <span>{sessionWhen(s)}</span>
                <SessionStateTags s={s} />
              </Space>
            }
            extra={
              <>
                <LinkButton icon={<EditOutlined />} to={`${sessionPath(s.id)}/edit`} data-testid="session-edit">
                  {t('meetings.editSession')}
                </LinkButton>
                <LinkButton icon={<PrinterOutlined />} to={`${sessionPath(s.id)}/print/tables`}>
                  {t('meetings.printTables')}
                </LinkButton>
                <LinkButton icon={<PrinterOutlined />} to={`${sessionPath(s.id)}/print/overview`}>
                  {t('meetings.printOverview')}
                </LinkButton>
                <LinkButton icon={<TeamOutlined />} to={sessionPath(s.id)}>
                  {t('meetings.participantView')}
                </LinkButton>
              </>
            }
          />
          <Tabs
            activeKey={tab}
            onChange={(k) => setParams({ tab: k })}
            items={[
              { key: 'overview', label: t('meetings.tab.overview'), children: <OverviewTab s={s} /> },
              ...(s.mode === 'organiser'
                ? [{ key: 'schedule', label: t('meetings.tab.schedule'), children: <ScheduleTab s={s} /> }]
                : []),
              { key: 'meetings', label: t('meetings.tab.meetings'), children: <MeetingsTab s={s} /> },
              { key: 'requests', label: t('meetings.tab.allRequests'), children: <AllRequestsTab s={s} /> },
              { key: 'participants', label: t('meetings.tab.directory'), children: <ParticipantsTab s={s} /> },
            ]}
          />
        </>
      ) : null}
    </QueryState>
  );
}
