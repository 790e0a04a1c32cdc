/**
 * Create or edit a session (host staff): type, format, Beijing times, venue and capacities (the server
 * enforces the activity plan's head-count limit and the venue), online channel, registration window and
 * the custom questions. Server field errors land on the fields.
 */
import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, InputNumber, Row, Select, Space } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type {
  EventSession,
  ManagedThemeDay,
  QuestionType,
  SessionBody,
  SessionKind,
  SessionMode,
} from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';
import { useFormGuard } from '../../hooks/useUnsavedChangesGuard.ts';

const KINDS: SessionKind[] = ['opening', 'roadshow', 'seminar', 'docking', 'exhibition'];
const MODES: SessionMode[] = ['offline', 'online', 'hybrid'];
const QTYPES: QuestionType[] = ['text', 'textarea', 'single', 'multiple', 'number', 'boolean'];

interface FormQuestion {
  key: string;
  label: string;
  type: QuestionType;
  required?: boolean;
  options?: string;
}
interface Values extends Omit<SessionBody, 'questions'> {
  questions: FormQuestion[];
}

/** ISO instant → 'YYYY-MM-DDTHH:mm' in Beijing time, what <input type="datetime-local"> shows. */
function toLocal(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16);
}

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;

export function SessionFormPage() {
  const { themeDayId, id } = useParams();
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const guard = useFormGuard();
  const [formError, setFormError] = useState<string | null>(null);
  const existing = useQuery({
    queryKey: ['events', 'session', id],
    queryFn: () => api.get<EventSession>(`/event-sessions/${id}`),
    enabled: !!id,
  });
  const s = existing.data;
  const managed = useQuery({
    queryKey: ['events', 'managed'],
    queryFn: () => api.get<Page<ManagedThemeDay>>('/event-theme-days', { pageSize: 100 }),
    enabled: !id,
  });
  const limit = s?.headcountLimit ?? managed.data?.items.find((d) => d.id === themeDayId)?.headcountLimit ?? null;
  const mode = Form.useWatch('mode', form);
  useEffect(() => {
    if (!s) return;
    form.setFieldsValue({
      title: s.title,
      kind: s.kind,
      mode: s.mode,
      description: s.description ?? '',
      startsAt: toLocal(s.startsAt),
      endsAt: toLocal(s.endsAt),
      venue: s.venue ?? '',
      venueCapacity: s.venueCapacity,
      capacity: s.capacity,
      onlineLimit: s.onlineLimit,
      onlineChannel: s.onlineChannel ?? '',
      registrationOpensAt: toLocal(s.registrationOpensAt),
      registrationClosesAt: toLocal(s.registrationClosesAt),
      questions: s.questions.map((q) => ({ ...q, options: (q.options ?? []).join('、') })),
    });
  }, [s, form]);

  const submission = useSubmissionKey();
  const save = useMutation({
    mutationFn: (v: Values) => {
      const body: SessionBody = {
        ...v,
        description: v.description ?? '',
        venue: v.venue ?? '',
        onlineChannel: v.onlineChannel ?? '',
        venueCapacity: v.venueCapacity ?? null,
        capacity: v.capacity ?? null,
        onlineLimit: v.onlineLimit ?? null,
        questions: (v.questions ?? []).map((q) => ({
          key: q.key,
          label: q.label,
          type: q.type,
          required: !!q.required,
          ...(q.type === 'single' || q.type === 'multiple'
            ? {
                options: (q.options ?? '')
                  .split(/[、,，;；\n]/)
                  .map((o) => o.trim())
                  .filter(Boolean),
              }
            : {}),
        })),
      };
      // One key per submission: a double click or a retry with the same values creates one session.
      const idem = { idempotencyKey: submission.keyFor(body) };
      return id
        ? api.patch<EventSession>(`/event-sessions/${id}`, body, idem)
        : api.post<EventSession>(`/theme-days/${themeDayId}/sessions`, body, idem);
    },
    onSuccess: async (r) => {
      guard.saved();
      submission.done();
      void message.success(t('events.saved'));
      await qc.invalidateQueries({ queryKey: ['events'] });
      void navigate(`/workspace/events/sessions/${r.id}`);
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setFormError(errorMessage(e));
    },
  });

  const dt = (name: keyof Values, label: string) => (
    <Form.Item
      name={name}
      label={label}
      rules={[
        { required: true, message: t('common.required') },
        { pattern: LOCAL_RE, message: 'YYYY-MM-DDTHH:mm' },
      ]}
    >
      <Input type="datetime-local" />
    </Form.Item>
  );

  return (
    <QueryState isLoading={!!id && existing.isLoading} error={existing.error} refetch={() => void existing.refetch()}>
      <PageHeader
        title={id ? t('events.formEdit') : t('events.formNew')}
        subtitle={s ? `${s.title} · ${s.themeDay.title}` : undefined}
        extra={
          <LinkButton to={id ? `/workspace/events/sessions/${id}` : '/workspace/events?tab=manage'}>
            {t('common.back')}
          </LinkButton>
        }
      />
      <Card>
        <Form<Values>
          form={form}
          onValuesChange={guard.onValuesChange}
          layout="vertical"
          style={{ maxWidth: 880 }}
          initialValues={{ kind: 'docking', mode: 'offline', questions: [] }}
          onFinish={(v) => {
            setFormError(null);
            save.mutate(v);
          }}
          scrollToFirstError
          data-testid="session-form"
        >
          <Form.Item
            name="title"
            label={t('events.f.title')}
            rules={[{ required: true, message: t('common.required') }, { max: 200 }]}
          >
            <Input data-testid="f-title" />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              <Form.Item name="kind" label={t('events.f.kind')} rules={[{ required: true }]}>
                <Select options={KINDS.map((k) => ({ value: k, label: t(`events.kind.${k}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12}>
              <Form.Item name="mode" label={t('events.f.mode')} rules={[{ required: true }]}>
                <Select options={MODES.map((k) => ({ value: k, label: t(`events.mode.${k}`) }))} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="description" label={t('events.f.description')}>
            <Input.TextArea rows={3} maxLength={5000} showCount />
          </Form.Item>
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              {dt('startsAt', t('events.f.startsAt'))}
            </Col>
            <Col xs={24} sm={12}>
              {dt('endsAt', t('events.f.endsAt'))}
            </Col>
          </Row>
          {mode !== 'online' ? (
            <Row gutter={16}>
              <Col xs={24} sm={12}>
                <Form.Item name="venue" label={t('events.f.venue')}>
                  <Input maxLength={500} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="venueCapacity" label={t('events.f.venueCapacity')}>
                  <InputNumber min={1} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
              <Col xs={12} sm={6}>
                <Form.Item name="capacity" label={t('events.f.capacity')}>
                  <InputNumber min={1} style={{ width: '100%' }} data-testid="f-capacity" />
                </Form.Item>
              </Col>
              {limit ? (
                <Col span={24}>
                  <div className="rt-muted" style={{ marginTop: -12, marginBottom: 16 }} data-testid="capacity-hint">
                    {t('events.f.capacityHint', { n: limit })}
                  </div>
                </Col>
              ) : null}
            </Row>
          ) : null}
          {mode !== 'offline' ? (
            <Row gutter={16}>
              <Col xs={24} sm={16}>
                <Form.Item
                  name="onlineChannel"
                  label={t('events.f.onlineChannel')}
                  extra={t('events.f.onlineChannelHint')}
                >
                  <Input maxLength={1000} />
                </Form.Item>
              </Col>
              <Col xs={24} sm={8}>
                <Form.Item name="onlineLimit" label={t('events.f.onlineLimit')}>
                  <InputNumber min={1} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            </Row>
          ) : null}
          <Row gutter={16}>
            <Col xs={24} sm={12}>
              {dt('registrationOpensAt', t('events.f.opensAt'))}
            </Col>
            <Col xs={24} sm={12}>
              {dt('registrationClosesAt', t('events.f.closesAt'))}
            </Col>
          </Row>
          <Form.List name="questions">
            {(fields, { add, remove }) => (
              <Card size="small" title={t('events.f.questions')} style={{ marginBottom: 16 }}>
                {fields.map((f, i) => (
                  <Row key={f.key} gutter={8} align="top">
                    <Col xs={12} sm={4}>
                      <Form.Item
                        name={[f.name, 'key']}
                        label={t('events.f.qKey')}
                        rules={[{ required: true, pattern: /^[a-zA-Z][a-zA-Z0-9_]{0,39}$/, message: 'a-z, 0-9, _' }]}
                      >
                        <Input aria-label={`${t('events.f.qKey')} ${i + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={7}>
                      <Form.Item
                        name={[f.name, 'label']}
                        label={t('events.f.qLabel')}
                        rules={[{ required: true, message: t('common.required') }]}
                      >
                        <Input aria-label={`${t('events.f.qLabel')} ${i + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={4}>
                      <Form.Item name={[f.name, 'type']} label={t('events.f.qType')} initialValue="text">
                        <Select
                          aria-label={`${t('events.f.qType')} ${i + 1}`}
                          options={QTYPES.map((k) => ({ value: k, label: t(`events.q.${k}`) }))}
                        />
                      </Form.Item>
                    </Col>
                    <Col xs={12} sm={5}>
                      <Form.Item name={[f.name, 'options']} label={t('events.f.qOptions')}>
                        <Input aria-label={`${t('events.f.qOptions')} ${i + 1}`} />
                      </Form.Item>
                    </Col>
                    <Col xs={18} sm={3}>
                      <Form.Item name={[f.name, 'required']} valuePropName="checked" label=" ">
                        <Checkbox>{t('events.f.qRequired')}</Checkbox>
                      </Form.Item>
                    </Col>
                    <Col xs={6} sm={1}>
                      <Form.Item label=" ">
                        <Button
                          type="text"
                          danger
                          icon={<MinusCircleOutlined />}
                          aria-label={`${t('events.f.removeQuestion')} ${i + 1}`}
                          onClick={() => remove(f.name)}
                        />
                      </Form.Item>
                    </Col>
                  </Row>
                ))}
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ type: 'text', required: false })}>
                  {t('events.f.addQuestion')}
                </Button>
              </Card>
            )}
          </Form.List>
          {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
          <Space>
            <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="session-save">
              {t('common.save')}
            </Button>
          </Space>
        </Form>
      </Card>
    </QueryState>
  );
}
