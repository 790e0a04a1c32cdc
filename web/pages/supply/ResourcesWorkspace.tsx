/**
 * Workspace page of 开放资源: my organisation's resources (publish, edit, close; .xlsx import with a
 * row-level error table, export), the requests it received (approve / decline with a reason / mark used /
 * close) and the requests it made (withdraw).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Switch, Table, Tabs, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { ApiError, api, download, type FieldError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { PRICE_MODELS, QUOTA_PERIODS, REQUEST_STATUSES, RESOURCE_TYPES, type ImportResult, type Resource, type ResourceRequest } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useTableState } from '../../hooks/useTableState.ts';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { RegionCascader } from '../../components/RegionSelect.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { RequestStatusTag, ResourceStatusTag, ThemeDaySelect } from './shared.tsx';
import { RequestModal, useQuotaText } from './ResourcesPortal.tsx';

interface ResourceForm {
  type: string;
  title: string;
  description: string;
  regionCode?: string | null;
  location?: string;
  conditions?: string;
  priceModel: string;
  priceNote?: string;
  quota?: number | null;
  quotaPeriod: string;
  graduateTeams: boolean;
  themeDayId?: string | null;
}

/** Publish or edit a resource; server field errors land on the fields. */
function ResourceDrawer({ editing, open, onClose }: { editing: Resource | null; open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResourceForm>();
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        type: editing.type,
        title: editing.title,
        description: editing.description,
        regionCode: editing.regionCode,
        location: editing.location ?? '',
        conditions: editing.conditions ?? '',
        priceModel: editing.priceModel,
        priceNote: editing.priceNote ?? '',
        quota: editing.quota,
        quotaPeriod: editing.quotaPeriod,
        graduateTeams: editing.graduateTeams,
        themeDayId: editing.themeDay?.id ?? null,
      });
    }
  }, [open, editing, form]);
  const m = useMutation({
    mutationFn: async ({ v, publish }: { v: ResourceForm; publish: boolean }) => {
      const body = { ...v, quota: v.quota ?? null, regionCode: v.regionCode || null, themeDayId: v.themeDayId || null };
      const saved = editing ? await api.patch<Resource>(`/resources/${editing.id}`, body) : await api.post<Resource>('/resources', body);
      return publish && saved.abilities.publish ? api.post<Resource>(`/resources/${saved.id}/publish`) : saved;
    },
    onSuccess: (r) => {
      void message.success(r.status === 'published' && !editing ? t('supply.resource.publishedOk') : t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['resources'] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const go = (publish: boolean) => {
    setError(null);
    form
      .validateFields()
      .then((v) => m.mutate({ v, publish }))
      .catch(() => setError(t('common.fixFields')));
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('supply.resource.editTitle') : t('supply.resource.createTitle')}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => go(false)} loading={m.isPending} data-testid="resource-save">
            {editing ? t('common.save') : t('supply.resource.saveDraft')}
          </Button>
          {!editing || editing.status === 'draft' ? (
            <Button type="primary" onClick={() => go(true)} loading={m.isPending} data-testid="resource-publish">
              {t('supply.resource.saveAndPublish')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" initialValues={{ type: 'scenario', priceModel: 'free', quotaPeriod: 'total', graduateTeams: false }} requiredMark>
        <Flex gap={12} wrap>
          <Form.Item name="type" label={t('supply.resource.type')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
            <Select data-testid="resource-type" options={RESOURCE_TYPES.map((k) => ({ value: k, label: t(`supply.resourceType.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="title" label={t('supply.resource.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('supply.resource.title') }) }]} style={{ flex: 3, minWidth: 240 }}>
            <Input maxLength={200} data-testid="resource-title" />
          </Form.Item>
        </Flex>
        <Form.Item name="description" label={t('supply.resource.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('supply.resource.description') }) }]}>
          <Input.TextArea rows={4} maxLength={10000} showCount data-testid="resource-description" />
        </Form.Item>
        <Form.Item name="conditions" label={t('supply.resource.conditions')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item name="regionCode" label={t('common.region')} extra={t('supply.resource.regionHelp')} style={{ flex: 1, minWidth: 220 }}>
            <RegionCascader />
          </Form.Item>
          <Form.Item name="location" label={t('supply.resource.location')} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="priceModel" label={t('supply.resource.priceModel')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }}>
            <Select options={PRICE_MODELS.map((k) => ({ value: k, label: t(`supply.priceModel.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="priceNote" label={t('supply.resource.priceNote')} style={{ flex: 2, minWidth: 220 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item name="quota" label={t('supply.resource.quota')} extra={t('supply.resource.quotaHelp')} style={{ flex: 1, minWidth: 140 }}>
            <InputNumber min={1} max={1000000} precision={0} style={{ width: '100%' }} data-testid="resource-quota" />
          </Form.Item>
          <Form.Item name="quotaPeriod" label={t('supply.resource.quotaPeriod')} style={{ flex: 1, minWidth: 140 }}>
            <Select options={QUOTA_PERIODS.map((k) => ({ value: k, label: t(`supply.quotaPeriod.${k}` as MessageKey) }))} />
          </Form.Item>
          <Form.Item name="themeDayId" label={t('supply.themeDay')} extra={t('supply.themeDayHelp')} style={{ flex: 2, minWidth: 220 }}>
            <ThemeDaySelect />
          </Form.Item>
        </Flex>
        <Form.Item name="graduateTeams" label={t('supply.resource.graduateTeams')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}

/** Template download, upload, and the row-level errors when any row is wrong (nothing is imported then). */
function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [rows, setRows] = useState<FieldError[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const upload = async (file: File) => {
    setBusy(true);
    setRows([]);
    setError(null);
    try {
      const fd = new FormData();
      fd.append('file', file);
      const res = await fetch('/api/resources/import', { method: 'POST', body: fd, credentials: 'same-origin', headers: { 'x-csrf-token': me?.csrfToken ?? '' } });
      const body = (await res.json().catch(() => ({}))) as Record<string, unknown>;
      if (!res.ok) {
        const err = new ApiError(res.status, body);
        setError(err.display);
        setRows(err.errors);
        return;
      }
      void message.success(t('supply.import.done', { n: (body as unknown as ImportResult).created }));
      void qc.invalidateQueries({ queryKey: ['resources'] });
      onClose();
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} onCancel={onClose} title={t('supply.import.title')} footer={<Button onClick={onClose}>{t('common.close')}</Button>} width={Math.min(760, window.innerWidth - 16)} destroyOnHidden>
      <ol style={{ paddingInlineStart: 20 }}>
        <li>
          {t('supply.import.step1')}{' '}
          <Button size="small" icon={<DownloadOutlined />} onClick={() => void download('/resources/import-template.xlsx', '开放资源导入模板.xlsx')} data-testid="import-template">
            {t('supply.import.template')}
          </Button>
        </li>
        <li>{t('supply.import.step2')}</li>
        <li>{t('supply.import.step3')}</li>
      </ol>
      <Upload accept=".xlsx" maxCount={1} showUploadList={false} beforeUpload={(f) => (void upload(f), false)}>
        <Button type="primary" icon={<UploadOutlined />} loading={busy} data-testid="import-upload">
          {t('supply.import.upload')}
        </Button>
      </Upload>
      {error ? <Alert type="error" showIcon title={error} style={{ marginTop: 12 }} data-testid="import-error" /> : null}
      {rows.length ? (
        <Table
          style={{ marginTop: 12 }}
          size="small"
          rowKey={(r, i) => `${r.field}-${i}`}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20 } : false}
          data-testid="import-errors"
          columns={[
            { title: t('supply.import.row'), key: 'row', width: 80, render: (_: unknown, r) => /^row(\d+)\./.exec(r.field)?.[1] ?? '—' },
            { title: t('supply.import.column'), key: 'col', width: 160, render: (_: unknown, r) => r.field.replace(/^row\d+\./, '') },
            { title: t('supply.import.problem'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Modal>
  );
}

function MyResources() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const quotaText = useQuotaText();
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const [editing, setEditing] = useState<Resource | null>(null);
  const [drawer, setDrawer] = useState(false);
  const [importing, setImporting] = useState(false);
  const q = useQuery({ queryKey: ['resources', 'mine', table.query], queryFn: () => api.get<Page<Resource>>('/resources', { ...table.query, mine: 'true' }) });
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'publish' | 'close' }) => api.post<Resource>(`/resources/${id}/${action}`),
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
        <Button icon={<DownloadOutlined />} onClick={() => void download('/resources.xlsx', '开放资源.xlsx', { mine: 'true' }).catch((e: unknown) => void message.error(errorMessage(e)))}>
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
            { title: t('supply.resource.title'), dataIndex: 'title', key: 'title', sorter: true, sortOrder: table.sortOrderOf('title'), render: (v: string, r) => (r.status === 'draft' ? v : <Link to={`/resources/${r.id}`}>{v}</Link>) },
            { title: t('supply.resource.type'), key: 'type', render: (_: unknown, r) => t(`supply.resourceType.${r.type}` as MessageKey) },
            { title: t('supply.resource.quota'), key: 'quota', render: (_: unknown, r) => quotaText(r) },
            { title: t('common.status'), key: 'status', render: (_: unknown, r) => <ResourceStatusTag status={r.status} testId={`resource-status-${r.id}`} /> },
            { title: t('common.createdAt'), key: 'createdAt', sorter: true, sortOrder: table.sortOrderOf('createdAt'), render: (_: unknown, r) => fmtDate(r.createdAt) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {r.abilities.edit ? (
                    <Button size="small" onClick={() => { setEditing(r); setDrawer(true); }} aria-label={`${t('common.edit')} ${r.title}`}>
                      {t('common.edit')}
                    </Button>
                  ) : null}
                  {r.abilities.publish ? (
                    <Button size="small" type="primary" onClick={() => act.mutate({ id: r.id, action: 'publish' })}>
                      {t('supply.resource.publish')}
                    </Button>
                  ) : null}
                  {r.abilities.close ? (
                    <Popconfirm title={t('supply.resource.confirmClose')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act.mutate({ id: r.id, action: 'close' })}>
                      <Button size="small" danger>
                        {t('supply.resource.close')}
                      </Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.viewRequests && r.status !== 'draft' ? <Link to={`/workspace/resources?tab=received&resourceId=${r.id}`}>{t('supply.resource.viewRequests')}</Link> : null}
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

function Requests({ box }: { box: 'received' | 'mine' }) {
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
    mutationFn: ({ id, action, reason }: { id: string; action: string; reason?: string }) => api.post<ResourceRequest>(`/resource-requests/${id}/${action}`, reason ? { reason } : {}),
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
          locale={{ emptyText: <span className="rt-muted">{box === 'received' ? t('supply.request.receivedEmpty') : t('supply.request.mineEmpty')}</span> }}
          expandable={{ expandedRowRender: (r) => <div style={{ whiteSpace: 'pre-wrap' }}>{r.purpose}</div> }}
          columns={[
            { title: t('supply.request.resource'), key: 'res', render: (_: unknown, r) => <Link to={`/resources/${r.resource.id}`}>{r.resource.title}</Link> },
            box === 'received'
              ? { title: t('supply.request.applicant'), key: 'org', render: (_: unknown, r) => `${r.organisation.name}（${r.user.name}）` }
              : { title: t('supply.resource.owner'), key: 'org', render: (_: unknown, r) => r.resource.organisation.name },
            { title: t('supply.request.dates'), key: 'startDate', sorter: true, sortOrder: table.sortOrderOf('startDate'), render: (_: unknown, r) => `${r.startDate} — ${r.endDate}` },
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
            { title: t('common.createdAt'), key: 'createdAt', sorter: true, sortOrder: table.sortOrderOf('createdAt'), render: (_: unknown, r) => fmtDateTime(r.createdAt) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Space wrap size={4}>
                  {r.abilities.approve ? (
                    <Button size="small" type="primary" onClick={() => act.mutate({ id: r.id, action: 'approve' })} data-testid={`request-approve-${r.id}`}>
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
                    <Popconfirm title={t('supply.request.confirmClose')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act.mutate({ id: r.id, action: 'close' })}>
                      <Button size="small">{t('supply.request.close')}</Button>
                    </Popconfirm>
                  ) : null}
                  {r.abilities.withdraw ? (
                    <Popconfirm title={t('supply.request.confirmWithdraw')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => act.mutate({ id: r.id, action: 'withdraw' })}>
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
        okButtonProps={{ danger: true, disabled: !reason.trim(), loading: act.isPending, 'data-testid': 'decline-confirm' } as never}
        cancelText={t('common.cancel')}
        onOk={() => declining && act.mutate({ id: declining.id, action: 'decline', reason: reason.trim() })}
        destroyOnHidden
      >
        <label htmlFor="decline-reason">{t('supply.request.declineReason')}</label>
        <Input.TextArea id="decline-reason" rows={3} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={2000} data-testid="decline-reason" />
        {!reason.trim() ? <div className="rt-text-secondary" style={{ marginTop: 4 }}>{t('supply.request.reasonRequired')}</div> : null}
      </Modal>
    </>
  );
}

export function ResourcesWorkspacePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'published';
  const requestId = params.get('request');
  const target = useQuery({ queryKey: ['resources', requestId], queryFn: () => api.get<Resource>(`/resources/${requestId}`), enabled: !!requestId });
  const closeRequest = () =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.delete('request');
      return n;
    });
  return (
    <>
      <PageHeader title={t('supply.resources.workspaceTitle')} subtitle={t('supply.resources.workspaceSubtitle')} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'published', label: t('supply.resources.tabPublished'), children: tab === 'published' ? <MyResources /> : null },
          { key: 'received', label: t('supply.resources.tabReceived'), children: tab === 'received' ? <Requests box="received" /> : null },
          { key: 'mine', label: t('supply.resources.tabMine'), children: tab === 'mine' ? <Requests box="mine" /> : null },
        ]}
      />
      {target.data?.abilities.request ? <RequestModal resource={target.data} open onClose={closeRequest} /> : null}
    </>
  );
}
