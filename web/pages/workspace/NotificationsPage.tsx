/** 通知: my notifications (with whether their e-mail/SMS copies were sent), unread filter, mark one or all as read. */
import { App as AntApp, Badge, Button, Form, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { links } from '../../../common/links.ts';
import { api } from '../../api/client.ts';
import type { NotificationItem, NotificationPage } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { useTableState } from '../../hooks/useTableState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { dateCell } from '../../components/cells.tsx';
import { exportList } from '../../components/exportCsv.ts';
import { errorMessage } from '../../components/errors.ts';
import { ToneTag } from '../../components/StatusTag.tsx';

const DELIVERY_TONE = { pending: 'blue', sent: 'green', failed: 'red' } as const;

/** 邮件已发送 / 短信发送失败 …; nothing sent beyond the app: 仅站内. */
function DeliveryTags({ item }: { item: NotificationItem }) {
  const t = useT();
  if (!item.deliveries.length) return <span className="rt-text-secondary">{t('notify.delivery.inAppOnly')}</span>;
  return (
    <Space size={0} wrap>
      {item.deliveries.map((d) => (
        <ToneTag key={d.channel} tone={DELIVERY_TONE[d.status]} testId={`delivery-${d.channel}-${d.status}`}>
          {t('notify.delivery.tag', {
            channel: t(`notify.delivery.channel.${d.channel}`),
            status: t(`notify.delivery.status.${d.status}`),
          })}
        </ToneTag>
      ))}
    </Space>
  );
}

export function NotificationsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const table = useTableState();
  const q = useQuery({
    queryKey: ['notifications', 'list', table.query],
    queryFn: () => api.get<NotificationPage>('/notifications', table.query),
  });
  const done = () => void qc.invalidateQueries({ queryKey: ['notifications'] });
  const onErr = (e: unknown) => void message.error(errorMessage(e));
  const markOne = useMutation({
    mutationFn: (id: string) => api.post<void>(`/notifications/${id}/read`),
    onSuccess: done,
    onError: onErr,
  });
  const markAll = useMutation({
    mutationFn: () => api.post<void>('/notifications/read-all'),
    onSuccess: done,
    onError: onErr,
  });

  return (
    <>
      <PageHeader
        title={t('notifications.title')}
        subtitle={q.data ? t('header.notifications', { n: q.data.unread }) : undefined}
        extra={
          <Space wrap>
            <Link to={links.notificationSettings()} data-testid="notification-settings-link">
              {t('notify.openSettings')}
            </Link>
            <Button
              onClick={() => markAll.mutate()}
              loading={markAll.isPending}
              disabled={!q.data?.unread}
              data-testid="notifications-read-all"
            >
              {t('notifications.markAllRead')}
            </Button>
          </Space>
        }
      />
      <FilterBar
        table={table}
        onExport={() =>
          exportList<NotificationItem>(
            '/notifications',
            table.query,
            [
              { title: t('notifications.time'), value: (r) => fmtDateTime(r.createdAt) },
              { title: t('notifications.subject'), value: (r) => r.title },
              { title: t('notifications.content'), value: (r) => r.body },
              {
                title: t('common.status'),
                value: (r) => (r.readAt ? t('notifications.read') : t('notifications.unread')),
              },
            ],
            '通知',
          )
        }
      >
        <Form.Item name="unread" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('common.all')}
            options={[
              { value: 'true', label: t('notifications.unreadOnly') },
              { value: 'false', label: t('common.all') },
            ]}
          />
        </Form.Item>
      </FilterBar>
      <Table<NotificationItem>
        rowKey="id"
        data-testid="notifications-table"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={table.pagination(q.data?.total)}
        onChange={table.onTableChange}
        scroll={{ x: 870 }}
        locale={{ emptyText: t('notifications.empty') }}
        columns={[
          {
            title: t('notifications.subject'),
            dataIndex: 'title',
            render: (v: string, r) => (
              <Space size={6}>
                {r.readAt ? null : (
                  <>
                    <Badge status="processing" />
                    <span className="rt-sr-only">{t('notifications.unread')}</span>
                  </>
                )}
                {r.link ? (
                  <Link to={r.link} onClick={() => !r.readAt && markOne.mutate(r.id)}>
                    {v}
                  </Link>
                ) : (
                  <span>{v}</span>
                )}
              </Space>
            ),
          },
          { title: t('notifications.content'), dataIndex: 'body', render: (v: string | null) => v ?? '—' },
          { title: t('notifications.time'), dataIndex: 'createdAt', render: dateCell, width: 180 },
          {
            title: t('notify.delivery.column'),
            key: 'deliveries',
            width: 150,
            render: (_: unknown, r) => <DeliveryTags item={r} />,
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 120,
            render: (_: unknown, r) =>
              r.readAt ? (
                <span className="rt-text-secondary">{t('notifications.read')}</span>
              ) : (
                <Button
                  size="small"
                  onClick={() => markOne.mutate(r.id)}
                  aria-label={`${t('notifications.markRead')}：${r.title}`}
                >
                  {t('notifications.markRead')}
                </Button>
              ),
          },
        ]}
      />
    </>
  );
}
