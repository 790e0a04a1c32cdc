/**
 * One meeting session for a participant: join with the active organisation, the participant directory with
 * meeting requests (message, optional cited demand/resource/result), incoming and outgoing requests with
 * accept/decline and their expiry, unavailable slots, my agenda (.ics, print) and outcomes after the meetings.
 */
import { App as AntApp, Badge, Button, Space, Tabs } from 'antd';
import { CalendarOutlined, PrinterOutlined, SettingOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { MeetingRequest, MeetingSession } from '../../api/meetings.ts';
import type { Page } from '../../api/types.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { errorMessage } from '../../components/errors.ts';
import { useT } from '../../i18n/index.tsx';
import { sessionPath, sessionWhen } from '../../components/meetings/SessionParts.tsx';
import { SessionStateTags, useSession } from './shared.tsx';
import { JoinCard } from './session/JoinCard.tsx';
import { AgendaTab } from './session/AgendaTab.tsx';
import { DirectoryTab } from './session/DirectoryTab.tsx';
import { RequestsTab } from './session/RequestsTab.tsx';
import { AvailabilityTab } from './session/AvailabilityTab.tsx';

type TabKey = 'agenda' | 'directory' | 'requests' | 'availability';

export function SessionPage() {
  const t = useT();
  const { sessionId } = useParams();
  const [params, setParams] = useSearchParams();
  const session = useSession(sessionId);
  const s = session.data;
  const tab = (params.get('tab') ?? 'agenda') as TabKey;
  const incoming = useQuery({
    queryKey: ['meetings', 'requests', sessionId, 'incoming', 'pending-count'],
    queryFn: () =>
      api.get<Page<MeetingRequest>>(`/meeting-sessions/${sessionId}/requests`, {
        box: 'incoming',
        status: 'pending',
        pageSize: 1,
      }),
    enabled: !!s?.myParticipantId,
  });

  return (
    <QueryState isLoading={session.isLoading} error={session.error} refetch={() => void session.refetch()}>
      {s ? (
        <>
          <PageHeader
            title={s.title}
            docTitle={s.title}
            subtitle={
              <Space wrap size={4}>
                <span>{s.themeDayTitle}</span>
                <span>·</span>
                <span>{sessionWhen(s)}</span>
                {s.venue ? (
                  <>
                    <span>·</span>
                    <span>{s.venue}</span>
                  </>
                ) : null}
                <SessionStateTags s={s} />
              </Space>
            }
            extra={
              <>
                {s.abilities.manage ? (
                  <LinkButton
                    icon={<SettingOutlined />}
                    to={`${sessionPath(s.id)}/organise`}
                    data-testid="session-organise"
                  >
                    {t('meetings.organise')}
                  </LinkButton>
                ) : null}
                {s.myParticipantId && (s.mode === 'self_booking' || s.publishedAt) ? <AgendaButtons s={s} /> : null}
              </>
            }
          />
          {!s.myParticipantId ? (
            <JoinCard s={s} />
          ) : (
            <Tabs
              activeKey={tab}
              onChange={(k) => setParams({ tab: k })}
              items={[
                { key: 'agenda', label: t('meetings.tab.agenda'), children: <AgendaTab s={s} /> },
                { key: 'directory', label: t('meetings.tab.directory'), children: <DirectoryTab s={s} /> },
                {
                  key: 'requests',
                  label: (
                    <Badge count={incoming.data?.total ?? 0} size="small" offset={[8, -2]}>
                      <span data-testid="tab-requests">{t('meetings.tab.requests')}</span>
                    </Badge>
                  ),
                  children: <RequestsTab s={s} />,
                },
                { key: 'availability', label: t('meetings.tab.availability'), children: <AvailabilityTab s={s} /> },
              ]}
            />
          )}
        </>
      ) : null}
    </QueryState>
  );
}

function AgendaButtons({ s }: { s: MeetingSession }) {
  const t = useT();
  const { message } = AntApp.useApp();
  return (
    <>
      <Button
        icon={<CalendarOutlined />}
        data-testid="agenda-ics"
        onClick={() =>
          download(`/meeting-sessions/${s.id}/agenda.ics`, `agenda-${s.date}.ics`).catch(
            (e: unknown) => void message.error(errorMessage(e)),
          )
        }
      >
        {t('meetings.downloadIcs')}
      </Button>
      <LinkButton icon={<PrinterOutlined />} to={`${sessionPath(s.id)}/print/agenda`} data-testid="agenda-print">
        {t('meetings.printAgenda')}
      </LinkButton>
    </>
  );
}
