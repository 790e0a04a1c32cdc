/** My organisation's results with their status, to edit or view. */
import { Empty, Select, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { RESULT_STATUSES, type Result } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { ResultStatusTag } from '../shared.tsx';

export function MyResults() {
  const t = useT();
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const status = table.filters.status;
  const q = useQuery({
    queryKey: ['results', 'mine', table.query],
    queryFn: () => api.get<Page<Result>>('/results', { ...table.query, box: 'mine' }),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="result-status-filter">{t('common.status')}</label>
        <Select
          id="result-status-filter"
          allowClear
          placeholder={t('common.all')}
          style={{ width: 140 }}
          value={status}
          onChange={(v: string | undefined) => table.setFilters({ ...table.filters, status: v })}
          options={RESULT_STATUSES.map((s) => ({ value: s, label: t(`supply.resultStatus.${s}` as MessageKey) }))}
        />
      </Space>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<Result>
          rowKey="id"
          data-testid="my-results"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 760 }}
          locale={{
            emptyText: (
              <Empty description={t('supply.results.mineEmpty')}>
                <LinkButton to="/workspace/results/new" type="primary">
                  {t('supply.results.create')}
                </LinkButton>
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('common.name'),
              dataIndex: 'title',
              key: 'title',
              sorter: true,
              sortOrder: table.sortOrderOf('title'),
              render: (v: string, r) => <Link to={`/workspace/results/${r.id}`}>{v}</Link>,
            },
            {
              title: t('supply.result.transferMode'),
              key: 'mode',
              render: (_: unknown, r) => t(`supply.transferMode.${r.transferMode}` as MessageKey),
            },
            {
              title: 'TRL',
              dataIndex: 'trl',
              key: 'trl',
              sorter: true,
              sortOrder: table.sortOrderOf('trl'),
              width: 80,
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_: unknown, r) => <ResultStatusTag status={r.status} testId={`result-row-status-${r.id}`} />,
            },
            {
              title: t('common.updatedAt'),
              key: 'createdAt',
              sorter: true,
              sortOrder: table.sortOrderOf('createdAt'),
              render: (_: unknown, r) => fmtDateTime(r.updatedAt),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Link
                  to={`/workspace/results/${r.id}`}
                  aria-label={`${r.abilities.edit ? t('common.edit') : t('common.view')} ${r.title}`}
                >
                  {r.abilities.edit ? t('common.edit') : t('common.view')}
                </Link>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
