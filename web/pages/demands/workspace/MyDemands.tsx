/** My organisation's demands or technology catalogue entries: create, edit, publish, close, import and export. */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Empty, Flex, Select, Space, Table, Typography } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, download } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Demand, DemandKind } from '../../../api/demands.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { dateCell } from '../../../components/cells.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { DeadlineTag } from '../../../components/demands/DeadlineTag.tsx';
import { DemandStatusTag } from '../shared.tsx';
import { DemandFormModal } from '../DemandForm.tsx';
import { ImportModal } from './ImportModal.tsx';

export function MyDemands({ kind, canPublish, loading }: { kind: DemandKind; canPublish: boolean; loading: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [status, setStatus] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [editing, setEditing] = useState<Demand | null>(null);
  const [formOpen, setFormOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const list = useQuery({
    queryKey: ['demands', 'mine', kind, status, page, pageSize],
    queryFn: () =>
      api.get<Page<Demand>>('/demands', {
        mine: 'true',
        kind,
        status,
        page,
        pageSize,
        sort: 'createdAt',
        order: 'desc',
      }),
  });
  const act = useMutation({
    mutationFn: ({ d, action }: { d: Demand; action: 'publish' | 'close' }) =>
      api.post<Demand>(`/demands/${d.id}/${action}`),
    onSuccess: (d) => {
      void message.success(d.status === 'published' ? t('demands.ws.published') : t('demands.ws.closed'));
      void qc.invalidateQueries({ queryKey: ['demands'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const confirm = (d: Demand, action: 'publish' | 'close') =>
    modal.confirm({
      title:
        action === 'close'
          ? t('demands.ws.closeConfirm', { title: d.title })
          : t('demands.ws.publishConfirm', { title: d.title }),
      okButtonProps: { danger: action === 'close' },
      onOk: () => act.mutateAsync({ d, action }),
    });

  if (!loading && !canPublish) {
    return (
      <Alert
        type="info"
        showIcon
        title={t('demands.ws.notEligible')}
        action={<LinkButton to="/workspace/demands?tab=responses">{t('demands.ws.responses')}</LinkButton>}
      />
    );
  }
  const isTech = kind === 'technology';
  return (
    <>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={8} wrap justify="space-between">
          <Space wrap>
            <label htmlFor={`status-${kind}`}>{t('common.status')}</label>
            <Select
              id={`status-${kind}`}
              allowClear
              value={status}
              onChange={(v: string | undefined) => {
                setStatus(v);
                setPage(1);
              }}
              style={{ width: 120 }}
              options={(['draft', 'published', 'closed'] as const).map((s) => ({
                value: s,
                label: t(`demands.status.${s}` as MessageKey),
              }))}
            />
          </Space>
          <Space wrap>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setFormOpen(true);
              }}
              data-testid={isTech ? 'tech-new' : 'demand-new'}
            >
              {isTech ? t('demands.ws.newTech') : t('demands.ws.new')}
            </Button>
            {!isTech ? (
              <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="demand-import">
                {t('demands.ws.import')}
              </Button>
            ) : null}
            <Button
              icon={<DownloadOutlined />}
              onClick={() =>
                download('/demands.xlsx', '创新需求清单.xlsx', { mine: 'true', kind, status }).catch(
                  (e: unknown) => void message.error(errorMessage(e)),
                )
              }
              data-testid="demand-export"
            >
              {t('demands.ws.export')}
            </Button>
          </Space>
        </Flex>
      </Card>
      <QueryState isLoading={false} error={list.error} refetch={() => void list.refetch()}>
        <Table<Demand>
          rowKey="id"
          loading={list.isLoading}
          dataSource={list.data?.items ?? []}
          data-testid={isTech ? 'tech-table' : 'demands-table'}
          scroll={{ x: 860 }}
          pagination={{
            current: page,
            pageSize,
            total: list.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (n) => t('common.total', { n }),
            onChange: (p, s) => {
              setPage(p);
              setPageSize(s);
            },
          }}
          locale={{
            emptyText: (
              <Empty description={isTech ? t('demands.ws.emptyTech') : t('demands.ws.emptyMine')}>
                <Typography.Paragraph className="rt-text-secondary">
                  {t('demands.ws.emptyMineHint')}
                </Typography.Paragraph>
              </Empty>
            ),
          }}
          columns={[
            {
              title: t('demands.form.title'),
              key: 'title',
              render: (_: unknown, d) => (
                <Link to={`/workspace/demands/${d.id}`} data-testid={`ws-demand-${d.id}`}>
                  {d.title}
                </Link>
              ),
            },
            { title: t('demands.field'), key: 'field', render: (_: unknown, d) => d.fieldName ?? d.fieldCode },
            {
              title: t('common.status'),
              key: 'status',
              width: 90,
              render: (_: unknown, d) => <DemandStatusTag status={d.status} />,
            },
            {
              title: t('demands.deadline'),
              key: 'deadline',
              width: 200,
              render: (_: unknown, d) => <DeadlineTag deadline={d.deadline} expired={d.expired} />,
            },
            {
              title: t('common.updatedAt'),
              key: 'updatedAt',
              width: 170,
              render: (_: unknown, d) => dateCell(d.updatedAt),
            },
            {
              title: t('common.actions'),
              key: 'a',
              width: 220,
              render: (_: unknown, d) => (
                <Space size={0} wrap>
                  <LinkButton
                    type="link"
                    size="small"
                    to={`/workspace/demands/${d.id}`}
                    aria-label={`${t('demands.ws.manage')} ${d.title}`}
                  >
                    {t('demands.ws.manage')}
                  </LinkButton>
                  {d.abilities.edit ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => {
                        setEditing(d);
                        setFormOpen(true);
                      }}
                      aria-label={`${t('common.edit')} ${d.title}`}
                    >
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {d.abilities.publish ? (
                    <Button
                      type="link"
                      size="small"
                      onClick={() => confirm(d, 'publish')}
                      aria-label={`${t('demands.ws.publish')} ${d.title}`}
                      data-testid={`ws-publish-${d.id}`}
                    >
                      {t('demands.ws.publish')}
                    </Button>
                  ) : null}
                  {d.abilities.close ? (
                    <Button
                      type="link"
                      size="small"
                      danger
                      onClick={() => confirm(d, 'close')}
                      aria-label={`${t('demands.ws.close')} ${d.title}`}
                    >
                      {t('demands.ws.close')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <DemandFormModal
        open={formOpen}
        kind={editing?.kind ?? kind}
        editing={editing}
        onClose={() => setFormOpen(false)}
      />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}
