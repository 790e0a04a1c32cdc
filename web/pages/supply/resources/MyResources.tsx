/** My organisation's resources: create, edit, publish, close, import and export. */
import { useState } from 'react';
import { App as AntApp, Button, Flex, Popconfirm, Space, Table } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, download } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Resource } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDate } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { ResourceStatusTag, useQuotaText } from '../shared.tsx';
import { ResourceDrawer } from './ResourceDrawer.tsx';
import { ImportModal } from './ImportModal.tsx';

export function MyResources() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const quotaText = useQuotaText();
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const [editing, setEditing] = useState<Resource | null>(null);
  const [drawer, setDrawer] = useState(false);
  const [importing, setImporting] = useState(false);
  const q = useQuery({
    queryKey: ['resources', 'mine', table.query],
    queryFn: () => api.get<Page<Resource>>('/resources', { ...table.query, mine: 'true' }),
  });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'close' }) =>
      api.post<Resource>(`/resources/${id}/${action}`),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['resources'] }),
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          data-testid="resource-create"
          onClick={() => {
            setEditing(null);
            setDrawer(true);
          }}
        >
          {t('supply.resource.createTitle')}
        </Button>
        <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="resource-import">
          {t('supply.import.title')}
        </Button>
        <Button
          icon={<DownloadOutlined />}
          onClick={() =>
            void download('/resources.xlsx', '开放资源.xlsx', { mine: 'true' }).catch(
              (e: unknown) => void message.error(errorMessage(e)),
            )
          }
        >
          {t('common.exportXlsx')}
        </Button>
      </Flex>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<Resource>
          rowKey="id"
          data-testid="my-resources"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 900 }}
          locale={{ emptyText: <span className="rt-muted">{t('supply.resources.mineEmpty')}</span> }}
          columns={[
            {
              title: t('supply.resource.title'),
              dataIndex: 'title',
              key: 'title',
              sorter: true,
              sortOrder: table.sortOrderOf('title'),
              render: (v: string, r) => (r.status === 'draft' ? v : <Link to={`/resources/${r.id}`}>{v}</Link>),
            },
            {
              title: t('supply.resource.type'),
              key: 'type',
              render: (_: unknown, r) => t(`supply.resourceType.${r.type}` as MessageKey),
            },
            { title: t('supply.resource.quota'), key: 'quota', render: (_: unknown, r) => quotaText(r) },
            {
              title: t('common.status'),
              key: 'status',
              render: (_: unknown, r) => <ResourceStatusTag status={r.status} testId={`resource-status-${r.id}`} />,
            },
            {
              title: t('common.createdAt'),
              key: 'createdAt',
              sorter: true,
              sortOrder: table.sortOrderOf('createdAt'),
              render: (_: unknown, r) => fmtDate(r.createdAt),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {r.abilities.edit ? (
                    <Button
                      size="small"
                      onClick={() => {
                        setEditing(r);
                        setDrawer(true);
                      }}
                      aria-label={`${t('common.edit')} ${r.title}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {r.abilities.publish ? (
                    <Button size="small" type="primary" onClick={() => act.mutate({ id: r.id, action: 'publish' })}>
                      {t('supply.resource.publish')}
                    </Button>
                  ) : null}
                  {r.abilities.close ? (
                    <Popconfirm
                      title={t('supply.resource.confirmClose')}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                      onConfirm={() => act.mutate({ id: r.id, action: 'close' })}
                    >
                      <Button size="small" danger>
                        {t('supply.resource.close')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.viewRequests && r.status !== 'draft' ? (
                    <Link to={`/workspace/resources?tab=received&resourceId=${r.id}`}>
                      {t('supply.resource.viewRequests')}
                    </Link>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <ResourceDrawer open={drawer} editing={editing} onClose={() => setDrawer(false)} />
      <ImportModal open={importing} onClose={() => setImporting(false)} />
    </>
  );
}
