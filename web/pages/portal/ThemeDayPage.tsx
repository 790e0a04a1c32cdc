/**
 * A theme day's public page: theme, host, partners, dates, agenda and content parts; once it is over, its
 * results (cooperation projects, stability, SME share and the published projects).
 */
import { Alert, Card, Col, Descriptions, List, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicThemeDayDetail } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDate, fmtDateRange } from '../../components/format.ts';
import { ThemeDayContent } from '../../components/demands/ThemeDayContent.tsx';
import { ThemeDaySessions } from '../../components/events/ThemeDaySessions.tsx';
import { ThemeDayMeetings } from '../../components/meetings/ThemeDayMeetings.tsx';
import { ThemeDayRoadshows } from '../../components/roadshows/ThemeDayRoadshows.tsx';
import { useServerToday } from '../../hooks/useServerToday.ts';
import { PublicResults } from '../projects/outcomes/PublicResults.tsx';

export function ThemeDayPage() {
  const { id } = useParams();
  // The server's today decides whether the day is over (the browser's clock may be wrong).
  const today = useServerToday().data;
  const t = useT();
  const q = useQuery({
    queryKey: ['public', 'theme-day', id],
    queryFn: () => api.get<PublicThemeDayDetail>(`/public/theme-days/${id}`),
  });
  const d = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {d ? (
        <>
          <PageHeader
            title={d.title}
            subtitle={`${t('portal.theme')}：${d.theme}`}
            extra={<LinkButton to={`/?year=${d.year}`}>{t('portal.back')}</LinkButton>}
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="theme-day-facts">
              <Descriptions.Item label={t('portal.theme')}>{d.theme}</Descriptions.Item>
              <Descriptions.Item label={t('portal.dates')}>{fmtDateRange(d.startDate, d.endDate)}</Descriptions.Item>
              <Descriptions.Item label={t('portal.host')}>{`${d.host.name}（${d.host.shortName}）`}</Descriptions.Item>
              <Descriptions.Item label={t('portal.region')}>
                {d.host.regionName ?? d.host.provinceName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('portal.partners')} span={2}>
                {d.partners.length ? d.partners.map((p) => p.name).join('、') : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {!d.planPublished ? (
            <Alert type="info" showIcon title={t('portal.notPublishedAgenda')} style={{ marginBottom: 16 }} />
          ) : null}
          {d.planPublished ? (
            <Row gutter={[16, 16]}>
              <Col xs={24} lg={14}>
                <Card title={<h2 className="rt-card-title">{t('portal.agenda')}</h2>}>
                  <Table
                    size="small"
                    rowKey={(r) => `${r.date}-${r.time}-${r.item}`}
                    pagination={false}
                    dataSource={d.agenda}
                    columns={[
                      {
                        title: t('portal.agenda.date'),
                        dataIndex: 'date',
                        render: (v: string) => fmtDate(v).replace(/^\d+年/, ''),
                        width: 100,
                      },
                      { title: t('portal.agenda.time'), dataIndex: 'time', width: 110 },
                      { title: t('portal.agenda.item'), dataIndex: 'item' },
                      {
                        title: t('portal.agenda.location'),
                        dataIndex: 'location',
                        render: (v: string | null) => v ?? '—',
                      },
                    ]}
                  />
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={<h2 className="rt-card-title">{t('portal.parts')}</h2>}>
                  <List
                    dataSource={d.parts}
                    renderItem={(p) => (
                      <List.Item>
                        <div>
                          <Typography.Text strong>{p.name}</Typography.Text>
                          <div>{p.description}</div>
                        </div>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            </Row>
          ) : null}
          {today && d.endDate < today ? <PublicResults themeDayId={d.id} /> : null}
          <ThemeDayContent themeDayId={d.id} />
          <ThemeDaySessions themeDayId={d.id} />
          <ThemeDayMeetings themeDayId={d.id} />
          <ThemeDayRoadshows themeDayId={d.id} />
        </>
      ) : null}
    </QueryState>
  );
}
