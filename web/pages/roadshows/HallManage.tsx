/**
 * The exhibition hall in the workspace (a tab of 路演): the organisation's own booths (set up, edit → back
 * to review), the booths awaiting the host staff's review, and contact requests (incoming to accept or
 * decline, outgoing with their answer).
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Empty, Form, Input, Segmented, Select, Space, Table, Tabs } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page, PublicThemeDay } from '../../api/types.ts';
import type { Booth, ContactRequest } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { BoothStatusTag, ContactStatusTag } from './shared.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';

export function HallManage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const sub = params.get('hall') ?? (pathname.endsWith('/requests') ? 'requests' : 'mine');
  // Booth review belongs to the host staff: the tab shows only for people who run a theme day.
  const staffDays = useQuery({
    queryKey: ['roadshows', 'staff-theme-days'],
    queryFn: () => api.get<{ items: unknown[] }>('/roadshows/staff-theme-days'),
  });
  const isStaff = !!staffDays.data?.items.length;
  return (
    <Tabs
      type="card"
      activeKey={sub}
      onChange={(k) => setParams({ tab: 'hall', hall: k })}
      items={[
        { key: 'mine', label: t('roadshows.hall.tab.mine'), children: <MyBooths /> },
        ...(isStaff ? [{ key: 'review', label: t('roadshows.hall.tab.review'), children: <ReviewBooths /> }] : []),
        { key: 'requests', label: t('roadshows.hall.tab.requests'), children: <Requests /> },
      ]}
    />
  );
}

interface BoothValues {
  themeDayId?: string;
  title: string;
  intro: string;
  contactName: string;
  contactPhone?: string;
  contactEmail?: string;
}

function BoothModal({ booth, onClose }: { booth: Booth | null; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<BoothValues>();
  const days = useQuery({
    queryKey: ['public', 'theme-days', 'upcoming'],
    queryFn: () =>
      api.get<Page<PublicThemeDay>>('/public/theme-days', { pageSize: 200, sort: 'startDate', order: 'asc' }),
    enabled: !booth,
  });
  const today = shanghaiToday();
  const upcoming = (days.data?.items ?? []).filter((d) => d.endDate >= today);
  const save = useMutation({
    mutationFn: ({ themeDayId, ...v }: BoothValues) =>
      booth
        ? api.patch<Booth>(`/exhibition/booths/${booth.id}`, v)
        : api.post<Booth>(`/theme-days/${themeDayId}/booths`, v),
    onSuccess: async () => {
      message.success(t('roadshows.hall.saved'));
      await qc.invalidateQueries({ queryKey: ['hall'] });
      onClose();
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) message.error(errorMessage(err));
    },
  });
  return (
    <GuardedModal
      form={form}
      open
      title={booth ? t('roadshows.hall.editBooth') : t('roadshows.hall.createBooth')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
    >
      <Alert type="info" showIcon title={t('roadshows.hall.resubmitHint')} style={{ marginBottom: 12 }} />
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => save.mutate(v)}
        initialValues={
          booth
            ? {
                title: booth.title,
                intro: booth.intro,
                contactName: booth.contact?.name,
                contactPhone: booth.contact?.phone ?? '',
                contactEmail: booth.contact?.email ?? '',
              }
            : {}
        }
      >
        {!booth ? (
          <Form.Item
            name="themeDayId"
            label={t('roadshows.hall.themeDay')}
            rules={[{ required: true, message: t('roadshows.hall.themeDay') }]}
          >
            <Select
              loading={days.isLoading}
              notFoundContent={t('roadshows.hall.noThemeDays')}
              options={upcoming.map((d) => ({ value: d.id, label: `${d.title}（${d.startDate}）` }))}
            />
          </Form.Item>
        ) : null}
        <Form.Item
          name="title"
          label={t('roadshows.hall.boothTitle')}
          rules={[{ required: true, whitespace: true, message: t('roadshows.hall.boothTitle') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="intro"
          label={t('roadshows.hall.intro')}
          rules={[{ required: true, whitespace: true, message: t('roadshows.hall.intro') }]}
        >
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Form.Item
          name="contactName"
          label={t('roadshows.hall.contactName')}
          rules={[{ required: true, whitespace: true, message: t('roadshows.hall.contactName') }]}
        >
          <Input maxLength={50} />
        </Form.Item>
        <Form.Item name="contactPhone" label={t('roadshows.hall.contactPhone')}>
          <Input maxLength={30} />
        </Form.Item>
        <Form.Item
          name="contactEmail"
          label={t('roadshows.hall.contactEmail')}
          rules={[{ type: 'email', message: t('roadshows.hall.contactEmail') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}

function boothColumns(t: ReturnType<typeof useT>) {
  return [
    {
      title: t('roadshows.hall.boothTitle'),
      dataIndex: 'title',
      render: (v: string, b: Booth) => (b.status === 'approved' ? <Link to={`/hall/booths/${b.id}`}>{v}</Link> : v),
    },
    { title: t('roadshows.hall.exhibitor'), render: (_: unknown, b: Booth) => b.organisation.name },
    {
      title: t('roadshows.hall.themeDay'),
      render: (_: unknown, b: Booth) => <Link to={`/theme-days/${b.themeDay.id}/hall`}>{b.themeDay.title}</Link>,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      width: 100,
      render: (s: Booth['status']) => <BoothStatusTag status={s} />,
    },
    { title: t('roadshows.hall.reviewNote'), dataIndex: 'reviewNote', render: (v: string | null) => v ?? '—' },
  ];
}

function MyBooths() {
  const t = useT();
  const q = useQuery({
    queryKey: ['hall', 'mine'],
    queryFn: () => api.get<Page<Booth>>('/exhibition/booths', { scope: 'mine', pageSize: 50 }),
  });
  const [editing, setEditing] = useState<Booth | null | 'new'>(null);
  return (
    <Card
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="create-booth">
          {t('roadshows.hall.createBooth')}
        </Button>
      }
    >
      <Table<Booth>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('roadshows.hall.mine.empty')} /> }}
        columns={[
          ...boothColumns(t),
          {
            title: t('common.actions'),
            key: 'a',
            width: 100,
            render: (_: unknown, b: Booth) =>
              b.abilities.edit ? (
                <Button size="small" onClick={() => setEditing(b)}>
                  {t('roadshows.hall.editBooth')}
                </Button>
              ) : null,
          },
        ]}
      />
      {editing ? <BoothModal booth={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Card>
  );
}

function ReviewBooths() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [status, setStatus] = useState<string>('pending');
  const q = useQuery({
    queryKey: ['hall', 'review', status],
    queryFn: () =>
      api.get<Page<Booth>>('/exhibition/booths', { scope: 'review', status: status || undefined, pageSize: 100 }),
  });
  const [rejecting, setRejecting] = useState<Booth | null>(null);
  const [note, setNote] = useState('');
  const review = useMutation({
    mutationFn: (v: { b: Booth; decision: 'approve' | 'reject'; note?: string }) =>
      api.post<Booth>(`/exhibition/booths/${v.b.id}/review`, { decision: v.decision, note: v.note || undefined }),
    onSuccess: async () => {
      setRejecting(null);
      setNote('');
      await qc.invalidateQueries({ queryKey: ['hall'] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card>
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: 'pending', label: t('roadshows.hall.booth.pending') },
          { value: 'approved', label: t('roadshows.hall.booth.approved') },
          { value: 'rejected', label: t('roadshows.hall.booth.rejected') },
        ]}
      />
      <Table<Booth>
        rowKey="id"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        expandable={{ expandedRowRender: (b) => <p style={{ margin: 0 }}>{b.intro}</p> }}
        locale={{ emptyText: <Empty description={t('roadshows.hall.review.empty')} /> }}
        columns={[
          ...boothColumns(t),
          {
            title: t('common.actions'),
            key: 'a',
            width: 160,
            render: (_: unknown, b: Booth) =>
              b.abilities.review ? (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => review.mutate({ b, decision: 'approve' })}>
                    {t('roadshows.hall.approve')}
                  </Button>
                  <Button size="small" danger onClick={() => setRejecting(b)}>
                    {t('roadshows.hall.reject')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
      <GuardedModal
        dirty={note.trim() !== ''}
        open={!!rejecting}
        title={t('roadshows.hall.reject')}
        okButtonProps={{ danger: true, loading: review.isPending }}
        okText={t('roadshows.hall.reject')}
        cancelText={t('common.cancel')}
        onCancel={() => setRejecting(null)}
        onOk={() => rejecting && review.mutate({ b: rejecting, decision: 'reject', note })}
      >
        <label htmlFor="booth-reject-note">{t('roadshows.hall.rejectReason')}</label>
        <Input.TextArea
          id="booth-reject-note"
          rows={3}
          maxLength={500}
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
      </GuardedModal>
    </Card>
  );
}

function Requests() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [direction, setDirection] = useState<'incoming' | 'outgoing'>('incoming');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['hall', 'requests', direction, page],
    queryFn: () => api.get<Page<ContactRequest>>('/exhibition/contact-requests', { direction, page, pageSize: 20 }),
  });
  const decide = useMutation({
    mutationFn: (v: { r: ContactRequest; decision: 'accept' | 'decline' }) =>
      api.post<ContactRequest>(`/exhibition/contact-requests/${v.r.id}/decide`, { decision: v.decision }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['hall', 'requests'] }),
    onError: (err) => message.error(errorMessage(err)),
  });
  return (
    <Card>
      <Segmented
        style={{ marginBottom: 12 }}
        value={direction}
        onChange={(v) => {
          setDirection(v as typeof direction);
          setPage(1);
        }}
        options={[
          { value: 'incoming', label: t('roadshows.hall.requests.incoming') },
          { value: 'outgoing', label: t('roadshows.hall.requests.outgoing') },
        ]}
      />
      <Table<ContactRequest>
        rowKey="id"
        data-testid="contact-requests"
        loading={q.isLoading}
        dataSource={q.data?.items ?? []}
        scroll={{ x: 900 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: q.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        locale={{ emptyText: <Empty description={t('roadshows.hall.requests.empty')} /> }}
        columns={[
          {
            title: t('roadshows.hall.requests.booth'),
            render: (_: unknown, r) => <Link to={`/hall/booths/${r.booth.id}`}>{r.booth.title}</Link>,
          },
          direction === 'incoming'
            ? {
                title: t('roadshows.hall.requests.from'),
                key: 'who',
                render: (_: unknown, r: ContactRequest) =>
                  `${r.requester.name}${r.requester.organisationName ? `（${r.requester.organisationName}）` : ''}`,
              }
            : {
                title: t('roadshows.hall.exhibitor'),
                key: 'who',
                render: (_: unknown, r: ContactRequest) => r.booth.organisationName,
              },
          { title: t('roadshows.hall.message'), dataIndex: 'message' },
          {
            title: t('roadshows.hall.requests.time'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => fmtDateTime(v),
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: ContactRequest['status']) => <ContactStatusTag status={s} />,
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 150,
            render: (_: unknown, r) =>
              r.abilities.decide ? (
                <Space size={4}>
                  <Button size="small" type="primary" onClick={() => decide.mutate({ r, decision: 'accept' })}>
                    {t('roadshows.hall.accept')}
                  </Button>
                  <Button size="small" onClick={() => decide.mutate({ r, decision: 'decline' })}>
                    {t('roadshows.hall.decline')}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </Card>
  );
}
