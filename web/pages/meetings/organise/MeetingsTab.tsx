/** Every accepted meeting of the session: fix to a slot, cancel. */
import { useState } from 'react';
import { App as AntApp, Button, Empty, Popconfirm, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Meeting, MeetingSession } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { useT } from '../../../i18n/index.tsx';
import { CitedItemLabel, MeetingStatusTag, pair, slotLabel } from '../shared.tsx';

export function MeetingsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>(undefined);
  const list = useQuery({
    queryKey: ['meetings', 'all-meetings', s.id, page, status],
    queryFn: () => api.get<Page<Meeting>>(`/meeting-sessions/${s.id}/meetings`, { page, pageSize: 50, status }),
  });
  const fix = useMutation({
    mutationFn: ({ id, slotIndex }: { id: string; slotIndex: number | null }) =>
      api.post<Meeting>(`/meetings/${id}/fix`, { slotIndex }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const cancel = useMutation({
    mutationFn: (id: string) => api.post<Meeting>(`/meetings/${id}/cancel`, {}),
    onSuccess: async () => {
      void message.success(t('meetings.cancelled'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="meeting-status">{t('common.status')}</label>
        <Select
          id="meeting-status"
          allowClear
          style={{ width: 160 }}
          placeholder={t('common.all')}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['accepted', 'scheduled', 'cancelled'] as const).map((x) => ({
            value: x,
            label: t(`meetings.meeting.${x}`),
          }))}
        />
      </Space>
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<Meeting>
          rowKey="id"
          size="middle"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 900 }}
          data-testid="all-meetings"
          pagination={{
            current: page,
            pageSize: 50,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.total', { n }),
          }}
          locale={{ emptyText: <Empty description={t('meetings.noMeetings')} /> }}
          columns={[
            { title: t('meetings.parties'), key: 'p', render: (_: unknown, m) => pair(m.participants) },
            { title: t('common.status'), key: 's', render: (_: unknown, m) => <MeetingStatusTag status={m.status} /> },
            {
              title: t('meetings.slot'),
              key: 'slot',
              render: (_: unknown, m) => (m.slot ? `${slotLabel(m.slot)} ${m.location?.label ?? ''}` : '—'),
            },
            {
              title: t('meetings.cite'),
              key: 'c',
              render: (_: unknown, m) => (m.citedItem ? <CitedItemLabel item={m.citedItem} /> : '—'),
            },
            {
              title: t('meetings.fixedSlot'),
              key: 'fix',
              render: (_: unknown, m) =>
                m.abilities.fix ? (
                  <Select
                    size="small"
                    style={{ width: 150 }}
                    aria-label={`${t('meetings.fixedSlot')} ${pair(m.participants)}`}
                    value={m.fixedSlot ?? -1}
                    onChange={(v: number) => fix.mutate({ id: m.id, slotIndex: v === -1 ? null : v })}
                    options={[
                      { value: -1, label: t('meetings.notFixed') },
                      ...s.slots.map((x) => ({ value: x.index, label: slotLabel(x) })),
                    ]}
                  />
                ) : m.fixedSlot !== null ? (
                  slotLabel(s.slots[m.fixedSlot]!)
                ) : (
                  '—'
                ),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, m) =>
                m.abilities.cancel ? (
                  <Popconfirm title={t('meetings.cancelConfirm')} onConfirm={() => cancel.mutate(m.id)}>
                    <Button size="small" danger aria-label={`${t('meetings.cancelMeeting')} ${pair(m.participants)}`}>
                      {t('meetings.cancelMeeting')}
                    </Button>
                  </Popconfirm>
                ) : null,
            },
          ]}
        />
      </QueryState>
    </>
  );
}
