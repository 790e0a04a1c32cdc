/** The plan editor for the base administrator: the form with the live check beside it (save draft, submit, withdraw). */
import { useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Flex,
  Form,
  Input,
  Popconfirm,
  Row,
  Select,
  Space,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client.ts';
import type { Plan, PlanContent, Programme } from '../../../../api/types.ts';
import {
  checkPreliminaryPlan,
  planDeadlineInstant,
  type PreliminaryPlanInput,
  type ProgrammeRules,
} from '../../../../../common/programme-rules.ts';
import { countZishu } from '../../../../../common/zishu.ts';
import { useT } from '../../../../i18n/index.tsx';
import { useNow } from '../../../../hooks/useDebounced.ts';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { StatusTag } from '../../../../components/StatusTag.tsx';
import { BaseSelect } from '../../../../components/BaseSelect.tsx';
import { LiveCheckPanel } from '../../../../components/LiveCheckPanel.tsx';
import { PlanCommentsCard } from './PlanCommentsCard.tsx';
import { DraftNotice, DraftStatus } from '../../../../components/DraftNotice.tsx';
import { useUnsavedChangesGuard } from '../../../../hooks/useUnsavedChangesGuard.ts';
import { useServerDraft } from '../../../../hooks/useServerDraft.ts';
import { useSubmissionKey } from '../../../../hooks/useSubmissionKey.ts';
import { PlanHeaderExtra } from './PlanHeaderExtra.tsx';
import { VersionsDrawer } from './VersionsDrawer.tsx';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

interface AreaValue {
  on?: boolean;
  description?: string;
}

interface FormValues {
  theme?: string;
  title?: string;
  body?: string;
  partnerBaseIds?: string[];
  areas?: Record<string, AreaValue>;
  plannedMonths?: number[];
  epidemicMeasures?: string;
}

function toForm(plan: Plan, rules: ProgrammeRules): FormValues {
  const areas: Record<string, AreaValue> = {};
  for (const a of rules.contentAreas) {
    const found = plan.areas.find((x) => x.key === a.key);
    areas[a.key] = { on: !!found, description: found?.description ?? '' };
  }
  return {
    theme: plan.theme ?? '',
    title: plan.title ?? '',
    body: plan.body ?? '',
    partnerBaseIds: plan.partnerBases.map((b) => b.id),
    areas,
    plannedMonths: plan.plannedMonths,
    epidemicMeasures: plan.epidemicMeasures ?? '',
  };
}

/** The form's areas as the API takes them: the ticked areas with their descriptions. */
function toContent(v: FormValues, rules: ProgrammeRules): PlanContent {
  const areas = rules.contentAreas
    .filter((a) => v.areas?.[a.key]?.on)
    .map((a) => ({ key: a.key, description: v.areas?.[a.key]?.description ?? '' }));
  return {
    theme: v.theme ?? '',
    title: v.title ?? '',
    body: v.body ?? '',
    partnerBaseIds: v.partnerBaseIds ?? [],
    areas,
    plannedMonths: [...(v.plannedMonths ?? [])].sort((a, b) => a - b),
    epidemicMeasures: v.epidemicMeasures ?? '',
  };
}

function toInput(c: PlanContent): PreliminaryPlanInput {
  return {
    theme: c.theme ?? undefined,
    title: c.title ?? undefined,
    body: c.body ?? undefined,
    partnerBaseIds: c.partnerBaseIds ?? [],
    areas: c.areas ?? [],
    plannedMonths: c.plannedMonths ?? [],
    epidemicMeasures: c.epidemicMeasures ?? undefined,
  };
}

export function PlanEditor({ plan, programme }: { plan: Plan; programme: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const rules = programme.rules;
  const [form] = Form.useForm<FormValues>();
  const initial = useMemo(() => toForm(plan, rules), [plan, rules]);
  const values = Form.useWatch([], form) as FormValues | undefined;
  const now = useNow(30_000);
  const [areasError, setAreasError] = useState<string | null>(null);
  const [banner, setBanner] = useState<ApiError | null>(null);
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [dirty, setDirty] = useState(false);

  // The saved plan fills the form, unless there is unsaved input (typed, or restored from a draft).
  useEffect(() => {
    if (!dirty) form.setFieldsValue(initial);
  }, [form, initial, dirty]);

  const draft = useServerDraft({
    key: `plan:${plan.id}`,
    dirty,
    values,
    snapshot: () => form.getFieldsValue(true) as Record<string, unknown>,
    recordSavedAt: plan.updatedAt,
    onRestore: (data) => {
      form.setFieldsValue(data);
      setDirty(true);
    },
  });
  useUnsavedChangesGuard(dirty, { message: t('forms.leave.bodyDraft'), onLeave: draft.flush });

  const content = toContent(values ?? initial, rules);
  const check = checkPreliminaryPlan(rules, toInput(content), {
    now,
    callOpen: programme.status === 'open',
    baseKind: plan.base.kind,
  });
  const deadline = planDeadlineInstant(rules);

  const refresh = (p: Plan) => {
    qc.setQueryData(['plan', plan.id], p);
    void qc.invalidateQueries({ queryKey: ['plans'] });
  };

  const showServerErrors = (err: unknown) => {
    if (!(err instanceof ApiError)) {
      void message.error(String(err));
      return;
    }
    const fields: { name: (string | number)[]; errors: string[] }[] = [];
    let areaMsg: string | null = null;
    let unplaced = false;
    for (const e of err.errors) {
      if (e.field === 'areas') areaMsg = areaMsg ? `${areaMsg}；${e.message}` : e.message;
      else if (
        ['theme', 'title', 'body', 'partnerBaseIds', 'plannedMonths', 'epidemicMeasures'].includes(
          e.field.split('.')[0] ?? '',
        )
      ) {
        fields.push({ name: [e.field.split('.')[0] ?? e.field], errors: [e.message] });
      } else unplaced = true;
    }
    form.setFields(fields as Parameters<typeof form.setFields>[0]);
    setAreasError(areaMsg);
    if (fields.length === 0 && !areaMsg) unplaced = true;
    if (unplaced) setBanner(err);
    void message.error(err.title);
  };

  // One key per submission: a double click or a retry with the same content saves (and submits) once.
  const submission = useSubmissionKey();
  const save = useMutation({
    mutationFn: (c: PlanContent) =>
      api.patch<Plan>(`/plans/${plan.id}`, c, { idempotencyKey: submission.keyFor({ c, submit: false }) }),
    onSuccess: (p) => {
      submission.done();
      refresh(p);
      setDirty(false);
      draft.clear();
    },
  });
  const submit = useMutation({
    mutationFn: async (c: PlanContent) => {
      const key = submission.keyFor({ c, submit: true });
      await api.patch<Plan>(`/plans/${plan.id}`, c, { idempotencyKey: key });
      return api.post<Plan>(`/plans/${plan.id}/submit`, {}, { idempotencyKey: `${key}-submit` });
    },
    onSuccess: (p) => {
      submission.done();
      refresh(p);
      setDirty(false);
      draft.clear();
      void message.success(t('plan.submitted'));
    },
    onError: showServerErrors,
  });

  const onSave = () => {
    setBanner(null);
    save.mutate(content, {
      onSuccess: () => void message.success(t('plan.draftSaved')),
      onError: showServerErrors,
    });
  };

  const onSubmit = () => {
    setBanner(null);
    if (!check.ok) {
      // Put the same messages on the fields the server would, without a round trip.
      const fields = check.issues
        .filter((i) => i.field && i.field !== 'areas')
        .map((i) => ({ name: [i.field as string], errors: [i.message] }));
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
      setAreasError(
        check.issues
          .filter((i) => i.field === 'areas')
          .map((i) => i.message)
          .join('；') || null,
      );
      void message.error(t('plan.fixBeforeSubmit'));
      return;
    }
    modal.confirm({
      title: t('plan.confirmSubmit'),
      content: t('plan.confirmSubmitBody', { version: plan.version + 1 }),
      okText: t('common.submit'),
      cancelText: t('common.cancel'),
      okButtonProps: { 'data-testid': 'plan-submit-confirm' },
      onOk: () => submit.mutateAsync(content).catch(() => undefined),
    });
  };

  const withdraw = useMutation({
    mutationFn: () => api.post<Plan>(`/plans/${plan.id}/withdraw`),
    onSuccess: (p) => {
      refresh(p);
      void message.success(t('plan.withdrawn'));
    },
    onError: showServerErrors,
  });

  const bodyZishu = countZishu(values?.body ?? '');

  return (
    <>
      <PageHeader
        title={plan.title || t('plan.untitled')}
        docTitle={t('plan.editTitle')}
        subtitle={
          <Space wrap>
            <StatusTag kind="plan" status={plan.status} testId="plan-status" />
            <span>{plan.base.name}</span>
            <span>{programme.name}</span>
            {plan.version > 0 ? <span>{t('plan.versionN', { n: plan.version })}</span> : null}
          </Space>
        }
        extra={<PlanHeaderExtra plan={plan} onVersions={() => setVersionsOpen(true)} />}
      />
      {plan.status === 'returned' && plan.returnReason ? (
        <Alert
          type="warning"
          showIcon
          title={t('plan.returnedBanner')}
          description={plan.returnReason}
          style={{ marginBottom: 16 }}
          data-testid="plan-return-reason-banner"
        />
      ) : null}
      <DraftNotice draft={draft} onDiscarded={() => setDirty(false)} />
      {banner ? (
        <Alert
          type="error"
          showIcon
          closable={{ onClose: () => setBanner(null) }}
          title={banner.title}
          description={banner.detail}
          style={{ marginBottom: 16 }}
          data-testid="plan-server-error"
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card>
            <Form<FormValues>
              form={form}
              layout="vertical"
              initialValues={initial}
              onValuesChange={() => {
                setDirty(true);
                setAreasError(null);
              }}
              data-testid="plan-form"
            >
              <Form.Item
                name="theme"
                label={t('plan.theme')}
                extra={t('plan.themeHint')}
                rules={[{ required: true, whitespace: true, message: t('plan.required.theme') }, { max: 100 }]}
              >
                <Input data-testid="plan-theme" maxLength={100} showCount />
              </Form.Item>
              <Form.Item
                name="title"
                label={t('plan.planTitle')}
                rules={[{ required: true, whitespace: true, message: t('plan.required.title') }, { max: 200 }]}
              >
                <Input
                  data-testid="plan-title"
                  placeholder={t('plan.titlePlaceholder', { short: plan.base.shortName })}
                  maxLength={200}
                />
              </Form.Item>
              <Form.Item
                name="body"
                label={t('plan.body')}
                extra={
                  <span data-testid="plan-body-count">
                    {rules.zishuFields.length === 1 && rules.zishuFields[0] === 'body'
                      ? t('plan.bodyCount', {
                          n: bodyZishu,
                          target: rules.planLengthTarget,
                          min: rules.planLengthTarget - rules.planLengthTolerance,
                          max: rules.planLengthTarget + rules.planLengthTolerance,
                        })
                      : t('supervision.bodyCountWhole', {
                          n: bodyZishu,
                          total: check.zishu,
                          target: rules.planLengthTarget,
                          min: rules.planLengthTarget - rules.planLengthTolerance,
                          max: rules.planLengthTarget + rules.planLengthTolerance,
                        })}
                  </span>
                }
                rules={[{ required: true, whitespace: true, message: t('plan.required.body') }]}
              >
                <Input.TextArea data-testid="plan-body" autoSize={{ minRows: 10, maxRows: 28 }} />
              </Form.Item>
              <Form.Item name="partnerBaseIds" label={t('plan.partners')} extra={t('plan.partnersHint')}>
                <BaseSelect
                  testId="plan-partners"
                  known={plan.partnerBases}
                  excludeIds={[plan.base.id]}
                  ariaLabel={t('plan.partners')}
                />
              </Form.Item>

              <fieldset className="rt-fieldset" data-testid="plan-areas">
                <legend className="rt-legend">{t('plan.areas')}</legend>
                <div className="rt-muted" style={{ marginBottom: 4 }}>
                  {t('plan.areasHint', { min: rules.minContentAreas, total: rules.contentAreas.length })}
                </div>
                {rules.contentAreas.map((a, idx) => {
                  const on = !!values?.areas?.[a.key]?.on;
                  const desc = values?.areas?.[a.key]?.description ?? '';
                  return (
                    <div key={a.key} className="rt-area" data-testid={`plan-area-${a.key}`}>
                      <Form.Item name={['areas', a.key, 'on']} valuePropName="checked" style={{ marginBottom: 4 }}>
                        <Checkbox data-testid={`plan-area-${a.key}-check`}>
                          {idx + 1}. {a.name}
                        </Checkbox>
                      </Form.Item>
                      <Form.Item
                        name={['areas', a.key, 'description']}
                        label={t('plan.areaDescription', { name: a.name })}
                        className="rt-area-desc"
                        validateStatus={on && !desc.trim() ? 'warning' : undefined}
                        help={on && !desc.trim() ? t('plan.areaDescRequired') : undefined}
                        hidden={!on}
                      >
                        <Input.TextArea
                          data-testid={`plan-area-${a.key}-description`}
                          autoSize={{ minRows: 2, maxRows: 8 }}
                          maxLength={2000}
                          placeholder={t('plan.areaDescPlaceholder')}
                        />
                      </Form.Item>
                    </div>
                  );
                })}
                {areasError ? (
                  <div role="alert" className="ant-form-item-explain-error rt-bad" data-testid="plan-areas-error">
                    {areasError}
                  </div>
                ) : null}
              </fieldset>

              <Form.Item
                name="plannedMonths"
                label={t('plan.months')}
                extra={t('plan.monthsHint')}
                rules={[{ required: true, type: 'array', min: 1, message: t('plan.required.months') }]}
              >
                <Select
                  mode="multiple"
                  data-testid="plan-months"
                  aria-label={t('plan.months')}
                  options={MONTHS.map((m) => ({ value: m, label: t('portal.month', { m }) }))}
                  placeholder={t('plan.monthsPlaceholder')}
                />
              </Form.Item>
              <Form.Item
                name="epidemicMeasures"
                label={t('plan.epidemic')}
                rules={[{ required: true, whitespace: true, message: t('plan.required.epidemic') }]}
              >
                <Input.TextArea
                  data-testid="plan-epidemic"
                  autoSize={{ minRows: 3, maxRows: 10 }}
                  maxLength={4000}
                  placeholder={t('plan.epidemicPlaceholder')}
                />
              </Form.Item>
              <Flex gap={8} wrap>
                <Button onClick={onSave} loading={save.isPending} data-testid="plan-save">
                  {t('plan.saveDraft')}
                </Button>
                {plan.abilities.submit ||
                plan.status === 'draft' ||
                plan.status === 'returned' ||
                plan.status === 'withdrawn' ? (
                  <Button
                    type="primary"
                    onClick={onSubmit}
                    loading={submit.isPending}
                    data-testid="plan-submit"
                    disabled={!plan.abilities.submit && !plan.abilities.edit}
                  >
                    {t('plan.submit')}
                  </Button>
                ) : null}
                {plan.abilities.withdraw ? (
                  <Popconfirm
                    title={t('plan.confirmWithdraw')}
                    okText={t('common.confirm')}
                    cancelText={t('common.cancel')}
                    onConfirm={() => withdraw.mutate()}
                  >
                    <Button danger loading={withdraw.isPending} data-testid="plan-withdraw">
                      {t('plan.withdraw')}
                    </Button>
                  </Popconfirm>
                ) : null}
                {dirty ? (
                  <span className="rt-muted" style={{ alignSelf: 'center' }} data-testid="plan-unsaved">
                    {t('plan.unsaved')}
                  </span>
                ) : null}
                <span style={{ alignSelf: 'center' }}>
                  <DraftStatus draft={draft} dirty={dirty} />
                </span>
              </Flex>
            </Form>
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <div id="live-check">
            <LiveCheckPanel rules={rules} check={check} deadline={deadline} now={now} />
          </div>
          <div style={{ marginTop: 16 }}>
            <PlanCommentsCard plan={plan} />
          </div>
        </Col>
      </Row>
      <a href="#live-check" className={`rt-check-bar ${check.ok ? 'is-ok' : 'is-bad'}`} data-testid="live-check-bar">
        {t('plan.checkBar', {
          z: check.zishu,
          target: rules.planLengthTarget,
          a: check.areasCovered,
          min: rules.minContentAreas,
        })}
        {' · '}
        {check.ok ? t('plan.checkOk') : t('plan.checkIssues', { n: check.issues.length })}
      </a>
      <VersionsDrawer plan={plan} open={versionsOpen} onClose={() => setVersionsOpen(false)} />
    </>
  );
}
