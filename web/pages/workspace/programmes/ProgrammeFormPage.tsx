/**
 * Create / edit a year's programme: the rules as data (content areas, minimum areas, 字数 target and
 * tolerance, deadline in Beijing time, host quota, lead months, title template with a live preview,
 * review criteria whose weights must sum to 1 or 100, eligible base kinds). The same zod schema the
 * server uses (common/programme-rules.ts) validates as you type.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Row,
  Space,
  Table,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../api/client.ts';
import type { Programme } from '../../../api/types.ts';
import {
  BASE_KINDS,
  BASE_KIND_LABELS,
  ProgrammeRules,
  ZISHU_FIELDS,
  ZISHU_FIELD_LABELS,
  defaultProgrammeName,
  defaultRules2020,
  fillTitle,
  planLengthRange,
} from '../../../../common/programme-rules.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { useProgrammeAction } from '../../../hooks/useProgrammes.ts';
import { useFormGuard } from '../../../hooks/useUnsavedChangesGuard.ts';

type RulesForm = Omit<ProgrammeRules, 'planDeadline'> & { planDeadline: Dayjs | null };
interface Values extends RulesForm {
  year?: number;
  name?: string;
}

function toForm(rules: ProgrammeRules): RulesForm {
  return { ...rules, planDeadline: dayjs(rules.planDeadline) };
}

function toRules(v: Values): Record<string, unknown> {
  const { year: _y, name: _n, planDeadline, ...rest } = v;
  return { ...rest, planDeadline: planDeadline ? planDeadline.format('YYYY-MM-DDTHH:mm:ss') : '' };
}

export function ProgrammeFormPage() {
  const { id } = useParams();
  const isNew = !id || id === 'new';
  const q = useQuery({
    queryKey: ['programme', id],
    queryFn: () => api.get<Programme>(`/programmes/${id}`),
    enabled: !isNew,
  });
  return (
    <QueryState isLoading={!isNew && q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      {isNew || q.data ? <ProgrammeForm programme={q.data} /> : null}
    </QueryState>
  );
}

function ProgrammeForm({ programme }: { programme?: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const guard = useFormGuard();
  const values = Form.useWatch([], form) as Values | undefined;
  const [banner, setBanner] = useState<ApiError | null>(null);
  const action = useProgrammeAction();
  const nextYear = new Date().getFullYear() + 1;
  const initial = useMemo<Values>(
    () =>
      programme
        ? { name: programme.name, ...toForm(programme.rules) }
        : {
            year: nextYear,
            name: defaultProgrammeName(nextYear),
            ...toForm({ ...defaultRules2020, planDeadline: `${nextYear}-06-30T23:59:59` }),
          },
    [programme, nextYear],
  );
  useEffect(() => form.setFieldsValue(initial), [form, initial]);
  const editable = !programme || programme.abilities.edit;
  // A new programme's name follows its year (issue 12 §4) until the owner types a name of their own.
  const nameTyped = useRef(false);
  const onValuesChange = (changed: Partial<Values>) => {
    guard.onValuesChange();
    if ('name' in changed) nameTyped.current = true;
    if (!programme && !nameTyped.current && typeof changed.year === 'number') {
      form.setFieldValue('name', defaultProgrammeName(changed.year));
    }
  };

  const parsed = ProgrammeRules.safeParse(toRules(values ?? initial));
  const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const weightSum = (values?.reviewCriteria ?? initial.reviewCriteria).reduce(
    (s, c) => s + (Number(c?.weight) || 0),
    0,
  );
  const template = values?.titleTemplate ?? initial.titleTemplate;
  const range = planLengthRange({
    ...defaultRules2020,
    planLengthTarget: Number(values?.planLengthTarget ?? initial.planLengthTarget) || 0,
    planLengthTolerance: Number(values?.planLengthTolerance ?? initial.planLengthTolerance) || 0,
  });

  const save = useMutation({
    mutationFn: (v: Values) =>
      programme
        ? api.patch<Programme>(`/programmes/${programme.id}`, { name: v.name, rules: toRules(v) })
        : api.post<Programme>('/programmes', { year: v.year, name: v.name, rules: toRules(v) }),
    onSuccess: (p) => {
      guard.saved();
      qc.setQueryData(['programme', p.id], p);
      void qc.invalidateQueries({ queryKey: ['programmes'] });
      void message.success(t('common.saved'));
      setBanner(null);
      if (!programme) void navigate(`/workspace/programmes/${p.id}`, { replace: true });
    },
    onError: (err) => {
      if (!(err instanceof ApiError)) return void message.error(String(err));
      setBanner(err);
      const fields = err.errors
        .map((e) => e.field.replace(/^rules\./, '').split('.')[0] ?? '')
        .filter((f) => f in initial);
      form.setFields(
        err.errors
          .map((e) => ({ f: e.field.replace(/^rules\./, '').split('.')[0] ?? '', m: e.message }))
          .filter((x) => fields.includes(x.f))
          .map((x) => ({ name: x.f, errors: [x.m] })) as Parameters<typeof form.setFields>[0],
      );
    },
  });

  const issueFor = (field: string) =>
    issues.filter((i) => i.path === field || i.path.startsWith(`${field}.`)).map((i) => i.message);

  return (
    <>
      <PageHeader
        title={programme ? programme.name : t('programme.create')}
        docTitle={programme ? t('programme.edit') : t('programme.create')}
        subtitle={
          programme ? (
            <StatusTag kind="programme" status={programme.status} testId="programme-status" />
          ) : (
            t('programme.createHint')
          )
        }
        extra={
          <>
            <LinkButton to="/workspace/programmes">{t('common.back')}</LinkButton>
            {programme?.abilities.open ? (
              <Popconfirm
                title={t('programme.confirmOpen', { name: programme.name })}
                onConfirm={() => action.mutate({ id: programme.id, action: 'open' })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button type="primary" data-testid="programme-open">
                  {t('programme.open')}
                </Button>
              </Popconfirm>
            ) : null}
            {programme?.abilities.reopen ? (
              <Popconfirm
                title={t('supervision.confirmReopen', { name: programme.name })}
                onConfirm={() => action.mutate({ id: programme.id, action: 'reopen' })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button type="primary" data-testid="programme-reopen">
                  {t('supervision.reopen')}
                </Button>
              </Popconfirm>
            ) : null}
            {programme?.abilities.close ? (
              <Popconfirm
                title={t('programme.confirmClose', { name: programme.name })}
                onConfirm={() => action.mutate({ id: programme.id, action: 'close' })}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
              >
                <Button danger data-testid="programme-close">
                  {t('programme.close')}
                </Button>
              </Popconfirm>
            ) : null}
          </>
        }
      />
      {!editable ? (
        <Alert type="info" showIcon title={t('programme.notEditable')} style={{ marginBottom: 16 }} />
      ) : null}
      {banner ? (
        <Alert
          type="error"
          showIcon
          title={banner.title}
          description={banner.detail}
          style={{ marginBottom: 16 }}
          closable={{ onClose: () => setBanner(null) }}
        />
      ) : null}
      <Form<Values>
        form={form}
        onValuesChange={onValuesChange}
        layout="vertical"
        initialValues={initial}
        disabled={!editable}
        onFinish={(v) => save.mutate(v)}
        data-testid="programme-form"
      >
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16}>
            <Card title={<h2 className="rt-card-title">{t('programme.basics')}</h2>} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                {!programme ? (
                  <Col xs={24} md={8}>
                    <Form.Item
                      name="year"
                      label={t('common.year')}
                      rules={[{ required: true, message: t('common.required', { field: t('common.year') }) }]}
                    >
                      <InputNumber min={2020} max={2100} style={{ width: '100%' }} data-testid="programme-year" />
                    </Form.Item>
                  </Col>
                ) : null}
                <Col xs={24} md={programme ? 24 : 16}>
                  <Form.Item
                    name="name"
                    label={t('common.name')}
                    rules={[
                      { required: true, whitespace: true, message: t('common.required', { field: t('common.name') }) },
                      { max: 100 },
                    ]}
                  >
                    <Input data-testid="programme-name" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={<h2 className="rt-card-title">{t('programme.areas')}</h2>} style={{ marginBottom: 16 }}>
              <Form.List name="contentAreas">
                {(fields, { add, remove }) => (
                  <>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="key"
                      dataSource={fields}
                      scroll={{ x: 640 }}
                      columns={[
                        {
                          title: t('programme.areaKey'),
                          width: 200,
                          render: (_: unknown, f) => (
                            <Form.Item
                              name={[f.name, 'key']}
                              style={{ margin: 0 }}
                              rules={[
                                { required: true, pattern: /^[a-z][a-z0-9_]*$/, message: t('programme.keyRule') },
                              ]}
                            >
                              <Input aria-label={`${t('programme.areaKey')} ${f.name + 1}`} />
                            </Form.Item>
                          ),
                        },
                        {
                          title: t('programme.areaName'),
                          render: (_: unknown, f) => (
                            <Form.Item
                              name={[f.name, 'name']}
                              style={{ margin: 0 }}
                              rules={[{ required: true, whitespace: true, message: t('programme.areaNameRequired') }]}
                            >
                              <Input aria-label={`${t('programme.areaName')} ${f.name + 1}`} />
                            </Form.Item>
                          ),
                        },
                        {
                          title: t('programme.areaNameEn'),
                          render: (_: unknown, f) => (
                            <Form.Item
                              name={[f.name, 'nameEn']}
                              style={{ margin: 0 }}
                              rules={[{ required: true, whitespace: true, message: t('programme.areaNameEnRequired') }]}
                            >
                              <Input aria-label={`${t('programme.areaNameEn')} ${f.name + 1}`} />
                            </Form.Item>
                          ),
                        },
                        {
                          title: t('common.actions'),
                          width: 70,
                          render: (_: unknown, f) => (
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              onClick={() => remove(f.name)}
                              aria-label={t('programme.removeRow', { n: f.name + 1 })}
                            />
                          ),
                        },
                      ]}
                    />
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      onClick={() => add({ key: '', name: '', nameEn: '' })}
                      style={{ marginTop: 8 }}
                    >
                      {t('programme.addArea')}
                    </Button>
                  </>
                )}
              </Form.List>
              <Row gutter={16} style={{ marginTop: 16 }}>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="minContentAreas"
                    label={t('programme.minAreas')}
                    validateStatus={issueFor('minContentAreas').length ? 'error' : undefined}
                    help={issueFor('minContentAreas').join('；') || undefined}
                  >
                    <InputNumber min={1} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="planLengthTarget"
                    label={t('programme.lengthTarget')}
                    help={t('programme.lengthRange', { min: range.min, max: range.max })}
                  >
                    <InputNumber min={1} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="planLengthTolerance"
                    label={t('programme.lengthTolerance')}
                    validateStatus={issueFor('planLengthTolerance').length ? 'error' : undefined}
                    help={issueFor('planLengthTolerance').join('；') || undefined}
                  >
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={16}>
                  <Form.Item
                    name="zishuFields"
                    label={t('supervision.zishuFields')}
                    extra={t('supervision.zishuFieldsHint')}
                    validateStatus={issueFor('zishuFields').length ? 'error' : undefined}
                    help={issueFor('zishuFields').join('；') || undefined}
                  >
                    <Checkbox.Group
                      options={ZISHU_FIELDS.map((f) => ({ value: f, label: ZISHU_FIELD_LABELS[f] }))}
                      data-testid="programme-zishu-fields"
                    />
                  </Form.Item>
                </Col>
                <Col xs={24} md={8}>
                  <Form.Item
                    name="minPartnerBases"
                    label={t('supervision.minPartnerBases')}
                    validateStatus={issueFor('minPartnerBases').length ? 'error' : undefined}
                    help={issueFor('minPartnerBases').join('；') || undefined}
                  >
                    <InputNumber min={0} max={20} style={{ width: '100%' }} data-testid="programme-min-partners" />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
            <Card title={<h2 className="rt-card-title">{t('programme.timing')}</h2>} style={{ marginBottom: 16 }}>
              <Row gutter={16}>
                <Col xs={24} md={12}>
                  <Form.Item
                    name="planDeadline"
                    label={t('programme.deadline')}
                    extra={t('programme.deadlineHint')}
                    rules={[{ required: true, message: t('common.required', { field: t('programme.deadline') }) }]}
                  >
                    <DatePicker
                      showTime={{ format: 'HH:mm:ss' }}
                      format="YYYY-MM-DD HH:mm:ss"
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="hostQuota" label={t('programme.hostQuota')}>
                    <InputNumber min={1} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item name="activityPlanLeadMonths" label={t('programme.leadMonths')}>
                    <InputNumber min={0} style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name="minReviews" label={t('rules.minReviews')} extra={t('rules.minReviewsHint')}>
                    <InputNumber min={0} max={20} style={{ width: '100%' }} data-testid="programme-min-reviews" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item
                name="titleTemplate"
                label={t('programme.titleTemplate')}
                validateStatus={issueFor('titleTemplate').length ? 'error' : undefined}
                help={
                  issueFor('titleTemplate').join('；') ||
                  t('programme.titlePreview', { title: fillTitle(template ?? '', '星河电力') })
                }
              >
                <Input data-testid="programme-title-template" />
              </Form.Item>
              <Form.Item
                name="eligibleBaseKinds"
                label={t('programme.eligible')}
                rules={[
                  {
                    validator: async (_r, v?: string[]) => {
                      if (!v?.length) throw new Error(t('programme.eligibleRequired'));
                    },
                  },
                ]}
              >
                <Checkbox.Group options={BASE_KINDS.map((k) => ({ value: k, label: BASE_KIND_LABELS[k] }))} />
              </Form.Item>
            </Card>
            <Card title={<h2 className="rt-card-title">{t('programme.criteria')}</h2>}>
              <Form.List name="reviewCriteria">
                {(fields, { add, remove }) => (
                  <>
                    <Table
                      size="small"
                      pagination={false}
                      rowKey="key"
                      dataSource={fields}
                      scroll={{ x: 560 }}
                      columns={[
                        {
                          title: t('programme.areaKey'),
                          width: 200,
                          render: (_: unknown, f) => (
                            <Form.Item
                              name={[f.name, 'key']}
                              style={{ margin: 0 }}
                              rules={[
                                { required: true, pattern: /^[a-z][a-z0-9_]*$/, message: t('programme.keyRule') },
                              ]}
                            >
                              <Input aria-label={`${t('programme.areaKey')} ${f.name + 1}`} />
                            </Form.Item>
                          ),
                        },
                        {
                          title: t('programme.criterionName'),
                          render: (_: unknown, f) => (
                            <Form.Item
                              name={[f.name, 'name']}
                              style={{ margin: 0 }}
                              rules={[{ required: true, whitespace: true, message: t('programme.criterionRequired') }]}
                            >
                              <Input aria-label={`${t('programme.criterionName')} ${f.name + 1}`} />
                            </Form.Item>
                          ),
                        },
                        {
                          title: t('reviews.weight'),
                          width: 130,
                          render: (_: unknown, f) => (
                            <Form.Item
                              name={[f.name, 'weight']}
                              style={{ margin: 0 }}
                              rules={[{ required: true, message: t('programme.weightRequired') }]}
                            >
                              <InputNumber
                                min={0}
                                step={0.05}
                                style={{ width: '100%' }}
                                aria-label={`${t('reviews.weight')} ${f.name + 1}`}
                              />
                            </Form.Item>
                          ),
                        },
                        {
                          title: t('common.actions'),
                          width: 70,
                          render: (_: unknown, f) => (
                            <Button
                              type="text"
                              danger
                              icon={<DeleteOutlined />}
                              onClick={() => remove(f.name)}
                              aria-label={t('programme.removeRow', { n: f.name + 1 })}
                            />
                          ),
                        },
                      ]}
                    />
                    <Button
                      type="dashed"
                      block
                      icon={<PlusOutlined />}
                      onClick={() => add({ key: '', name: '', weight: 0 })}
                      style={{ marginTop: 8 }}
                    >
                      {t('programme.addCriterion')}
                    </Button>
                  </>
                )}
              </Form.List>
              <div
                style={{ marginTop: 8 }}
                className={issueFor('reviewCriteria').length ? 'rt-bad' : 'rt-ok'}
                data-testid="programme-weight-sum"
                role="status"
              >
                {t('programme.weightSum', { sum: Number(weightSum.toFixed(6)) })}
                {issueFor('reviewCriteria').length ? ` — ${issueFor('reviewCriteria').join('；')}` : ''}
              </div>
              <Row gutter={16} style={{ marginTop: 16 }}>
                <Col xs={12} md={6}>
                  <Form.Item name="scoreMin" label={t('programme.scoreMin')}>
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
                <Col xs={12} md={6}>
                  <Form.Item
                    name="scoreMax"
                    label={t('programme.scoreMax')}
                    validateStatus={issueFor('scoreMax').length ? 'error' : undefined}
                    help={issueFor('scoreMax').join('；') || undefined}
                  >
                    <InputNumber style={{ width: '100%' }} />
                  </Form.Item>
                </Col>
              </Row>
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            <Card
              className="rt-sticky"
              title={<h2 className="rt-card-title">{t('programme.check')}</h2>}
              data-testid="programme-check"
            >
              {issues.length === 0 ? (
                <Alert type="success" showIcon title={t('programme.rulesOk')} />
              ) : (
                <ul className="rt-issue-list rt-bad">
                  {issues.map((i, n) => (
                    <li key={n}>{i.message}</li>
                  ))}
                </ul>
              )}
              {editable ? (
                <Flex gap={8} style={{ marginTop: 12 }}>
                  <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="programme-save">
                    {t('common.save')}
                  </Button>
                </Flex>
              ) : null}
              <Typography.Paragraph className="rt-text-secondary" style={{ marginTop: 12, marginBottom: 0 }}>
                <Space orientation="vertical" size={2}>
                  <span>{t('programme.noteOpen')}</span>
                </Space>
              </Typography.Paragraph>
            </Card>
          </Col>
        </Row>
      </Form>
    </>
  );
}
