/** The responses my organisation submitted, with their status. */
import { useState } from 'react';
import { Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { DemandResponse } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { dateCell } from '../../../components/cells.tsx';
import { demandPath } from '../../../components/demands/paths.ts';
import { ResponseStatusTag } from '../shared.tsx';

export function MyResponses() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['demand-responses', 'mine', page],
    queryFn: () => api.get<Page<DemandResponse>>('/demand-responses', { box: 'mine', page, pageSize: 20 }),
  });
  return (
    <QueryState isLoading={false} error={list.error} refetch={() => void list.refetch()}>
      <Table<DemandResponse>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="my-responses-table"
        scroll={{ x: 760 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        locale={{
          emptyText: (
            <Empty description={t('demands.ws.emptyResponses')}>
              <Typography.Paragraph className="rt-text-secondary">
                {t('demands.ws.emptyResponsesHint')}
              </Typography.Paragraph>
              <LinkButton to="/demands" type="primary">
                {t('demands.ws.browse')}
              </LinkButton>
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('demands.detail'),
            key: 'demand',
            render: (_: unknown, r) => (
              <Link to={demandPath({ id: r.demand.id, kind: r.demand.kind })}>{r.demand.title}</Link>
            ),
          },
          { title: t('demands.publisher'), key: 'pub', render: (_: unknown, r) => r.demand.organisation.name },
          {
            title: t('common.status'),
            key: 'status',
            width: 100,
            render: (_: unknown, r) => <ResponseStatusTag status={r.status} />,
          },
          { title: t('demands.attachments'), key: 'att', width: 80, render: (_: unknown, r) => r.attachments.length },
          {
            title: t('demands.m.submittedAt'),
            key: 'at',
            width: 170,
            render: (_: unknown, r) => dateCell(r.createdAt),
          },
        ]}
      />
    </QueryState>
  );
}
