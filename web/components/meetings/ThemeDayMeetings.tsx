/** The theme day's 1:1 meeting sessions (dates, times, participants, a way in) on its public page. */
import { Card, List, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { PublicMeetingSession } from '../../api/meetings.ts';
import { LinkButton } from '../LinkButton.tsx';
import { ToneTag } from '../StatusTag.tsx';
import { useT } from '../../i18n/index.tsx';
import { ModeTag, sessionPath, sessionWhen } from './SessionParts.tsx';

export function ThemeDayMeetings({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['public', 'meeting-sessions', themeDayId],
    queryFn: () => api.get<{ items: PublicMeetingSession[] }>(`/public/theme-days/${themeDayId}/meeting-sessions`),
  });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <Card
      title={<h2 className="rt-card-title">{t('meetings.publicTitle')}</h2>}
      style={{ marginTop: 16 }}
      data-testid="theme-day-meetings"
    >
      <List
        dataSource={items}
        renderItem={(s) => (
          <List.Item
            actions={[
              s.status === 'open' ? (
                <LinkButton
                  key="join"
                  type="primary"
                  to={sessionPath(s.id)}
                  aria-label={`${t('meetings.takePart')} ${s.title}`}
                  data-testid={`public-join-${s.id}`}
                >
                  {t('meetings.takePart')}
                </LinkButton>
              ) : (
                <ToneTag key="closed" tone="grey">
                  {t('meetings.status.closed')}
                </ToneTag>
              ),
            ]}
          >
            {/* Not List.Item.Meta: its title is an h4, a jump from the card's h2 (headings go h2 → h3). */}
            <div style={{ minWidth: 0 }}>
              <Space wrap size={4} style={{ marginBottom: 4 }}>
                <h3 className="rt-card-title" style={{ padding: 0, margin: 0 }}>
                  {s.title}
                </h3>
                <ModeTag mode={s.mode} />
              </Space>
              <div className="rt-text-secondary">
                <Space direction="vertical" size={2}>
                  <span>
                    {sessionWhen(s)} · {t('common.beijingTime')}
                  </span>
                  <span>
                    {[
                      s.venue,
                      s.tables ? t('meetings.tablesN', { n: s.tables }) : null,
                      s.onlineRooms ? t('meetings.roomsN', { n: s.onlineRooms }) : null,
                      t('meetings.participantsN', { n: s.participantCount }),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </span>
                </Space>
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
