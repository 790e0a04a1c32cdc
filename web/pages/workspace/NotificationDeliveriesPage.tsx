/**
 * 消息发送记录 (system administrator): every e-mail and SMS the platform sent or tried to send, with status,
 * attempts and the last error, filtered by status and channel; a failed message can be sent again (audited).
 */
import { App as AntApp, Button, Form, Popconfirm, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../../../common/notification-categories.ts';
import type { DeliveryAdminItem, DeliveryAdminList } from '../../../common/contracts/notification-deliveries.ts';
import { api } from '../../api/client.ts';
import { useT } from '../../i18n/index.tsx';
import { useTableState } from '../../hooks/useTableState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { dateCell } from '../../components/cells.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';

const TONE = { pending: 'blue', sent: 'green', failed: 'red' } as const;

export function NotificationDeliveriesPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const table = useTableState();
  const q = useQuery({
    queryKey: ['admin', 'deliveries', table.query],
    queryFn: () => api.get<DeliveryAdminList>('/admin/notification-deliveries', table.query),
  });
  const retry = useMutation({
    mutationFn: (id: string) => api.post<void>(`/admin/notification-deliveries/${id}/retry`),
    onSuccess: () => {
      void message.success(t('notify.log.retried'));
      void qc.invalidateQueries({ queryKey: ['admin', 'deliveries'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <>
      <PageHeader title={t('notify.log.title')} subtitle={t('notify.log.subtitle')} />
      <FilterBar table={table}>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('common.all')}
            options={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`notify.delivery.status.${s}`) }))}
          />
        </Form.Item>
        <Form.Item name="channel" label={t('notify.log.channel')}>
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('common.all')}
            options={DELIVERY_CHANNELS.map((c) => ({ value: c, label: t(`notify.delivery.channel.${c}`) }))}
          />
        </Form.Item>
      </FilterBar>
      <Table<DeliveryAdminItem>
        rowKey="id"
        data-testid="deliveries-table"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={table.pagination(q.data?.total)}
        onChange={table.onTableChange}
        scroll={{ x: 1100 }}
        locale={{ emptyText: q.error ? errorMessage(q.error) : t('notify.log.empty') }}
        columns={[
          { title: t('notify.log.time'), dataIndex: 'createdAt', render: dateCell, width: 160 },
          {
            title: t('notify.log.recipient'),
            key: 'to',
            width: 180,
            render: (_: unknown, r) => (
              <div>
                <div>{r.userName}</div>
                <div className="rt-text-secondary">{r.recipient}</div>
              </div>
            ),
          },
          {
            title: t('notify.log.channel'),
            dataIndex: 'channel',
            width: 70,
            render: (c: DeliveryAdminItem['channel']) => t(`notify.delivery.channel.${c}`),
          },
          { title: t('notify.log.subject'), dataIndex: 'title' },
          {
            title: t('common.status'),
            key: 'status',
            width: 260,
            render: (_: unknown, r) => (
              <div>
                <ToneTag tone={TONE[r.status]} testId={`delivery-status-${r.id}`}>
                  {t(`notify.delivery.status.${r.status}`)}
                </ToneTag>
                {r.sentAt ? (
                  <div className="rt-text-secondary">{t('notify.log.sentAt', { time: fmtDateTime(r.sentAt) })}</div>
                ) : r.nextAttemptAt ? (
                  <div className="rt-text-secondary">
                    {t('notify.log.nextAttempt', { time: fmtDateTime(r.nextAttemptAt) })}
                  </div>
                ) : null}
                {r.lastError ? (
                  <Typography.Paragraph
                    ellipsis={{ rows: 2, tooltip: r.lastError }}
                    style={{ marginBottom: 0, fontSize: 12, color: '#a8071a' }}
                  >
                    {t('notify.log.errorLine', { error: r.lastError })}
                  </Typography.Paragraph>
                ) : null}
              </div>
            ),
          },
          { title: t('notify.log.attempts'), dataIndex: 'attempts', width: 80, align: 'right' },
          {
            title: t('common.actions'),
            key: 'a',
            width: 110,
            fixed: 'right',
            render: (_: unknown, r) =>
              r.status === 'failed' ? (
                <Popconfirm
                  title={t('notify.log.retryConfirm')}
                  onConfirm={() => retry.mutate(r.id)}
                  okText={t('common.confirm')}
                  cancelText={t('common.cancel')}
                >
                  <Button
                    size="small"
                    loading={retry.isPending && retry.variables === r.id}
                    disabled={retry.isPending}
                    aria-label={t('notify.log.retryLabel', { title: r.title })}
                    data-testid={`delivery-retry-${r.id}`}
                  >
                    {t('notify.log.retry')}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
    </>
  );
}
