/**
 * One theme day's activity plan (活动方案). The host edits it (title pre-filled from the template and
 * checked live with checkActivityPlanTitle, agenda as an editable table, parts, partner bases, support
 * organisations, venue, head-count, online channel, epidemic measures, emergency plan) and submits it by
 * the due date; the owner approves or returns it with a reason; whoever may read it downloads the .docx.
 */
import { useEffect, useMemo, useState } from 'react';
import { App as AntApp, Alert, Button, Card, Descriptions, Form, Input, Space } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError, download } from '../../../api/client.ts';
import type { ActivityPlan, ActivityPlanBody, Programme, ThemeDay } from '../../../api/types.ts';
import type { ProgrammeRules } from '../../../../common/programme-rules.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { fmtDateRange, fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';
import { DueTag } from '../../../components/DueTag.tsx';
import { ActivityPlanEditor } from './activity-plan/ActivityPlanEditor.tsx';
import { FIELD_NAMES, type FormValues, fromBody, toBody, toForm } from './activity-plan/form.ts';
import { DraftNotice, DraftStatus } from '../../../components/DraftNotice.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';
import { useUnsavedChangesGuard } from '../../../hooks/useUnsavedChangesGuard.ts';
import { useServerDraft } from '../../../hooks/useServerDraft.ts';
import { ReadOnly } from './activity-plan/ReadOnly.tsx';
import { CoorganisationLink } from '../../../components/CoorganisationLink.tsx';

export function ActivityPlanPage() {
  const { id } = useParams();
  const ap = useQuery({
    queryKey: ['activity-plan', id],
    queryFn: () => api.get<ActivityPlan>(`/theme-days/${id}/activity-plan`),
  });
  const td = useQuery({ queryKey: ['theme-day', id], queryFn: () => api.get<ThemeDay>(`/theme-days/${id}`) });
  const programme = useQuery({
    queryKey: ['programme', td.data?.programmeId],
    queryFn: () => api.get<Programme>(`/programmes/${td.data?.programmeId}`),
    enabled: !!td.data,
  });
  return (
    <QueryState isLoading={ap.isLoading} error={ap.error} refetch={() => void ap.refetch()}>
      {ap.data ? <ActivityPlanBodyView plan={ap.data} rules={programme.data?.rules} /> : null}
    </QueryState>
  );
}

function ActivityPlanBodyView({ plan, rules }: { plan: ActivityPlan; rules: ProgrammeRules | undefined }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo(() => toForm(plan, rules), [plan, rules]);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [returnOpen, setReturnOpen] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const [downloading, setDownloading] = useState(false);
  const editable = plan.abilities.edit;
  const tdId = plan.themeDayId;
  const [dirty, setDirty] = useState(false);
  const values = Form.useWatch([], form) as FormValues | undefined;

  // The saved plan fills the form, unless there is unsaved input (typed, or restored from a draft).
  useEffect(() => {
    if (!dirty) form.setFieldsValue(initial);
  }, [form, initial, dirty]);

  const draft = useServerDraft({
    key: `activity-plan:${tdId}`,
    enabled: editable,
    dirty: editable && dirty,
    values,
    snapshot: () => toBody(form.getFieldsValue(true) as FormValues) as unknown as Record<string, unknown>,
    onRestore: (data) => {
      form.setFieldsValue(fromBody(data, initial));
      setDirty(true);
    },
  });
  useUnsavedChangesGuard(editable && dirty, { message: t('forms.leave.bodyDraft'), onLeave: draft.flush });

  const done = (p: ActivityPlan) => {
    qc.setQueryData(['activity-plan', tdId], p);
    void qc.invalidateQueries({ queryKey: ['calendar'] });
    void qc.invalidateQueries({ queryKey: ['todo'] });
  };
  const onErr = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      void message.error(String(err));
      return;
    }
    const fields = err.errors
      .filter((e) => FIELD_NAMES.includes(e.field.split('.')[0] ?? ''))
      .map((e) => ({ name: [e.field.split('.')[0] as string], errors: [e.message] }));
    const partsErr = fields.filter((f) => f.name[0] === 'parts' || f.name[0] === 'agenda');
    form.setFields(
      fields.filter((f) => f.name[0] !== 'parts' && f.name[0] !== 'agenda') as Parameters<typeof form.setFields>[0],
    );
    if (partsErr.length || fields.length === 0 || err.errors.length > fields.length) setBanner(err);
    void message.error(err.title);
  };
  const save = useMutation({
    mutationFn: (b: ActivityPlanBody) => api.put<ActivityPlan>(`/theme-days/${tdId}/activity-plan`, b),
    onSuccess: (p) => {
      setDirty(false);
      draft.clear();
      done(p);
      setBanner(null);
      void message.success(t('common.saved'));
    },
    onError: onErr,
  });
  const submit = useMutation({
    mutationFn: async (b: ActivityPlanBody) => {
      await api.put<ActivityPlan>(`/theme-days/${tdId}/activity-plan`, b);
      return api.post<ActivityPlan>(`/theme-days/${tdId}/activity-plan/submit`);
    },
    onSuccess: (p) => {
      setDirty(false);
      draft.clear();
      done(p);
      setBanner(null);
      void message.success(t('ap.submitted'));
    },
    onError: onErr,
  });
  const approve = useMutation({
    mutationFn: () => api.post<ActivityPlan>(`/theme-days/${tdId}/activity-plan/approve`),
    onSuccess: (p) => {
      done(p);
      void message.success(t('ap.approved'));
    },
    onError: onErr,
  });
  const ret = useMutation({
    mutationFn: (reason: string) => api.post<ActivityPlan>(`/theme-days/${tdId}/activity-plan/return`, { reason }),
    onSuccess: (p) => {
      done(p);
      setReturnOpen(false);
      void message.success(t('ap.returned'));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.errors.some((e) => e.field === 'reason')) {
        reasonForm.setFields([{ name: 'reason', errors: err.errors.map((e) => e.message) }]);
      } else onErr(err);
    },
  });

  const doDownload = () => {
    setDownloading(true);
    download(`/theme-days/${tdId}/activity-plan.docx`, `${plan.title || plan.expectedTitle}.docx`)
      .catch((e: unknown) => void message.error(errorMessage(e)))
      .finally(() => setDownloading(false));
  };

  const td = plan.themeDay;

  return (
    <>
      <PageHeader
        title={plan.title || plan.expectedTitle}
        docTitle={t('ap.title')}
        subtitle={
          <Space wrap>
            <StatusTag kind="activityPlan" status={plan.status} testId="ap-status" />
            <span>{td.title}</span>
            <span>{fmtDateRange(td.startDate, td.endDate)}</span>
          </Space>
        }
        extra={
          <>
            <LinkButton to="/workspace/activity-plans">{t('common.back')}</LinkButton>
            <CoorganisationLink themeDayId={td.id} />
            {plan.abilities.export ? (
              <Button
                icon={<DownloadOutlined />}
                onClick={doDownload}
                loading={downloading}
                data-testid="ap-download-docx"
              >
                {t('ap.downloadDocx')}
              </Button>
            ) : null}
            {plan.abilities.return ? (
              <Button danger onClick={() => setReturnOpen(true)} data-testid="ap-return">
                {t('ap.return')}
              </Button>
            ) : null}
            {plan.abilities.approve ? (
              <Button
                type="primary"
                onClick={() => approve.mutate()}
                loading={approve.isPending}
                data-testid="ap-approve"
              >
                {t('ap.approve')}
              </Button>
            ) : null}
          </>
        }
      />
      <Card size="small" style={{ marginBottom: 16 }} data-testid="ap-due">
        <Descriptions column={{ xs: 1, md: 3 }} size="small">
          <Descriptions.Item label={t('portal.host')}>{td.host.name}</Descriptions.Item>
          <Descriptions.Item label={t('ap.dueDate')}>
            <DueTag dueDate={plan.dueDate} status={plan.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('ap.submittedAt')}>{fmtDateTime(plan.submittedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {plan.status === 'returned' && plan.returnReason ? (
        <Alert
          type="warning"
          showIcon
          title={t('ap.returnedBanner')}
          description={plan.returnReason}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {editable ? <DraftNotice draft={draft} onDiscarded={() => setDirty(false)} /> : null}
      {banner ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setBanner(null) }}
          title={banner.title}
          description={
            banner.errors.length ? (
              <ul className="rt-issue-list">
                {banner.errors.map((e, i) => (
                  <li key={i}>{e.message}</li>
                ))}
              </ul>
            ) : (
              banner.detail
            )
          }
          style={{ marginBottom: 16 }}
          data-testid="ap-server-error"
        />
      ) : null}
      {editable ? (
        <ActivityPlanEditor
          plan={plan}
          rules={rules}
          form={form}
          initial={initial}
          save={save}
          submit={submit}
          onChange={() => setDirty(true)}
          footerExtra={
            <>
              {dirty ? (
                <span className="rt-muted" style={{ alignSelf: 'center' }} data-testid="ap-unsaved">
                  {t('plan.unsaved')}
                </span>
              ) : null}
              <span style={{ alignSelf: 'center' }}>
                <DraftStatus draft={draft} dirty={dirty} />
              </span>
            </>
          }
        />
      ) : (
        <ReadOnly plan={plan} />
      )}
      <GuardedModal
        open={returnOpen}
        title={t('ap.returnTitle')}
        form={reasonForm}
        onCancel={() => setReturnOpen(false)}
        okText={t('ap.return')}
        cancelText={t('common.cancel')}
        okButtonProps={{ danger: true, loading: ret.isPending, 'data-testid': 'ap-return-confirm' }}
        onOk={() => void reasonForm.validateFields().then((v) => ret.mutate(v.reason))}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('plan.returnReason')}
            rules={[{ required: true, whitespace: true, message: t('plan.returnReasonRequired') }]}
          >
            <Input.TextArea autoSize={{ minRows: 4 }} maxLength={2000} showCount data-testid="ap-return-reason" />
          </Form.Item>
        </Form>
      </GuardedModal>
    </>
  );
}
