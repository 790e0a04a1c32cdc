/** Incoming and outgoing meeting requests with accept/decline/withdraw and their expiry. */
import { useState } from 'react';
import { App as AntApp, Button, Empty, Popconfirm, Segmented, Space, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingRequest, MeetingSession } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { CitedItemLabel, Countdown, RequestStatusTag } from '../shared.tsx';

export function RequestsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [box, setBox] = useState<'incoming' | 'outgoing'>('incoming');
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['meetings', 'requests', s.id, box, page],
    queryFn: () => api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box, page, pageSize: 20 }),
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'accept' | 'decline' | 'withdraw' }) =>
      api.post<MeetingRequest>(`/meeting-requests/${id}/${action}`),
    onSuccess: async (_r, v) => {
      void message.success(t(`meetings.done.${v.action}` as MessageKey));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Segmented<'incoming' | 'outgoing'>
        aria-label={t('meetings.tab.requests')}
        value={box}
        onChange={(v) => {
          setBox(v);
          setPage(1);
        }}
        options={[
          { value: 'incoming', label: t('meetings.incoming') },
          { value: 'outgoing', label: t('meetings.outgoing') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="requests-box"
      />
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<MeetingRequest>
          rowKey="id"
          data-testid="requests-table"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 820 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.total', { n }),
          }}
          locale={{
            emptyText: <Empty description={box === 'incoming' ? t('meetings.noIncoming') : t('meetings.noOutgoing')} />,
          }}
          columns={[
            {
              title: box === 'incoming' ? t('meetings.from') : t('meetings.to'),
              key: 'who',
              render: (_: unknown, r) => {
                const p = box === 'incoming' ? r.requester : r.recipient;
                return (
                  <div>
                    <Typography.Text strong>{p.organisationName}</Typography.Text>
                    <div className="rt-muted">{p.name}</div>
                  </div>
                );
              },
            },
            {
              title: t('meetings.message'),
              key: 'msg',
              render: (_: unknown, r) => (
                <div style={{ maxWidth: 360 }}>
                  {r.message ?? <span className="rt-muted">—</span>}
                  {r.citedItem ? (
                    <div>
                      <CitedItemLabel item={r.citedItem} />
                    </div>
                  ) : null}
                </div>
              ),
            },
            { title: t('common.createdAt'), key: 'at', render: (_: unknown, r) => fmtDateTime(r.createdAt) },
            {
              title: t('common.status'),
              key: 'st',
              render: (_: unknown, r) => (
                <Space direction="vertical" size={2}>
                  <RequestStatusTag status={r.status} />
                  {r.status === 'pending' ? <Countdown until={r.expiresAt} /> : null}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => {
                const who = box === 'incoming' ? r.requester.organisationName : r.recipient.organisationName;
                return (
                  <Space wrap>
                    {r.abilities.accept ? (
                      <Button
                        size="small"
                        type="primary"
                        onClick={() => act.mutate({ id: r.id, action: 'accept' })}
                        aria-label={`${t('meetings.accept')} ${who}`}
                        data-testid={`accept-${r.requester.organisationName}`}
                      >
                        {t('meetings.accept')}
                      </Button>
                    ) : null}
                    {r.abilities.decline ? (
                      <Popconfirm
                        title={t('meetings.declineConfirm')}
                        onConfirm={() => act.mutate({ id: r.id, action: 'decline' })}
                      >
                        <Button size="small" danger aria-label={`${t('meetings.decline')} ${who}`}>
                          {t('meetings.decline')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                    {r.abilities.withdraw ? (
                      <Popconfirm
                        title={t('meetings.withdrawConfirm')}
                        onConfirm={() => act.mutate({ id: r.id, action: 'withdraw' })}
                      >
                        <Button size="small" aria-label={`${t('meetings.withdraw')} ${who}`}>
                          {t('meetings.withdraw')}
                        </Button>
                      </Popconfirm>
                    ) : null}
                  </Space>
                );
              },
            },
          ]}
        />
      </QueryState>
      {s.mode === 'organiser' ? (
        <div className="rt-muted">{t('meetings.acceptHintOrganiser')}</div>
      ) : (
        <div className="rt-muted">{t('meetings.acceptHintSelf')}</div>
      )}
    </>
  );
}
