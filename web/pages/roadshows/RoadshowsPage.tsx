/**
 * 路演 in the workspace: the roadshows with the caller's part in each (organiser, judge, applicant), the
 * applicant's own projects with their screening result, and the way into the exhibition hall. Host staff
 * set up a roadshow on a roadshow session of their theme day (creating the session if there is none).
 */
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Empty,
  Form,
  Input,
  Radio,
  Segmented,
  Select,
  Space,
  Table,
  Tabs,
} from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { MyProject, Roadshow, RoadshowSummary, StaffThemeDay } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDateTime } from '../../components/format.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { RoadshowStatusTag, sessionTime } from '../../components/roadshows/RoadshowParts.tsx';
import { HallManage } from './HallManage.tsx';
import { ProjectStatusTag } from './shared.tsx';
import { GuardedModal } from '../../components/GuardedModal.tsx';

export function RoadshowsPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const tab = params.get('tab') ?? (pathname.startsWith('/workspace/roadshows/hall') ? 'hall' : 'roadshows');
  const staffDays = useQuery({
    queryKey: ['roadshows', 'staff-theme-days'],
    queryFn: () => api.get<{ items: StaffThemeDay[] }>('/roadshows/staff-theme-days'),
  });
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title={t('roadshows.title')}
        subtitle={t('roadshows.subtitle')}
        extra={
          staffDays.data?.items.length ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="create-roadshow"
            >
              {t('roadshows.create')}
            </Button>
          ) : null
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(k) =>
          pathname === '/workspace/roadshows' ? setParams({ tab: k }) : void navigate(`/workspace/roadshows?tab=${k}`)
        }
        items={[
          { key: 'roadshows', label: t('roadshows.tab.roadshows'), children: <RoadshowList /> },
          { key: 'mine', label: t('roadshows.tab.mine'), children: <MyProjects /> },
          { key: 'hall', label: t('roadshows.tab.hall'), children: <HallManage /> },
        ]}
      />
      {creating ? <CreateRoadshowModal days={staffDays.data?.items ?? []} onClose={() => setCreating(false)} /> : null}
    </>
  );
}

function RoadshowList() {
  const t = useT();
  const [role, setRole] = useState<'all' | 'staff' | 'judge' | 'applicant'>('all');
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['roadshows', 'list', role, page],
    queryFn: () => api.get<Page<RoadshowSummary>>('/roadshows', { role, page, pageSize: 20 }),
  });
  return (
    <Card>
      <Segmented
        style={{ marginBottom: 12 }}
        value={role}
        onChange={(v) => {
          setRole(v);
          setPage(1);
        }}
        options={(['all', 'staff', 'judge', 'applicant'] as const).map((k) => ({
          value: k,
          label: t(`roadshows.role.${k}`),
        }))}
      />
      <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()}>
        <Table<RoadshowSummary>
          rowKey="id"
          data-testid="roadshows-table"
          loading={q.isLoading}
          dataSource={q.data?.items ?? []}
          scroll={{ x: 960 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: q.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.total', { n }),
          }}
          locale={{ emptyText: <Empty description={t('roadshows.empty')} /> }}
          columns={[
            {
              title: t('roadshows.col.title'),
              dataIndex: 'title',
              render: (v: string, r) => (
                <Link to={`/workspace/roadshows/${r.id}`} data-testid={`roadshow-link-${r.id}`}>
                  {v}
                </Link>
              ),
            },
            {
              title: t('roadshows.col.themeDay'),
              render: (_: unknown, r) => <Link to={`/theme-days/${r.themeDay.id}`}>{r.themeDay.title}</Link>,
            },
            { title: t('roadshows.col.time'), width: 210, render: (_: unknown, r) => sessionTime(r.session) },
            {
              title: t('common.status'),
              dataIndex: 'status',
              width: 110,
              render: (s: RoadshowSummary['status']) => <RoadshowStatusTag status={s} />,
            },
            {
              title: t('roadshows.col.projects'),
              width: 110,
              render: (_: unknown, r) => `${r.counts.accepted} / ${r.counts.submitted}`,
            },
            {
              title: t('roadshows.col.myRole'),
              width: 170,
              render: (_: unknown, r) => (
                <Space size={4} wrap>
                  {r.my.staff ? <ToneTag tone="purple">{t('roadshows.my.staff')}</ToneTag> : null}
                  {r.my.judge ? <ToneTag tone="orange">{t('roadshows.my.judge')}</ToneTag> : null}
                  {r.my.applied ? (
                    <ToneTag tone="blue">{t('roadshows.my.applied', { n: r.my.applied })}</ToneTag>
                  ) : null}
                  {!r.my.staff && !r.my.judge && !r.my.applied ? '—' : null}
                </Space>
              ),
            },
            {
              title: t('common.actions'),
              key: 'actions',
              width: 200,
              render: (_: unknown, r) => (
                <Space size={8} wrap>
                  <Link to={`/workspace/roadshows/${r.id}`}>
                    {r.my.staff ? t('roadshows.action.manage') : t('roadshows.action.view')}
                  </Link>
                  {r.my.judge && r.status === 'scoring' ? (
                    <Link to={`/workspace/roadshows/${r.id}/judge`} data-testid={`judge-link-${r.id}`}>
                      {t('roadshows.action.judge')}
                    </Link>
                  ) : null}
                  {r.status === 'collecting' ? (
                    <Link to={`/workspace/roadshows/${r.id}/apply`}>{t('roadshows.action.apply')}</Link>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </QueryState>
    </Card>
  );
}

function MyProjects() {
  const t = useT();
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ['roadshows', 'my-projects', page],
    queryFn: () => api.get<Page<MyProject>>('/my/roadshow-projects', { page, pageSize: 20 }),
  });
  return (
    <Card>
      <Table<MyProject>
        rowKey="id"
        data-testid="my-projects-table"
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
        locale={{ emptyText: <Empty description={t('roadshows.mine.empty')} /> }}
        columns={[
          {
            title: t('roadshows.mine.project'),
            dataIndex: 'name',
            render: (v: string, p) => (
              <>
                <div style={{ fontWeight: 600 }}>{v}</div>
                <div style={{ color: '#595959' }}>{p.organisationName}</div>
              </>
            ),
          },
          {
            title: t('roadshows.mine.roadshow'),
            render: (_: unknown, p) => <Link to={`/workspace/roadshows/${p.roadshow.id}`}>{p.roadshow.title}</Link>,
          },
          {
            title: t('common.status'),
            dataIndex: 'status',
            width: 100,
            render: (s: MyProject['status']) => <ProjectStatusTag status={s} />,
          },
          { title: t('roadshows.mine.note'), dataIndex: 'screeningNote', render: (v: string | null) => v ?? '—' },
          {
            title: t('roadshows.mine.order'),
            dataIndex: 'lineupOrder',
            width: 90,
            render: (v: number | null) => v ?? '—',
          },
          {
            title: t('roadshows.mine.bp'),
            width: 120,
            render: (_: unknown, p) => (
              <a href={p.businessPlan.url} target="_blank" rel="noreferrer">
                {t('roadshows.mine.bp')}
              </a>
            ),
          },
          {
            title: t('roadshows.mine.createdAt'),
            dataIndex: 'createdAt',
            width: 170,
            render: (v: string) => fmtDateTime(v),
          },
        ]}
      />
    </Card>
  );
}

interface CreateValues {
  themeDayId: string;
  sessionId: string;
  sessionTitle?: string;
  mode?: string;
  startsAt?: Dayjs;
  endsAt?: Dayjs;
  venue?: string;
  registrationClosesAt?: Dayjs;
  title?: string;
  applicationsCloseAt?: Dayjs;
}

const local = (d: Dayjs | undefined) => (d ? d.format('YYYY-MM-DDTHH:mm') : undefined);

function CreateRoadshowModal({ days, onClose }: { days: StaffThemeDay[]; onClose: () => void }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [form] = Form.useForm<CreateValues>();
  const themeDayId = Form.useWatch('themeDayId', form);
  const sessionId = Form.useWatch('sessionId', form);
  const day = days.find((d) => d.id === themeDayId);
  const free = day?.sessions.filter((s) => !s.roadshowId) ?? [];
  const create = useMutation({
    mutationFn: async (v: CreateValues) => {
      let sid = v.sessionId;
      if (sid === 'new') {
        const s = await api.post<{ id: string }>(`/theme-days/${v.themeDayId}/sessions`, {
          title: v.sessionTitle,
          kind: 'roadshow',
          mode: v.mode ?? 'hybrid',
          startsAt: local(v.startsAt),
          endsAt: local(v.endsAt),
          venue: v.venue || undefined,
          registrationOpensAt: dayjs().format('YYYY-MM-DDTHH:mm'),
          registrationClosesAt: local(v.registrationClosesAt),
        });
        sid = s.id;
      }
      return api.post<Roadshow>(`/event-sessions/${sid}/roadshow`, {
        title: v.title || undefined,
        applicationsCloseAt: local(v.applicationsCloseAt),
      });
    },
    onSuccess: async (r) => {
      message.success(t('roadshows.create.ok'));
      await qc.invalidateQueries({ queryKey: ['roadshows'] });
      onClose();
      void navigate(`/workspace/roadshows/${r.id}`);
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) message.error(errorMessage(err));
    },
  });
  return (
    <GuardedModal
      form={form}
      open
      title={t('roadshows.create')}
      onCancel={onClose}
      okText={t('common.submit')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      width={640}
    >
      {!days.length ? <Alert type="info" showIcon title={t('roadshows.create.noThemeDays')} /> : null}
      <Form
        form={form}
        layout="vertical"
        onFinish={(v) => create.mutate(v)}
        initialValues={{ themeDayId: days[0]?.id, mode: 'hybrid' }}
      >
        <Form.Item name="themeDayId" label={t('roadshows.create.themeDay')} rules={[{ required: true }]}>
          <Select
            options={days.map((d) => ({ value: d.id, label: `${d.title}（${d.startDate}）` }))}
            onChange={() => form.setFieldValue('sessionId', undefined)}
          />
        </Form.Item>
        <Form.Item
          name="sessionId"
          label={t('roadshows.create.session')}
          rules={[{ required: true, message: t('roadshows.create.session') }]}
        >
          <Radio.Group>
            <Space direction="vertical">
              {free.map((s) => (
                <Radio key={s.id} value={s.id}>{`${s.title} · ${sessionTime(s)}`}</Radio>
              ))}
              <Radio value="new">{t('roadshows.create.newSession')}</Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        {sessionId === 'new' ? (
          <>
            <Form.Item name="sessionTitle" label={t('roadshows.create.sessionTitle')} rules={[{ required: true }]}>
              <Input maxLength={200} />
            </Form.Item>
            <Space wrap>
              <Form.Item name="startsAt" label={t('roadshows.create.startsAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item name="endsAt" label={t('roadshows.create.endsAt')} rules={[{ required: true }]}>
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
              <Form.Item
                name="registrationClosesAt"
                label={t('roadshows.create.registrationClosesAt')}
                rules={[{ required: true }]}
              >
                <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
              </Form.Item>
            </Space>
            <Form.Item name="mode" label={t('roadshows.create.mode')}>
              <Radio.Group
                options={(['offline', 'online', 'hybrid'] as const).map((m) => ({
                  value: m,
                  label: t(`roadshows.mode.${m}`),
                }))}
              />
            </Form.Item>
            <Form.Item name="venue" label={t('roadshows.create.venue')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item name="title" label={t('roadshows.create.roadshowTitle')}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="applicationsCloseAt"
          label={t('roadshows.create.applicationsCloseAt')}
          extra={t('roadshows.create.criteriaHint')}
        >
          <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
