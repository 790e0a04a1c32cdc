/** The theme day's sessions with registration (capacity, places left, register button) on its public page. */
import { Card, Empty, Flex, List, Space, Typography } from 'antd';
import { CalendarOutlined, EnvironmentOutlined, VideoCameraOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { EventSession } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import {
  CapacityStatus,
  fmtSessionTime,
  KindTag,
  ModeTag,
  RegisterButton,
  RegStatusTag,
  StateTag,
} from './SessionParts.tsx';

export function SessionMeta({ s }: { s: EventSession }) {
  const t = useT();
  return (
    <Space size={[16, 4]} wrap className="rt-muted">
      <span>
        <CalendarOutlined aria-hidden /> {fmtSessionTime(s.startsAt, s.endsAt)}
      </span>
      {s.mode !== 'online' && s.venue ? (
        <span>
          <EnvironmentOutlined aria-hidden /> {s.venue}
        </span>
      ) : null}
      {s.mode !== 'offline' ? (
        <span>
          <VideoCameraOutlined aria-hidden /> {t('events.online')}
        </span>
      ) : null}
    </Space>
  );
}

export function ThemeDaySessions({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['events', 'theme-day', themeDayId],
    queryFn: () => api.get<Page<EventSession>>(`/theme-days/${themeDayId}/sessions`, { pageSize: 200 }),
  });
  const items = q.data?.items ?? [];
  if (q.isLoading || q.error) return null;
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="rt-card-title">{t('events.sectionTitle')}</h2>}
      data-testid="theme-day-sessions"
    >
      <Typography.Paragraph className="rt-muted">{t('events.sectionHint')}</Typography.Paragraph>
      {items.length === 0 ? (
        <Empty description={t('events.noSessions')} />
      ) : (
        <List
          itemLayout="vertical"
          dataSource={items}
          renderItem={(s) => (
            <List.Item key={s.id} data-testid={`session-row-${s.id}`}>
              <Flex justify="space-between" align="flex-start" wrap gap={12}>
                <div style={{ minWidth: 0, flex: '1 1 320px' }}>
                  <Space size={4} wrap style={{ marginBottom: 4 }}>
                    <KindTag kind={s.kind} />
                    <ModeTag mode={s.mode} />
                    <StateTag state={s.registrationState} />
                  </Space>
                  <h3 style={{ fontSize: 16, margin: '4px 0' }}>
                    <Link to={`/sessions/${s.id}`}>{s.title}</Link>
                  </h3>
                  <SessionMeta s={s} />
                </div>
                <Space wrap align="center">
                  <CapacityStatus s={s} />
                  {s.myRegistration ? (
                    <RegStatusTag
                      status={s.myRegistration.status}
                      position={s.myRegistration.waitlistPosition}
                      checkedIn={s.myRegistration.checkedIn}
                    />
                  ) : null}
                  <RegisterButton s={s} />
                </Space>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}
