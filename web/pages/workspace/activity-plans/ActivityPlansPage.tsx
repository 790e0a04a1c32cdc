/**
 * 活动方案: the theme days of a year with their activity-plan status and due date (one calendar month
 * before the first day), from the programme calendar the server scopes to the caller.
 */
import { Empty, Space, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Calendar, ThemeDay } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { pickProgramme, useProgrammes } from '../../../hooks/useProgrammes.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ProgrammePicker } from '../../../components/ProgrammePicker.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { fmtDate, fmtDateRange } from '../../../components/format.ts';
import { exportRows } from '../../../components/exportCsv.ts';
import { Button } from 'antd';
import { DueTag } from '../../../components/DueTag.tsx';

export function ActivityPlansPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const programmes = useProgrammes();
  // Activity plans exist once hosts are chosen: prefer the newest programme that has a calendar.
  const programme = pickProgramme(programmes.data?.items, params.get('programme'));
  const page = Number(params.get('page') ?? 1) || 1;
  const pageSize = Number(params.get('pageSize') ?? 20) || 20;
  const sort = params.get('sort') ?? 'startDate';
  const order = params.get('order') === 'desc' ? 'desc' : 'asc';
  const cal = useQuery({
    queryKey: ['calendar', programme?.id, page, pageSize, sort, order],
    queryFn: () => api.get<Calendar>(`/programmes/${programme?.id}/calendar`, { page, pageSize, sort, order }),
    enabled: !!programme,
  });
  const set = (patch: Record<string, string>) => setParams({ ...Object.fromEntries(params), ...patch });

  return (
    <>
      <PageHeader
        title={t('nav.activityPlans')}
        subtitle={t('ap.listSubtitle')}
        extra={
          <Space wrap>
            {programmes.data?.items.length ? (
              <ProgrammePicker
                programmes={programmes.data.items}
                value={programme?.id}
                onChange={(id) => setParams({ programme: id })}
              />
            ) : null}
            <Button
              disabled={!cal.data?.items.length}
              onClick={() =>
                exportRows(
                  cal.data?.items ?? [],
                  [
                    { title: t('ap.themeDay'), value: (r: ThemeDay) => r.title },
                    { title: t('portal.host'), value: (r) => r.host.name },
                    { title: t('portal.theme'), value: (r) => r.theme },
                    { title: t('portal.dates'), value: (r) => fmtDateRange(r.startDate, r.endDate) },
                    {
                      title: t('common.status'),
                      value: (r) =>
                        r.activityPlan.status
                          ? t(`status.activityPlan.${r.activityPlan.status}` as 'status.activityPlan.none')
                          : '',
                    },
                    { title: t('ap.dueDate'), value: (r) => fmtDate(r.activityPlan.dueDate) },
                  ],
                  `活动方案-${programme?.year ?? ''}`,
                )
              }
              data-testid="list-export"
            >
              {t('common.exportCsv')}
            </Button>
          </Space>
        }
      />
      <QueryState
        isLoading={programmes.isLoading}
        error={programmes.error ?? cal.error}
        refetch={() => void cal.refetch()}
      >
        <Table<ThemeDay>
          rowKey="id"
          data-testid="activity-plans-table"
          loading={cal.isLoading}
          dataSource={cal.data?.items ?? []}
          scroll={{ x: 900 }}
          pagination={{
            current: page,
            pageSize,
            total: cal.data?.total ?? 0,
            showTotal: (n) => t('common.total', { n }),
          }}
          onChange={(p, _f, s) => {
            const one = Array.isArray(s) ? s[0] : s;
            set({
              page: String(p.current ?? 1),
              pageSize: String(p.pageSize ?? 20),
              sort: one?.order ? String(one.columnKey) : 'startDate',
              order: one?.order === 'descend' ? 'desc' : 'asc',
            });
          }}
          locale={{ emptyText: <Empty description={t('ap.empty')} /> }}
          columns={[
            {
              title: t('ap.themeDay'),
              dataIndex: 'title',
              key: 'title',
              sorter: true,
              sortOrder: sort === 'title' ? (order === 'asc' ? 'ascend' : 'descend') : null,
              render: (v: string, r) => (
                <Link to={`/workspace/activity-plans/${r.id}`} data-testid={`ap-link-${r.host.shortName}`}>
                  {v}
                </Link>
              ),
            },
            { title: t('portal.theme'), dataIndex: 'theme', key: 'theme' },
            {
              title: t('portal.dates'),
              key: 'startDate',
              sorter: true,
              sortOrder: sort === 'startDate' ? (order === 'asc' ? 'ascend' : 'descend') : null,
              render: (_: unknown, r) => fmtDateRange(r.startDate, r.endDate),
            },
            {
              title: t('common.status'),
              key: 'status',
              render: (_: unknown, r) =>
                r.activityPlan.status ? <StatusTag kind="activityPlan" status={r.activityPlan.status} /> : '—',
            },
            {
              title: t('ap.dueDate'),
              key: 'due',
              render: (_: unknown, r) => <DueTag dueDate={r.activityPlan.dueDate} status={r.activityPlan.status} />,
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) =>
                r.abilities.readActivityPlan || r.abilities.editActivityPlan ? (
                  <Link
                    to={`/workspace/activity-plans/${r.id}`}
                    aria-label={`${r.abilities.editActivityPlan ? t('common.edit') : t('common.view')} ${r.title}`}
                  >
                    {r.abilities.editActivityPlan ? t('common.edit') : t('common.view')}
                  </Link>
                ) : null,
            },
          ]}
        />
      </QueryState>
    </>
  );
}
