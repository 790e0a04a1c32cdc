/**
 * The publish/edit form of a demand or technology catalogue entry (a modal in the workspace): validates as
 * you type with the server's rules (title length, GB/T 4754 division, budget order, deadline not past) and
 * puts the server's field errors on the same fields. "保存并发布" saves then publishes in one step.
 */
import { useEffect } from 'react';
import { App as AntApp, Button, Col, DatePicker, Form, Input, InputNumber, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page, PublicThemeDay } from '../../api/types.ts';
import { COOPERATION_MODES, type Demand, type DemandBody, type DemandKind } from '../../api/demands.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { IndustryPicker } from './shared.tsx';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { useGuardedClose } from '../../hooks/useGuardedClose.ts';

interface Values {
  title: string;
  fieldCode?: string;
  description: string;
  indicators?: string;
  budgetMinWan?: number | null;
  budgetMaxWan?: number | null;
  cooperationMode?: DemandBody['cooperationMode'];
  deadline?: Dayjs;
  ipTerms?: string;
  themeDayId?: string;
}

const toBody = (kind: DemandKind, v: Values): DemandBody => ({
  kind,
  title: v.title?.trim() ?? '',
  fieldCode: v.fieldCode ?? '',
  description: v.description?.trim() ?? '',
  indicators: v.indicators?.trim() || null,
  budgetMinWan: v.budgetMinWan ?? null,
  budgetMaxWan: v.budgetMaxWan ?? null,
  cooperationMode: v.cooperationMode ?? 'joint_rd',
  deadline: v.deadline ? v.deadline.format('YYYY-MM-DD') : '',
  ipTerms: v.ipTerms?.trim() || null,
  themeDayId: v.themeDayId ?? null,
});

/** Division code as the picker holds it ('C39' → '39'). */
const pickerField = (code: string) => code.replace(/^[A-Z]/, '');

export function DemandFormModal({
  open,
  kind,
  editing,
  onClose,
}: {
  open: boolean;
  kind: DemandKind;
  editing: Demand | null;
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const themeDays = useQuery({
    queryKey: ['public', 'theme-days', 'all'],
    queryFn: () => api.get<Page<PublicThemeDay>>('/public/theme-days', { pageSize: 200 }),
    enabled: open,
  });
  const today = shanghaiToday();

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        title: editing.title,
        fieldCode: pickerField(editing.fieldCode),
        description: editing.description,
        indicators: editing.indicators ?? '',
        budgetMinWan: editing.budgetMinWan,
        budgetMaxWan: editing.budgetMaxWan,
        cooperationMode: editing.cooperationMode,
        deadline: dayjs(editing.deadline),
        ipTerms: editing.ipTerms ?? '',
        themeDayId: editing.themeDay?.id,
      });
    }
  }, [open, editing, form]);

  const submission = useSubmissionKey();
  const save = useMutation({
    mutationFn: async ({ v, publish }: { v: Values; publish: boolean }) => {
      const body = toBody(kind, v);
      // One key per submission: a double click or a retry with the same values creates (and publishes) once.
      const key = submission.keyFor({ body, publish });
      const d = editing
        ? await api.patch<Demand>(`/demands/${editing.id}`, body, { idempotencyKey: key })
        : await api.post<Demand>('/demands', body, { idempotencyKey: key });
      return publish && d.abilities.publish
        ? api.post<Demand>(`/demands/${d.id}/publish`, {}, { idempotencyKey: `${key}-publish` })
        : d;
    },
    onSuccess: (d) => {
      submission.done();
      void message.success(d.status === 'published' ? t('demands.form.publishedOk') : t('demands.form.saved'));
      void qc.invalidateQueries({ queryKey: ['demands'] });
      qc.setQueryData(['demand', d.id], d);
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
      else void message.error(t('common.fixFields'));
    },
  });

  const submit = (publish: boolean) => {
    form
      .validateFields()
      .then((v) => save.mutate({ v, publish }))
      .catch(() => void message.error(t('common.fixFields')));
  };

  // Esc, ×, 取消 and a mask click ask before discarding what was typed.
  const requestClose = useGuardedClose(() => form.isFieldsTouched(), onClose);

  const isTech = kind === 'technology';
  return (
    <Modal
      open={open}
      title={
        editing
          ? t('demands.form.edit', { title: editing.title })
          : isTech
            ? t('demands.form.newTech')
            : t('demands.form.new')
      }
      onCancel={requestClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="c" onClick={requestClose} data-testid="demand-form-cancel">
          {t('common.cancel')}
        </Button>,
        <Button
          key="s"
          onClick={() => submit(false)}
          loading={save.isPending && !save.variables?.publish}
          disabled={save.isPending && !!save.variables?.publish}
          data-testid="demand-form-save"
        >
          {t('demands.form.saveDraft')}
        </Button>,
        !editing || editing.status === 'draft' ? (
          <Button
            key="p"
            type="primary"
            onClick={() => submit(true)}
            loading={save.isPending && !!save.variables?.publish}
            disabled={save.isPending && !save.variables?.publish}
            data-testid="demand-form-publish"
          >
            {t('demands.form.saveAndPublish')}
          </Button>
        ) : (
          <Button
            key="p"
            type="primary"
            onClick={() => submit(false)}
            loading={save.isPending}
            data-testid="demand-form-publish"
          >
            {t('common.save')}
          </Button>
        ),
      ]}
    >
      <Form
        form={form}
        layout="vertical"
        requiredMark
        data-testid="demand-form"
        initialValues={{ cooperationMode: 'joint_rd' }}
      >
        <Form.Item
          name="title"
          label={t('demands.form.title')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('demands.form.title') }) },
            { min: 2, max: 200, message: t('demands.form.titleLen') },
          ]}
        >
          <Input placeholder={t('demands.form.titlePh')} showCount maxLength={200} data-testid="demand-title" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="fieldCode"
              label={t('demands.field')}
              rules={[{ required: true, message: t('demands.form.fieldRequired') }]}
            >
              <IndustryPicker
                divisionsOnly
                placeholder={t('demands.fieldPh')}
                style={{ width: '100%' }}
                testId="demand-field"
                ariaLabel={t('demands.field')}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="cooperationMode"
              label={t('demands.cooperationMode')}
              rules={[{ required: true, message: t('demands.form.modeRequired') }]}
            >
              <Select
                options={COOPERATION_MODES.map((m) => ({ value: m, label: t(`demands.mode.${m}` as MessageKey) }))}
                data-testid="demand-mode"
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="description"
          label={isTech ? t('demands.descriptionTech') : t('demands.description')}
          rules={[{ required: true, whitespace: true, message: t('demands.form.descriptionRequired') }]}
        >
          <Input.TextArea
            autoSize={{ minRows: 3, maxRows: 10 }}
            maxLength={20000}
            data-testid="demand-description-input"
          />
        </Form.Item>
        <Form.Item name="indicators" label={t('demands.indicators')}>
          <Input.TextArea
            autoSize={{ minRows: 2, maxRows: 8 }}
            maxLength={10000}
            data-testid="demand-indicators-input"
          />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={12} sm={8}>
            <Form.Item name="budgetMinWan" label={t('demands.budgetMin')}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="demand-budget-min" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="budgetMaxWan"
              label={t('demands.budgetMax')}
              dependencies={['budgetMinWan']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_r, v: number | null | undefined) => {
                    const min = getFieldValue('budgetMinWan') as number | null | undefined;
                    return v != null && min != null && v < min
                      ? Promise.reject(new Error(t('demands.form.budgetOrder')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber min={0} style={{ width: '100%' }} data-testid="demand-budget-max" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={8}>
            <Form.Item
              name="deadline"
              label={t('demands.deadline')}
              extra={t('demands.deadlineHint')}
              rules={[
                { required: true, message: t('demands.form.deadlineRequired') },
                {
                  validator: (_r, v: Dayjs | undefined) =>
                    v && v.format('YYYY-MM-DD') < today && (!editing || editing.deadline !== v.format('YYYY-MM-DD'))
                      ? Promise.reject(new Error(t('demands.form.deadlinePast')))
                      : Promise.resolve(),
                },
              ]}
            >
              <DatePicker
                style={{ width: '100%' }}
                data-testid="demand-deadline-input"
                disabledDate={(d) => d.format('YYYY-MM-DD') < today}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="ipTerms" label={t('demands.ipTerms')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={5000} data-testid="demand-ip-input" />
        </Form.Item>
        <Form.Item name="themeDayId" label={t('demands.form.themeDay')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            options={(themeDays.data?.items ?? [])
              .filter((d) => d.endDate >= today || d.id === editing?.themeDay?.id)
              .map((d) => ({ value: d.id, label: `${d.title}（${d.startDate}）` }))}
            data-testid="demand-theme-day"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
