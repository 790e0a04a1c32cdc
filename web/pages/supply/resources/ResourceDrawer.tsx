/** The drawer to create or edit an open resource (save as draft or publish). */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Flex, Form, Input, InputNumber, Select, Space, Switch } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { PRICE_MODELS, QUOTA_PERIODS, RESOURCE_TYPES, type Resource } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { RegionCascader } from '../../../components/RegionSelect.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useSubmissionKey } from '../../../hooks/useSubmissionKey.ts';
import { ThemeDaySelect } from '../shared.tsx';

interface ResourceForm {
  type: string;
  title: string;
  description: string;
  regionCode?: string | null;
  location?: string;
  conditions?: string;
  priceModel: string;
  priceNote?: string;
  quota?: number | null;
  quotaPeriod: string;
  graduateTeams: boolean;
  themeDayId?: string | null;
}

/** Publish or edit a resource; server field errors land on the fields. */
export function ResourceDrawer({
  editing,
  open,
  onClose,
}: {
  editing: Resource | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ResourceForm>();
  const [error, setError] = useState<string | null>(null);
  // Opening the drawer (again, or for another resource) starts without the last error.
  const [shown, setShown] = useState({ open, editing });
  if (shown.open !== open || shown.editing !== editing) {
    setShown({ open, editing });
    if (open) setError(null);
  }
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    if (editing) {
      form.setFieldsValue({
        type: editing.type,
        title: editing.title,
        description: editing.description,
        regionCode: editing.regionCode,
        location: editing.location ?? '',
        conditions: editing.conditions ?? '',
        priceModel: editing.priceModel,
        priceNote: editing.priceNote ?? '',
        quota: editing.quota,
        quotaPeriod: editing.quotaPeriod,
        graduateTeams: editing.graduateTeams,
        themeDayId: editing.themeDay?.id ?? null,
      });
    }
  }, [open, editing, form]);
  const submission = useSubmissionKey();
  const m = useMutation({
    mutationFn: async ({ v, publish }: { v: ResourceForm; publish: boolean }) => {
      const body = { ...v, quota: v.quota ?? null, regionCode: v.regionCode || null, themeDayId: v.themeDayId || null };
      // One key per submission: a double click or a retry with the same values creates (and publishes) once.
      const key = submission.keyFor({ body, publish });
      const saved = editing
        ? await api.patch<Resource>(`/resources/${editing.id}`, body, { idempotencyKey: key })
        : await api.post<Resource>('/resources', body, { idempotencyKey: key });
      return publish && saved.abilities.publish
        ? api.post<Resource>(`/resources/${saved.id}/publish`, {}, { idempotencyKey: `${key}-publish` })
        : saved;
    },
    onSuccess: (r) => {
      submission.done();
      void message.success(r.status === 'published' && !editing ? t('supply.resource.publishedOk') : t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['resources'] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  const go = (publish: boolean) => {
    setError(null);
    form
      .validateFields()
      .then((v) => m.mutate({ v, publish }))
      .catch(() => setError(t('common.fixFields')));
  };
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('supply.resource.editTitle') : t('supply.resource.createTitle')}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      footer={
        <Space wrap>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button onClick={() => go(false)} loading={m.isPending} data-testid="resource-save">
            {editing ? t('common.save') : t('supply.resource.saveDraft')}
          </Button>
          {!editing || editing.status === 'draft' ? (
            <Button type="primary" onClick={() => go(true)} loading={m.isPending} data-testid="resource-publish">
              {t('supply.resource.saveAndPublish')}
            </Button>
          ) : null}
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        initialValues={{ type: 'scenario', priceModel: 'free', quotaPeriod: 'total', graduateTeams: false }}
        requiredMark
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="type"
            label={t('supply.resource.type')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 160 }}
          >
            <Select
              data-testid="resource-type"
              options={RESOURCE_TYPES.map((k) => ({ value: k, label: t(`supply.resourceType.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('supply.resource.title')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: 2,
                message: t('common.required', { field: t('supply.resource.title') }),
              },
            ]}
            style={{ flex: 3, minWidth: 240 }}
          >
            <Input maxLength={200} data-testid="resource-title" />
          </Form.Item>
        </Flex>
        <Form.Item
          name="description"
          label={t('supply.resource.description')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('common.required', { field: t('supply.resource.description') }),
            },
          ]}
        >
          <Input.TextArea rows={4} maxLength={10000} showCount data-testid="resource-description" />
        </Form.Item>
        <Form.Item name="conditions" label={t('supply.resource.conditions')}>
          <Input.TextArea rows={2} maxLength={5000} />
        </Form.Item>
        <Flex gap={12} wrap>
          <Form.Item
            name="regionCode"
            label={t('common.region')}
            extra={t('supply.resource.regionHelp')}
            style={{ flex: 1, minWidth: 220 }}
          >
            <RegionCascader />
          </Form.Item>
          <Form.Item name="location" label={t('supply.resource.location')} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="priceModel"
            label={t('supply.resource.priceModel')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 140 }}
          >
            <Select
              options={PRICE_MODELS.map((k) => ({ value: k, label: t(`supply.priceModel.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item name="priceNote" label={t('supply.resource.priceNote')} style={{ flex: 2, minWidth: 220 }}>
            <Input maxLength={500} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="quota"
            label={t('supply.resource.quota')}
            extra={t('supply.resource.quotaHelp')}
            style={{ flex: 1, minWidth: 140 }}
          >
            <InputNumber min={1} max={1000000} precision={0} style={{ width: '100%' }} data-testid="resource-quota" />
          </Form.Item>
          <Form.Item name="quotaPeriod" label={t('supply.resource.quotaPeriod')} style={{ flex: 1, minWidth: 140 }}>
            <Select
              options={QUOTA_PERIODS.map((k) => ({ value: k, label: t(`supply.quotaPeriod.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item
            name="themeDayId"
            label={t('supply.themeDay')}
            extra={t('supply.themeDayHelp')}
            style={{ flex: 2, minWidth: 220 }}
          >
            <ThemeDaySelect />
          </Form.Item>
        </Flex>
        <Form.Item name="graduateTeams" label={t('supply.resource.graduateTeams')} valuePropName="checked">
          <Switch />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
