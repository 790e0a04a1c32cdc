import { Card, Col, Empty, Flex, Row, Space, Typography } from 'antd';
import { AppstoreOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicRoadshow } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { QueryState } from '../QueryState.tsx';
import { LinkButton } from '../LinkButton.tsx';
import { Lineup, Results, RoadshowStatusTag, sessionTime } from './RoadshowParts.tsx';

/** On the theme day's public page: its roadshows (apply, lineup, published results) and the way into its exhibition hall. */
/** `past`: the theme day is over — its lineups and results stay, the way into its exhibition hall goes. */
export function ThemeDayRoadshows({ themeDayId, past = false }: { themeDayId: string; past?: boolean }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['public', 'theme-day', themeDayId, 'roadshows'],
    queryFn: () => api.get<{ items: PublicRoadshow[] }>(`/public/theme-days/${themeDayId}/roadshows`),
  });
  const items = q.data?.items ?? [];
  // A past theme day without roadshows: nothing to show (no "none yet", no way into its hall).
  if (past && !q.isLoading && !q.error && !items.length) return null;
  return (
    <Card
      style={{ marginTop: 16 }}
      title={<h2 className="rt-card-title">{t('roadshows.public.section')}</h2>}
      extra={
        past ? null : (
          <LinkButton to={`/theme-days/${themeDayId}/hall`} icon={<AppstoreOutlined />} data-testid="hall-link">
            {t('roadshows.public.hallLink')}
          </LinkButton>
        )
      }
      data-testid="theme-day-roadshows"
    >
      <QueryState isLoading={q.isLoading} error={q.error} inWorkspace={false}>
        {!items.length ? <Empty description={t('roadshows.public.none')} /> : null}
        {items.map((r) => (
          <div key={r.id} style={{ marginBottom: 16 }}>
            <Flex justify="space-between" align="center" wrap gap={8}>
              <Typography.Title level={3} style={{ fontSize: 17, margin: 0 }}>
                <Link to={`/roadshows/${r.id}`}>{r.title}</Link>
              </Typography.Title>
              <RoadshowStatusTag status={r.status} />
            </Flex>
            <div style={{ color: '#595959', margin: '4px 0 8px' }}>
              {sessionTime(r.session)}
              {r.session.venue ? ` · ${r.session.venue}` : ''} · {t('roadshows.public.judges', { n: r.judges })}
            </div>
            <Row gutter={[16, 8]}>
              <Col xs={24} md={r.results ? 10 : 24}>
                <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('roadshows.public.lineup')}</div>
                <Lineup r={r} />
              </Col>
              {r.results ? (
                <Col xs={24} md={14}>
                  <div style={{ fontWeight: 600, marginBottom: 4 }}>{t('roadshows.public.results')}</div>
                  <Results r={r} />
                </Col>
              ) : null}
            </Row>
            <Space style={{ marginTop: 8 }} wrap>
              <LinkButton to={`/roadshows/${r.id}`} size="small">
                {r.results ? t('roadshows.public.viewResults') : t('roadshows.public.view')}
              </LinkButton>
              {r.status === 'collecting' && !past ? (
                <LinkButton to={`/workspace/roadshows/${r.id}/apply`} size="small" type="primary">
                  {t('roadshows.action.apply')}
                </LinkButton>
              ) : null}
            </Space>
          </div>
        ))}
        {past ? null : <div style={{ color: '#595959' }}>{t('roadshows.public.hallIntro')}</div>}
      </QueryState>
    </Card>
  );
}
