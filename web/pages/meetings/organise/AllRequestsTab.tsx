/** Every meeting request of the session, for the organisers. */
import { useState } from 'react';
import { Empty, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingRequest, MeetingSession } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { Countdown, RequestStatusTag } from '../shared.tsx';

export function AllRequestsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['meetings', 'requests', s.id, 'organiser', page],
    queryFn: () =>
      api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box: 'all', page, pageSize: 20 }),
  });
  return (
    <QueryState isLoading={list.isLoading} error={list.error}>
      <Table<MeetingRequest>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        locale={{ emptyText: <Empty description={t('meetings.noRequests')} /> }}
        columns={[
          {
            title: t('meetings.from'),
            key: 'f',
            render: (_: unknown, r) => `${r.requester.organisationName}（${r.requester.name}）`,
          },
          {
            title: t('meetings.to'),
            key: 't',
            render: (_: unknown, r) => `${r.recipient.organisationName}（${r.recipient.name}）`,
          },
          { title: t('meetings.message'), dataIndex: 'message', key: 'm', render: (v: string | null) => v ?? '—' },
          { title: t('common.createdAt'), key: 'c', render: (_: unknown, r) => fmtDateTime(r.createdAt) },
          {
            title: t('common.status'),
            key: 's',
            render: (_: unknown, r) => (
              <Space direction="vertical" size={2}>
                <RequestStatusTag status={r.status} />
                {r.status === 'pending' ? <Countdown until={r.expiresAt} /> : null}
              </Space>
            ),
          },
        ]}
      />
    </QueryState>
  );
}
