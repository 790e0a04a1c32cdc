/**
 * Preliminary plans of a programme year, scoped by the server to the caller's role (base admin: own;
 * owner: all submitted; reviewer: assigned; local DRC: its province). Base admins start a plan here.
 */
import { App as AntApp, Button, Empty, Form, Input, Select, Space, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page, Plan, PlanSummary } from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { pickProgramme, useProgrammes } from '../../../hooks/useProgrammes.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { ProgrammePicker } from '../../../components/ProgrammePicker.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { dateCell } from '../../../components/cells.tsx';
import { exportList } from '../../../components/exportCsv.ts';
import { errorMessage } from '../../../components/errors.ts';

const STATUSES = ['draft', 'submitted', 'returned', 'withdrawn', 'selected'] as const;

export function PlansPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const table = useTableState({ sort: 'updatedAt', order: 'desc' });
  const programmes = useProgrammes();
  const { programme: wanted, ...filters } = table.filters;
  const programme = pickProgramme(programmes.data?.items, wanted);
  const query = { ...table.query, programme: undefined };

  const plans = useQuery({
    queryKey: ['plans', programme?.id, query],
    queryFn: () => api.get<Page<PlanSummary>>(`/programmes/${programme?.id}/plans`, query),
    enabled: !!programme,
  });

  const create = useMutation({
    mutationFn: () => api.post<Plan>(`/programmes/${programme?.id}/plans`, {}),
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: ['plans'] });
      void navigate(`/workspace/plans/${p.id}`);
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const setProgramme = (id: string) => table.setFilters({ ...filters, programme: id });

  const columns = [
    {
      title: t('plan.base'),
      dataIndex: ['base', 'name'],
      key: 'baseName',
      sorter: true,
      sortOrder: table.sortOrderOf('baseName'),
      render: (_: unknown, r: PlanSummary) => (
        <Link to={`/workspace/plans/${r.id}`} data-testid={`plan-link-${r.base.shortName}`}>
          {r.base.name}
        </Link>
      ),
    },
    { title: t('plan.theme'), dataIndex: 'theme', key: 'theme', render: (v: string | null) => v || '—' },
    {
      title: t('plan.planTitle'),
      dataIndex: 'title',
      key: 'title',
      render: (v: string | null) => v || '—',
      ellipsis: true,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      key: 'status',
      sorter: true,
      sortOrder: table.sortOrderOf('status'),
      render: (s: string) => <StatusTag kind="plan" status={s} />,
    },
    {
      title: t('supervision.zishuWhole'),
      dataIndex: 'zishu',
      key: 'zishu',
    },
    {
      title: t('plan.areasCovered'),
      key: 'areas',
      render: (_: unknown, r: PlanSummary) => `${r.areasCovered} / ${r.minContentAreas}`,
    },
    {
      title: t('plan.submittedAt'),
      dataIndex: 'submittedAt',
      key: 'submittedAt',
      sorter: true,
      sortOrder: table.sortOrderOf('submittedAt'),
      render: dateCell,
    },
    {
      title: t('common.updatedAt'),
      dataIndex: 'updatedAt',
      key: 'updatedAt',
      sorter: true,
      sortOrder: table.sortOrderOf('updatedAt'),
      render: dateCell,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_: unknown, r: PlanSummary) => (
        <Link
          to={`/workspace/plans/${r.id}`}
          aria-label={`${r.abilities.edit ? t('common.edit') : t('common.view')} ${r.base.name}`}
        >
          {r.abilities.edit ? t('common.edit') : t('common.view')}
        </Link>
      ),
    },
  ];

  const canCreate = !!programme?.abilities.createPlan;

  return (
    <>
      <PageHeader
        title={t('nav.plans')}
        subtitle={programme ? programme.name : undefined}
        extra={
          <Space wrap>
            {programmes.data?.items.length ? (
              <ProgrammePicker programmes={programmes.data.items} value={programme?.id} onChange={setProgramme} />
            ) : null}
            {canCreate ? (
              <Button
                type="primary"
                icon={<PlusOutlined />}
                loading={create.isPending}
                onClick={() => create.mutate()}
                data-testid="plan-create"
              >
                {t('plans.create')}
              </Button>
            ) : null}
          </Space>
        }
      />
      <QueryState isLoading={programmes.isLoading} error={programmes.error}>
        {!programme ? (
          <Empty description={t('plans.noProgramme')} />
        ) : (
          <>
            <FilterBar
              table={table}
              onExport={() =>
                exportList<PlanSummary>(
                  `/programmes/${programme.id}/plans`,
                  query,
                  [
                    { title: t('plan.base'), value: (r) => r.base.name },
                    { title: t('portal.shortName'), value: (r) => r.base.shortName },
                    { title: t('plan.theme'), value: (r) => r.theme },
                    { title: t('plan.planTitle'), value: (r) => r.title },
                    { title: t('common.status'), value: (r) => t(`status.plan.${r.status}`) },
                    { title: t('supervision.zishuWhole'), value: (r) => r.zishu },
                    { title: t('plan.areasCovered'), value: (r) => r.areasCovered },
                    { title: t('plan.partners'), value: (r) => r.partnerBases.map((b) => b.name).join('、') },
                    { title: t('plan.months'), value: (r) => r.plannedMonths.join('、') },
                    { title: t('plan.submittedAt'), value: (r) => fmtDateTime(r.submittedAt) },
                  ],
                  `活动初步计划-${programme.year}`,
                )
              }
            >
              <Form.Item name="q" label={t('common.keyword')}>
                <Input allowClear placeholder={t('plans.searchPlaceholder')} style={{ width: 220 }} />
              </Form.Item>
              <Form.Item name="status" label={t('common.status')}>
                <Select
                  allowClear
                  style={{ width: 140 }}
                  options={STATUSES.map((s) => ({ value: s, label: t(`status.plan.${s}`) }))}
                  placeholder={t('common.all')}
                />
              </Form.Item>
            </FilterBar>
            <Table<PlanSummary>
              rowKey="id"
              data-testid="plans-table"
              loading={plans.isLoading}
              dataSource={plans.data?.items ?? []}
              columns={columns}
              pagination={table.pagination(plans.data?.total)}
              onChange={table.onTableChange}
              scroll={{ x: 960 }}
              locale={{
                emptyText: (
                  <Empty description={canCreate ? t('plans.emptyCreate') : t('plans.empty')}>
                    {canCreate ? (
                      <Button type="primary" onClick={() => create.mutate()} loading={create.isPending}>
                        {t('plans.create')}
                      </Button>
                    ) : null}
                  </Empty>
                ),
              }}
            />
          </>
        )}
      </QueryState>
    </>
  );
}
