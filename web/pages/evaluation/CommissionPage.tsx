/**
 * 委托第三方评估 (/workspace/evaluations/new, NDRC): the evaluator organisation (organisations of kind
 * 'evaluator'), the theme days in scope, the period, the indicators and their weights (the notice's three
 * measures prefilled; the weights must sum to 100). Field errors from the server land on their fields; leaving
 * with unsaved input asks first; the button is disabled while the request runs.
 */
import { useState } from 'react';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Typography,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { useNavigate } from 'react-router';
import { links } from '../../../common/links.ts';
import type { PublicThemeDayList } from '../../../common/contracts/public.ts';
import { api } from '../../api/client.ts';
import { DEFAULT_INDICATORS, type CommissionInput, type EvaluationView, type Indicator } from '../../api/evaluation.ts';
import type { Organisation, Page } from '../../api/types.ts';
import { errorMessage } from '../../components/errors.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { useT } from '../../i18n/index.tsx';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard.ts';

interface Values {
  title?: string;
  evaluatorOrganisationId?: string;
  themeDayIds: string[];
  periodStart?: Dayjs;
  periodEnd?: Dayjs;
  indicators: Indicator[];
}

export function CommissionPage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [banner, setBanner] = useState<string | null>(null);
  useUnsavedChangesGuard(dirty);
  const orgs = useQuery({
    queryKey: ['organisations', 'evaluators'],
    queryFn: () => api.get<Page<Organisation>>('/organisations', { kind: 'evaluator', pageSize: 100 }),
  });
  const tds = useQuery({
    queryKey: ['public', 'theme-days', 'all'],
    queryFn: () => api.get<PublicThemeDayList>('/public/theme-days', { pageSize: 200, order: 'desc' }),
  });
  const indicators = Form.useWatch('indicators', form) ?? DEFAULT_INDICATORS;
  const sum = indicators.reduce((s, i) => s + (Number(i?.weight) || 0), 0);

  const commission = useMutation({
    mutationFn: (body: CommissionInput) => api.post<EvaluationView>('/evaluations', body),
    onSuccess: (e) => {
      setDirty(false);
      void qc.invalidateQueries({ queryKey: ['evaluations'] });
      void message.success(t('evaluation.commission.done'));
      void navigate(links.evaluation(e.id));
    },
    onError: (err) => {
      applyServerErrors(form, err);
      setBanner(errorMessage(err));
    },
  });

  const onFinish = (v: Values) => {
    setBanner(null);
    if (sum !== 100) {
      setBanner(t('evaluation.commission.weightsSum', { sum }));
      return;
    }
    commission.mutate({
      title: v.title?.trim() || undefined,
      evaluatorOrganisationId: v.evaluatorOrganisationId!,
      themeDayIds: v.themeDayIds,
      periodStart: v.periodStart!.format('YYYY-MM-DD'),
      periodEnd: v.periodEnd!.format('YYYY-MM-DD'),
      indicators: v.indicators.map((i) => ({ ...i, key: i.key.trim(), name: i.name.trim(), weight: Number(i.weight) })),
    });
  };

  return (
    <>
      <PageHeader title={t('evaluation.commission.title')} subtitle={t('evaluation.commission.subtitle')} />
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ maxWidth: 900 }}
        initialValues={{ themeDayIds: [], indicators: DEFAULT_INDICATORS }}
        onValuesChange={() => setDirty(true)}
        onFinish={onFinish}
        onFinishFailed={() => setBanner(t('evaluation.commission.fix'))}
        scrollToFirstError
      >
        <Card size="small" title={<h2 className="rt-card-title">{t('evaluation.commission.scope')}</h2>}>
          <Form.Item name="title" label={t('evaluation.commission.name')} extra={t('evaluation.commission.nameHint')}>
            <Input maxLength={120} data-testid="commission-title" />
          </Form.Item>
          <Form.Item
            name="evaluatorOrganisationId"
            label={t('evaluation.commission.evaluator')}
            rules={[{ required: true, message: t('evaluation.commission.evaluatorRequired') }]}
          >
            <Select
              loading={orgs.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              notFoundContent={orgs.error ? errorMessage(orgs.error) : t('evaluation.commission.noEvaluators')}
              data-testid="commission-evaluator"
            />
          </Form.Item>
          <Form.Item
            name="themeDayIds"
            label={t('evaluation.commission.themeDays')}
            rules={[{ required: true, type: 'array', min: 1, message: t('evaluation.commission.themeDaysRequired') }]}
          >
            <Select
              mode="multiple"
              loading={tds.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              options={(tds.data?.items ?? []).map((d) => ({
                value: d.id,
                label: `${d.year}年 ${d.title}（${d.startDate}）`,
              }))}
              notFoundContent={tds.error ? errorMessage(tds.error) : undefined}
              data-testid="commission-theme-days"
            />
          </Form.Item>
          <Flex gap={16} wrap>
            <Form.Item
              name="periodStart"
              label={t('evaluation.commission.periodStart')}
              rules={[{ required: true, message: t('evaluation.commission.periodStartRequired') }]}
            >
              <DatePicker data-testid="commission-period-start" />
            </Form.Item>
            <Form.Item
              name="periodEnd"
              label={t('evaluation.commission.periodEnd')}
              dependencies={['periodStart']}
              rules={[
                { required: true, message: t('evaluation.commission.periodEndRequired') },
                ({ getFieldValue }) => ({
                  validator: (_, v?: Dayjs) => {
                    const start = getFieldValue('periodStart') as Dayjs | undefined;
                    return v && start && v.isBefore(start, 'day')
                      ? Promise.reject(new Error(t('evaluation.commission.periodOrder')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker data-testid="commission-period-end" />
            </Form.Item>
          </Flex>
        </Card>
        <Card
          size="small"
          style={{ marginTop: 16 }}
          title={<h2 className="rt-card-title">{t('evaluation.commission.indicators')}</h2>}
          extra={
            <Typography.Text type={sum === 100 ? 'success' : 'danger'} data-testid="commission-weight-sum">
              {t('evaluation.commission.sum', { sum })}
            </Typography.Text>
          }
        >
          <Typography.Paragraph className="rt-text-secondary">
            {t('evaluation.commission.indicatorsHint')}
          </Typography.Paragraph>
          <Form.List name="indicators">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Flex key={f.key} gap={8} align="flex-start" wrap>
                    <Form.Item
                      name={[f.name, 'key']}
                      label={t('evaluation.ind.key')}
                      style={{ width: 150 }}
                      rules={[
                        { required: true, message: t('evaluation.ind.keyRequired') },
                        { pattern: /^[a-z][a-z0-9_]{0,39}$/, message: t('evaluation.ind.keyPattern') },
                      ]}
                    >
                      <Input />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'name']}
                      label={t('evaluation.ind.name')}
                      style={{ flex: 1, minWidth: 220 }}
                      rules={[{ required: true, whitespace: true, message: t('evaluation.ind.nameRequired') }]}
                    >
                      <Input maxLength={60} />
                    </Form.Item>
                    <Form.Item
                      name={[f.name, 'weight']}
                      label={t('evaluation.ind.weight')}
                      style={{ width: 110 }}
                      rules={[{ required: true, message: t('evaluation.ind.weightRequired') }]}
                    >
                      <InputNumber min={1} max={100} precision={0} style={{ width: '100%' }} />
                    </Form.Item>
                    <Button
                      icon={<DeleteOutlined />}
                      aria-label={t('evaluation.ind.remove')}
                      style={{ marginTop: 30 }}
                      disabled={fields.length <= 1}
                      onClick={() => remove(f.name)}
                    />
                  </Flex>
                ))}
                <Button
                  icon={<PlusOutlined />}
                  onClick={() => add({ key: '', name: '', weight: undefined })}
                  disabled={fields.length >= 20}
                >
                  {t('evaluation.ind.add')}
                </Button>
              </>
            )}
          </Form.List>
          {sum !== 100 ? (
            <Typography.Paragraph type="danger" role="alert" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('evaluation.commission.weightsSum', { sum })}
            </Typography.Paragraph>
          ) : null}
        </Card>
        {banner ? (
          <Alert type="error" showIcon style={{ marginTop: 16 }} title={banner} data-testid="commission-error" />
        ) : null}
        <Flex gap={8} style={{ marginTop: 16 }}>
          <Button
            type="primary"
            htmlType="submit"
            loading={commission.isPending}
            disabled={commission.isPending}
            data-testid="commission-submit"
          >
            {t('evaluation.commission.submit')}
          </Button>
          <Button onClick={() => void navigate(links.evaluations())}>{t('common.cancel')}</Button>
        </Flex>
      </Form>
    </>
  );
}
