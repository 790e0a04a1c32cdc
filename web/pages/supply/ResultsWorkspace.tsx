/**
 * Workspace pages of 科技成果: my organisation's results, the confidentiality-review queue of a designated
 * reviewer, applications to take part, and the organisation's reviewer designations; the result editor
 * with the 不涉密 declaration (unticked by default, fixed wording from the server) and the reviewer's
 * three outcomes (可以公开 / 修改后公开 / 不同意公开).
 */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, InputNumber, Popconfirm, Radio, Select, Space, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import {
  RESULT_STATUSES,
  TRANSFER_MODES,
  type Declaration,
  type Result,
  type ResultApplication,
  type ReviewerCandidate,
  type ReviewerList,
  type ReviewOutcome,
} from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { ApplicationStatusTag, FieldSelect, ResultStatusTag, ThemeDaySelect } from './shared.tsx';
import { ApplyModal, ResultTags } from './ResultsPortal.tsx';

function MyResults() {
  const t = useT();
  const table = useTableState({ sort: 'createdAt', order: 'desc' });
  const status = table.filters.status;
  const q = useQuery({ queryKey: ['results', 'mine', table.query], queryFn: () => api.get<Page<Result>>('/results', { ...table.query, box: 'mine' }) });
  return (
    <>
      <Space style={{ marginBottom: 12 }} wrap>
        <label htmlFor="result-status-filter">{t('common.status')}</label>
        <Select
          id="result-status-filter"
          allowClear
          placeholder={t('common.all')}
          style={{ width: 140 }}
          value={status}
          onChange={(v: string | undefined) => table.setFilters({ ...table.filters, status: v })}
          options={RESULT_STATUSES.map((s) => ({ value: s, label: t(`supply.resultStatus.${s}` as MessageKey) }))}
        />
      </Space>
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<Result>
          rowKey="id"
          data-testid="my-results"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={table.pagination(q.data?.total)}
          onChange={table.onTableChange}
          scroll={{ x: 760 }}
          locale={{
            emptyText: (
              <Empty description={t('supply.results.mineEmpty')}>
                <LinkButton to="/workspace/results/new" type="primary">
                  {t('supply.results.create')}
                </LinkButton>
              </Empty>
            ),
          }}
          columns={[
            { title: t('common.name'), dataIndex: 'title', key: 'title', sorter: true, sortOrder: table.sortOrderOf('title'), render: (v: string, r) => <Link to={`/workspace/results/${r.id}`}>{v}</Link> },
            { title: t('supply.result.transferMode'), key: 'mode', render: (_: unknown, r) => t(`supply.transferMode.${r.transferMode}` as MessageKey) },
            { title: 'TRL', dataIndex: 'trl', key: 'trl', sorter: true, sortOrder: table.sortOrderOf('trl'), width: 80 },
            { title: t('common.status'), key: 'status', render: (_: unknown, r) => <ResultStatusTag status={r.status} testId={`result-row-status-${r.id}`} /> },
            { title: t('common.updatedAt'), key: 'createdAt', sorter: true, sortOrder: table.sortOrderOf('createdAt'), render: (_: unknown, r) => fmtDateTime(r.updatedAt) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, r) => (
                <Link to={`/workspace/results/${r.id}`} aria-label={`${r.abilities.edit ? t('common.edit') : t('common.view')} ${r.title}`}>
                  {r.abilities.edit ? t('common.edit') : t('common.view')}
                </Link>
              ),
            },
          ]}
        />
      </QueryState>
    </>
  );
}

function ReviewQueue() {
  const t = useT();
  const table = useTableState({ sort: 'createdAt', order: 'asc' });
  const q = useQuery({ queryKey: ['results', 'review', table.query], queryFn: () => api.get<Page<Result>>('/results', { ...table.query, box: 'review' }) });
  return (
    <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
      <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supply.review.queueHint')} />
      <Table<Result>
        rowKey="id"
        data-testid="review-queue"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={table.pagination(q.data?.total)}
        onChange={table.onTableChange}
        scroll={{ x: 680 }}
        locale={{ emptyText: <span className="rt-muted">{t('supply.review.queueEmpty')}</span> }}
        columns={[
          { title: t('common.name'), dataIndex: 'title', key: 'title', render: (v: string, r) => <Link to={`/workspace/results/${r.id}`} data-testid={`review-link-${r.id}`}>{v}</Link> },
          { title: t('supply.result.holder'), key: 'org', render: (_: unknown, r) => r.organisation.name },
          { title: t('supply.review.declaredAt'), key: 'at', render: (_: unknown, r) => fmtDateTime(r.declaration?.at) },
          { title: t('common.actions'), key: 'a', render: (_: unknown, r) => (r.abilities.review ? <Link to={`/workspace/results/${r.id}`} aria-label={`${t('supply.review.action')} ${r.title}`}>{t('supply.review.action')}</Link> : null) },
        ]}
      />
    </QueryState>
  );
}

function Applications() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [box, setBox] = useState<'received' | 'mine'>('received');
  const [page, setPage] = useState(1);
  const q = useQuery({ queryKey: ['result-applications', box, page], queryFn: () => api.get<Page<ResultApplication>>('/result-applications', { box, page, pageSize: 20 }) });
  const decide = useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'accept' | 'decline' }) => api.post<ResultApplication>(`/result-applications/${id}/${action}`, {}),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['result-applications'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <>
      <Radio.Group
        value={box}
        onChange={(e) => {
          setBox(e.target.value as 'received' | 'mine');
          setPage(1);
        }}
        optionType="button"
        style={{ marginBottom: 12 }}
        options={[
          { value: 'received', label: t('supply.apply.received') },
          { value: 'mine', label: t('supply.apply.mine') },
        ]}
      />
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<ResultApplication>
          rowKey="id"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
          scroll={{ x: 760 }}
          locale={{ emptyText: box === 'received' ? <span className="rt-muted">{t('supply.apply.receivedEmpty')}</span> : <Empty description={t('supply.apply.mineEmpty')}><LinkButton to="/results">{t('supply.apply.browse')}</LinkButton></Empty> }}
          columns={[
            { title: t('supply.apply.result'), key: 'r', render: (_: unknown, a) => <Link to={`/results/${a.result.id}`}>{a.result.title}</Link> },
            { title: box === 'received' ? t('supply.apply.applicant') : t('supply.result.holder'), key: 'o', render: (_: unknown, a) => (box === 'received' ? `${a.organisation.name}（${a.user.name}）` : a.result.organisation.name) },
            { title: t('supply.apply.message'), dataIndex: 'message', ellipsis: true },
            { title: t('common.status'), key: 's', render: (_: unknown, a) => <ApplicationStatusTag status={a.status} /> },
            { title: t('common.createdAt'), key: 'c', render: (_: unknown, a) => fmtDateTime(a.createdAt) },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, a) => (
                <Space>
                  {a.abilities.accept ? (
                    <Button size="small" type="primary" onClick={() => decide.mutate({ id: a.id, action: 'accept' })}>
                      {t('supply.apply.accept')}
                    </Button>
                  ) : null}
                  {a.abilities.decline ? (
                    <Popconfirm title={t('supply.apply.confirmDecline')} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => decide.mutate({ id: a.id, action: 'decline' })}>
                      <Button size="small" danger>
                        {t('supply.apply.decline')}
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

/** The organisation's designated confidentiality reviewers; its base administrator designates and revokes. */
function Reviewers() {
  const t = useT();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const orgId = me?.activeOrganisationId;
  const [userId, setUserId] = useState<string | undefined>();
  const list = useQuery({ queryKey: ['confidentiality-reviewers', orgId], queryFn: () => api.get<ReviewerList>(`/organisations/${orgId}/confidentiality-reviewers`), enabled: !!orgId, retry: false });
  const candidates = useQuery({
    queryKey: ['confidentiality-reviewer-candidates', orgId],
    queryFn: () => api.get<{ items: ReviewerCandidate[] }>(`/organisations/${orgId}/confidentiality-reviewer-candidates`),
    enabled: !!list.data?.canManage,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['confidentiality-reviewers'] });
  const add = useMutation({
    mutationFn: (uid: string) => api.post(`/organisations/${orgId}/confidentiality-reviewers`, { userId: uid }),
    onSuccess: () => {
      void message.success(t('supply.reviewers.added'));
      setUserId(undefined);
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/confidentiality-reviewers/${id}`),
    onSuccess: refresh,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const org = me?.memberships.find((m) => m.organisationId === orgId);
  const taken = new Set(list.data?.items.map((r) => r.user.id));
  return (
    <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
      <Card title={<h2 className="rt-card-title">{t('supply.reviewers.title', { org: org?.organisationName ?? '' })}</h2>}>
        <p className="rt-text-secondary">{t('supply.reviewers.explain')}</p>
        {list.data?.canManage ? (
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Select
              aria-label={t('supply.reviewers.pick')}
              data-testid="reviewer-pick"
              style={{ minWidth: 240 }}
              placeholder={t('supply.reviewers.pick')}
              value={userId}
              onChange={setUserId}
              showSearch={{ optionFilterProp: 'label' }}
              loading={candidates.isLoading}
              options={(candidates.data?.items ?? []).filter((c) => !taken.has(c.id)).map((c) => ({ value: c.id, label: c.name }))}
            />
            <Button type="primary" icon={<PlusOutlined />} disabled={!userId} loading={add.isPending} onClick={() => userId && add.mutate(userId)} data-testid="reviewer-add">
              {t('supply.reviewers.add')}
            </Button>
          </Flex>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supply.reviewers.onlyAdmin')} />
        )}
        <Table
          rowKey="id"
          size="small"
          data-testid="reviewers-table"
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <span className="rt-muted">{t('supply.reviewers.empty')}</span> }}
          columns={[
            { title: t('supply.reviewers.person'), key: 'n', render: (_: unknown, r) => r.user.name },
            { title: t('supply.reviewers.since'), key: 'c', render: (_: unknown, r) => fmtDateTime(r.createdAt) },
            ...(list.data?.canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, r: ReviewerList['items'][number]) => (
                      <Popconfirm title={t('supply.reviewers.confirmRevoke', { name: r.user.name })} okText={t('common.confirm')} cancelText={t('common.cancel')} onConfirm={() => revoke.mutate(r.id)}>
                        <Button size="small" danger>
                          {t('supply.reviewers.revoke')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </QueryState>
  );
}

export function ResultsWorkspacePage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') ?? 'mine';
  const applyId = params.get('apply');
  const applyTarget = useQuery({ queryKey: ['results', applyId], queryFn: () => api.get<Result>(`/results/${applyId}`), enabled: !!applyId });
  const review = useQuery({ queryKey: ['results', 'review', 'count'], queryFn: () => api.get<Page<Result>>('/results', { box: 'review', pageSize: 1 }) });
  const closeApply = () =>
    setParams((p) => {
      const n = new URLSearchParams(p);
      n.delete('apply');
      return n;
    });
  return (
    <>
      <PageHeader
        title={t('supply.results.workspaceTitle')}
        subtitle={t('supply.results.workspaceSubtitle')}
        extra={
          <>
            <Button onClick={() => void download('/results.xlsx', '科技成果.xlsx', { box: 'mine', pageSize: 200 })}>{t('common.exportXlsx')}</Button>
            <LinkButton to="/workspace/results/new" type="primary" icon={<PlusOutlined />} data-testid="result-create">
              {t('supply.results.create')}
            </LinkButton>
          </>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams({ tab: k })}
        items={[
          { key: 'mine', label: t('supply.results.tabMine'), children: tab === 'mine' ? <MyResults /> : null },
          { key: 'review', label: `${t('supply.results.tabReview')}${review.data?.total ? `（${review.data.total}）` : ''}`, children: tab === 'review' ? <ReviewQueue /> : null },
          { key: 'applications', label: t('supply.results.tabApplications'), children: tab === 'applications' ? <Applications /> : null },
          { key: 'reviewers', label: t('supply.results.tabReviewers'), children: tab === 'reviewers' ? <Reviewers /> : null },
        ]}
      />
      {applyTarget.data?.abilities.apply ? <ApplyModal result={applyTarget.data} open onClose={closeApply} /> : null}
    </>
  );
}

interface ResultForm {
  title: string;
  fieldCode: string;
  description: string;
  trl: number;
  patents: string;
  transferMode: string;
  priceExpectation?: string;
  themeDayId?: string | null;
}

const toBody = (v: ResultForm) => ({
  title: v.title,
  fieldCode: v.fieldCode,
  description: v.description,
  trl: v.trl,
  patents: (v.patents ?? '')
    .split(/[\n,，、;；]+/)
    .map((s) => s.trim())
    .filter(Boolean),
  transferMode: v.transferMode,
  priceExpectation: v.priceExpectation || null,
  themeDayId: v.themeDayId || null,
});

/** The reviewer's decision: 可以公开 / 修改后公开 / 不同意公开 (the last two need a comment). */
function ReviewPanel({ result }: { result: Result }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ outcome: ReviewOutcome; comment?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (v: { outcome: ReviewOutcome; comment?: string }) => api.post<Result>(`/results/${result.id}/review`, v),
    onSuccess: (r) => {
      qc.setQueryData(['results', result.id], r);
      void qc.invalidateQueries({ queryKey: ['results'] });
      void message.success(t('supply.review.done'));
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('supply.review.title')}</h2>} style={{ marginBottom: 16 }} data-testid="review-panel">
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item name="outcome" label={t('supply.review.outcome')} rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.review.outcome') }) }]}>
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="public" data-testid="review-outcome-public">
                {t('supply.reviewOutcome.public')}
              </Radio>
              <Radio value="revise" data-testid="review-outcome-revise">
                {t('supply.reviewOutcome.revise')}
              </Radio>
              <Radio value="reject" data-testid="review-outcome-reject">
                {t('supply.reviewOutcome.reject')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('supply.review.comment')}
          rules={[{ required: outcome === 'revise' || outcome === 'reject', whitespace: true, message: outcome === 'reject' ? t('supply.review.commentRequiredReject') : t('supply.review.commentRequiredRevise') }]}
        >
          <Input.TextArea rows={3} maxLength={5000} data-testid="review-comment" placeholder={t('supply.review.commentPlaceholder')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="review-submit">
          {t('supply.review.submit')}
        </Button>
      </Form>
    </Card>
  );
}

export function ResultEditorPage() {
  const t = useT();
  const { id } = useParams();
  const isNew = id === 'new';
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResultForm>();
  const [declared, setDeclared] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const decl = useQuery({ queryKey: ['results', 'declaration'], queryFn: () => api.get<Declaration>('/results/declaration'), staleTime: Infinity });
  const q = useQuery({ queryKey: ['results', id], queryFn: () => api.get<Result>(`/results/${id}`), enabled: !isNew });
  const r = q.data;
  const editable = isNew || !!r?.abilities.edit;

  useEffect(() => {
    if (r) {
      form.setFieldsValue({ title: r.title, fieldCode: r.fieldCode, description: r.description, trl: r.trl, patents: r.patents.join('\n'), transferMode: r.transferMode, priceExpectation: r.priceExpectation ?? '', themeDayId: r.themeDay?.id ?? null });
      setDeclared(false);
    }
  }, [r, form]);

  const save = async (v: ResultForm): Promise<Result> => (isNew ? api.post<Result>('/results', toBody(v)) : api.patch<Result>(`/results/${id}`, toBody(v)));
  const saveM = useMutation({
    mutationFn: save,
    onSuccess: (res) => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['results'] });
      if (isNew) void navigate(`/workspace/results/${res.id}`, { replace: true });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const submitM = useMutation({
    mutationFn: async (v: ResultForm) => {
      const saved = await save(v);
      return api.post<Result>(`/results/${saved.id}/submit`, { declaration: true, declarationText: decl.data?.declarationText });
    },
    onSuccess: (res) => {
      void message.success(t('supply.result.submitted'));
      qc.setQueryData(['results', res.id], res);
      void qc.invalidateQueries({ queryKey: ['results'] });
      if (isNew) void navigate(`/workspace/results/${res.id}`, { replace: true });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const busy = saveM.isPending || submitM.isPending;
  const run = (which: 'save' | 'submit') => {
    setError(null);
    form
      .validateFields()
      .then((v) => (which === 'save' ? saveM.mutate(v) : submitM.mutate(v)))
      .catch(() => setError(t('common.fixFields')));
  };

  return (
    <QueryState isLoading={!isNew && q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      <PageHeader
        title={isNew ? t('supply.results.create') : (r?.title ?? '')}
        subtitle={r ? <span data-testid="result-status"><ResultStatusTag status={r.status} /></span> : t('supply.result.newHint')}
        extra={
          <>
            <LinkButton to="/workspace/results">{t('common.back')}</LinkButton>
            {r?.status === 'public' ? <LinkButton to={`/results/${r.id}`}>{t('supply.results.viewPublic')}</LinkButton> : null}
          </>
        }
      />
      {r?.review && (r.status === 'changes_requested' || r.status === 'rejected' || r.status === 'public') ? (
        <Alert
          type={r.status === 'changes_requested' ? 'warning' : r.status === 'rejected' ? 'error' : 'success'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="result-review-outcome"
          title={`${t('supply.review.outcomeIs')}${t(`supply.reviewOutcome.${r.review.outcome}` as MessageKey)}（${fmtDateTime(r.review.at)}）`}
          description={r.review.comment ?? undefined}
        />
      ) : null}
      {r?.status === 'in_review' && !r.abilities.review ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supply.result.inReviewHint')} /> : null}
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} data-testid="result-error" /> : null}
      {editable ? (
        <Card>
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={decl.data?.notice ?? r?.notice ?? ''} data-testid="non-classified-notice" />
          <Form form={form} layout="vertical" initialValues={{ trl: 5, transferMode: 'licence', patents: '' }} requiredMark>
            <Form.Item name="title" label={t('supply.result.title')} rules={[{ required: true, whitespace: true, min: 2, message: t('common.required', { field: t('supply.result.title') }) }]}>
              <Input maxLength={200} data-testid="result-title" />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item name="fieldCode" label={t('supply.result.field')} rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.result.field') }) }]} style={{ flex: 2, minWidth: 240 }}>
                <FieldSelect testId="result-field" />
              </Form.Item>
              <Form.Item name="trl" label={t('supply.result.trl')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 140 }} extra={t('supply.result.trlHelp')}>
                <InputNumber min={1} max={9} precision={0} style={{ width: '100%' }} data-testid="result-trl" />
              </Form.Item>
              <Form.Item name="transferMode" label={t('supply.result.transferMode')} rules={[{ required: true }]} style={{ flex: 1, minWidth: 160 }}>
                <Select data-testid="result-transfer" options={TRANSFER_MODES.map((k) => ({ value: k, label: t(`supply.transferMode.${k}` as MessageKey) }))} />
              </Form.Item>
            </Flex>
            <Form.Item name="description" label={t('supply.result.description')} rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('supply.result.description') }) }]}>
              <Input.TextArea rows={6} maxLength={20000} showCount data-testid="result-description" />
            </Form.Item>
            <Flex gap={16} wrap>
              <Form.Item name="patents" label={t('supply.result.patents')} extra={t('supply.result.patentsHelp')} style={{ flex: 1, minWidth: 240 }}>
                <Input.TextArea rows={2} data-testid="result-patents" />
              </Form.Item>
              <Form.Item name="priceExpectation" label={t('supply.result.priceExpectation')} style={{ flex: 1, minWidth: 200 }}>
                <Input maxLength={200} placeholder={t('supply.result.pricePlaceholder')} />
              </Form.Item>
              <Form.Item name="themeDayId" label={t('supply.themeDay')} extra={t('supply.themeDayHelp')} style={{ flex: 1, minWidth: 220 }}>
                <ThemeDaySelect />
              </Form.Item>
            </Flex>
            <fieldset className="rt-fieldset">
              <legend className="rt-legend">{t('supply.result.declarationLegend')}</legend>
              <div data-testid="result-declaration">
                <Checkbox checked={declared} onChange={(e) => setDeclared(e.target.checked)}>
                  {decl.data?.declarationText ?? r?.declarationWording ?? ''}
                </Checkbox>
              </div>
              <p className="rt-text-secondary" style={{ margin: '8px 0' }}>
                {t('supply.result.declarationHelp')}
              </p>
            </fieldset>
            <Space wrap>
              <Button onClick={() => run('save')} loading={saveM.isPending} disabled={busy} data-testid="result-save">
                {t('supply.result.saveDraft')}
              </Button>
              <Button type="primary" onClick={() => run('submit')} loading={submitM.isPending} disabled={!declared || busy || !decl.data} data-testid="result-submit">
                {t('supply.result.submit')}
              </Button>
              {!declared ? <span className="rt-text-secondary">{t('supply.result.tickFirst')}</span> : null}
            </Space>
          </Form>
        </Card>
      ) : r ? (
        <Card title={<h2 className="rt-card-title">{t('supply.result.facts')}</h2>}>
          <div style={{ marginBottom: 8 }}>
            <ResultTags r={r} />
          </div>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label={t('supply.result.holder')}>{r.organisation.name}</Descriptions.Item>
            <Descriptions.Item label={t('supply.result.description')}>{r.description}</Descriptions.Item>
            <Descriptions.Item label={t('supply.result.patents')}>{r.patents.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t('supply.result.priceExpectation')}>{r.priceExpectation || '—'}</Descriptions.Item>
            {r.declaration ? (
              <Descriptions.Item label={t('supply.result.declarationLegend')}>
                {r.declaration.text}（{fmtDateTime(r.declaration.at)}）
              </Descriptions.Item>
            ) : null}
          </Descriptions>
        </Card>
      ) : null}
      {r?.abilities.review ? (
        <div style={{ marginTop: 16 }}>
          <ReviewPanel result={r} />
        </div>
      ) : null}
    </QueryState>
  );
}
