/** Demands and resources recommended for my organisation (GET /recommendations/for-me). */
import { Alert, Button, Card, Col, Empty, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Recommendation } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { RecList } from './RecList.tsx';

export function ForMe() {
  const t = useT();
  const q = useQuery({
    queryKey: ['recommendations', 'for-me'],
    queryFn: () => api.get<{ demands: Recommendation[]; resources: Recommendation[] }>('/recommendations/for-me'),
  });
  if (q.error)
    return (
      <Alert
        type="warning"
        showIcon
        title={t('demands.m.recsUnavailable')}
        action={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>}
      />
    );
  const empty = q.data && q.data.demands.length === 0 && q.data.resources.length === 0;
  if (empty) {
    return (
      <Card>
        <Empty description={t('demands.ws.emptyForMe')}>
          <Typography.Paragraph className="rt-text-secondary">{t('demands.ws.emptyForMeHint')}</Typography.Paragraph>
          <LinkButton to="/search">{t('demands.toSearch')}</LinkButton>
        </Empty>
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          loading={q.isLoading}
          title={<h2 className="rt-card-title">{t('demands.ws.recDemands')}</h2>}
        >
          <RecList items={q.data?.demands ?? []} testId="for-me-demands" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card
          size="small"
          loading={q.isLoading}
          title={<h2 className="rt-card-title">{t('demands.ws.recResources')}</h2>}
        >
          <RecList items={q.data?.resources ?? []} testId="for-me-resources" />
        </Card>
      </Col>
    </Row>
  );
}
