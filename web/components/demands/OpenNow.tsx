/** What is open now across the content areas (home page): demands taking responses, resources taking requests, results open to take-up. */
import type { ReactNode } from 'react';
import { Card, Col, Flex, List, Row, Skeleton, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Demand, ResourceItem, ResultItem } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { ToneTag } from '../StatusTag.tsx';
import { DeadlineTag } from './DeadlineTag.tsx';
import { enumLabel, punct } from '../format.ts';

function Column<T>({
  title,
  more,
  q,
  empty,
  render,
  testId,
}: {
  title: string;
  more: string;
  q: { data?: Page<T>; isLoading: boolean; error: unknown };
  empty: string;
  render: (x: T) => ReactNode;
  testId: string;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid={testId}
      title={<h3 className="rt-card-title">{`${title}${q.data ? `（${q.data.total}）` : ''}`}</h3>}
      extra={
        <Link to={more} aria-label={`${t('demands.open.more')}${punct().colon}${title}`}>
          {t('demands.open.more')} →
        </Link>
      }
    >
      {q.isLoading ? (
        <Skeleton active paragraph={{ rows: 3 }} />
      ) : q.error || !q.data?.items.length ? (
        <Typography.Text className="rt-text-secondary">{empty}</Typography.Text>
      ) : (
        <List
          size="small"
          split
          dataSource={q.data.items}
          renderItem={(x) => <List.Item style={{ paddingInline: 0 }}>{render(x)}</List.Item>}
        />
      )}
    </Card>
  );
}

export function OpenNow() {
  const t = useT();
  const demands = useQuery({
    queryKey: ['demands', 'open-now'],
    queryFn: () =>
      api.get<Page<Demand>>('/demands', { kind: 'demand', open: 'true', sort: 'deadline', order: 'asc', pageSize: 4 }),
  });
  const resources = useQuery({
    queryKey: ['resources', 'open-now'],
    queryFn: () => api.get<Page<ResourceItem>>('/resources', { pageSize: 4 }),
  });
  const results = useQuery({
    queryKey: ['results', 'open-now'],
    queryFn: () => api.get<Page<ResultItem>>('/results', { pageSize: 4 }),
  });
  return (
    <section aria-labelledby="open-now-title" style={{ marginBottom: 16 }} data-testid="open-now">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} className="rt-section-title" id="open-now-title">
          {t('demands.open.title')}
        </Typography.Title>
        <Link to="/search">{t('demands.toSearch')} →</Link>
      </Flex>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={8}>
          <Column
            title={t('demands.open.demands')}
            more="/demands?open=true"
            q={demands}
            empty={t('demands.open.noneDemands')}
            testId="open-demands"
            render={(d: Demand) => (
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link to={`/demands/${d.id}`}>{d.title}</Link>
                <Flex gap={6} wrap align="center" className="rt-text-secondary" style={{ fontSize: 13 }}>
                  <span>{d.organisation.name}</span>
                  <DeadlineTag deadline={d.deadline} expired={d.expired} />
                </Flex>
              </Flex>
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <Column
            title={t('demands.open.resources')}
            more="/resources"
            q={resources}
            empty={t('demands.open.noneResources')}
            testId="open-resources"
            render={(r: ResourceItem) => (
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link to={`/resources/${r.id}`}>{r.title}</Link>
                <Flex gap={6} wrap align="center" className="rt-text-secondary" style={{ fontSize: 13 }}>
                  <ToneTag tone="green">{enumLabel('supply.resourceType', r.type, r.typeLabel)}</ToneTag>
                  <span>{r.organisation.name}</span>
                </Flex>
              </Flex>
            )}
          />
        </Col>
        <Col xs={24} md={8}>
          <Column
            title={t('demands.open.results')}
            more="/results"
            q={results}
            empty={t('demands.open.noneResults')}
            testId="open-results"
            render={(r: ResultItem) => (
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Link to={`/results/${r.id}`}>{r.title}</Link>
                <Flex gap={6} wrap align="center" className="rt-text-secondary" style={{ fontSize: 13 }}>
                  <ToneTag tone="orange">
                    {enumLabel('supply.transferMode', r.transferMode, r.transferModeLabel)}
                  </ToneTag>
                  <span>{r.organisation.name}</span>
                </Flex>
              </Flex>
            )}
          />
        </Col>
      </Row>
    </section>
  );
}
