/**
 * 第三方评估 (/workspace/evaluations): NDRC sees every evaluation and commissions new ones; an evaluator sees
 * those commissioned to its organisation. Each row links to the evaluation's dashboard.
 */
import { Card, Space, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { links } from '../../../common/links.ts';
import { api } from '../../api/client.ts';
import type { EvaluationList } from '../../api/evaluation.ts';
import { fmtDate } from '../../components/format.ts';
import { LinkButton } from '../../components/LinkButton.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useT } from '../../i18n/index.tsx';
import { EvaluationStatusTag } from './shared.tsx';

type Item = EvaluationList['items'][number];

export function EvaluationsPage() {
  const t = useT();
  const roles: readonly string[] = useMe().data?.roles ?? [];
  const isOwner = roles.includes('programme_owner');
  const list = useQuery({ queryKey: ['evaluations', 'list'], queryFn: () => api.get<EvaluationList>('/evaluations') });
  return (
    <>
      <PageHeader
        title={t('nav.evaluations')}
        subtitle={isOwner ? t('evaluation.list.subtitleOwner') : t('evaluation.list.subtitleEvaluator')}
        extra={
          isOwner ? (
            <LinkButton type="primary" to={links.newEvaluation()} data-testid="evaluation-new">
              {t('evaluation.commission.action')}
            </LinkButton>
          ) : null
        }
      />
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
        <Card size="small">
          <Table<Item>
            size="middle"
            rowKey="id"
            data-testid="evaluations-table"
            dataSource={list.data?.items ?? []}
            pagination={false}
            scroll={{ x: 900 }}
            locale={{ emptyText: isOwner ? t('evaluation.list.emptyOwner') : t('evaluation.list.empty') }}
            columns={[
              {
                title: t('evaluation.col.title'),
                key: 'title',
                render: (_: unknown, e) => (
                  <Link to={links.evaluation(e.id)} data-testid={`evaluation-link-${e.id}`}>
                    {e.title}
                  </Link>
                ),
              },
              { title: t('evaluation.col.evaluator'), key: 'evaluator', render: (_: unknown, e) => e.evaluator.name },
              {
                title: t('evaluation.col.themeDays'),
                key: 'themeDays',
                render: (_: unknown, e) => (
                  <Space size={4} wrap>
                    {[...new Set(e.themeDays.map((d) => d.year))].map((y) => (
                      <Tag key={y}>{t('evaluation.yearOf', { year: y })}</Tag>
                    ))}
                    <span>{t('evaluation.list.themeDays', { n: e.themeDays.length })}</span>
                  </Space>
                ),
              },
              {
                title: t('evaluation.col.period'),
                key: 'period',
                render: (_: unknown, e) => `${fmtDate(e.periodStart)} — ${fmtDate(e.periodEnd)}`,
              },
              {
                title: t('evaluation.col.status'),
                key: 'status',
                render: (_: unknown, e) => <EvaluationStatusTag status={e.status} />,
              },
              {
                title: t('evaluation.col.totals'),
                key: 'totals',
                render: (_: unknown, e) =>
                  t('evaluation.list.scored', {
                    n: e.totals.filter((x) => x.total !== null).length,
                    total: e.themeDays.length,
                  }),
              },
            ]}
          />
        </Card>
      </QueryState>
    </>
  );
}
