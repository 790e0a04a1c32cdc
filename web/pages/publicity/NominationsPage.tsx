/**
 * 推荐参展 (/workspace/nominations): NDRC nominates cooperation projects to 全国双创活动周, 央企熠星大赛 or
 * 创客中国 (a host proposes for its theme day's projects, NDRC decides), records each event's answer, and exports
 * the dossier per event and year (.xlsx table, .docx letter). Status buttons follow the server's `nextStatuses`.
 */
import { useState } from 'react';
import { App as AntApp, Button, Empty, Flex, Form, Input, InputNumber, Popconfirm, Select, Space, Table } from 'antd';
import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, download } from '../../api/client.ts';
import type { ProjectList } from '../../api/projects.ts';
import {
  NOMINATION_STATUS_LABELS,
  SHOWCASE_EVENTS,
  SHOWCASE_EVENT_LABELS,
  type NominationList,
  type NominationStatus,
  type NominationView,
  type ShowcaseEvent,
} from '../../api/publicity.ts';
import { NOMINATION_STATUSES } from '../../../common/contracts/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate } from '../../components/format.ts';
import { NominationStatusTag } from './shared.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';

interface NominateForm {
  projectId: string;
  event: ShowcaseEvent;
  year: number;
  reason: string;
}

export function NominationsPage() {
  const t = useT();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const event = (params.get('event') as ShowcaseEvent | null) ?? undefined;
  const year = Number(params.get('year')) || undefined;
  const status = (params.get('status') as NominationStatus | null) ?? undefined;
  const [adding, setAdding] = useState(false);
  const [exportEvent, setExportEvent] = useState<ShowcaseEvent>('innovation_week');
  const [exportYear, setExportYear] = useState<number>(2020);
  const isOwner = !!me?.roles.includes('programme_owner');
  const set = (k: string, v: string | undefined) =>
    setParams((p) => {
      const next = new URLSearchParams(p);
      if (v) next.set(k, v);
      else next.delete(k);
      return next;
    });
  const list = useQuery({
    queryKey: ['nominations', event, year, status],
    queryFn: () => api.get<NominationList>('/nominations', { event, year, status, pageSize: 200 }),
  });
  const move = useMutation({
    mutationFn: ({ id, to }: { id: string; to: NominationStatus }) =>
      api.post<NominationView>(`/nominations/${id}/status`, { status: to }),
    onSuccess: () => {
      void message.success(t('publicity.nominations.moved'));
      void qc.invalidateQueries({ queryKey: ['nominations'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const exporting = useMutation({
    mutationFn: (ext: 'xlsx' | 'docx') =>
      download(`/nominations/dossier.${ext}`, `推荐材料.${ext}`, { event: exportEvent, year: exportYear }),
    onError: (e) => void message.error(errorMessage(e)),
  });

  return (
    <>
      <PageHeader
        title={t('publicity.nominations.title')}
        subtitle={t('publicity.nominations.subtitle')}
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="nomination-new">
            {t('publicity.nominations.new')}
          </Button>
        }
      />
      <Flex gap={12} wrap align="center" style={{ marginBottom: 12 }}>
        <Select<ShowcaseEvent>
          allowClear
          aria-label={t('publicity.nominations.event')}
          placeholder={t('publicity.nominations.eventAll')}
          value={event}
          onChange={(v) => set('event', v)}
          style={{ minWidth: 180 }}
          options={SHOWCASE_EVENTS.map((e) => ({ value: e, label: SHOWCASE_EVENT_LABELS[e] }))}
        />
        <InputNumber
          aria-label={t('publicity.nominations.year')}
          placeholder={t('publicity.nominations.year')}
          min={2019}
          max={2100}
          value={year}
          onChange={(v) => set('year', v ? String(v) : undefined)}
        />
        <Select<NominationStatus>
          allowClear
          aria-label={t('publicity.news.status')}
          placeholder={t('publicity.news.statusAll')}
          value={status}
          onChange={(v) => set('status', v)}
          style={{ minWidth: 200 }}
          options={NOMINATION_STATUSES.map((s) => ({ value: s, label: NOMINATION_STATUS_LABELS[s] }))}
        />
      </Flex>
      {isOwner ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 12 }} data-testid="nomination-export">
          <span>{t('publicity.nominations.exportHint')}</span>
          <Select<ShowcaseEvent>
            aria-label={t('publicity.nominations.event')}
            value={exportEvent}
            onChange={setExportEvent}
            style={{ minWidth: 160 }}
            options={SHOWCASE_EVENTS.map((e) => ({ value: e, label: SHOWCASE_EVENT_LABELS[e] }))}
          />
          <InputNumber
            aria-label={t('publicity.nominations.year')}
            min={2019}
            max={2100}
            value={exportYear}
            onChange={(v) => v && setExportYear(v)}
          />
          <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate('xlsx')}>
            {t('publicity.nominations.exportXlsx')}
          </Button>
          <Button icon={<DownloadOutlined />} loading={exporting.isPending} onClick={() => exporting.mutate('docx')}>
            {t('publicity.nominations.exportDocx')}
          </Button>
        </Flex>
      ) : null}
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
        <Table<NominationView>
          rowKey="id"
          data-testid="nominations-table"
          dataSource={list.data?.items ?? []}
          pagination={false}
          scroll={{ x: 1240 }}
          locale={{ emptyText: <Empty description={t('publicity.nominations.empty')} /> }}
          columns={[
            {
              title: t('publicity.nominations.project'),
              key: 'project',
              width: 240,
              render: (_, n) => (
                <Space direction="vertical" size={0}>
                  <Link to={`/workspace/projects/${n.project.id}`}>{n.project.title}</Link>
                  <span className="rt-text-secondary">{n.themeDay?.title}</span>
                </Space>
              ),
            },
            {
              title: t('publicity.nominations.event'),
              key: 'event',
              width: 130,
              render: (_, n) => `${SHOWCASE_EVENT_LABELS[n.event]}（${n.year}）`,
            },
            { title: t('publicity.nominations.reason'), key: 'reason', dataIndex: 'reason', width: 260 },
            {
              title: t('publicity.nominations.proposedBy'),
              key: 'by',
              width: 190,
              render: (_, n) => (
                <Space direction="vertical" size={0}>
                  <span>{n.proposedBy.name}</span>
                  <span className="rt-text-secondary">{fmtDate(n.createdAt)}</span>
                </Space>
              ),
            },
            {
              title: t('publicity.news.status'),
              key: 'status',
              width: 200,
              render: (_, n) => (
                <Space direction="vertical" size={2}>
                  <NominationStatusTag status={n.status} />
                  {n.note ? <span className="rt-text-secondary">{n.note}</span> : null}
                </Space>
              ),
            },
            {
              title: t('publicity.nominations.actions'),
              key: 'actions',
              width: 190,
              fixed: 'right',
              render: (_, n) => (
                <Flex gap={4} wrap>
                  {n.nextStatuses.map((s) => (
                    <Popconfirm
                      key={s}
                      title={t('publicity.nominations.confirm', { s: NOMINATION_STATUS_LABELS[s] })}
                      onConfirm={() => move.mutate({ id: n.id, to: s })}
                    >
                      <Button size="small" disabled={move.isPending} danger={s === 'withdrawn' || s === 'declined'}>
                        {t('publicity.nominations.moveTo', { s: NOMINATION_STATUS_LABELS[s] })}
                      </Button>
                    </Popconfirm>
                  ))}
                </Flex>
              ),
            },
          ]}
        />
      </QueryState>
      {adding ? <NominateModal onClose={() => setAdding(false)} /> : null}
    </>
  );
}

function NominateModal({ onClose }: { onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<NominateForm>();
  const [error, setError] = useState<string | null>(null);
  const projects = useQuery({
    queryKey: ['projects', 'for-nomination'],
    queryFn: () => api.get<ProjectList>('/projects', { pageSize: 200 }),
  });
  const save = useMutation({
    mutationFn: (v: NominateForm) => api.post<NominationView>('/nominations', v),
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['nominations'] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  return (
    <GuardedModal
      form={form}
      open
      title={t('publicity.nominations.new')}
      okText={t('publicity.nominations.submit')}
      okButtonProps={{ loading: save.isPending, disabled: save.isPending }}
      onCancel={onClose}
      onOk={() => {
        setError(null);
        form
          .validateFields()
          .then((v) => save.mutate(v))
          .catch(() => undefined);
      }}
    >
      {error ? <div style={{ color: '#a8071a', marginBottom: 8 }}>{error}</div> : null}
      <Form form={form} layout="vertical" initialValues={{ year: 2020, event: 'innovation_week' }}>
        <Form.Item
          name="projectId"
          label={t('publicity.nominations.project')}
          rules={[{ required: true, message: t('publicity.nominations.projectRequired') }]}
        >
          <Select
            showSearch={{ optionFilterProp: 'label' }}
            loading={projects.isLoading}
            options={(projects.data?.items ?? [])
              .filter((p) => ['signed', 'in_progress', 'completed'].includes(p.stage))
              .map((p) => ({ value: p.id, label: p.title }))}
          />
        </Form.Item>
        <Flex gap={12}>
          <Form.Item
            name="event"
            label={t('publicity.nominations.event')}
            rules={[{ required: true }]}
            style={{ flex: 2 }}
          >
            <Select options={SHOWCASE_EVENTS.map((e) => ({ value: e, label: SHOWCASE_EVENT_LABELS[e] }))} />
          </Form.Item>
          <Form.Item
            name="year"
            label={t('publicity.nominations.year')}
            rules={[{ required: true }]}
            style={{ flex: 1 }}
          >
            <InputNumber min={2019} max={2100} style={{ width: '100%' }} />
          </Form.Item>
        </Flex>
        <Form.Item
          name="reason"
          label={t('publicity.nominations.reason')}
          rules={[{ required: true, whitespace: true, message: t('publicity.nominations.reasonRequired') }]}
        >
          <Input.TextArea rows={4} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
