/**
 * 推荐采纳率 (issue 14): of the partner recommendations shown, how many were followed within 30 days by a
 * response, a meeting request or a cooperation project — overall, by kind of follow-up and by month.
 */
import { Card, Col, Empty, Row, Statistic, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import type { FollowKind, RecStats } from '../../../../api/lexicon.ts';
import { useT } from '../../../../i18n/index.tsx';
import { QueryState } from '../../../../components/QueryState.tsx';

const pct = (r: number | null) => (r === null ? '—' : `${(r * 100).toFixed(1)}%`);

export function RecommendationStatsCard() {
  const t = useT();
  const q = useQuery({
    queryKey: ['recommendation-stats'],
    queryFn: () => api.get<RecStats>('/search/recommendations/stats'),
  });
  const kindLabel = (k: FollowKind) => t(`lexicon.stats.kind.${k}`);
  const s = q.data;
  return (
    <Card title={<h2 className="rt-card-title">{t('lexicon.stats.title')}</h2>} data-testid="rec-stats">
      <Typography.Paragraph type="secondary">{t('lexicon.stats.help')}</Typography.Paragraph>
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {s && s.shown === 0 ? (
          <Empty description={t('lexicon.stats.empty')} />
        ) : s ? (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }}>
              <Col span={8}>
                <Statistic title={t('lexicon.stats.shown')} value={s.shown} />
              </Col>
              <Col span={8}>
                <Statistic title={t('lexicon.stats.followed')} value={s.followed} />
              </Col>
              <Col span={8}>
                <Statistic title={t('lexicon.stats.rate')} value={pct(s.rate)} data-testid="rec-stats-rate" />
              </Col>
            </Row>
            <Typography.Title level={3} style={{ fontSize: 14 }}>
              {t('lexicon.stats.byKind')}
            </Typography.Title>
            <Table
              size="small"
              rowKey="kind"
              pagination={false}
              dataSource={s.byKind}
              style={{ marginBottom: 16 }}
              columns={[
                { title: t('lexicon.kind'), key: 'kind', render: (_, k) => kindLabel(k.kind) },
                { title: t('lexicon.stats.followed'), dataIndex: 'followed', align: 'right', width: 90 },
              ]}
            />
            <Typography.Title level={3} style={{ fontSize: 14 }}>
              {t('lexicon.stats.byMonth')}
            </Typography.Title>
            <Table
              size="small"
              rowKey="month"
              pagination={false}
              dataSource={[...s.byMonth].reverse()}
              columns={[
                { title: t('lexicon.stats.month'), dataIndex: 'month' },
                { title: t('lexicon.stats.shown'), dataIndex: 'shown', align: 'right' },
                { title: t('lexicon.stats.followed'), dataIndex: 'followed', align: 'right' },
                { title: t('lexicon.stats.rate'), key: 'rate', align: 'right', render: (_, m) => pct(m.rate) },
              ]}
            />
          </>
        ) : null}
      </QueryState>
    </Card>
  );
}
