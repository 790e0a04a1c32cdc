/** The drawer to create or edit a docking session (expert seminar or supply–demand docking): agenda, time, venue or online link. */
import { useEffect, useState } from 'react';
import { App as AntApp, Alert, Button, Drawer, Flex, Form, Input, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import { DOCKING_KINDS, type DockingSession } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { ThemeDaySelect } from '../shared.tsx';

/** ISO instant → 'YYYY-MM-DDTHH:mm' Beijing wall-clock for a datetime-local input. */
const toLocal = (iso: string) => new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16);

interface SessionForm {
  kind: string;
  title: string;
  description?: string;
  agenda: { time: string; item: string }[];
  startsAt: string;
  endsAt: string;
  venue?: string;
  onlineLink?: string;
  themeDayId?: string | null;
}

export function SessionDrawer({
  editing,
  open,
  onClose,
}: {
  editing: DockingSession | null;
  open: boolean;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<SessionForm>();
  const [error, setError] = useState<string | null>(null);
  // Opening the drawer (again, or for another session) starts without the last error.
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
        kind: editing.kind,
        title: editing.title,
        description: editing.description ?? '',
        agenda: editing.agenda,
        startsAt: toLocal(editing.startsAt),
        endsAt: toLocal(editing.endsAt),
        venue: editing.venue ?? '',
        onlineLink: editing.onlineLink ?? '',
        themeDayId: editing.themeDay?.id ?? null,
      });
    }
  }, [open, editing, form]);
  const save = useMutation({
    mutationFn: (v: SessionForm) => {
      const body = {
        ...v,
        description: v.description || null,
        venue: v.venue || null,
        onlineLink: v.onlineLink || null,
        themeDayId: v.themeDayId || null,
      };
      return editing
        ? api.patch<DockingSession>(`/docking-sessions/${editing.id}`, body)
        : api.post<DockingSession>('/docking-sessions', body);
    },
    onSuccess: () => {
      void message.success(t('common.saved'));
      void qc.invalidateQueries({ queryKey: ['docking-sessions'] });
      onClose();
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  return (
    <Drawer
      open={open}
      onClose={onClose}
      title={editing ? t('supply.docking.editSession') : t('supply.docking.createSession')}
      size={Math.min(720, window.innerWidth)}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('common.cancel')}</Button>
          <Button type="primary" loading={save.isPending} onClick={() => form.submit()} data-testid="session-save">
            {t('common.save')}
          </Button>
        </Space>
      }
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        requiredMark
        initialValues={{ kind: 'supply_demand', agenda: [{ time: '', item: '' }] }}
        onFinish={(v) => save.mutate(v)}
      >
        <Flex gap={12} wrap>
          <Form.Item
            name="kind"
            label={t('supply.docking.kind')}
            rules={[{ required: true }]}
            style={{ flex: 1, minWidth: 160 }}
          >
            <Select
              options={DOCKING_KINDS.map((k) => ({ value: k, label: t(`supply.dockingKind.${k}` as MessageKey) }))}
            />
          </Form.Item>
          <Form.Item
            name="title"
            label={t('supply.docking.sessionTitle')}
            rules={[
              {
                required: true,
                whitespace: true,
                min: 2,
                message: t('common.required', { field: t('supply.docking.sessionTitle') }),
              },
            ]}
            style={{ flex: 3, minWidth: 240 }}
          >
            <Input maxLength={200} />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="startsAt"
            label={`${t('supply.docking.startsAt')}（${t('common.beijingTime')}）`}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.docking.startsAt') }) }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input type="datetime-local" />
          </Form.Item>
          <Form.Item
            name="endsAt"
            label={`${t('supply.docking.endsAt')}（${t('common.beijingTime')}）`}
            rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.docking.endsAt') }) }]}
            style={{ flex: 1, minWidth: 200 }}
          >
            <Input type="datetime-local" />
          </Form.Item>
        </Flex>
        <Flex gap={12} wrap>
          <Form.Item
            name="venue"
            label={t('supply.docking.venue')}
            extra={t('supply.docking.venueHelp')}
            style={{ flex: 1, minWidth: 220 }}
          >
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="onlineLink" label={t('supply.docking.onlineLink')} style={{ flex: 1, minWidth: 220 }}>
            <Input maxLength={1000} placeholder="https://" />
          </Form.Item>
        </Flex>
        <Form.Item name="themeDayId" label={t('supply.themeDay')} extra={t('supply.themeDayHelp')}>
          <ThemeDaySelect />
        </Form.Item>
        <Form.Item name="description" label={t('supply.docking.description')}>
          <Input.TextArea rows={3} maxLength={10000} />
        </Form.Item>
        <Form.List name="agenda">
          {(fields, { add, remove }) => (
            <fieldset className="rt-fieldset">
              <legend className="rt-legend">{t('supply.docking.agenda')}</legend>
              {fields.map((f, i) => (
                <Flex key={f.key} gap={8} align="baseline" wrap>
                  <Form.Item
                    name={[f.name, 'time']}
                    label={i === 0 ? t('supply.docking.agendaTime') : undefined}
                    aria-label={t('supply.docking.agendaTime')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: t('supply.docking.agendaTime') }),
                      },
                    ]}
                  >
                    <Input
                      placeholder="09:00-09:30"
                      style={{ width: 140 }}
                      aria-label={t('supply.docking.agendaTime')}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'item']}
                    label={i === 0 ? t('supply.docking.agendaItem') : undefined}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('common.required', { field: t('supply.docking.agendaItem') }),
                      },
                    ]}
                    style={{ flex: 1, minWidth: 200 }}
                  >
                    <Input aria-label={t('supply.docking.agendaItem')} />
                  </Form.Item>
                  {fields.length > 1 ? (
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('common.remove')}
                      onClick={() => remove(f.name)}
                    />
                  ) : null}
                </Flex>
              ))}
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                onClick={() => add({ time: '', item: '' })}
                style={{ marginBottom: 8 }}
              >
                {t('supply.docking.addAgenda')}
              </Button>
            </fieldset>
          )}
        </Form.List>
        <Alert type="info" showIcon title={t('supply.docking.registrationHint')} />
      </Form>
    </Drawer>
  );
}
