/** Sessions whose registration is open now (home page), with places left. */
import { Card, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { EventSession } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { CapacityStatus, KindTag, ModeTag, RegisterButton, RegStatusTag } from './SessionParts.tsx';
import { SessionMeta } from './ThemeDaySessions.tsx';

export function OpenSessions() {
  const t = useT();
  const q = useQuery({
    queryKey: ['events', 'open'],
    queryFn: () => api.get<Page<EventSession>>('/event-sessions/open', { pageSize: 6 }),
  });
  if (q.isLoading || q.error) return null;
  const items = q.data?.items ?? [];
  return (
    <section aria-labelledby="open-sessions-title" style={{ marginBottom: 16 }} data-testid="open-sessions">
      <Typography.Title level={2} className="rt-section-title" id="open-sessions-title">
        {t('events.openSessions')}
      </Typography.Title>
      {items.length === 0 ? (
        <Card>
          <Empty description={t('events.noOpenSessions')}>
            <Typography.Paragraph className="rt-muted">{t('events.noOpenSessionsHint')}</Typography.Paragraph>
          </Empty>
        </Card>
      ) : (
        <>
          <Typography.Paragraph className="rt-muted">{t('events.openSessionsHint')}</Typography.Paragraph>
          <Row gutter={[16, 16]}>
            {items.map((s) => (
              <Col key={s.id} xs={24} sm={12} lg={8}>
                <Card style={{ height: '100%' }} data-testid={`open-session-${s.id}`}>
                  <Flex vertical gap={8} style={{ height: '100%' }}>
                    <Space size={4} wrap>
                      <KindTag kind={s.kind} />
                      <ModeTag mode={s.mode} />
                    </Space>
                    <h3 style={{ fontSize: 16, margin: 0 }}>
                      <Link to={`/sessions/${s.id}`}>{s.title}</Link>
                    </h3>
                    <div className="rt-muted">{s.themeDay.title}</div>
                    <SessionMeta s={s} />
                    <Flex justify="space-between" align="center" wrap gap={8} style={{ marginTop: 'auto' }}>
                      <Space size={4} wrap>
                        <CapacityStatus s={s} />
                        {s.myRegistration ? (
                          <RegStatusTag status={s.myRegistration.status} position={s.myRegistration.waitlistPosition} />
                        ) : null}
                      </Space>
                      <RegisterButton s={s} />
                    </Flex>
                  </Flex>
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </section>
  );
}
