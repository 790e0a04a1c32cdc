/**
 * The base directory with filters (type, batch, province, name), server-side paging and export, in antd: the
 * workspace's base register (names link to each base, `extra` adds the register button). The public page /bases
 * is the same directory in plain markup (pages/portal/BasesDirectoryPage.tsx, a light route without antd).
 */
import { Card, Form, Grid, Input, InputNumber, List, Pagination, Select, Skeleton, Space, Table } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../api/client.ts';
import type { Base, Page } from '../api/types.ts';
import { BASE_KINDS, BASE_KIND_LABELS, DEPARTMENT_LABELS } from '../../common/roles.ts';
import { useI18n } from '../i18n/index.tsx';
import { useTableState } from '../hooks/useTableState.ts';
import { PageHeader } from './PageHeader.tsx';
import { FilterBar } from './FilterBar.tsx';
import { ProvinceSelect } from './RegionSelect.tsx';
import { exportList } from './exportCsv.ts';
import { QueryState } from './QueryState.tsx';
import { punct } from './format.ts';
import { RemindBaseButton } from './RemindBaseButton.tsx';

export function BasesDirectory({ inWorkspace = false, extra }: { inWorkspace?: boolean; extra?: React.ReactNode }) {
  const { t, locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const table = useTableState({ sort: 'name', order: 'asc' });
  const screens = Grid.useBreakpoint();
  const phone = !screens.md;
  const q = useQuery({
    queryKey: ['bases', 'directory', table.query],
    queryFn: () => api.get<Page<Base>>('/bases', table.query),
    // A new filter or page keeps the current rows (greyed by the spinner) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const columns = [
    {
      title: t('common.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: table.sortOrderOf('name'),
      render: (v: string, r: Base) => (inWorkspace ? <Link to={`/workspace/bases/${r.id}`}>{v}</Link> : v),
    },
    {
      title: t('portal.shortName'),
      dataIndex: 'shortName',
      key: 'shortName',
      sorter: true,
      sortOrder: table.sortOrderOf('shortName'),
      width: 110,
    },
    {
      title: t('common.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (k: Base['kind']) => BASE_KIND_LABELS[k][lang],
      width: 150,
    },
    {
      title: t('common.batch'),
      dataIndex: 'batch',
      key: 'batch',
      sorter: true,
      sortOrder: table.sortOrderOf('batch'),
      render: (n: number) => t('common.batchN', { n }),
      width: 90,
    },
    {
      title: t('portal.region'),
      dataIndex: 'regionName',
      key: 'regionCode',
      sorter: true,
      sortOrder: table.sortOrderOf('regionCode'),
      render: (v: string | null, r: Base) => v ?? r.regionCode,
    },
    {
      title: t('portal.supervising'),
      dataIndex: 'supervisingDepartment',
      key: 'dept',
      render: (d: Base['supervisingDepartment']) => (d ? DEPARTMENT_LABELS[d][lang] : '—'),
    },
    // Following and reminding a base (issue 12 §3): offered only where the server allows it.
    ...(inWorkspace && q.data?.items.some((r) => r.abilities.follow || r.abilities.remind)
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, r: Base) => (
              <Space size={4} wrap>
                {r.abilities.follow ? (
                  <Link to={`/workspace/bases/${r.id}/supervision`} data-testid="base-follow">
                    {t('supervision.follow')}
                  </Link>
                ) : null}
                {r.abilities.remind ? <RemindBaseButton base={r} size="small" /> : null}
              </Space>
            ),
          },
        ]
      : []),
  ];
  return (
    <>
      <PageHeader
        title={t('portal.basesTitle')}
        subtitle={q.data ? t('portal.basesCount', { n: q.data.total }) : t('portal.baseDirectorySub')}
        extra={extra}
      />
      <FilterBar
        table={table}
        toForm={(f) => ({ ...f, batch: f.batch ? Number(f.batch) : undefined })}
        onExport={() =>
          exportList<Base>(
            '/bases',
            table.query,
            [
              { title: t('common.name'), value: (r) => r.name },
              { title: t('portal.shortName'), value: (r) => r.shortName },
              { title: t('common.kind'), value: (r) => BASE_KIND_LABELS[r.kind][lang] },
              { title: t('common.batch'), value: (r) => r.batch },
              { title: t('portal.region'), value: (r) => r.regionName ?? r.regionCode },
              {
                title: t('portal.supervising'),
                value: (r) => (r.supervisingDepartment ? DEPARTMENT_LABELS[r.supervisingDepartment][lang] : ''),
              },
              { title: t('portal.organisation'), value: (r) => r.organisationName },
            ],
            '示范基地名录',
          )
        }
      >
        <Form.Item name="q" label={t('portal.filterQ')}>
          <Input allowClear style={{ width: 180 }} />
        </Form.Item>
        <Form.Item name="kind" label={t('portal.filterKind')}>
          <Select
            allowClear
            style={{ width: 180 }}
            placeholder={t('common.all')}
            options={BASE_KINDS.map((k) => ({ value: k, label: BASE_KIND_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item name="batch" label={t('portal.filterBatch')}>
          <InputNumber min={1} max={99} style={{ width: 90 }} />
        </Form.Item>
        <Form.Item name="region" label={t('portal.filterProvince')}>
          <ProvinceSelect placeholder={t('common.all')} />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()} inWorkspace={inWorkspace}>
        {q.isLoading ? (
          // Until the first page arrives: the shape of the list, never an empty table saying "no data".
          <div data-testid="bases-loading" aria-busy="true" aria-label={t('portal.basesTitle')}>
            {Array.from({ length: phone ? 3 : 1 }, (_, i) => (
              <Card key={i} size="small" style={{ marginBottom: 8 }}>
                <Skeleton active title={!phone} paragraph={{ rows: phone ? 2 : 8 }} />
              </Card>
            ))}
          </div>
        ) : phone ? (
          <>
            <List
              data-testid="bases-list"
              loading={q.isPlaceholderData}
              dataSource={q.data?.items ?? []}
              locale={{ emptyText: q.isPlaceholderData ? <span aria-hidden /> : t('portal.basesEmpty') }}
              renderItem={(r) => (
                <List.Item style={{ padding: 0, border: 0 }}>
                  <Card size="small" style={{ marginBottom: 8, width: '100%' }}>
                    <h2 className="rt-card-title" style={{ padding: 0 }}>
                      {inWorkspace ? <Link to={`/workspace/bases/${r.id}`}>{r.name}</Link> : r.name}
                    </h2>
                    <div>
                      {r.shortName} · {BASE_KIND_LABELS[r.kind][lang]} · {t('common.batchN', { n: r.batch })}
                    </div>
                    <div className="rt-text-secondary">
                      {r.regionName ?? r.regionCode}
                      {r.supervisingDepartment ? ` · ${DEPARTMENT_LABELS[r.supervisingDepartment][lang]}` : ''}
                    </div>
                    {r.description ? <div style={{ marginTop: 4 }}>{r.description}</div> : null}
                  </Card>
                </List.Item>
              )}
            />
            <Pagination
              size="small"
              align="center"
              {...table.pagination(q.data?.total)}
              showSizeChanger={false}
              onChange={(page, pageSize) =>
                table.onTableChange(
                  { current: page, pageSize },
                  {},
                  { columnKey: table.sort, order: table.order === 'desc' ? 'descend' : 'ascend' },
                )
              }
            />
          </>
        ) : (
          <Table<Base>
            rowKey="id"
            data-testid="bases-table"
            loading={q.isPlaceholderData}
            dataSource={q.data?.items ?? []}
            columns={columns}
            pagination={table.pagination(q.data?.total)}
            onChange={table.onTableChange}
            scroll={{ x: 820 }}
            locale={{ emptyText: q.isPlaceholderData ? <span aria-hidden /> : t('portal.basesEmpty') }}
            expandable={{
              expandedRowRender: (r) => (
                <div>
                  <div>
                    {t('portal.organisation')}
                    {punct().colon}
                    {r.organisationName ?? '—'}
                  </div>
                  <div>{r.description ?? ''}</div>
                </div>
              ),
              rowExpandable: (r) => !!(r.description || r.organisationName),
            }}
          />
        )}
      </QueryState>
    </>
  );
}
