/**
 * One follow-up (/workspace/projects/:id/follow-ups/:point), answered by my organisation — designed for a
 * phone (one column, large touch targets): status, money received or invested, jobs created, milestones,
 * problems, help needed (from the host, the local DRC, the guidance fund), evidence for this point. Within the
 * window the answer can be corrected; outside it the page says when it opens or that it has closed. The
 * follow-up reminders link here.
 */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Space,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import {
  FOLLOW_UP_STATUSES,
  FOLLOW_UP_STATUS_LABELS,
  HELP_SOURCES,
  HELP_SOURCE_LABELS,
  type FollowUpInput,
  type FollowUpView,
  type ProjectView,
} from '../../api/projects.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { useT } from '../../i18n/index.tsx';
import { EvidenceList, EvidenceUpload } from './parts/EvidenceCard.tsx';
import {
  FollowUpStateTag,
  YuanInput,
  projectPath,
  useProject,
  useServerToday,
  useWanHint,
  useYuan,
} from './parts/shared.tsx';

export function FollowUpPage() {
  const t = useT();
  const { id, point: pointParam } = useParams();
  const point = Number(pointParam);
  const q = useProject(id);
  const me = useMe();
  const today = useServerToday();
  const p = q.data;
  const f = p?.followUps.find((x) => x.point === point && x.organisation.id === me.data?.activeOrganisationId);
  return (
    <div className="rt-fu-page">
      <PageHeader
        title={t('projects.fu.pageTitle', { n: Number.isFinite(point) ? point : '' })}
        subtitle={p ? <Link to={projectPath(p.id)}>{p.title}</Link> : undefined}
      />
      <QueryState isLoading={q.isLoading || today.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {p ? (
          f ? (
            <FollowUpBody p={p} f={f} today={today.data} canAnswer={p.abilities.answerFollowUp} />
          ) : (
            <Alert
              type="info"
              showIcon
              title={t('projects.fu.none')}
              description={<Link to={projectPath(p.id)}>{t('projects.fu.backToProject')}</Link>}
              data-testid="follow-up-none"
            />
          )
        ) : null}
      </QueryState>
      <style>{`
        .rt-fu-page { max-width: 640px; margin: 0 auto; }
        .rt-fu-choice.ant-radio-group { display: flex; flex-direction: column; gap: 8px; width: 100%; }
        .rt-fu-choice .ant-radio-wrapper, .rt-fu-help .ant-checkbox-wrapper {
          display: flex; align-items: center; min-height: 48px; padding: 8px 12px; margin: 0;
          border: 1px solid #d9d9d9; border-radius: 8px; font-size: 16px; background: #fff;
        }
        .rt-fu-choice .ant-radio-wrapper-checked, .rt-fu-help .ant-checkbox-wrapper-checked {
          border-color: #1677ff; background: #e6f4ff;
        }
        .rt-fu-help.ant-checkbox-group { display: flex; flex-direction: column; gap: 8px; width: 100%; }
        .rt-fu-page .ant-form-item-label > label { font-size: 16px; font-weight: 500; }
      `}</style>
    </div>
  );
}

function FollowUpBody({
  p,
  f,
  today,
  canAnswer,
}: {
  p: ProjectView;
  f: FollowUpView;
  today: string | undefined;
  canAnswer: boolean;
}) {
  const t = useT();
  const yuan = useYuan();
  const notYet = f.state === 'upcoming';
  const closed = f.state === 'missed' || (!!today && today > f.closesOn);
  const evidence = p.evidence.filter((e) => e.point === f.point && e.organisation.id === f.organisation.id);
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }}>
      <Card size="small">
        <Descriptions
          column={1}
          size="small"
          items={[
            { key: 'org', label: t('projects.party'), children: f.organisation.name },
            { key: 'due', label: t('projects.fu.due'), children: fmtDate(f.dueDate) },
            {
              key: 'window',
              label: t('projects.fu.window'),
              children: t('projects.fu.windowShort', { from: fmtDate(f.opensOn), to: fmtDate(f.closesOn) }),
            },
            { key: 'state', label: t('common.status'), children: <FollowUpStateTag f={f} /> },
            ...(f.answeredAt
              ? [{ key: 'at', label: t('projects.fu.answeredAt'), children: fmtDateTime(f.answeredAt) }]
              : []),
          ]}
        />
      </Card>
      {!canAnswer ? (
        <Alert type="info" showIcon title={t('projects.fu.cannotAnswer')} />
      ) : notYet ? (
        <Alert
          type="info"
          showIcon
          title={t('projects.fu.notOpen', { d: fmtDate(f.opensOn) })}
          data-testid="follow-up-not-open"
        />
      ) : closed ? (
        <Alert
          type="warning"
          showIcon
          title={t('projects.fu.windowClosed', { d: fmtDate(f.closesOn) })}
          description={f.status ? undefined : t('projects.fu.windowClosedMissed')}
          data-testid="follow-up-closed"
        />
      ) : null}
      {canAnswer && !notYet && !closed ? (
        <FollowUpForm p={p} f={f} />
      ) : f.status ? (
        <Card size="small" title={<h2 className="rt-card-title">{t('projects.fu.myAnswer')}</h2>}>
          <Descriptions
            column={1}
            size="small"
            items={[
              { key: 's', label: t('projects.fu.status'), children: FOLLOW_UP_STATUS_LABELS[f.status] },
              { key: 'r', label: t('projects.fu.received'), children: yuan(f.receivedAmount) },
              { key: 'j', label: t('projects.jobs'), children: f.jobsCreated ?? '—' },
              { key: 'm', label: t('projects.fu.milestones'), children: f.milestones ?? '—' },
              { key: 'p', label: t('projects.fu.problems'), children: f.problems ?? '—' },
              {
                key: 'h',
                label: t('projects.fu.help'),
                children: f.helpNeeded.length ? f.helpNeeded.map((h) => HELP_SOURCE_LABELS[h]).join('、') : '—',
              },
            ]}
          />
        </Card>
      ) : null}
      <Card size="small" title={<h2 className="rt-card-title">{t('projects.fu.evidence')}</h2>}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <EvidenceList project={p} items={evidence} />
          {canAnswer && !closed ? <EvidenceUpload project={p} point={f.point} block /> : null}
          <Typography.Text className="rt-muted">{t('projects.fu.evidenceHelp')}</Typography.Text>
        </Space>
      </Card>
      <Link to={projectPath(p.id)}>{t('projects.fu.backToProject')}</Link>
    </Space>
  );
}

function FollowUpForm({ p, f }: { p: ProjectView; f: FollowUpView }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<FollowUpInput>();
  const [dirty, setDirty] = useState(false);
  const [saved, setSaved] = useState(false);
  const wan = useWanHint();
  useLeaveGuard(dirty, t('projects.leaveConfirm'));
  const received = Form.useWatch('receivedAmount', form);
  const help = Form.useWatch('helpNeeded', form);
  // One key per submission: a double click or a retry with the same answers is one answer, not an answer
  // and a correction.
  const submission = useSubmissionKey();
  const save = useMutation({
    mutationFn: (v: FollowUpInput) => {
      const body = {
        status: v.status,
        receivedAmount: v.receivedAmount ?? null,
        jobsCreated: v.jobsCreated ?? null,
        milestones: v.milestones?.trim() || null,
        problems: v.problems?.trim() || null,
        helpNeeded: v.helpNeeded ?? [],
        helpNote: v.helpNeeded?.length ? v.helpNote?.trim() || null : null,
      };
      return api.put<ProjectView>(`/projects/${p.id}/follow-ups/${f.point}`, body, {
        idempotencyKey: submission.keyFor(body),
      });
    },
    onSuccess: async (x) => {
      submission.done();
      setDirty(false);
      setSaved(true);
      qc.setQueryData(['projects', 'one', x.id], x);
      void message.success(t('projects.fu.saved'));
      window.scrollTo({ top: 0, behavior: 'smooth' });
      await qc.invalidateQueries({ queryKey: ['projects', 'list'] });
      await qc.invalidateQueries({ queryKey: ['todo'] });
    },
    onError: (e) => {
      if (applyServerErrors(form, e)) void message.error(t('common.fixFields'));
      else void message.error(errorMessage(e));
    },
  });
  return (
    <Card size="small">
      {saved || f.status ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          title={
            saved
              ? t('projects.fu.savedLong', { d: fmtDate(f.closesOn) })
              : t('projects.fu.correctHint', { d: fmtDate(f.closesOn) })
          }
          data-testid="follow-up-saved"
        />
      ) : null}
      <Form<FollowUpInput>
        form={form}
        layout="vertical"
        size="large"
        data-testid="follow-up-form"
        initialValues={{
          status: f.status ?? undefined,
          receivedAmount: f.receivedAmount,
          jobsCreated: f.jobsCreated,
          milestones: f.milestones ?? '',
          problems: f.problems ?? '',
          helpNeeded: f.helpNeeded,
          helpNote: f.helpNote ?? '',
        }}
        onValuesChange={() => {
          setDirty(true);
          setSaved(false);
        }}
        onFinish={(v) => save.mutate(v)}
        onFinishFailed={() => void message.error(t('common.fixFields'))}
        scrollToFirstError
      >
        <Form.Item
          name="status"
          label={t('projects.fu.status')}
          rules={[{ required: true, message: t('projects.fu.statusRequired') }]}
        >
          <Radio.Group className="rt-fu-choice" data-testid="follow-up-status">
            {FOLLOW_UP_STATUSES.map((s) => (
              <Radio key={s} value={s} data-testid={`follow-up-status-${s}`}>
                {FOLLOW_UP_STATUS_LABELS[s]}
              </Radio>
            ))}
          </Radio.Group>
        </Form.Item>
        <Form.Item name="receivedAmount" label={t('projects.fu.received')} extra={wan(received)}>
          <YuanInput testId="follow-up-received" />
        </Form.Item>
        <Form.Item name="jobsCreated" label={t('projects.fu.jobs')}>
          <InputNumber<number>
            min={0}
            precision={0}
            inputMode="numeric"
            style={{ width: '100%' }}
            suffix={t('projects.persons')}
            data-testid="follow-up-jobs"
          />
        </Form.Item>
        <Form.Item name="milestones" label={t('projects.fu.milestones')}>
          <Input.TextArea
            rows={3}
            maxLength={2000}
            placeholder={t('projects.fu.milestonesHint')}
            data-testid="follow-up-milestones"
          />
        </Form.Item>
        <Form.Item name="problems" label={t('projects.fu.problems')}>
          <Input.TextArea rows={3} maxLength={2000} placeholder={t('projects.fu.problemsHint')} />
        </Form.Item>
        <Form.Item name="helpNeeded" label={t('projects.fu.helpFrom')}>
          <Checkbox.Group className="rt-fu-help">
            {HELP_SOURCES.map((h) => (
              <Checkbox key={h} value={h} data-testid={`follow-up-help-${h}`}>
                {HELP_SOURCE_LABELS[h]}
              </Checkbox>
            ))}
          </Checkbox.Group>
        </Form.Item>
        {help?.length ? (
          <Form.Item name="helpNote" label={t('projects.fu.helpNote')}>
            <Input.TextArea rows={3} maxLength={2000} placeholder={t('projects.fu.helpNoteHint')} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={save.isPending} data-testid="follow-up-submit">
          {f.status ? t('projects.fu.correct') : t('projects.fu.submit')}
        </Button>
      </Form>
    </Card>
  );
}
