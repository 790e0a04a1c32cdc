/**
 * A session's public page (/sessions/:id): description, time, mode, capacity status, register / cancel,
 * my status (registered, waitlisted with position, cancelled) and the online channel once registered.
 */
import { Alert, Card, Col, Row, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { EventSession } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import {
  CancelButton,
  CapacityStatus,
  KindTag,
  RegisterButton,
  RegStatusTag,
} from '../../components/events/SessionParts.tsx';
import { SessionFacts } from './SessionFacts.tsx';

export function MyStatusCard({ s }: { s: EventSession }) {
  const t = useT();
  const my = s.myRegistration;
  if (!my) return null;
  const explain =
    my.status === 'registered'
      ? t('events.registeredExplain')
      : my.status === 'waitlisted'
        ? t('events.waitlistExplain', { n: my.waitlistPosition ?? 0 })
        : t('events.cancelledExplain');
  return (
    <Card
      title={<h2 className="rt-card-title">{t('events.myStatus')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="my-status"
    >
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Space wrap>
          <RegStatusTag
            status={my.status}
            position={my.waitlistPosition}
            checkedIn={my.checkedIn}
            testId="my-status-tag"
          />
          <span className="rt-muted">{t(`events.attendance.${my.attendance}`)}</span>
        </Space>
        <Typography.Paragraph style={{ margin: 0 }}>{explain}</Typography.Paragraph>
        {my.status === 'registered' && s.onlineChannel ? (
          <Alert
            type="info"
            showIcon
            title={t('events.onlineChannel')}
            description={<span data-testid="online-channel">{s.onlineChannel}</span>}
          />
        ) : null}
        <Space wrap>
          {my.status !== 'cancelled' ? (
            <LinkButton
              to={`/workspace/events/passes/${my.id}`}
              type={my.status === 'registered' ? 'primary' : 'default'}
              data-testid="pass-link"
            >
              {t('events.pass')}
            </LinkButton>
          ) : null}
          {s.abilities.cancelRegistration ? <CancelButton registrationId={my.id} title={s.title} /> : null}
          <RegisterButton s={s} />
        </Space>
      </Space>
    </Card>
  );
}

export function SessionPage() {
  const { id } = useParams();
  const t = useT();
  const q = useQuery({
    queryKey: ['events', 'session', id],
    queryFn: () => api.get<EventSession>(`/event-sessions/${id}`),
  });
  const s = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {s ? (
        <>
          <PageHeader
            title={s.title}
            subtitle={
              <Space wrap size={4}>
                <KindTag kind={s.kind} />
                <span>{s.themeDay.title}</span>
              </Space>
            }
            extra={
              <>
                <LinkButton to={`/theme-days/${s.themeDay.id}`}>{t('events.backToThemeDay')}</LinkButton>
                {s.abilities.manage ? (
                  <LinkButton to={`/workspace/events/sessions/${s.id}`}>{t('events.manage')}</LinkButton>
                ) : null}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={{ span: 24, order: 2 }} lg={{ span: 16, order: 1 }}>
              <Card style={{ marginBottom: 16 }}>
                <SessionFacts s={s} />
              </Card>
              {s.description ? (
                <Card title={<h2 className="rt-card-title">{t('events.description')}</h2>} style={{ marginBottom: 16 }}>
                  <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
                    {s.description}
                  </Typography.Paragraph>
                </Card>
              ) : null}
              {s.epidemicMeasures && s.mode !== 'online' ? (
                <Card title={<h2 className="rt-card-title">{t('events.epidemic')}</h2>}>
                  <Typography.Paragraph style={{ margin: 0 }}>{s.epidemicMeasures}</Typography.Paragraph>
                </Card>
              ) : null}
            </Col>
            <Col xs={{ span: 24, order: 1 }} lg={{ span: 8, order: 2 }}>
              <MyStatusCard s={s} />
              {!s.myRegistration ? (
                <Card data-testid="register-card">
                  <Space orientation="vertical" style={{ width: '100%' }}>
                    <CapacityStatus s={s} />
                    {s.registrationState === 'open' ? (
                      <RegisterButton s={s} size="large" block />
                    ) : (
                      <Alert type="info" showIcon title={t(`events.state.${s.registrationState}`)} />
                    )}
                    {s.mode !== 'offline' ? <div className="rt-muted">{t('events.onlineChannelHidden')}</div> : null}
                  </Space>
                </Card>
              ) : null}
            </Col>
          </Row>
        </>
      ) : null}
    </QueryState>
  );
}
