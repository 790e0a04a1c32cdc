/**
 * An organisation's public page (/orgs/:id): its card (kind, region, industry, size) and everything it has
 * published, by area — demands, technology catalogue, open resources, public results, docking events —
 * from each module's public list filtered by organisation.
 */
import type { ReactNode } from 'react';
import { Card, Col, Descriptions, Empty, Flex, List, Row, Skeleton, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Demand, DockingItem, PublicOrganisation, ResourceItem, ResultItem } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { demandPath } from '../../components/demands/paths.ts';
import { DeadlineTag } from '../../components/demands/DeadlineTag.tsx';

function Section<T>({
  title,
  q,
  render,
  testId,
}: {
  title: string;
  q: { data?: Page<T>; isLoading: boolean; error: unknown };
  render: (x: T) => ReactNode;
  testId: string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      title={<h2 className="rt-card-title">{`${title}${q.data ? `（${q.data.total}）` : ''}`}</h2>}
      style={{ height: '100%' }}
      data-testid={testId}
    >
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 2 }} />
      ) : q.error || !q.data?.items.length ? (
        <Typography.Text className="rt-text-secondary">{t('demands.org.noneInArea')}</Typography.Text>
      ) : (
        <List size="small" dataSource={q.data.items} renderItem={(x) => <List.Item>{render(x)}</List.Item>} />
      )}
    </Card>
  );
}

export function OrgPage() {
  const t = useT();
  const { id = '' } = useParams();
  const org = useQuery({
    queryKey: ['public-org', id],
    queryFn: () => api.get<PublicOrganisation>(`/public/organisations/${id}`),
  });
  const common = { organisationId: id, pageSize: 20 };
  const demands = useQuery({
    queryKey: ['demands', 'org', id, 'demand'],
    queryFn: () => api.get<Page<Demand>>('/demands', { ...common, kind: 'demand' }),
  });
  const techs = useQuery({
    queryKey: ['demands', 'org', id, 'technology'],
    queryFn: () => api.get<Page<Demand>>('/demands', { ...common, kind: 'technology' }),
  });
  const resources = useQuery({
    queryKey: ['resources', 'org', id],
    queryFn: () => api.get<Page<ResourceItem>>('/resources', common),
  });
  const results = useQuery({
    queryKey: ['results', 'org', id],
    queryFn: () => api.get<Page<ResultItem>>('/results', common),
  });
  const docking = useQuery({
    queryKey: ['docking', 'org', id],
    queryFn: () => api.get<Page<DockingItem>>('/docking-sessions', common),
  });
  const totals = [demands, techs, resources, results, docking].map((q) => q.data?.total);
  const nothing = totals.every((n) => n === 0);

  return (
    <QueryState isLoading={org.isLoading} error={org.error} refetch={() => void org.refetch()} inWorkspace={false}>
      {org.data ? (
        <>
          <PageHeader
            title={org.data.name}
            docTitle={t('demands.org.title')}
            subtitle={
              <Space wrap>
                <ToneTag tone="blue">{org.data.kindLabel}</ToneTag>
                {org.data.sizeLabel ? <ToneTag tone="purple">{org.data.sizeLabel}</ToneTag> : null}
              </Space>
            }
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 2, md: 4 }} size="small" data-testid="org-facts">
              <Descriptions.Item label={t('demands.org.kind')}>{org.data.kindLabel}</Descriptions.Item>
              <Descriptions.Item label={t('demands.org.region')}>{org.data.regionName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('demands.org.industry')}>{org.data.industryName ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('demands.org.size')}>{org.data.sizeLabel ?? '—'}</Descriptions.Item>
            </Descriptions>
          </Card>
          {nothing ? (
            <Card>
              <Empty description={t('demands.org.nothing')} />
            </Card>
          ) : (
            <Row gutter={[16, 16]}>
              <Col xs={24} md={12}>
                <Section
                  title={t('demands.org.demands')}
                  q={demands}
                  testId="org-demands"
                  render={(d: Demand) => (
                    <Flex vertical gap={2}>
                      <Link to={demandPath(d)}>{d.title}</Link>
                      <DeadlineTag deadline={d.deadline} expired={d.expired} />
                    </Flex>
                  )}
                />
              </Col>
              <Col xs={24} md={12}>
                <Section
                  title={t('demands.org.technologies')}
                  q={techs}
                  testId="org-technologies"
                  render={(d: Demand) => <Link to={demandPath(d)}>{d.title}</Link>}
                />
              </Col>
              <Col xs={24} md={12}>
                <Section
                  title={t('demands.org.resources')}
                  q={resources}
                  testId="org-resources"
                  render={(r: ResourceItem) => (
                    <Space wrap>
                      <ToneTag tone="green">{r.typeLabel}</ToneTag>
                      <Link to={`/resources/${r.id}`}>{r.title}</Link>
                    </Space>
                  )}
                />
              </Col>
              <Col xs={24} md={12}>
                <Section
                  title={t('demands.org.results')}
                  q={results}
                  testId="org-results"
                  render={(r: ResultItem) => (
                    <Space wrap>
                      <Link to={`/results/${r.id}`}>{r.title}</Link>
                      <span className="rt-text-secondary">{fmtDate(r.publishedAt)}</span>
                    </Space>
                  )}
                />
              </Col>
              <Col xs={24}>
                <Section
                  title={t('demands.org.docking')}
                  q={docking}
                  testId="org-docking"
                  render={(s: DockingItem) => (
                    <Space wrap>
                      <ToneTag tone="grey">{s.kindLabel}</ToneTag>
                      {s.themeDay ? <Link to={`/theme-days/${s.themeDay.id}`}>{s.title}</Link> : <span>{s.title}</span>}
                      <span className="rt-text-secondary">{fmtDateTime(s.startsAt)}</span>
                    </Space>
                  )}
                />
              </Col>
            </Row>
          )}
        </>
      ) : null}
    </QueryState>
  );
}
