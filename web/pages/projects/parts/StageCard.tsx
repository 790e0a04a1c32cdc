/**
 * The stage timeline (意向 → 签约 → 实施中 → 已完成, or 已终止 with its reason) with the date of each stage, and
 * 推进阶段 for the parties of a counted project: the next stage, its date (not after today), the contracted amount
 * when signing and the reason when terminating.
 */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, DatePicker, Form, Input, Select, Steps, Typography } from 'antd';
import { ArrowRightOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { PROJECT_STAGE_LABELS, type ProjectStage, type ProjectView, type StageBody } from '../../../api/projects.ts';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDate } from '../../../components/format.ts';
import { useT } from '../../../i18n/index.tsx';
import { YuanInput, useServerToday, useWanHint } from './shared.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

type Target = StageBody['stage'];
/** The stages a project may move to from its current one (the server's rule, shown as choices). */
const NEXT: Partial<Record<ProjectStage, Target[]>> = {
  intent: ['signed', 'terminated'],
  signed: ['in_progress', 'completed', 'terminated'],
  in_progress: ['completed', 'terminated'],
};

export function StageCard({ project: p }: { project: ProjectView }) {
  const t = useT();
  const order: ProjectStage[] = ['intent', 'signed', 'in_progress', 'completed'];
  const dates: Record<string, string | null> = {
    intent: p.dates.intentOn,
    signed: p.dates.signedOn,
    in_progress: p.dates.startedOn,
    completed: p.dates.completedOn,
  };
  const terminated = p.stage === 'terminated';
  let reached = -1;
  order.forEach((s, i) => {
    if (dates[s]) reached = i;
  });
  const current = p.stage === 'candidate' ? -1 : terminated ? reached : order.indexOf(p.stage);
  const items = order.map((s) => ({
    title: PROJECT_STAGE_LABELS[s],
    description: dates[s] ? fmtDate(dates[s]) : undefined,
  }));
  if (terminated) items.push({ title: PROJECT_STAGE_LABELS.terminated, description: fmtDate(p.dates.terminatedOn) });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('projects.timeline')}</h2>}
      style={{ marginBottom: 16 }}
      extra={p.abilities.changeStage && NEXT[p.stage] ? <StageButton project={p} /> : null}
    >
      {p.stage === 'candidate' ? (
        <Alert type="info" showIcon title={t('projects.timelineCandidate')} style={{ marginBottom: 12 }} />
      ) : null}
      <Steps
        size="small"
        current={terminated ? items.length - 1 : current}
        status={terminated ? 'error' : p.stage === 'completed' ? 'finish' : 'process'}
        items={items}
        data-testid="project-timeline"
      />
      {terminated && p.terminationReason ? (
        <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
          {t('projects.terminationReason')}：{p.terminationReason}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

interface StageValues {
  stage: Target;
  date: Dayjs;
  reason?: string;
  contractedAmount?: number | null;
}

function StageButton({ project: p }: { project: ProjectView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<StageValues>();
  const today = useServerToday();
  const wan = useWanHint();
  const stage = Form.useWatch('stage', form);
  const amount = Form.useWatch('contractedAmount', form);
  const choices = NEXT[p.stage] ?? [];
  const save = useMutation({
    mutationFn: (v: StageValues) =>
      api.post<ProjectView>(`/projects/${p.id}/stage`, {
        stage: v.stage,
        date: v.date.format('YYYY-MM-DD'),
        reason: v.reason?.trim() || undefined,
        ...(v.stage === 'signed' ? { contractedAmount: v.contractedAmount ?? null } : {}),
      }),
    onSuccess: async (x) => {
      qc.setQueryData(['projects', 'one', x.id], x);
      setOpen(false);
      void message.success(t('projects.stageChanged', { stage: PROJECT_STAGE_LABELS[x.stage] }));
      await qc.invalidateQueries({ queryKey: ['projects', 'list'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    },
  });
  const maxDay = today.data ? dayjs(today.data) : dayjs();
  return (
    <>
      <Button
        type="primary"
        icon={<ArrowRightOutlined />}
        onClick={() => {
          form.setFieldsValue({
            stage: choices[0],
            date: maxDay,
            contractedAmount: p.contractedAmount ?? p.intendedAmount ?? null,
            reason: '',
          });
          setOpen(true);
        }}
        data-testid="stage-open"
      >
        {t('projects.advanceStage')}
      </Button>
      <GuardedModal
        form={form}
        open={open}
        title={t('projects.advanceStage')}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
        okText={t('common.save')}
        cancelText={t('common.cancel')}
        okButtonProps={{ loading: save.isPending, 'data-testid': 'stage-submit' }}
        forceRender
      >
        <Form<StageValues> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          <Form.Item name="stage" label={t('projects.newStage')} rules={[{ required: true }]}>
            <Select
              data-testid="stage-select"
              options={choices.map((s) => ({ value: s, label: PROJECT_STAGE_LABELS[s] }))}
            />
          </Form.Item>
          <Form.Item
            name="date"
            label={t('projects.stageDate')}
            extra={stage === 'signed' ? t('projects.signedDateHelp') : undefined}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('projects.stageDate') }) }]}
          >
            <DatePicker
              style={{ width: '100%' }}
              disabledDate={(d) => d.isAfter(maxDay, 'day')}
              allowClear={false}
              data-testid="stage-date"
            />
          </Form.Item>
          {stage === 'signed' ? (
            <Form.Item name="contractedAmount" label={t('projects.contractedAmount')} extra={wan(amount)}>
              <YuanInput />
            </Form.Item>
          ) : null}
          {stage === 'terminated' ? (
            <Form.Item
              name="reason"
              label={t('projects.terminationReason')}
              rules={[{ required: true, whitespace: true, message: t('projects.terminationReasonRequired') }]}
            >
              <Input.TextArea rows={3} maxLength={1000} showCount />
            </Form.Item>
          ) : null}
        </Form>
      </GuardedModal>
    </>
  );
}
