/**
 * The registration form (/workspace/events/register/:sessionId): the session's custom questions, the
 * registrant and the organisation they register with, then the confirmation — registered with the
 * check-in code, or waitlisted with the position.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { AnswerValue, Attendance, EventSession, Question, Registration } from '../../api/events.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { SessionFacts } from './SessionFacts.tsx';

/** One answer field; Form.Item injects id/value/onChange, which go to the real input (label + binding). */
function QuestionInput({ q, ...rest }: { q: Question; id?: string; value?: unknown; onChange?: (v: unknown) => void }) {
  const t = useT();
  const p = rest as Record<string, never>;
  switch (q.type) {
    case 'textarea':
      return <Input.TextArea rows={3} maxLength={2000} showCount {...p} />;
    case 'number':
      return <InputNumber style={{ width: '100%' }} {...p} />;
    case 'boolean':
      return (
        <Radio.Group
          {...p}
          options={[
            { value: true, label: t('events.yes') },
            { value: false, label: t('events.no') },
          ]}
        />
      );
    case 'single':
      return (
        <Select
          placeholder={t('events.selectPlaceholder')}
          options={(q.options ?? []).map((o) => ({ value: o, label: o }))}
          {...p}
        />
      );
    case 'multiple':
      return <Checkbox.Group options={(q.options ?? []).map((o) => ({ value: o, label: o }))} {...p} />;
    default:
      return <Input maxLength={2000} {...p} />;
  }
}

interface Values {
  attendance?: Attendance;
  answers?: Record<string, AnswerValue | undefined>;
}

export function RegisterPage() {
  const { sessionId } = useParams();
  const t = useT();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [form] = Form.useForm<Values>();
  const [done, setDone] = useState<Registration | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const q = useQuery({
    queryKey: ['events', 'session', sessionId],
    queryFn: () => api.get<EventSession>(`/event-sessions/${sessionId}`),
  });
  const s = q.data;
  const attendance = Form.useWatch('attendance', form) ?? (s?.mode === 'online' ? 'online' : 'offline');
  const register = useMutation({
    mutationFn: (v: Values) =>
      api.post<Registration>(`/event-sessions/${sessionId}/registrations`, {
        ...(s?.mode === 'hybrid' ? { attendance: v.attendance ?? 'offline' } : {}),
        answers: Object.fromEntries(
          Object.entries(v.answers ?? {}).filter(([, x]) => x !== undefined && x !== null && x !== ''),
        ),
      }),
    onSuccess: async (r) => {
      setDone(r);
      await qc.invalidateQueries({ queryKey: ['events'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setFormError(errorMessage(e));
    },
  });
  const org = me?.memberships.find((m) => m.organisationId === me.activeOrganisationId);
  const part = s ? (attendance === 'online' ? s.online : s.offline) : null;
  const full = part?.remaining === 0;

  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      {s ? (
        <>
          <PageHeader
            title={t('events.registerTitle', { title: s.title })}
            subtitle={s.themeDay.title}
            extra={<LinkButton to={`/sessions/${s.id}`}>{t('events.backToSession')}</LinkButton>}
          />
          {done ? (
            <Card data-testid="register-done">
              <Result
                status={done.status === 'registered' ? 'success' : 'info'}
                title={
                  done.status === 'registered'
                    ? t('events.doneRegistered')
                    : t('events.doneWaitlisted', { n: done.waitlistPosition ?? 0 })
                }
                subTitle={
                  done.status === 'registered'
                    ? t('events.doneRegisteredSub', { code: done.code ?? '' })
                    : t('events.doneWaitlistedSub')
                }
                extra={[
                  <LinkButton
                    key="pass"
                    type="primary"
                    to={`/workspace/events/passes/${done.id}`}
                    data-testid="done-pass"
                  >
                    {t('events.pass')}
                  </LinkButton>,
                  <LinkButton key="mine" to="/workspace/events">
                    {t('events.tab.mine')}
                  </LinkButton>,
                  <LinkButton key="back" to={`/sessions/${s.id}`}>
                    {t('events.backToSession')}
                  </LinkButton>,
                ]}
              />
            </Card>
          ) : s.myRegistration && s.myRegistration.status !== 'cancelled' ? (
            <Alert
              type="info"
              showIcon
              title={t('events.alreadyRegistered')}
              action={
                <LinkButton to={`/workspace/events/passes/${s.myRegistration.id}`} type="primary">
                  {t('events.pass')}
                </LinkButton>
              }
            />
          ) : s.registrationState !== 'open' ? (
            <Alert
              type="warning"
              showIcon
              title={t('events.notOpen')}
              description={t(`events.state.${s.registrationState}`)}
            />
          ) : (
            <>
              <Card style={{ marginBottom: 16 }}>
                <SessionFacts s={s} />
              </Card>
              <Card>
                <Form<Values>
                  form={form}
                  layout="vertical"
                  style={{ maxWidth: 640 }}
                  initialValues={{ attendance: s.mode === 'online' ? 'online' : 'offline', answers: {} }}
                  onFinish={(v) => {
                    setFormError(null);
                    register.mutate(v);
                  }}
                  onValuesChange={() => setFormError(null)}
                  data-testid="register-form"
                >
                  <Descriptions column={1} size="small" style={{ marginBottom: 16 }}>
                    <Descriptions.Item label={t('events.registrant')}>{me?.user.name}</Descriptions.Item>
                    <Descriptions.Item label={t('events.organisation')}>
                      {org?.organisationName ?? t('events.noOrganisation')}
                    </Descriptions.Item>
                  </Descriptions>
                  <Alert type="info" title={t('events.orgHint')} style={{ marginBottom: 16 }} />
                  {s.mode === 'hybrid' ? (
                    <Form.Item name="attendance" label={t('events.attendance')} rules={[{ required: true }]}>
                      <Radio.Group
                        optionType="button"
                        options={[
                          { value: 'offline', label: t('events.attendance.offline') },
                          { value: 'online', label: t('events.attendance.online') },
                        ]}
                      />
                    </Form.Item>
                  ) : null}
                  {s.questions.map((qq) => (
                    <Form.Item
                      key={qq.key}
                      name={['answers', qq.key]}
                      label={qq.label}
                      rules={qq.required ? [{ required: true, message: t('common.required') }] : []}
                      data-testid={`answer-${qq.key}`}
                    >
                      <QuestionInput q={qq} />
                    </Form.Item>
                  ))}
                  {full ? (
                    <Alert
                      type="warning"
                      showIcon
                      title={t('events.fullNotice')}
                      style={{ marginBottom: 16 }}
                      data-testid="full-notice"
                    />
                  ) : null}
                  {formError ? <Alert type="error" showIcon title={formError} style={{ marginBottom: 16 }} /> : null}
                  <Space>
                    <Button
                      type="primary"
                      htmlType="submit"
                      size="large"
                      loading={register.isPending}
                      data-testid="register-submit"
                    >
                      {full ? t('events.submitWaitlist') : t('events.submitRegistration')}
                    </Button>
                  </Space>
                </Form>
              </Card>
            </>
          )}
        </>
      ) : null}
    </QueryState>
  );
}
