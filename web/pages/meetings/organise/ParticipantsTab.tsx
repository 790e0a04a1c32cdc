/** The participants with their profiles, unavailable slots and request limits. */
import { useState } from 'react';
import { App as AntApp, Empty, InputNumber, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingSession, Participant } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { useT } from '../../../i18n/index.tsx';
import { hm } from '../../../components/meetings/SessionParts.tsx';

export function ParticipantsTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['meetings', 'participants', s.id, 'organiser', page],
    queryFn: () =>
      api.get<Page<Participant>>(`/meeting-sessions/${s.id}/participants`, { page, pageSize: 50, sort: 'joinedAt' }),
  });
  const limit = useMutation({
    mutationFn: ({ id, requestLimit }: { id: string; requestLimit: number | null }) =>
      api.patch<Participant>(`/meeting-participants/${id}`, { requestLimit }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings', 'participants', s.id] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <QueryState isLoading={list.isLoading} error={list.error}>
      <Table<Participant>
        rowKey="id"
        size="middle"
        dataSource={list.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        locale={{ emptyText: <Empty description={t('meetings.noParticipants')} /> }}
        columns={[
          {
            title: t('meetings.organisation'),
            key: 'o',
            render: (_: unknown, p) => (
              <div>
                <Typography.Text strong>{p.organisation.name}</Typography.Text>
                <div className="rt-muted">{p.name}</div>
              </div>
            ),
          },
          { title: t('meetings.offer'), dataIndex: 'offer', key: 'offer', render: (v: string | null) => v ?? '—' },
          { title: t('meetings.seek'), dataIndex: 'seek', key: 'seek', render: (v: string | null) => v ?? '—' },
          {
            title: t('meetings.unavailableTitle'),
            key: 'u',
            render: (_: unknown, p) =>
              p.unavailableSlots?.length
                ? p.unavailableSlots.map((i) => (s.slots[i] ? hm(s.slots[i].startsAt) : '')).join('、')
                : '—',
          },
          {
            title: t('meetings.requestLimit'),
            key: 'l',
            render: (_: unknown, p) => (
              <InputNumber
                size="small"
                min={1}
                max={200}
                placeholder={String(s.requestLimit)}
                defaultValue={p.requestLimit ?? undefined}
                aria-label={`${t('meetings.requestLimit')} ${p.organisation.name}`}
                onBlur={(e) => {
                  const raw = e.target.value.trim();
                  const v = raw === '' ? null : Number(raw);
                  if (v !== p.requestLimit && (v === null || (Number.isInteger(v) && v >= 1 && v <= 200)))
                    limit.mutate({ id: p.id, requestLimit: v });
                }}
              />
            ),
          },
        ]}
      />
      <div className="rt-muted">{t('meetings.limitHelp', { n: s.requestLimit })}</div>
    </QueryState>
  );
}
