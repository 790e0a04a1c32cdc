/**
 * 机构 (owner / system admin): the register with filters; create/edit with a live USCC check (debounced
 * POST /organisations/check-uscc), region Cascader, industry Select and a size-class preview computed by
 * the same classifyEnterpriseSize the server uses.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Typography,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../api/client.ts';
import type { Organisation, Page } from '../../../api/types.ts';
import { DEPARTMENTS, DEPARTMENT_LABELS, ORG_KINDS, ORG_KIND_LABELS } from '../../../../common/roles.ts';
import { ENTERPRISE_SIZE_LABELS, classifyEnterpriseSize } from '../../../../common/enterprise-size.ts';
import { useI18n } from '../../../i18n/index.tsx';
import { useTableState } from '../../../hooks/useTableState.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { industryOptions, UsccFeedback, useUsccCheck } from '../../../components/UsccCheck.tsx';
import { FilterBar } from '../../../components/FilterBar.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { ProvinceSelect, RegionCascader } from '../../../components/RegionSelect.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { dateCell } from '../../../components/cells.tsx';
import { exportList } from '../../../components/exportCsv.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useFormGuard } from '../../../hooks/useUnsavedChangesGuard.ts';

const SIZES = ['large', 'medium', 'small', 'micro'] as const;

export { industryOptions };

export function OrganisationsPage() {
  const { t, locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const table = useTableState({ sort: 'name', order: 'asc' });
  const q = useQuery({
    queryKey: ['organisations', 'list', table.query],
    queryFn: () => api.get<Page<Organisation>>('/organisations', table.query),
  });
  return (
    <>
      <PageHeader
        title={t('nav.organisations')}
        extra={
          <>
            <LinkButton to="/workspace/import" data-testid="bulk-import">
              {t('import.title')}
            </LinkButton>
            <LinkButton
              to="/workspace/organisations/new"
              type="primary"
              icon={<PlusOutlined />}
              data-testid="org-create"
            >
              {t('org.create')}
            </LinkButton>
          </>
        }
      />
      <FilterBar
        table={table}
        onExport={() =>
          exportList<Organisation>(
            '/organisations',
            table.query,
            [
              { title: t('common.name'), value: (r) => r.name },
              { title: t('org.uscc'), value: (r) => r.uscc },
              { title: t('org.usccStatus'), value: (r) => t(`status.uscc.${r.usccStatus}`) },
              { title: t('common.kind'), value: (r) => ORG_KIND_LABELS[r.kind][lang] },
              { title: t('common.region'), value: (r) => r.regionName },
              { title: t('org.industry'), value: (r) => r.industryName },
              { title: t('org.size'), value: (r) => (r.sizeClass ? ENTERPRISE_SIZE_LABELS[r.sizeClass] : '') },
            ],
            '机构名录',
          )
        }
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input allowClear style={{ width: 180 }} placeholder={t('org.searchPlaceholder')} />
        </Form.Item>
        <Form.Item name="kind" label={t('common.kind')}>
          <Select
            allowClear
            style={{ width: 150 }}
            placeholder={t('common.all')}
            options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k][lang] }))}
          />
        </Form.Item>
        <Form.Item name="region" label={t('common.province')}>
          <ProvinceSelect placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="size" label={t('org.size')}>
          <Select
            allowClear
            style={{ width: 110 }}
            placeholder={t('common.all')}
            options={SIZES.map((s) => ({ value: s, label: ENTERPRISE_SIZE_LABELS[s] }))}
          />
        </Form.Item>
        <Form.Item name="usccStatus" label={t('org.usccStatus')}>
          <Select
            allowClear
            style={{ width: 140 }}
            placeholder={t('common.all')}
            options={(['valid', 'needs_manual_verification', 'manually_verified'] as const).map((s) => ({
              value: s,
              label: t(`status.uscc.${s}`),
            }))}
          />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<Organisation>
          rowKey="id"
          data-testid="organisations-table"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 1000 }}
          columns={[
            {
              title: t('common.name'),
              dataIndex: 'name',
              key: 'name',
              sorter: true,
              sortOrder: table.sortOrderOf('name'),
              render: (v: string, r) => <Link to={`/workspace/organisations/${r.id}`}>{v}</Link>,
            },
            {
              title: t('org.uscc'),
              dataIndex: 'uscc',
              key: 'uscc',
              sorter: true,
              sortOrder: table.sortOrderOf('uscc'),
              render: (v: string, r) => (
                <Space size={4} wrap>
                  <code>{v}</code>
                  <StatusTag kind="uscc" status={r.usccStatus} />
                </Space>
              ),
            },
            {
              title: t('common.kind'),
              dataIndex: 'kind',
              key: 'kind',
              render: (k: Organisation['kind']) => ORG_KIND_LABELS[k][lang],
            },
            {
              title: t('common.region'),
              dataIndex: 'regionName',
              key: 'regionCode',
              sorter: true,
              sortOrder: table.sortOrderOf('regionCode'),
              render: (v: string | null) => v ?? '—',
            },
            {
              title: t('org.industry'),
              dataIndex: 'industryName',
              key: 'industry',
              render: (v: string | null) => v ?? '—',
              ellipsis: true,
            },
            {
              title: t('org.size'),
              dataIndex: 'sizeClass',
              key: 'size',
              render: (v: Organisation['sizeClass']) => (v ? ENTERPRISE_SIZE_LABELS[v] : '—'),
              width: 80,
            },
            {
              title: t('common.createdAt'),
              dataIndex: 'createdAt',
              key: 'createdAt',
              sorter: true,
              sortOrder: table.sortOrderOf('createdAt'),
              render: dateCell,
            },
          ]}
        />
      </QueryState>
    </>
  );
}

interface OrgValues {
  name: string;
  uscc: string;
  kind: Organisation['kind'];
  regionCode: string | null;
  industryCode: string | null;
  employees: number | null;
  revenueWan: number | null;
  assetsWan: number | null;
  departmentCode: Organisation['departmentCode'];
}

export function OrganisationFormPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const q = useQuery({
    queryKey: ['organisation', id],
    queryFn: () => api.get<Organisation>(`/organisations/${id}`),
    enabled: !isNew,
  });
  return (
    <QueryState isLoading={!isNew && q.isLoading} error={q.error}>
      {isNew || q.data ? <OrganisationForm org={q.data} /> : null}
    </QueryState>
  );
}

function OrganisationForm({ org }: { org?: Organisation }) {
  const { t, locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<OrgValues>();
  const guard = useFormGuard();
  const v = Form.useWatch([], form) as OrgValues | undefined;
  const [banner, setBanner] = useState<ApiError | null>(null);
  const initial = useMemo<Partial<OrgValues>>(
    () =>
      org
        ? {
            name: org.name,
            uscc: org.uscc,
            kind: org.kind,
            regionCode: org.regionCode,
            industryCode: org.industryCode,
            employees: org.employees ?? null,
            revenueWan: org.revenueWan ?? null,
            assetsWan: org.assetsWan ?? null,
            departmentCode: org.departmentCode,
          }
        : { kind: 'enterprise' },
    [org],
  );
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  const { check: usccCheck, loading: usccChecking } = useUsccCheck(v?.uscc, org?.id);
  const size =
    v?.industryCode && v.kind === 'enterprise'
      ? classifyEnterpriseSize({
          industry: v.industryCode,
          employees: v.employees ?? undefined,
          revenueWan: v.revenueWan ?? undefined,
          assetsWan: v.assetsWan ?? undefined,
        })
      : null;
  const editable = !org || org.abilities.edit;

  const save = useMutation({
    mutationFn: (x: OrgValues) =>
      org ? api.patch<Organisation>(`/organisations/${org.id}`, x) : api.post<Organisation>('/organisations', x),
    onSuccess: (o) => {
      guard.saved();
      qc.setQueryData(['organisation', o.id], o);
      void qc.invalidateQueries({ queryKey: ['organisations'] });
      void message.success(t('common.saved'));
      setBanner(null);
      if (!org) void navigate(`/workspace/organisations/${o.id}`, { replace: true });
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) setBanner(err instanceof ApiError ? err : null);
      void message.error(err instanceof ApiError ? err.title : String(err));
    },
  });
  const verify = useMutation({
    mutationFn: () => api.post<Organisation>(`/organisations/${org?.id}/verify-uscc`),
    onSuccess: (o) => {
      qc.setQueryData(['organisation', o.id], o);
      void message.success(t('org.verified'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <>
      <PageHeader
        title={org ? org.name : t('org.create')}
        docTitle={org ? t('org.edit') : t('org.create')}
        subtitle={org ? <StatusTag kind="uscc" status={org.usccStatus} /> : undefined}
        extra={
          <>
            <LinkButton to="/workspace/organisations">{t('common.back')}</LinkButton>
            {org?.abilities.verifyUscc && org.usccStatus === 'needs_manual_verification' ? (
              <Button onClick={() => verify.mutate()} loading={verify.isPending} data-testid="org-verify-uscc">
                {t('org.verify')}
              </Button>
            ) : null}
          </>
        }
      />
      {banner ? (
        <Alert type="error" showIcon title={banner.title} description={banner.detail} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card>
            <Form<OrgValues>
              form={form}
              onValuesChange={guard.onValuesChange}
              layout="vertical"
              initialValues={initial}
              disabled={!editable}
              onFinish={(x) => save.mutate({ ...x, uscc: x.uscc.trim() })}
              data-testid="org-form"
            >
              <Form.Item
                name="name"
                label={t('common.name')}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) },
                  { min: 2, max: 100, message: t('org.nameLength') },
                ]}
              >
                <Input data-testid="org-name" />
              </Form.Item>
              <Form.Item
                name="uscc"
                label={t('org.uscc')}
                extra={<UsccFeedback check={usccCheck} loading={usccChecking} />}
                rules={[
                  { required: true, whitespace: true, message: t('common.required', { field: t('org.uscc') }) },
                  {
                    validator: async () => {
                      if (usccCheck && usccCheck.status === 'invalid')
                        throw new Error(usccCheck.message ?? t('status.uscc.invalid'));
                    },
                  },
                ]}
              >
                <Input data-testid="org-uscc" maxLength={40} style={{ fontFamily: 'monospace' }} />
              </Form.Item>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item name="kind" label={t('common.kind')} rules={[{ required: true }]}>
                    <Select
                      options={ORG_KINDS.map((k) => ({ value: k, label: ORG_KIND_LABELS[k][lang] }))}
                      data-testid="org-kind"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="regionCode" label={t('common.region')}>
                    <RegionCascader ariaLabel={t('common.region')} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="industryCode" label={t('org.industry')}>
                    <Select
                      allowClear
                      showSearch={{ optionFilterProp: 'label' }}
                      options={industryOptions}
                      data-testid="org-industry"
                      placeholder={t('org.industryPlaceholder')}
                    />
                  </Form.Item>
                </Col>
                {v?.kind === 'government' ? (
                  <Col xs={24} md={12}>
                    <Form.Item name="departmentCode" label={t('org.department')}>
                      <Select
                        allowClear
                        options={DEPARTMENTS.map((d) => ({ value: d, label: DEPARTMENT_LABELS[d][lang] }))}
                      />
                    </Form.Item>
                  </Col>
                ) : null}
              </Row>
              {v?.kind === 'enterprise' ? (
                <Row gutter={16}>
                  <Col xs={24} md={8}>
                    <Form.Item name="employees" label={t('org.employees')}>
                      <InputNumber min={0} precision={0} style={{ width: '100%' }} data-testid="org-employees" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="revenueWan" label={t('org.revenue')}>
                      <InputNumber min={0} style={{ width: '100%' }} data-testid="org-revenue" />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="assetsWan" label={t('org.assets')}>
                      <InputNumber min={0} style={{ width: '100%' }} data-testid="org-assets" />
                    </Form.Item>
                  </Col>
                </Row>
              ) : null}
              {editable ? (
                <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="org-save">
                  {t('common.save')}
                </Button>
              ) : null}
            </Form>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card title={<h2 className="rt-card-title">{t('org.sizePreview')}</h2>} data-testid="org-size-preview">
            {v?.kind !== 'enterprise' ? (
              <Typography.Paragraph className="rt-text-secondary">{t('org.sizeOnlyEnterprise')}</Typography.Paragraph>
            ) : !size ? (
              <Typography.Paragraph className="rt-text-secondary">{t('org.sizeNeedIndustry')}</Typography.Paragraph>
            ) : (
              <>
                <Typography.Title level={3} style={{ marginTop: 0 }} className={size.size ? 'rt-ok' : 'rt-warn'}>
                  {size.label ?? t('org.sizeUnknown')}
                </Typography.Title>
                <Typography.Paragraph>{size.basis}</Typography.Paragraph>
                <Descriptions column={1} size="small">
                  {size.indicators.map((i) => (
                    <Descriptions.Item key={i.key} label={i.name}>
                      {i.value ?? '—'} {i.unit} {i.size ? `（${ENTERPRISE_SIZE_LABELS[i.size]}）` : ''}
                    </Descriptions.Item>
                  ))}
                </Descriptions>
              </>
            )}
            {org?.sizeBasis ? (
              <Typography.Paragraph className="rt-text-secondary">
                {t('org.sizeSaved')}：{org.sizeBasis}
              </Typography.Paragraph>
            ) : null}
          </Card>
        </Col>
      </Row>
    </>
  );
}
