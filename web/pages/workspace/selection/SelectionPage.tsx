/**
 * 遴选与日程 (owner): the review summary with every plan side by side (each reviewer's weighted total,
 * mean, spread, rank), auto-assignment of reviewers, selecting a host with a date range (quota warning;
 * the server's date_overlap / date_out_of_year shown on the dates), and the year calendar with edit/remove.
 */
import { useState } from 'react';
import type { TableColumnsType } from 'antd';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tooltip,
  Typography,
} from 'antd';
import { TeamOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../../api/client.ts';
import type {
  AutoAssignResult,
  Calendar,
  Programme,
  ReviewSummary,
  SummaryItem,
  ThemeDay,
} from '../../../api/types.ts';
import { useT } from '../../../i18n/index.tsx';
import { pickProgramme, useProgrammes } from '../../../hooks/useProgrammes.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { ProgrammePicker } from '../../../components/ProgrammePicker.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag, ToneTag } from '../../../components/StatusTag.tsx';
import { YearCalendar } from '../../../components/YearCalendar.tsx';
import { exportRows } from '../../../components/exportCsv.ts';
import { fmtDateRange } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { deptLabel } from '../../../components/format.ts';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

type DatesTarget = { kind: 'select'; item: SummaryItem } | { kind: 'edit'; day: ThemeDay };

export function SelectionPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const programmes = useProgrammes();
  const programme = pickProgramme(programmes.data?.items, params.get('programme'));
  return (
    <>
      <PageHeader
        title={t('nav.selection')}
        subtitle={programme?.name}
        extra={
          programmes.data?.items.length ? (
            <ProgrammePicker
              programmes={programmes.data.items}
              value={programme?.id}
              onChange={(id) => setParams({ programme: id })}
            />
          ) : null
        }
      />
      <QueryState isLoading={programmes.isLoading} error={programmes.error}>
        {programme ? <Selection programme={programme} /> : <Empty description={t('plans.noProgramme')} />}
      </QueryState>
    </>
  );
}

function Selection({ programme }: { programme: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [sort, setSort] = useState<{ sort: string; order: 'asc' | 'desc' }>({ sort: 'rank', order: 'asc' });
  const [target, setTarget] = useState<DatesTarget | null>(null);
  const [autoOpen, setAutoOpen] = useState(false);
  const summary = useQuery({
    queryKey: ['review-summary', programme.id, sort],
    queryFn: () => api.get<ReviewSummary>(`/programmes/${programme.id}/review-summary`, { ...sort, pageSize: 100 }),
    enabled: programme.abilities.viewReviewSummary,
  });
  const calendar = useQuery({
    queryKey: ['calendar', programme.id],
    queryFn: () => api.get<Calendar>(`/programmes/${programme.id}/calendar`, { pageSize: 200 }),
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['review-summary', programme.id] });
    void qc.invalidateQueries({ queryKey: ['calendar', programme.id] });
    void qc.invalidateQueries({ queryKey: ['plans'] });
  };

  const remove = useMutation({
    mutationFn: (id: string) => api.delete<void>(`/theme-days/${id}`),
    onSuccess: () => {
      refresh();
      void message.success(t('selection.removed'));
    },
    onError: (e) => void message.error(errorMessage(e)),
  });

  const criteria = summary.data?.criteria ?? programme.rules.reviewCriteria;
  const dayByPlan = new Map((calendar.data?.items ?? []).map((d) => [d.planId, d]));
  const quota = calendar.data?.quota;

  const so = (key: string): 'ascend' | 'descend' | null =>
    sort.sort === key ? (sort.order === 'asc' ? 'ascend' : 'descend') : null;
  const columns: TableColumnsType<SummaryItem> = [
    {
      title: t('selection.rank'),
      dataIndex: 'rank',
      key: 'rank',
      sorter: true,
      sortOrder: so('rank'),
      width: 80,
      render: (v: number | null) => v ?? '—',
    },
    {
      title: t('plan.base'),
      key: 'baseName',
      sorter: true,
      sortOrder: so('baseName'),
      render: (_: unknown, r: SummaryItem) => (
        <div>
          <Link to={`/workspace/plans/${r.plan.id}`}>{r.plan.base.name}</Link>
          <div className="rt-text-secondary">{r.plan.theme}</div>
        </div>
      ),
    },
    {
      title: t('selection.reviewerScores'),
      key: 'reviews',
      render: (_: unknown, r: SummaryItem) =>
        r.reviews.length === 0 ? (
          <span className="rt-text-secondary">{t('reviews.noneAssigned')}</span>
        ) : (
          <ul className="rt-issue-list" style={{ paddingLeft: 16 }}>
            {r.reviews.map((x) => (
              <li key={x.reviewId}>
                <Tooltip
                  title={
                    x.scores
                      ? criteria.map((c) => `${c.name} ${x.scores?.[c.key] ?? '—'}`).join('；')
                      : t('status.review.assigned')
                  }
                >
                  <button type="button" className="rt-tip-trigger">
                    {x.reviewer.name}（{deptLabel(x.reviewer.department) || x.reviewer.organisationName}）：
                    {x.weightedTotal ?? <StatusTag kind="review" status={x.status} />}
                  </button>
                </Tooltip>
              </li>
            ))}
          </ul>
        ),
    },
    {
      title: t('selection.progress'),
      key: 'progress',
      render: (_: unknown, r: SummaryItem) => `${r.submitted} / ${r.assigned}`,
      width: 90,
    },
    {
      title: t('selection.mean'),
      dataIndex: 'mean',
      key: 'mean',
      sorter: true,
      sortOrder: so('mean'),
      render: (v: number | null) => (v === null ? '—' : <strong>{v.toFixed(2)}</strong>),
      width: 100,
    },
    {
      title: t('selection.spread'),
      dataIndex: 'spread',
      key: 'spread',
      sorter: true,
      sortOrder: so('spread'),
      render: (v: number | null) =>
        v === null ? '—' : v > 2 ? <ToneTag tone="orange">{v.toFixed(2)}</ToneTag> : v.toFixed(2),
      width: 100,
    },
    {
      title: t('common.actions'),
      key: 'a',
      width: 200,
      render: (_: unknown, r: SummaryItem) => {
        const day = dayByPlan.get(r.plan.id);
        if (day) {
          return (
            <span data-testid={`selected-${r.plan.base.shortName}`}>
              <ToneTag tone="green">{t('status.plan.selected')}</ToneTag>{' '}
              {fmtDateRange(day.startDate, day.endDate).replace(/^\d+年/, '')}
            </span>
          );
        }
        return r.plan.status === 'submitted' || r.plan.status === 'selected' ? (
          <Button
            size="small"
            type="primary"
            onClick={() => setTarget({ kind: 'select', item: r })}
            data-testid={`select-host-${r.plan.base.shortName}`}
            aria-label={`${t('selection.select')}：${r.plan.base.name}`}
          >
            {t('selection.select')}
          </Button>
        ) : null;
      },
    },
  ];

  return (
    <>
      {quota ? (
        <Alert
          type={quota.exceeded ? 'warning' : 'info'}
          showIcon
          title={t('selection.quota', { selected: quota.selected, quota: quota.hostQuota })}
          description={quota.exceeded ? t('selection.quotaExceeded') : undefined}
          style={{ marginBottom: 16 }}
          data-testid="selection-quota"
        />
      ) : null}
      {programme.abilities.viewReviewSummary ? (
        <Card
          title={<h2 className="rt-card-title">{t('selection.summary')}</h2>}
          extra={
            <Space wrap>
              {programme.abilities.assignReviewers ? (
                <Button icon={<TeamOutlined />} onClick={() => setAutoOpen(true)} data-testid="auto-assign">
                  {t('selection.autoAssign')}
                </Button>
              ) : null}
              <Button
                onClick={() =>
                  exportRows(
                    summary.data?.items ?? [],
                    [
                      { title: t('selection.rank'), value: (r) => r.rank },
                      { title: t('plan.base'), value: (r) => r.plan.base.name },
                      { title: t('plan.theme'), value: (r) => r.plan.theme },
                      ...criteria.map((c) => ({
                        title: `${c.name}（${t('selection.meanShort')}）`,
                        value: (r: SummaryItem) => meanOf(r, c.key),
                      })),
                      {
                        title: t('selection.reviewerScores'),
                        value: (r) => r.reviews.map((x) => `${x.reviewer.name}:${x.weightedTotal ?? '-'}`).join('；'),
                      },
                      { title: t('selection.mean'), value: (r) => r.mean },
                      { title: t('selection.spread'), value: (r) => r.spread },
                    ],
                    `评审汇总-${programme.year}`,
                  )
                }
                data-testid="summary-export"
              >
                {t('common.exportCsv')}
              </Button>
            </Space>
          }
          style={{ marginBottom: 16 }}
        >
          <Table<SummaryItem>
            rowKey={(r) => r.plan.id}
            data-testid="review-summary"
            loading={summary.isLoading}
            dataSource={summary.data?.items ?? []}
            columns={columns}
            pagination={false}
            scroll={{ x: 980 }}
            onChange={(_p, _f, s) => {
              const one = Array.isArray(s) ? s[0] : s;
              const key = one?.columnKey ? String(one.columnKey) : 'rank';
              setSort({ sort: one?.order ? key : 'rank', order: one?.order === 'descend' ? 'desc' : 'asc' });
            }}
            locale={{ emptyText: t('selection.noPlans') }}
          />
        </Card>
      ) : null}
      <Card title={<h2 className="rt-card-title">{t('selection.calendar', { year: programme.year })}</h2>}>
        <YearCalendar
          year={programme.year}
          testId="selection-calendar"
          days={(calendar.data?.items ?? []).map((d) => ({
            id: d.id,
            title: d.title,
            theme: d.theme,
            startDate: d.startDate,
            endDate: d.endDate,
            hostShortName: d.host.shortName,
          }))}
          linkTo={(d) => `/workspace/activity-plans/${d.id}`}
          renderExtra={(d) => {
            const day = calendar.data?.items.find((x) => x.id === d.id);
            if (!day || !(day.abilities.update || day.abilities.delete)) return null;
            return (
              <Flex gap={4} style={{ marginBottom: 6 }}>
                {day.abilities.update ? (
                  <Button
                    size="small"
                    onClick={() => setTarget({ kind: 'edit', day })}
                    aria-label={`${t('selection.editDates')}：${day.title}`}
                    data-testid={`edit-dates-${day.host.shortName}`}
                  >
                    {t('selection.editDates')}
                  </Button>
                ) : null}
                {day.abilities.delete ? (
                  <Popconfirm
                    title={t('selection.confirmRemove', { name: day.title })}
                    onConfirm={() => remove.mutate(day.id)}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                  >
                    <Button size="small" danger aria-label={`${t('common.remove')}：${day.title}`}>
                      {t('common.remove')}
                    </Button>
                  </Popconfirm>
                ) : null}
              </Flex>
            );
          }}
        />
      </Card>
      <DatesModal
        programme={programme}
        target={target}
        quota={quota}
        onClose={() => setTarget(null)}
        onDone={refresh}
      />
      <AutoAssignModal
        programme={programme}
        open={autoOpen}
        onClose={() => setAutoOpen(false)}
        onDone={(r) => {
          refresh();
          setAutoOpen(false);
          modal.info({
            title: t('selection.autoDone', { n: r.created }),
            content:
              r.understaffed.length > 0 ? (
                <List
                  size="small"
                  dataSource={r.understaffed}
                  renderItem={(u) => (
                    <List.Item>
                      {t('selection.understaffed', { base: u.baseName, n: u.assigned, need: u.needed })}
                    </List.Item>
                  )}
                />
              ) : (
                t('selection.allStaffed')
              ),
          });
        }}
      />
    </>
  );
}

function meanOf(r: SummaryItem, key: string): string {
  const xs = r.reviews.map((x) => x.scores?.[key]).filter((v): v is number => typeof v === 'number');
  return xs.length ? (xs.reduce((a, b) => a + b, 0) / xs.length).toFixed(2) : '';
}

/** Problems about the dates, shown on the date range field. */
const RANGE_ERRORS = ['date_overlap', 'date_out_of_year', 'validation_failed', 'activity_plan_due_passed'];

function DatesModal({
  programme,
  target,
  quota,
  onClose,
  onDone,
}: {
  programme: Programme;
  target: DatesTarget | null;
  quota: Calendar['quota'] | undefined;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ range: [Dayjs, Dayjs]; title?: string; overrideReason?: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  // Fewer submitted reviews than the rules ask: the owner must give a reason (the server checks it again).
  const submittedReviews =
    target?.kind === 'select' ? target.item.reviews.filter((r) => r.status === 'submitted').length : 0;
  const minReviews = programme.rules.minReviews;
  const needsOverride =
    (target?.kind === 'select' && submittedReviews < minReviews) || error?.code === 'insufficient_reviews';
  const m = useMutation({
    mutationFn: (v: { range: [Dayjs, Dayjs]; title?: string; overrideReason?: string }) => {
      const body = {
        startDate: v.range[0].format('YYYY-MM-DD'),
        endDate: v.range[1].format('YYYY-MM-DD'),
        title: v.title?.trim() || undefined,
      };
      if (target?.kind === 'edit') return api.patch<unknown>(`/theme-days/${target.day.id}`, body);
      const reason = v.overrideReason?.trim();
      return api.post<unknown>(`/programmes/${programme.id}/theme-days`, {
        planId: target?.kind === 'select' ? target.item.plan.id : '',
        ...body,
        ...(reason ? { override: true, overrideReason: reason } : {}),
      });
    },
    onSuccess: () => {
      onDone();
      onClose();
      form.resetFields();
      void message.success(target?.kind === 'edit' ? t('selection.datesUpdated') : t('selection.selected'));
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        setError(err);
        if (RANGE_ERRORS.includes(err.code)) {
          form.setFields([{ name: 'range', errors: [err.errors.map((e) => e.message).join('；') || err.display] }]);
        }
        if (err.code === 'insufficient_reviews') {
          const msg = err.errors.find((e) => e.field === 'overrideReason')?.message ?? err.display;
          form.setFields([{ name: 'overrideReason', errors: [msg] }]);
        }
      } else void message.error(String(err));
    },
  });
  const beyondQuota = target?.kind === 'select' && quota ? quota.selected >= quota.hostQuota : false;
  const name =
    target?.kind === 'select' ? target.item.plan.base.name : target?.kind === 'edit' ? target.day.host.name : '';
  const initial =
    target?.kind === 'edit'
      ? { range: [dayjs(target.day.startDate), dayjs(target.day.endDate)] as [Dayjs, Dayjs], title: target.day.title }
      : undefined;

  return (
    <GuardedModal
      form={form}
      open={!!target}
      title={target?.kind === 'edit' ? t('selection.editDatesOf', { name }) : t('selection.selectTitle', { name })}
      onCancel={() => {
        setError(null);
        onClose();
      }}
      okText={target?.kind === 'edit' ? t('common.save') : t('selection.confirmSelect')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: m.isPending, 'data-testid': 'select-host-confirm' }}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}
      destroyOnHidden
    >
      <div data-testid="select-host-dialog">
        {beyondQuota ? (
          <Alert
            type="warning"
            showIcon
            title={t('selection.beyondQuota', { quota: quota?.hostQuota ?? 0, selected: quota?.selected ?? 0 })}
            style={{ marginBottom: 12 }}
            data-testid="select-host-quota-warning"
          />
        ) : null}
        {needsOverride ? (
          <Alert
            type="warning"
            showIcon
            title={t('rules.fewReviews', { reviews: submittedReviews, min: minReviews })}
            style={{ marginBottom: 12 }}
            data-testid="select-host-few-reviews"
          />
        ) : null}
        {error && ![...RANGE_ERRORS, 'insufficient_reviews'].includes(error.code) ? (
          <Alert type="error" showIcon title={error.title} description={error.detail} style={{ marginBottom: 12 }} />
        ) : null}
        <Form form={form} layout="vertical" initialValues={initial} onValuesChange={() => setError(null)}>
          <Form.Item
            name="range"
            label={t('selection.dates')}
            extra={t('selection.datesHint', { year: programme.year })}
            rules={[{ required: true, message: t('selection.datesRequired') }]}
          >
            <DateRangeField year={programme.year} />
          </Form.Item>
          <Form.Item name="title" label={t('selection.dayTitle')} extra={t('selection.dayTitleHint')}>
            <Input maxLength={100} data-testid="select-host-title" />
          </Form.Item>
          {needsOverride ? (
            <Form.Item
              name="overrideReason"
              label={t('rules.overrideReason')}
              rules={[{ required: true, whitespace: true, message: t('rules.overrideReasonRequired') }]}
            >
              <Input.TextArea
                rows={3}
                maxLength={500}
                showCount
                placeholder={t('rules.overrideReasonPlaceholder')}
                data-testid="select-host-override-reason"
              />
            </Form.Item>
          ) : null}
        </Form>
        <Typography.Paragraph className="rt-text-secondary" style={{ marginBottom: 0 }}>
          {t('selection.dueHint', { months: programme.rules.activityPlanLeadMonths })}
        </Typography.Paragraph>
      </div>
    </GuardedModal>
  );
}

/** The month the picker opens on: this month when scheduling the current year, else January. */
function defaultPickerStart(year: number): [Dayjs, Dayjs] {
  const now = dayjs();
  const start = now.year() === year ? now.startOf('month') : dayjs(`${year}-01-01`);
  return [start, start.add(1, 'month')];
}

/** RangePicker wrapped so tests can find it by data-testid="select-host-dates" (two inputs inside). */
function DateRangeField({
  year,
  value,
  onChange,
  id,
}: {
  year: number;
  value?: [Dayjs, Dayjs];
  onChange?: (v: [Dayjs, Dayjs] | null) => void;
  id?: string;
}) {
  const t = useT();
  return (
    <div data-testid="select-host-dates">
      <DatePicker.RangePicker
        id={id}
        value={value}
        onChange={(v) => onChange?.(v && v[0] && v[1] ? [v[0], v[1]] : null)}
        style={{ width: '100%' }}
        placeholder={[t('selection.startDate'), t('selection.endDate')]}
        defaultPickerValue={defaultPickerStart(year)}
      />
    </div>
  );
}

function AutoAssignModal({
  programme,
  open,
  onClose,
  onDone,
}: {
  programme: Programme;
  open: boolean;
  onClose: () => void;
  onDone: (r: AutoAssignResult) => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const [perPlan, setPerPlan] = useState<number>(3);
  const m = useMutation({
    mutationFn: () => api.post<AutoAssignResult>(`/programmes/${programme.id}/review-assignments/auto`, { perPlan }),
    onSuccess: onDone,
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Modal
      open={open}
      title={t('selection.autoAssign')}
      onCancel={onClose}
      onOk={() => m.mutate()}
      okText={t('selection.autoRun')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: m.isPending, 'data-testid': 'auto-assign-confirm' }}
    >
      <Typography.Paragraph>{t('selection.autoHint')}</Typography.Paragraph>
      <label htmlFor="per-plan">{t('selection.perPlan')}</label>
      <InputNumber
        id="per-plan"
        min={2}
        max={5}
        value={perPlan}
        onChange={(v) => setPerPlan(v ?? 3)}
        style={{ marginInlineStart: 8 }}
      />
    </Modal>
  );
}
