/** The confidentiality-review queue of a designated reviewer. */
import { Alert, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Result } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDateTime } from '../../../components/format.ts';

export function ReviewQueue() {
  const t = useT();
  const table = useTableState({ sort: 'createdAt', order: 'asc' });
  const q = useQuery({
    queryKey: ['results', 'review', table.query],
    queryFn: () => api.get<Page<Result>>('/results', { ...table.query, box: 'review' }),
  });
  return (
    <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supply.review.queueHint')} />
      <Table<Result>
        rowKey="id"
        data-testid="review-queue"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={table.pagination(q.data?.total)}
        onChange={table.onTableChange}
        scroll={{ x: 680 }}
        locale={{ emptyText: <span className="rt-muted">{t('supply.review.queueEmpty')}</span> }}
        columns={[
          {
            title: t('common.name'),
            dataIndex: 'title',
            key: 'title',
            render: (v: string, r) => (
              <Link to={`/workspace/results/${r.id}`} data-testid={`review-link-${r.id}`}>
                {v}
              </Link>
            ),
          },
          { title: t('supply.result.holder'), key: 'org', render: (_: unknown, r) => r.organisation.name },
          {
            title: t('supply.review.declaredAt'),
            key: 'at',
            render: (_: unknown, r) => fmtDateTime(r.declaration?.at),
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, r) =>
              r.abilities.review ? (
                <Link to={`/workspace/results/${r.id}`} aria-label={`${t('supply.review.action')} ${r.title}`}>
                  {t('supply.review.action')}
                </Link>
              ) : null,
          },
        ]}
      />
    </QueryState>
  );
}
