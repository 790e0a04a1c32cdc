/**
 * One roadshow in the workspace. For the host's staff: screening, lineup, judges, weighted criteria, the
 * live ranking (refreshed every 5 s), open/close scoring, the .xlsx export. For everyone else: what it is,
 * the apply button while projects are collected and, for judges, the way to the phone scoring page.
 */
import { useEffect, useRef, useState } from 'react';
import { Alert, App as AntApp, Button, Card, Checkbox, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Select, Space, Table, Tabs, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams, useSearchParams } from 'react-router';
import { api, download, isApiError } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Criterion, Judge, JudgeCandidate, Project, Ranking, Roadshow } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { errorMessage } from '../../components/errors.ts';
import { useDebounced } from '../../hooks/useDebounced.ts';
import { fmtScore, ProjectStatusTag, RoadshowStatusTag } from './shared.tsx';

function useRoadshow(id: string) {
  return useQuery({ queryKey: ['roadshow', id], queryFn: () => api.get<Roadshow>(`/roadshows/${id}`) });
}

export function RoadshowPage() {
  const { id = '' } = useParams();
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const rs = useRoadshow(id);
  const [params, setParams] = useSearchParams();
  const r = rs.data;
  const staff = !!r?.abilities.screen || !!r?.abilities.export;
  const refresh = () => qc.invalidateQueries({ queryKey: ['roadshow', id] });
  const transition = useMutation({
    mutationFn: (path: 'open-scoring' | 'close') => api.post<Roadshow>(`/roadshows/${id}/${path}`),
    onSuccess: async (_d, path) => {
      message.success(path === 'close' ? t('roadshows.manage.closed') : t('roadshows.manage.openScoring'));
      await refresh();
    },
    onError: (err) => message.error(errorMessage(err)),
  });

  return (
    <QueryState isLoading={rs.isLoading} error={rs.error} refetch={() => void rs.refetch()}>
      {r ? (
        <>
          <PageHeader
            title={r.title}
            subtitle={
              <Space wrap size={8}>
                <RoadshowStatusTag status={r.status} />
                <span data-testid="roadshow-facts">{t('roadshows.manage.facts', { accepted: r.counts.accepted, submitted: r.counts.submitted, rejected: r.counts.rejected, judges: r.counts.judges })}</span>
              </Space>
            }
            extra={
              <>
                <LinkButton to="/workspace/roadshows">{t('common.back')}</LinkButton>
                {r.status === 'closed' ? <LinkButton to={`/roadshows/${r.id}`}>{t('roadshows.manage.publicPage')}</LinkButton> : null}
                {r.myJudge ? <LinkButton to={`/workspace/roadshows/${r.id}/judge`} type="primary">{t('roadshows.manage.judgePage')}</LinkButton> : null}
                {r.abilities.apply ? <LinkButton to={`/workspace/roadshows/${r.id}/apply`} type={staff ? 'default' : 'primary'} data-testid="apply-link">{t('roadshows.action.apply')}</LinkButton> : null}
                {r.abilities.export ? (
                  <Button icon={<DownloadOutlined />} data-testid="export-xlsx" onClick={() => void download(`/roadshows/${r.id}/scores.xlsx`, `${r.title}-评分.xlsx`).catch((e: unknown) => message.error(errorMessage(e)))}>
                    {t('roadshows.manage.export')}
                  </Button>
                ) : null}
                {r.abilities.openScoring ? (
                  <Popconfirm title={t('roadshows.manage.openScoringConfirm')} onConfirm={() => transition.mutate('open-scoring')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button type="primary" loading={transition.isPending} data-testid="open-scoring">{t('roadshows.manage.openScoring')}</Button>
                  </Popconfirm>
                ) : null}
                {r.abilities.close ? (
                  <Popconfirm title={t('roadshows.manage.closeConfirm')} onConfirm={() => transition.mutate('close')} okText={t('common.confirm')} cancelText={t('common.cancel')}>
                    <Button type="primary" danger loading={transition.isPending} data-testid="close-scoring">{t('roadshows.manage.close')}</Button>
                  </Popconfirm>
                ) : null}
              </>
            }
          />
          {staff ? (
            <Tabs
              activeKey={params.get('tab') ?? (r.status === 'collecting' ? 'projects' : 'ranking')}
              onChange={(k) => setParams({ tab: k }, { replace: true })}
              items={[
                { key: 'projects', label: t('roadshows.manage.projects'), children: <ProjectsTab r={r} /> },
                { key: 'lineup', label: t('roadshows.manage.lineup'), children: <LineupTab r={r} /> },
                { key: 'judges', label: t('roadshows.manage.judges'), children: <JudgesTab r={r} /> },
                { key: 'criteria', label: t('roadshows.manage.criteria'), children: <CriteriaTab r={r} /> },
                { key: 'ranking', label: t('roadshows.manage.ranking'), children: <RankingTab r={r} /> },
              ]}
            />
          ) : (
            <Card>
              <Alert type="info" showIcon title={t('roadshows.manage.notStaff')} style={{ marginBottom: 16 }} />
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('roadshows.public.criteria')}>{r.criteria.map((c) => `${c.name} ${c.weight}%`).join('、')}</Descriptions.Item>
                {r.applicationsCloseAt ? <Descriptions.Item label={t('roadshows.create.applicationsCloseAt')}>{fmtDateTime(r.applicationsCloseAt)}</Descriptions.Item> : null}
              </Descriptions>
              {!r.abilities.apply ? <Alert type="warning" showIcon title={t('roadshows.apply.closed')} /> : null}
            </Card>
          )}
        </>
      ) : null}
    </QueryState>
  );
}

function ProjectsTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [status, setStatus] = useState<string | undefined>();
  const q = useQuery({
    queryKey: ['roadshow', r.id, 'projects', page, status],
    queryFn: () => api.get<Page<Project>>(`/roadshows/${r.id}/projects`, { page, pageSize: 20, status, sort: 'createdAt', order: 'asc' }),
  });
  const [rejecting, setRejecting] = useState<Project | null>(null);
  const [note, setNote] = useState('');
  const screen = useMutation({
    mutationFn: (v: { p: Project; decision: 'accept' | 'reject'; note?: string }) => api.post<Project>(`/roadshow-projects/${v.p.id}/screen`, { decision: v.decision, note: v.note || undefined }),
    onSuccess: async () => {
      setRejecting(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card>
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Select
          aria-label={t('common.status')}
          allowClear
          placeholder={t('common.status')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          options={(['submitted', 'accepted', 'rejected'] as const).map((s) => ({ value: s, label: t(`roadshows.project.${s}`) }))}
        />
      </Flex>
      <Table<Project>
        rowKey="id"
        data-testid="projects-table"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{ current: page, pageSize: 20, total: q.data?.total ?? 0, onChange: setPage, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: <Empty description={t('roadshows.screen.empty')} /> }}
        expandable={{ expandedRowRender: (p) => <div><b>{t('roadshows.project.team')}：</b>{p.team}{p.summary ? <p style={{ marginTop: 8 }}>{p.summary}</p> : null}</div> }}
        columns={[
          { title: t('roadshows.mine.project'), dataIndex: 'name', render: (v: string, p) => <><div style={{ fontWeight: 600 }}>{v}</div><div style={{ color: '#595959' }}>{p.organisationName}</div></> },
          { title: t('roadshows.project.field'), dataIndex: 'field', width: 130 },
          { title: t('roadshows.project.stage'), dataIndex: 'stageLabel', width: 110 },
          { title: t('roadshows.project.need'), dataIndex: 'financingNeedWan', width: 110, render: (n: number) => t('roadshows.project.needWan', { n }) },
          { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: Project['status']) => <ProjectStatusTag status={s} /> },
          { title: t('roadshows.screen.note'), dataIndex: 'screeningNote', width: 200, render: (v: string | null) => v ?? '—' },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 230,
            render: (_: unknown, p) => (
              <Space wrap size={4}>
                <a href={p.businessPlan.url} target="_blank" rel="noreferrer">{t('roadshows.mine.bp')}</a>
                {p.abilities.screen && p.status !== 'accepted' ? (
                  <Button size="small" type="primary" data-testid={`accept-${p.name}`} loading={screen.isPending} onClick={() => screen.mutate({ p, decision: 'accept' })}>{t('roadshows.screen.accept')}</Button>
                ) : null}
                {p.abilities.screen && p.status !== 'rejected' ? (
                  <Button size="small" danger onClick={() => setRejecting(p)}>{t('roadshows.screen.reject')}</Button>
                ) : null}
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={!!rejecting}
        title={`${t('roadshows.screen.reject')}：${rejecting?.name ?? ''}`}
        okText={t('roadshows.screen.reject')}
        okButtonProps={{ danger: true, loading: screen.isPending }}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && screen.mutate({ p: rejecting, decision: 'reject', note })}
      >
        <label htmlFor="reject-note">{t('roadshows.screen.reason')}</label>
        <Input.TextArea id="reject-note" rows={3} maxLength={2000} value={note} onChange={(e) => setNote(e.target.value)} />
      </Modal>
    </Card>
  );
}

function LineupTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['roadshow', r.id, 'lineup'],
    queryFn: () => api.get<Page<Project>>(`/roadshows/${r.id}/projects`, { status: 'accepted', pageSize: 200, sort: 'lineupOrder', order: 'asc' }),
  });
  const [order, setOrder] = useState<Project[]>([]);
  useEffect(() => setOrder(q.data?.items ?? []), [q.data]);
  const save = useMutation({
    mutationFn: () => api.put<Roadshow>(`/roadshows/${r.id}/lineup`, { projectIds: order.map((p) => p.id) }),
    onSuccess: async () => {
      message.success(t('roadshows.lineup.saved'));
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const move = (i: number, d: -1 | 1) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    setOrder(next);
  };
  if (!q.isLoading && !order.length) return <Card><Empty description={t('roadshows.lineup.empty')} /></Card>;
  return (
    <Card>
      <ol className="rt-lineup" data-testid="lineup" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {order.map((p, i) => (
          <li key={p.id} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
            <span style={{ width: 28, fontWeight: 600 }}>{i + 1}.</span>
            <span style={{ flex: 1, minWidth: 0 }}>
              <span style={{ fontWeight: 600 }}>{p.name}</span> <span style={{ color: '#595959' }}>{p.organisationName}</span>
            </span>
            {r.abilities.setLineup ? (
              <>
                <Button size="small" icon={<ArrowUpOutlined />} disabled={i === 0} aria-label={t('roadshows.lineup.moveUp', { name: p.name })} onClick={() => move(i, -1)} />
                <Button size="small" icon={<ArrowDownOutlined />} disabled={i === order.length - 1} aria-label={t('roadshows.lineup.moveDown', { name: p.name })} onClick={() => move(i, 1)} />
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {r.abilities.setLineup ? (
        <Button type="primary" style={{ marginTop: 12 }} loading={save.isPending} onClick={() => save.mutate()} data-testid="save-lineup">
          {t('roadshows.lineup.save')}
        </Button>
      ) : null}
    </Card>
  );
}

function JudgesTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const judges = useQuery({ queryKey: ['roadshow', r.id, 'judges'], queryFn: () => api.get<Page<Judge>>(`/roadshows/${r.id}/judges`) });
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 300);
  const candidates = useQuery({
    queryKey: ['roadshow', r.id, 'candidates', debounced],
    queryFn: () => api.get<{ items: JudgeCandidate[] }>(`/roadshows/${r.id}/judge-candidates`, { q: debounced }),
    enabled: r.abilities.inviteJudges,
  });
  const [userId, setUserId] = useState<string | undefined>();
  const [fund, setFund] = useState(false);
  const chosen = candidates.data?.items.find((c) => c.userId === userId);
  const invite = useMutation({
    mutationFn: () => api.post<Judge>(`/roadshows/${r.id}/judges`, { userId, guidanceFund: fund }),
    onSuccess: async () => {
      message.success(t('roadshows.judges.invited'));
      setUserId(undefined);
      setFund(false);
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(isApiError(err) ? (err.errors[0]?.message ?? err.display) : String(err)),
  });
  return (
    <Card>
      {r.abilities.inviteJudges ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            showSearch
            aria-label={t('roadshows.judges.candidate')}
            placeholder={t('roadshows.judges.candidatePlaceholder')}
            style={{ minWidth: 280, flex: '1 1 280px', maxWidth: 420 }}
            filterOption={false}
            onSearch={setSearch}
            value={userId}
            onChange={setUserId}
            loading={candidates.isFetching}
            options={(candidates.data?.items ?? []).map((c) => ({
              value: c.userId,
              disabled: c.invited,
              label: `${c.name} · ${c.organisationName} · ${t(`roadshows.judges.kind.${c.role}`)}`,
            }))}
          />
          <Checkbox checked={fund} disabled={chosen?.role !== 'investor'} onChange={(e) => setFund(e.target.checked)}>
            {t('roadshows.judges.guidanceFund')}
          </Checkbox>
          <Button type="primary" disabled={!userId} loading={invite.isPending} onClick={() => invite.mutate()}>
            {t('roadshows.judges.invite')}
          </Button>
        </Flex>
      ) : null}
      <Table<Judge>
        rowKey="id"
        loading={judges.isLoading}
        dataSource={judges.data?.items ?? []}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Empty description={t('roadshows.judges.empty')} /> }}
        columns={[
          { title: t('roadshows.judges.name'), render: (_: unknown, j) => j.user.name },
          { title: t('roadshows.judges.org'), render: (_: unknown, j) => j.organisation?.name ?? '—' },
          {
            title: t('roadshows.judges.kind'),
            render: (_: unknown, j) => (
              <Space size={4} wrap>
                <ToneTag tone={j.kind === 'investor' ? 'purple' : 'blue'}>{t(`roadshows.judges.kind.${j.kind}`)}</ToneTag>
                {j.guidanceFund ? <ToneTag tone="orange">{t('roadshows.judges.guidanceFundShort')}</ToneTag> : null}
              </Space>
            ),
          },
          { title: t('roadshows.judges.scored', { n: '' }).trim(), render: (_: unknown, j) => t('roadshows.judges.scored', { n: j.scored }) },
        ]}
      />
    </Card>
  );
}

function CriteriaTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ criteria: Criterion[] }>();
  const editable = r.abilities.edit && r.status === 'collecting';
  const save = useMutation({
    mutationFn: (criteria: Criterion[]) => api.patch<Roadshow>(`/roadshows/${r.id}`, { criteria }),
    onSuccess: async () => {
      message.success(t('roadshows.criteria.saved'));
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const values = Form.useWatch('criteria', form) ?? r.criteria;
  const total = values.reduce((a, c) => a + (Number(c?.weight) || 0), 0);
  return (
    <Card>
      {!editable ? <Alert type="info" showIcon title={t('roadshows.criteria.frozen')} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} initialValues={{ criteria: r.criteria }} disabled={!editable} onFinish={(v) => save.mutate(v.criteria.map((c) => ({ ...c, weight: Number(c.weight) })))}>
        <Form.List name="criteria">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Flex key={f.key} gap={8} wrap align="flex-start">
                  <Form.Item name={[f.name, 'name']} rules={[{ required: true, message: t('roadshows.criteria.name') }]} style={{ flex: '1 1 180px' }}>
                    <Input aria-label={t('roadshows.criteria.name')} placeholder={t('roadshows.criteria.name')} maxLength={100} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'key']} rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, message: t('roadshows.criteria.key') }]} style={{ flex: '0 1 160px' }}>
                    <Input aria-label={t('roadshows.criteria.key')} placeholder={t('roadshows.criteria.key')} maxLength={40} />
                  </Form.Item>
                  <Form.Item name={[f.name, 'weight']} rules={[{ required: true, message: t('roadshows.criteria.weight') }]} style={{ width: 110 }}>
                    <InputNumber aria-label={t('roadshows.criteria.weight')} min={1} max={100} addonAfter="%" />
                  </Form.Item>
                  {editable ? <Button icon={<DeleteOutlined />} aria-label={t('roadshows.criteria.remove', { name: values[f.name]?.name ?? '' })} onClick={() => remove(f.name)} /> : null}
                </Flex>
              ))}
              <Flex gap={12} align="center" wrap>
                {editable ? <Button onClick={() => add({ key: `c${fields.length + 1}`, name: '', weight: 10 })}>{t('roadshows.criteria.add')}</Button> : null}
                <Typography.Text type={total === 100 ? undefined : 'warning'}>{t('roadshows.criteria.total', { n: total })}</Typography.Text>
                {editable ? <Button type="primary" htmlType="submit" loading={save.isPending}>{t('common.save')}</Button> : null}
              </Flex>
            </>
          )}
        </Form.List>
      </Form>
    </Card>
  );
}

function RankingTab({ r }: { r: Roadshow }) {
  const t = useT();
  const live = r.status === 'scoring';
  const q = useQuery({
    queryKey: ['roadshow', r.id, 'ranking'],
    queryFn: () => api.get<Ranking>(`/roadshows/${r.id}/ranking`),
    refetchInterval: live ? 5000 : false,
  });
  // The wide table scrolls sideways on smaller screens: its scroll region must be reachable by keyboard.
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    wrap.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((el) => {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', t('roadshows.manage.ranking'));
    });
  });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('roadshows.manage.ranking')}</h2>}
      extra={<span style={{ color: '#595959' }} data-testid="ranking-updated">{live ? t('roadshows.ranking.live', { time: q.dataUpdatedAt ? new Date(q.dataUpdatedAt).toLocaleTimeString('zh-CN', { hour12: false }) : '—' }) : r.status === 'closed' ? t('roadshows.ranking.published') : ''}</span>}
    >
      <QueryState isLoading={q.isLoading} error={q.error}>
        <div ref={wrap}>
        <Table
          rowKey="projectId"
          data-testid="ranking-table"
          dataSource={q.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1100 + r.criteria.length * 80 }}
          locale={{ emptyText: <Empty description={t('roadshows.ranking.empty')} /> }}
          columns={[
            { title: t('roadshows.ranking.rank'), dataIndex: 'rank', width: 70 },
            { title: t('roadshows.ranking.project'), dataIndex: 'name', width: 240, render: (v: string, i) => <><div style={{ fontWeight: 600 }}>{v}</div><div style={{ color: '#595959' }}>{i.organisationName}</div></> },
            { title: t('roadshows.ranking.average'), dataIndex: 'average', width: 120, render: (v: number | null) => (v == null ? <span style={{ color: '#595959' }}>{t('roadshows.ranking.noScore')}</span> : <b>{fmtScore(v)}</b>) },
            { title: t('roadshows.ranking.valid'), dataIndex: 'judgesCounted', width: 90, render: (n: number, i) => <span data-testid={`valid-${i.name}`}>{n}</span> },
            { title: t('roadshows.ranking.conflicts'), dataIndex: 'conflicts', width: 110, render: (n: number, i) => <span data-testid={`conflicts-${i.name}`}>{n}</span> },
            { title: t('roadshows.ranking.intents'), key: 'intents', width: 170, render: (_: unknown, i) => t('roadshows.ranking.intentsValue', { count: i.intents.count, sign: i.intents.intentToSign }) },
            { title: t('roadshows.ranking.amount'), key: 'amount', width: 130, render: (_: unknown, i) => (i.intents.count ? `${i.intents.minWan}–${i.intents.maxWan}` : '—') },
            ...r.criteria.map((c) => ({ title: `${c.name}`, key: c.key, width: 80, render: (_: unknown, i: Ranking['items'][number]) => fmtScore(i.perCriterion[c.key]) })),
          ]}
        />
        </div>
      </QueryState>
    </Card>
  );
}
