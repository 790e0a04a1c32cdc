/** 评审 (reviewer): my review assignments, filterable by status and programme. */
import { Form, Select, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page, ReviewListItem } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { useProgrammes } from '../../../hooks/useProgrammes.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { dateCell } from '../../../components/cells.tsx';
import { exportList } from '../../../components/exportCsv.ts';

export function ReviewsPage() {
  const t = useT();
  const table = useTableState({ sort: 'assignedAt', order: 'desc' });
  const programmes = useProgrammes();
  const q = useQuery({
    queryKey: ['reviews', 'mine', table.query],
    queryFn: () => api.get<Page<ReviewListItem>>('/reviews/mine', table.query),
  });
  return (
    <>
      <PageHeader title={t('reviews.title')} subtitle={t('reviews.subtitle')} />
      <FilterBar
        table={table}
        onExport={() =>
          exportList<ReviewListItem>(
            '/reviews/mine',
            table.query,
            [
              { title: t('plan.base'), value: (r) => r.plan.base.name },
              { title: t('plan.theme'), value: (r) => r.plan.theme },
              { title: t('plan.planTitle'), value: (r) => r.plan.title },
              { title: t('common.status'), value: (r) => t(`status.review.${r.status}`) },
              { title: t('reviews.weighted'), value: (r) => r.weightedTotal },
              { title: t('reviews.assignedAt'), value: (r) => fmtDateTime(r.assignedAt) },
              { title: t('reviews.submittedAt'), value: (r) => fmtDateTime(r.submittedAt) },
            ],
            '我的评审',
          )
        }
      >
        <Form.Item name="programmeId" label={t('common.year')}>
          <Select
            allowClear
            style={{ width: 220 }}
            placeholder={t('common.all')}
            options={(programmes.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('common.all')}
            options={(['assigned', 'submitted'] as const).map((s) => ({ value: s, label: t(`status.review.${s}`) }))}
          />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<ReviewListItem>
          rowKey="id"
          data-testid="reviews-table"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 860 }}
          locale={{ emptyText: t('reviews.empty') }}
          columns={[
            {
              title: t('plan.base'),
              key: 'base',
              render: (_: unknown, r) => (
                <Link to={`/workspace/reviews/${r.id}`} data-testid={`review-link-${r.plan.base.shortName}`}>
                  {r.plan.base.name}
                </Link>
              ),
            },
            { title: t('plan.theme'), key: 'theme', render: (_: unknown, r) => r.plan.theme ?? '—' },
            { title: t('common.year'), key: 'year', render: (_: unknown, r) => r.plan.programmeYear, width: 80 },
            {
              title: t('common.status'),
              dataIndex: 'status',
              key: 'status',
              sorter: true,
              sortOrder: table.sortOrderOf('status'),
              render: (s: string) => <StatusTag kind="review" status={s} />,
            },
            {
              title: t('reviews.weighted'),
              dataIndex: 'weightedTotal',
              key: 'wt',
              render: (v: number | null) => v ?? '—',
            },
            {
              title: t('reviews.assignedAt'),
              dataIndex: 'assignedAt',
              key: 'assignedAt',
              sorter: true,
              sortOrder: table.sortOrderOf('assignedAt'),
              render: dateCell,
            },
            {
              title: t('reviews.submittedAt'),
              dataIndex: 'submittedAt',
              key: 'submittedAt',
              sorter: true,
              sortOrder: table.sortOrderOf('submittedAt'),
              render: dateCell,
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Link
                  to={`/workspace/reviews/${r.id}`}
                  aria-label={`${r.status === 'assigned' ? t('reviews.score') : t('common.view')} ${r.plan.base.name}`}
                >
                  {r.status === 'assigned' ? t('reviews.score') : t('common.view')}
                </Link>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
