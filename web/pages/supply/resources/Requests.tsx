/** Resource requests, received (approve/decline with a reason) or my own (withdraw). */
import { useState } from 'react';
import { App as AntApp, Button, Input, Modal, Popconfirm, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import { REQUEST_STATUSES, type ResourceRequest } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { RequestStatusTag } from '../shared.tsx';

export function Requests({ box }: { box: 'received' | 'mine' }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const [declining, setDeclining] = useState<ResourceRequest | null>(null);
  const [reason, setReason] = useState('');
  const q = useQuery({
    queryKey: ['resource-requests', box, table.query],
    queryFn: () => api.get<Page<ResourceRequest>>('/resource-requests', { ...table.query, box, tab: undefined }),
  });
  const act = useMutation({
    mutationFn: ({ id, action, reason }: { id: string; action: string; reason?: string }) =>
      api.post<ResourceRequest>(`/resource-requests/${id}/${action}`, reason ? { reason } : {}),
    onSuccess: () => {
      void message.success(t('common.saved'));
      setDeclining(null);
      setReason('');
      void qc.invalidateQueries({ queryKey: ['resource-requests'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor={`req-status-${box}`}>{t('common.status')}</label>
        <Select
          id={`req-status-${box}`}
          allowClear
          placeholder={t('common.all')}
          style={{ width: 130 }}
          value={table.filters.status}
          onChange={(v: string | undefined) => table.setFilters({ ...table.filters, status: v })}
          options={REQUEST_STATUSES.map((s) => ({ value: s, label: t(`supply.requestStatus.${s}` as MessageKey) }))}
        />
      </Space>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<ResourceRequest>
          rowKey="id"
          data-testid={`requests-${box}`}
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 980 }}
          locale={{
            emptyText: (
              <span className="rt-muted">
                {box === 'received' ? t('supply.request.receivedEmpty') : t('supply.request.mineEmpty')}
              </span>
            ),
          }}
          expandable={{ expandedRowRender: (r) => <div style={{ whiteSpace: 'pre-wrap' }}>{r.purpose}</div> }}
          columns={[
            {
              title: t('supply.request.resource'),
              key: 'res',
              render: (_: unknown, r) => <Link to={`/resources/${r.resource.id}`}>{r.resource.title}</Link>,
            },
            box === 'received'
              ? {
                  title: t('supply.request.applicant'),
                  key: 'org',
                  render: (_: unknown, r) => `${r.organisation.name}（${r.user.name}）`,
                }
              : {
                  title: t('supply.resource.owner'),
                  key: 'org',
                  render: (_: unknown, r) => r.resource.organisation.name,
                },
            {
              title: t('supply.request.dates'),
              key: 'startDate',
              sorter: true,
              sortOrder: table.sortOrderOf('startDate'),
              render: (_: unknown, r) => `${r.startDate} — ${r.endDate}`,
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_: unknown, r) => (
                <>
                  <RequestStatusTag status={r.status} testId={`request-status-${r.id}`} />
                  {r.decisionReason ? <div className="rt-text-secondary">{r.decisionReason}</div> : null}
                </>
              ),
            },
            {
              title: t('common.createdAt'),
              key: 'createdAt',
              sorter: true,
              sortOrder: table.sortOrderOf('createdAt'),
              render: (_: unknown, r) => fmtDateTime(r.createdAt),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {r.abilities.approve ? (
                    <Button
                      size="small"
                      type="primary"
                      onClick={() => act.mutate({ id: r.id, action: 'approve' })}
                      data-testid={`request-approve-${r.id}`}
                    >
                      {t('supply.request.approve')}
                    </Button>
                  ) : null}
                  {r.abilities.decline ? (
                    <Button size="small" danger onClick={() => setDeclining(r)} data-testid={`request-decline-${r.id}`}>
                      {t('supply.request.decline')}
                    </Button>
                  ) : null}
                  {r.abilities.markUsed ? (
                    <Button size="small" onClick={() => act.mutate({ id: r.id, action: 'mark-used' })}>
                      {t('supply.request.markUsed')}
                    </Button>
                  ) : null}
                  {r.abilities.close ? (
                    <Popconfirm
                      title={t('supply.request.confirmClose')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => act.mutate({ id: r.id, action: 'close' })}
                    >
                      <Button size="small">{t('supply.request.close')}</Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.withdraw ? (
                    <Popconfirm
                      title={t('supply.request.confirmWithdraw')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => act.mutate({ id: r.id, action: 'withdraw' })}
                    >
                      <Button size="small" danger>
                        {t('supply.request.withdraw')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <Modal
        open={!!declining}
        title={t('supply.request.declineTitle')}
        onCancel={() => setDeclining(null)}
        okText={t('supply.request.decline')}
        okButtonProps={{
          danger: true,
          disabled: !reason.trim(),
          loading: act.isPending,
          'data-testid': 'decline-confirm',
        }}
        cancelText={t('common.cancel')}
        onOk={() => declining && act.mutate({ id: declining.id, action: 'decline', reason: reason.trim() })}
        destroyOnHidden
      >
        <label htmlFor="decline-reason">{t('supply.request.declineReason')}</label>
        <Input.TextArea
          id="decline-reason"
          rows={3}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          maxLength={2000}
          data-testid="decline-reason"
        />
        {!reason.trim() ? (
          <div className="rt-text-secondary" style={{ marginTop: 4 }}>
            {t('supply.request.reasonRequired')}
          </div>
        ) : null}
      </Modal>
    </>
  );
}
