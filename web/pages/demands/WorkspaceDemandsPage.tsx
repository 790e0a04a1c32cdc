/**
 * /workspace/demands: 我发布的需求 / 新技术目录 (publish, edit, close; .xlsx import with row-level errors and
 * export), 我提交的响应, 创新联合体 (sign here) and 为我推荐 (GET /recommendations/for-me).
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Col, Empty, Flex, List, Modal, Row, Select, Space, Table, Tabs, Typography, Upload } from 'antd';
import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError, download, type FieldError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { uploadFile, type Consortium, type Demand, type DemandKind, type DemandResponse, type Recommendation } from '../../api/demands.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { dateCell } from '../../components/cells.tsx';
import { errorMessage } from '../../components/errors.ts';
import { ConsortiumStatusTag, DeadlineTag, DemandStatusTag, ResponseStatusTag, appLink } from './shared.tsx';
import { demandPath } from './DemandsPortalPage.tsx';
import { DemandFormModal } from './DemandForm.tsx';

const TABS = ['mine', 'tech', 'responses', 'consortia', 'forMe'] as const;
type Tab = (typeof TABS)[number];

export function WorkspaceDemandsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab: Tab = (TABS as readonly string[]).includes(params.get('tab') ?? '') ? (params.get('tab') as Tab) : 'mine';
  const abilities = useQuery({ queryKey: ['demands', 'abilities'], queryFn: () => api.get<{ publish: boolean; respond: boolean }>('/demands/abilities') });
  const canPublish = !!abilities.data?.publish;

  return (
    <>
      <PageHeader title={t('demands.ws.title')} subtitle={t('demands.ws.sub')} extra={<LinkButton to="/demands">{t('demands.ws.browse')}</LinkButton>} />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        destroyOnHidden
        items={[
          { key: 'mine', label: t('demands.ws.mine'), children: <MyDemands kind="demand" canPublish={canPublish} loading={abilities.isLoading} /> },
          { key: 'tech', label: t('demands.ws.tech'), children: <MyDemands kind="technology" canPublish={canPublish} loading={abilities.isLoading} /> },
          { key: 'responses', label: t('demands.ws.responses'), children: <MyResponses /> },
          { key: 'consortia', label: t('demands.ws.consortia'), children: <MyConsortia /> },
          { key: 'forMe', label: t('demands.ws.forMe'), children: <ForMe /> },
        ]}
      />
    </>
  );
}

function MyDemands({ kind, canPublish, loading }: { kind: DemandKind; canPublish: boolean; loading: boolean }) {
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
    queryFn: () => api.get<Page<Demand>>('/demands', { mine: 'true', kind, status, page, pageSize, sort: 'createdAt', order: 'desc' }),
  });
  const act = useMutation({
    mutationFn: ({ d, action }: { d: Demand; action: 'publish' | 'close' }) => api.post<Demand>(`/demands/${d.id}/${action}`),
    onSuccess: (d) => {
      void message.success(d.status === 'published' ? t('demands.ws.published') : t('demands.ws.closed'));
      void qc.invalidateQueries({ queryKey: ['demands'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const confirm = (d: Demand, action: 'publish' | 'close') =>
    modal.confirm({
      title: action === 'close' ? t('demands.ws.closeConfirm', { title: d.title }) : t('demands.ws.publishConfirm', { title: d.title }),
      okButtonProps: { danger: action === 'close' },
      onOk: () => act.mutateAsync({ d, action }),
    });

  if (!loading && !canPublish) {
    return <Alert type="info" showIcon title={t('demands.ws.notEligible')} action={<LinkButton to="/workspace/demands?tab=responses">{t('demands.ws.responses')}</LinkButton>} />;
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
              options={(['draft', 'published', 'closed'] as const).map((s) => ({ value: s, label: t(`demands.status.${s}` as MessageKey) }))}
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
              onClick={() => download('/demands.xlsx', '创新需求清单.xlsx', { mine: 'true', kind, status }).catch((e: unknown) => void message.error(errorMessage(e)))}
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
          pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => t('common.total', { n }), onChange: (p, s) => { setPage(p); setPageSize(s); } }}
          locale={{
            emptyText: (
              <Empty description={isTech ? t('demands.ws.emptyTech') : t('demands.ws.emptyMine')}>
                <Typography.Paragraph className="rt-text-secondary">{t('demands.ws.emptyMineHint')}</Typography.Paragraph>
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
            { title: t('common.status'), key: 'status', width: 90, render: (_: unknown, d) => <DemandStatusTag status={d.status} /> },
            { title: t('demands.deadline'), key: 'deadline', width: 200, render: (_: unknown, d) => <DeadlineTag deadline={d.deadline} expired={d.expired} /> },
            { title: t('common.updatedAt'), key: 'updatedAt', width: 170, render: (_: unknown, d) => dateCell(d.updatedAt) },
            {
              title: t('common.actions'),
              key: 'a',
              width: 220,
              render: (_: unknown, d) => (
                <Space size={0} wrap>
                  <LinkButton type="link" size="small" to={`/workspace/demands/${d.id}`} aria-label={`${t('demands.ws.manage')} ${d.title}`}>
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
                    <Button type="link" size="small" onClick={() => confirm(d, 'publish')} aria-label={`${t('demands.ws.publish')} ${d.title}`} data-testid={`ws-publish-${d.id}`}>
                      {t('demands.ws.publish')}
                    </Button>
                  ) : null}
                  {d.abilities.close ? (
                    <Button type="link" size="small" danger onClick={() => confirm(d, 'close')} aria-label={`${t('demands.ws.close')} ${d.title}`}>
                      {t('demands.ws.close')}
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
      <DemandFormModal open={formOpen} kind={editing?.kind ?? kind} editing={editing} onClose={() => setFormOpen(false)} />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </>
  );
}

/** Template download, upload, and the row-level errors of a refused file (nothing is imported then). */
function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const [errors, setErrors] = useState<FieldError[] | null>(null);
  const [summary, setSummary] = useState<string | null>(null);
  const up = useMutation({
    mutationFn: (file: File) => uploadFile<{ created: number }>('/demands/import', file, file.name, me?.csrfToken),
    onSuccess: (r) => {
      setErrors(null);
      setSummary(null);
      void message.success(t('demands.import.ok', { n: r.created }));
      void qc.invalidateQueries({ queryKey: ['demands'] });
      onClose();
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length) {
        setErrors(e.errors);
        setSummary(t('demands.import.errors', { n: e.errors.length }));
      } else {
        setErrors(null);
        setSummary(errorMessage(e));
      }
    },
  });
  const rows = (errors ?? []).map((e, i) => {
    const m = /^row(\d+)\.(.*)$/.exec(e.field);
    return { key: i, row: m?.[1] ?? '', column: m?.[2] ?? e.field, message: e.message };
  });
  return (
    <Modal
      open={open}
      title={t('demands.import.title')}
      onCancel={() => {
        setErrors(null);
        setSummary(null);
        onClose();
      }}
      footer={null}
      width={720}
    >
      <ol style={{ paddingInlineStart: 20 }}>
        <li style={{ marginBottom: 8 }}>
          {t('demands.import.step1')}
          <div>
            <Button
              type="link"
              icon={<DownloadOutlined />}
              style={{ paddingInline: 0 }}
              onClick={() => download('/demands/import-template.xlsx', '创新需求导入模板.xlsx').catch((e: unknown) => void message.error(errorMessage(e)))}
              data-testid="import-template"
            >
              {t('demands.import.template')}
            </Button>
          </div>
        </li>
        <li>
          {t('demands.import.step2')}
          <div style={{ marginTop: 8 }}>
            <Upload
              accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              showUploadList={false}
              beforeUpload={(f) => {
                up.mutate(f);
                return false;
              }}
            >
              <Button type="primary" icon={<UploadOutlined />} loading={up.isPending} data-testid="import-upload">
                {t('demands.import.upload')}
              </Button>
            </Upload>
          </div>
        </li>
      </ol>
      {summary ? <Alert type="error" showIcon title={summary} style={{ marginBottom: 12 }} data-testid="import-summary" /> : null}
      {rows.length ? (
        <Table
          size="small"
          data-testid="import-errors"
          dataSource={rows}
          pagination={rows.length > 10 ? { pageSize: 10 } : false}
          columns={[
            { title: t('demands.import.row'), dataIndex: 'row', width: 60 },
            { title: t('demands.import.column'), dataIndex: 'column', width: 160 },
            { title: t('demands.import.message'), dataIndex: 'message' },
          ]}
        />
      ) : null}
    </Modal>
  );
}

function MyResponses() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['demand-responses', 'mine', page],
    queryFn: () => api.get<Page<DemandResponse>>('/demand-responses', { box: 'mine', page, pageSize: 20 }),
  });
  return (
    <QueryState isLoading={false} error={list.error} refetch={() => void list.refetch()}>
      <Table<DemandResponse>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="my-responses-table"
        scroll={{ x: 760 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
        locale={{
          emptyText: (
            <Empty description={t('demands.ws.emptyResponses')}>
              <Typography.Paragraph className="rt-text-secondary">{t('demands.ws.emptyResponsesHint')}</Typography.Paragraph>
              <LinkButton to="/demands" type="primary">
                {t('demands.ws.browse')}
              </LinkButton>
            </Empty>
          ),
        }}
        columns={[
          { title: t('demands.detail'), key: 'demand', render: (_: unknown, r) => <Link to={demandPath({ id: r.demand.id, kind: r.demand.kind })}>{r.demand.title}</Link> },
          { title: t('demands.publisher'), key: 'pub', render: (_: unknown, r) => r.demand.organisation.name },
          { title: t('common.status'), key: 'status', width: 100, render: (_: unknown, r) => <ResponseStatusTag status={r.status} /> },
          { title: t('demands.attachments'), key: 'att', width: 80, render: (_: unknown, r) => r.attachments.length },
          { title: t('demands.m.submittedAt'), key: 'at', width: 170, render: (_: unknown, r) => dateCell(r.createdAt) },
        ]}
      />
    </QueryState>
  );
}

function MyConsortia() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({ queryKey: ['consortia', 'mine', page], queryFn: () => api.get<Page<Consortium>>('/consortia', { page, pageSize: 20 }) });
  const { data: me } = useMe();
  return (
    <QueryState isLoading={false} error={list.error} refetch={() => void list.refetch()}>
      <Table<Consortium>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="my-consortia-table"
        scroll={{ x: 760 }}
        pagination={{ current: page, pageSize: 20, total: list.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
        locale={{
          emptyText: (
            <Empty description={t('demands.ws.emptyConsortia')}>
              <Typography.Paragraph className="rt-text-secondary">{t('demands.ws.emptyConsortiaHint')}</Typography.Paragraph>
            </Empty>
          ),
        }}
        columns={[
          { title: t('demands.c.name'), key: 'name', render: (_: unknown, c) => <Link to={`/workspace/demands/${c.demandId}?consortium=${c.id}`}>{c.name}</Link> },
          { title: t('demands.c.demand'), key: 'demand', render: (_: unknown, c) => c.demand?.title ?? '' },
          { title: t('demands.c.lead'), key: 'lead', render: (_: unknown, c) => c.lead.name },
          { title: t('common.status'), key: 'status', width: 150, render: (_: unknown, c) => <ConsortiumStatusTag status={c.status} /> },
          {
            title: t('demands.c.signed'),
            key: 'mine',
            width: 100,
            render: (_: unknown, c) => {
              const m = c.members.find((x) => x.organisation.id === me?.activeOrganisationId);
              return m ? <ToneTag tone={m.signedAt ? 'green' : 'orange'}>{m.signedAt ? t('demands.c.signed') : t('demands.c.unsigned')}</ToneTag> : '—';
            },
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_: unknown, c) => (
              <LinkButton type="link" size="small" to={`/workspace/demands/${c.demandId}?consortium=${c.id}`} aria-label={`${c.abilities.sign ? t('demands.c.sign') : t('demands.c.open')} ${c.name}`}>
                {c.abilities.sign ? t('demands.c.sign') : t('demands.c.open')}
              </LinkButton>
            ),
          },
        ]}
      />
    </QueryState>
  );
}

/** A list of recommendations with the type, a link and the Chinese reason. */
export function RecList({ items, testId }: { items: Recommendation[]; testId?: string }) {
  const t = useT();
  return (
    <List
      size="small"
      dataSource={items}
      data-testid={testId}
      locale={{ emptyText: t('demands.m.recsEmpty') }}
      renderItem={(r) => (
        <List.Item key={`${r.type}-${r.id}`}>
          <Flex vertical gap={2} style={{ minWidth: 0 }}>
            <Space size={6} wrap>
              <ToneTag tone={r.type === 'organisation' ? 'grey' : r.type === 'resource' ? 'green' : r.type === 'result' ? 'orange' : 'purple'}>{t(`demands.rec.${r.type}` as MessageKey)}</ToneTag>
              <Link to={appLink(r.link)}>{r.title}</Link>
            </Space>
            <Typography.Text className="rt-text-secondary" style={{ fontSize: 13 }}>
              {r.reason}
            </Typography.Text>
          </Flex>
        </List.Item>
      )}
    />
  );
}

function ForMe() {
  const t = useT();
  const q = useQuery({ queryKey: ['recommendations', 'for-me'], queryFn: () => api.get<{ demands: Recommendation[]; resources: Recommendation[] }>('/recommendations/for-me') });
  if (q.error) return <Alert type="warning" showIcon title={t('demands.m.recsUnavailable')} action={<Button onClick={() => void q.refetch()}>{t('common.retry')}</Button>} />;
  const empty = q.data && q.data.demands.length === 0 && q.data.resources.length === 0;
  if (empty) {
    return (
      <Card>
        <Empty description={t('demands.ws.emptyForMe')}>
          <Typography.Paragraph className="rt-text-secondary">{t('demands.ws.emptyForMeHint')}</Typography.Paragraph>
          <LinkButton to="/search">{t('demands.toSearch')}</LinkButton>
        </Empty>
      </Card>
    );
  }
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={12}>
        <Card size="small" loading={q.isLoading} title={<h2 className="rt-card-title">{t('demands.ws.recDemands')}</h2>}>
          <RecList items={q.data?.demands ?? []} testId="for-me-demands" />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card size="small" loading={q.isLoading} title={<h2 className="rt-card-title">{t('demands.ws.recResources')}</h2>}>
          <RecList items={q.data?.resources ?? []} testId="for-me-resources" />
        </Card>
      </Col>
    </Row>
  );
}
