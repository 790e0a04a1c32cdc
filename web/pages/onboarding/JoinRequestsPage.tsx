/**
 * 加入申请 (issue 12 §1): an organisation's administrators (its registrant, its base administrators) see who
 * asks to join and approve (the person becomes a member) or decline with an optional note.
 */
import { useState } from 'react';
import { App as AntApp, Button, Empty, Form, Input, Popconfirm, Segmented, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { JOIN_REQUEST_LABELS, type JoinRequest, type JoinRequestStatus } from '../../api/onboarding.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ScrollTable } from '../../components/ScrollTable.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';
import { dateCell } from '../../components/cells.tsx';
import { errorMessage } from '../../components/errors.ts';
import { JoinStatusTag, useLang } from './shared.tsx';

type Filter = JoinRequestStatus | 'all';

export function JoinRequestsPage() {
  const t = useT();
  const lang = useLang();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [status, setStatus] = useState<Filter>('pending');
  const [page, setPage] = useState(1);
  const [declining, setDeclining] = useState<JoinRequest | null>(null);
  const q = useQuery({
    queryKey: ['onboarding', 'join-requests', status, page],
    queryFn: () =>
      api.get<Page<JoinRequest>>('/onboarding/join-requests', {
        ...(status === 'all' ? {} : { status }),
        page,
        pageSize: 20,
      }),
  });
  const decide = useMutation({
    mutationFn: (x: { id: string; decision: 'approve' | 'decline'; note?: string }) => {
      const { id, ...body } = x;
      return api.post(`/onboarding/join-requests/${id}/decision`, body);
    },
    onSuccess: () => {
      setDeclining(null);
      void message.success(t('onboarding.decided'));
    },
    onError: (e) => void message.error(errorMessage(e)),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['onboarding', 'join-requests'] }),
  });

  return (
    <>
      <PageHeader title={t('onboarding.requestsTitle')} />
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as Filter);
          setPage(1);
        }}
        options={[
          ...(['pending', 'approved', 'declined'] as const).map((s) => ({
            value: s,
            label: JOIN_REQUEST_LABELS[s][lang],
          })),
          { value: 'all', label: t('onboarding.all') },
        ]}
        style={{ marginBottom: 16 }}
      />
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        {!q.isLoading && q.data && !q.data.items.length ? (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('onboarding.emptyRequests')} />
        ) : (
          <ScrollTable label={t('onboarding.requestsTitle')} minWidth={1000}>
            <Table<JoinRequest>
              rowKey="id"
              data-testid="join-requests-table"
              loading={q.isLoading}
              dataSource={q.data?.items ?? []}
              locale={{ emptyText: t('onboarding.emptyRequests') }}
              pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage }}
              columns={[
                {
                  title: t('onboarding.requester'),
                  key: 'requester',
                  width: 120,
                  render: (_: unknown, r) => <strong>{r.requester.name}</strong>,
                },
                {
                  title: t('onboarding.contact'),
                  key: 'contact',
                  width: 200,
                  render: (_: unknown, r) => [r.requester.mobile, r.requester.email].filter(Boolean).join(' · ') || '—',
                },
                {
                  title: t('onboarding.message'),
                  dataIndex: 'message',
                  key: 'message',
                  width: 230,
                  render: (v: string | null) => v ?? '—',
                },
                {
                  title: t('onboarding.requestedAt'),
                  dataIndex: 'createdAt',
                  key: 'createdAt',
                  width: 180,
                  render: dateCell,
                },
                {
                  title: t('common.status'),
                  key: 'status',
                  width: 120,
                  render: (_: unknown, r) => (
                    <Space orientation="vertical" size={0}>
                      <JoinStatusTag status={r.status} />
                      {r.decisionNote ? <span className="rt-text-secondary">{r.decisionNote}</span> : null}
                    </Space>
                  ),
                },
                {
                  title: t('common.actions'),
                  key: 'actions',
                  width: 150,
                  render: (_: unknown, r) =>
                    r.abilities.decide ? (
                      <Space wrap>
                        <Popconfirm
                          title={t('onboarding.acceptConfirm', { name: r.requester.name })}
                          okText={t('onboarding.accept')}
                          cancelText={t('common.cancel')}
                          onConfirm={() => decide.mutate({ id: r.id, decision: 'approve' })}
                        >
                          <Button type="primary" size="small" disabled={decide.isPending} data-testid="join-approve">
                            {t('onboarding.accept')}
                          </Button>
                        </Popconfirm>
                        <Button size="small" danger disabled={decide.isPending} onClick={() => setDeclining(r)}>
                          {t('onboarding.decline')}
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          </ScrollTable>
        )}
      </QueryState>
      {declining ? (
        <DeclineModal
          request={declining}
          pending={decide.isPending}
          onCancel={() => setDeclining(null)}
          onSubmit={(note) => decide.mutate({ id: declining.id, decision: 'decline', ...(note ? { note } : {}) })}
        />
      ) : null}
    </>
  );
}

function DeclineModal({
  request,
  pending,
  onCancel,
  onSubmit,
}: {
  request: JoinRequest;
  pending: boolean;
  onCancel: () => void;
  onSubmit: (note: string) => void;
}) {
  const t = useT();
  const [form] = Form.useForm<{ note?: string }>();
  return (
    <GuardedModal
      open
      form={form}
      title={t('onboarding.declineTitle', { name: request.requester.name })}
      okText={t('onboarding.decline')}
      cancelText={t('common.cancel')}
      okButtonProps={{ danger: true, loading: pending }}
      onOk={() => form.submit()}
      onCancel={onCancel}
    >
      <Form form={form} layout="vertical" onFinish={(x) => onSubmit((x.note ?? '').trim())}>
        <Form.Item name="note" label={t('onboarding.note')}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
