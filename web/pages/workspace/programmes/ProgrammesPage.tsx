/** 年度方案 (owner): the programmes with filters; open/close the call per the server's abilities. */
import { Button, Form, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page, Programme } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { dateCell } from '../../../components/cells.tsx';
import { exportList } from '../../../components/exportCsv.ts';
import { useProgrammeAction } from '../../../hooks/useProgrammes.ts';

export function ProgrammesPage() {
  const t = useT();
  const table = useTableState({ sort: 'year', order: 'desc' });
  const q = useQuery({
    queryKey: ['programmes', 'list', table.query],
    queryFn: () => api.get<Page<Programme>>('/programmes', table.query),
  });
  const action = useProgrammeAction();
  return (
    <>
      <PageHeader
        title={t('nav.programmes')}
        extra={
          <LinkButton
            to="/workspace/programmes/new"
            type="primary"
            icon={<PlusOutlined />}
            data-testid="programme-create"
          >
            {t('programme.create')}
          </LinkButton>
        }
      />
      <FilterBar
        table={table}
        toForm={(f) => ({ ...f, year: f.year ? Number(f.year) : undefined })}
        onExport={() =>
          exportList<Programme>(
            '/programmes',
            table.query,
            [
              { title: t('common.year'), value: (r) => r.year },
              { title: t('common.name'), value: (r) => r.name },
              { title: t('common.status'), value: (r) => t(`status.programme.${r.status}`) },
              { title: t('plan.deadline'), value: (r) => fmtDateTime(r.planDeadlineAt) },
              { title: t('programme.hostQuota'), value: (r) => r.rules.hostQuota },
            ],
            '年度方案',
          )
        }
      >
        <Form.Item name="year" label={t('common.year')}>
          <InputNumber min={2020} max={2100} style={{ width: 100 }} />
        </Form.Item>
        <Form.Item name="status" label={t('common.status')}>
          <Select
            allowClear
            style={{ width: 120 }}
            placeholder={t('common.all')}
            options={(['draft', 'open', 'closed'] as const).map((s) => ({
              value: s,
              label: t(`status.programme.${s}`),
            }))}
          />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<Programme>
          rowKey="id"
          data-testid="programmes-table"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 900 }}
          locale={{ emptyText: t('programme.empty') }}
          columns={[
            {
              title: t('common.year'),
              dataIndex: 'year',
              key: 'year',
              sorter: true,
              sortOrder: table.sortOrderOf('year'),
              width: 90,
            },
            {
              title: t('common.name'),
              dataIndex: 'name',
              key: 'name',
              render: (v: string, r) => <Link to={`/workspace/programmes/${r.id}`}>{v}</Link>,
            },
            {
              title: t('common.status'),
              dataIndex: 'status',
              key: 'status',
              render: (s: string) => <StatusTag kind="programme" status={s} />,
            },
            { title: t('plan.deadline'), dataIndex: 'planDeadlineAt', key: 'deadline', render: dateCell },
            { title: t('programme.hostQuota'), key: 'quota', render: (_: unknown, r) => r.rules.hostQuota, width: 100 },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              key: 'createdAt',
              sorter: true,
              sortOrder: table.sortOrderOf('createdAt'),
              render: dateCell,
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space wrap>
                  <Link to={`/workspace/programmes/${r.id}`}>
                    {r.abilities.edit ? t('common.edit') : t('common.view')}
                  </Link>
                  {r.abilities.open ? (
                    <Popconfirm
                      title={t('programme.confirmOpen', { name: r.name })}
                      onConfirm={() => action.mutate({ id: r.id, action: 'open' })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                    >
                      <Button size="small" type="primary" data-testid={`programme-open-${r.year}`}>
                        {t('programme.open')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.close ? (
                    <Popconfirm
                      title={t('programme.confirmClose', { name: r.name })}
                      onConfirm={() => action.mutate({ id: r.id, action: 'close' })}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                    >
                      <Button size="small" danger data-testid={`programme-close-${r.year}`}>
                        {t('programme.close')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}
