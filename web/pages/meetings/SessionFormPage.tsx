/**
 * Create or edit a meeting session. A session is one day of the theme day: a morning and an afternoon block of
 * equal-length slots (Beijing time), numbered tables and/or online rooms, and the mode (self-booking or
 * organiser scheduling). Slots and mode are fixed once created (the server takes only the other settings).
 */
import { useMemo } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Row,
  Select,
  Space,
  TimePicker,
  Typography,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { addDays } from '../../../common/time.ts';
import { api, isApiError } from '../../api/client.ts';
import type { MeetingSession, OrganisableThemeDay } from '../../api/meetings.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { fmtDate } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { sessionPath } from '../../components/meetings/SessionParts.tsx';
import { useSession } from './shared.tsx';
import { useFormGuard } from '../../hooks/useUnsavedChangesGuard.ts';
import { useSubmissionKey } from '../../hooks/useSubmissionKey.ts';

interface Values {
  themeDayId: string;
  title: string;
  mode: 'self_booking' | 'organiser';
  date: string;
  minutes: number;
  morningStart: Dayjs | null;
  morningCount: number;
  afternoonStart: Dayjs | null;
  afternoonCount: number;
  tables: number;
  onlineRooms: number;
  onlineUrlTemplate?: string;
  venue?: string;
  requestLimit: number;
  requestTtlHours: number;
  fairness: number;
  status?: 'open' | 'closed';
}

/** The Beijing-time slots of a morning and an afternoon block. */
function buildSlots(
  v: Pick<Values, 'date' | 'minutes' | 'morningStart' | 'morningCount' | 'afternoonStart' | 'afternoonCount'>,
) {
  const out: { start: string; minutes: number }[] = [];
  const block = (start: Dayjs | null, n: number) => {
    if (!start || !v.date) return;
    let m = start.hour() * 60 + start.minute();
    for (let i = 0; i < (n || 0); i++, m += v.minutes) {
      if (m + v.minutes > 24 * 60) break;
      out.push({
        start: `${v.date}T${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
        minutes: v.minutes,
      });
    }
  };
  block(v.morningStart, v.morningCount);
  block(v.afternoonStart, v.afternoonCount);
  return out;
}

function datesOf(td: OrganisableThemeDay | undefined): string[] {
  if (!td) return [];
  const out: string[] = [];
  for (let d = td.startDate; d <= td.endDate && out.length < 31; d = addDays(d, 1)) out.push(d);
  return out;
}

export function SessionFormPage() {
  const t = useT();
  const { sessionId } = useParams();
  const editing = !!sessionId;
  const session = useSession(sessionId);
  const organisable = useQuery({
    queryKey: ['meetings', 'organisable'],
    queryFn: () => api.get<{ items: OrganisableThemeDay[] }>('/meeting-sessions/organisable-theme-days'),
    enabled: !editing,
  });
  return (
    <>
      <PageHeader
        title={editing ? t('meetings.editSession') : t('meetings.create')}
        subtitle={editing ? session.data?.title : t('meetings.createSubtitle')}
      />
      <QueryState
        isLoading={editing ? session.isLoading : organisable.isLoading}
        error={editing ? session.error : organisable.error}
      >
        {editing ? (
          session.data ? (
            <SessionForm s={session.data} themeDays={[]} />
          ) : null
        ) : organisable.data?.items.length ? (
          <SessionForm themeDays={organisable.data.items} />
        ) : (
          <Alert type="info" showIcon title={t('meetings.noOrganisable')} />
        )}
      </QueryState>
    </>
  );
}

function SessionForm({ s, themeDays }: { s?: MeetingSession; themeDays: OrganisableThemeDay[] }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [params] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const guard = useFormGuard();
  const initialTd =
    themeDays.find((x) => x.id === params.get('themeDay')) ??
    themeDays.find((x) => x.endDate >= dayjs().format('YYYY-MM-DD')) ??
    themeDays[0];
  const initial: Partial<Values> = s
    ? {
        title: s.title,
        tables: s.tables,
        onlineRooms: s.onlineRooms,
        venue: s.venue ?? undefined,
        requestLimit: s.requestLimit,
        requestTtlHours: s.requestTtlHours,
        fairness: s.fairness,
        status: s.status,
      }
    : {
        themeDayId: initialTd?.id,
        title: t('meetings.defaultTitle'),
        mode: 'organiser',
        date: initialTd?.startDate,
        minutes: 20,
        morningStart: dayjs('2000-01-01T09:00'),
        morningCount: 8,
        afternoonStart: dayjs('2000-01-01T14:00'),
        afternoonCount: 6,
        tables: 10,
        onlineRooms: 0,
        requestLimit: 10,
        requestTtlHours: 48,
        fairness: 2,
      };
  const themeDayId = Form.useWatch('themeDayId', form) ?? initial.themeDayId;
  const watched = Form.useWatch([], form) as Partial<Values> | undefined;
  const td = themeDays.find((x) => x.id === themeDayId);
  const preview = useMemo(
    () =>
      s || !watched
        ? []
        : buildSlots({
            date: watched.date ?? '',
            minutes: watched.minutes ?? 20,
            morningStart: watched.morningStart ?? null,
            morningCount: watched.morningCount ?? 0,
            afternoonStart: watched.afternoonStart ?? null,
            afternoonCount: watched.afternoonCount ?? 0,
          }),
    [watched, s],
  );
  const submission = useSubmissionKey();
  const save = useMutation({
    mutationFn: async (v: Values) => {
      const common = {
        title: v.title,
        tables: v.tables ?? 0,
        onlineRooms: v.onlineRooms ?? 0,
        venue: v.venue?.trim() || (s ? null : undefined),
        onlineUrlTemplate: v.onlineUrlTemplate?.trim() || (s ? null : undefined),
        requestLimit: v.requestLimit,
        requestTtlHours: v.requestTtlHours,
        fairness: v.fairness,
      };
      if (s) {
        const body = { ...common, status: v.status };
        return api.patch<MeetingSession>(`/meeting-sessions/${s.id}`, body, {
          idempotencyKey: submission.keyFor(body),
        });
      }
      const body = { ...common, mode: v.mode, slots: buildSlots(v), afternoonFrom: '12:00' };
      // One key per submission: a double click or a retry with the same values creates one session.
      return api.post<MeetingSession>(`/theme-days/${v.themeDayId}/meeting-sessions`, body, {
        idempotencyKey: submission.keyFor(body),
      });
    },
    onSuccess: async (x) => {
      submission.done();
      guard.saved();
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      void navigate(`${sessionPath(x.id)}/organise`);
    },
    onError: (e) => {
      if (applyServerErrors(form, e)) return;
      // Slot errors name a generated slot ('slots.3.start'), not a form field: show their messages.
      void message.error(
        isApiError(e) ? (e.errors.length ? e.errors.map((x) => x.message).join('；') : e.display) : String(e),
      );
    },
  });
  return (
    <Form<Values>
      form={form}
      onValuesChange={guard.onValuesChange}
      layout="vertical"
      initialValues={initial}
      onFinish={(v) => save.mutate(v)}
      style={{ maxWidth: 960 }}
      data-testid="session-form"
    >
      <Card title={<h2 className="rt-card-title">{t('meetings.basics')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          {!s ? (
            <Col xs={24} md={12}>
              <Form.Item
                name="themeDayId"
                label={t('meetings.themeDay')}
                rules={[{ required: true, message: t('common.selectRequired', { field: t('meetings.themeDay') }) }]}
              >
                <Select
                  options={themeDays.map((x) => ({ value: x.id, label: `${x.title}（${fmtDate(x.startDate)}）` }))}
                  onChange={(id: string) => form.setFieldValue('date', themeDays.find((x) => x.id === id)?.startDate)}
                />
              </Form.Item>
            </Col>
          ) : null}
          <Col xs={24} md={12}>
            <Form.Item
              name="title"
              label={t('meetings.sessionTitle')}
              rules={[
                {
                  required: true,
                  whitespace: true,
                  message: t('common.required', { field: t('meetings.sessionTitle') }),
                },
                { max: 100 },
              ]}
            >
              <Input maxLength={100} data-testid="session-title" />
            </Form.Item>
          </Col>
          {!s ? (
            <Col xs={24}>
              <Form.Item name="mode" label={t('meetings.modeLabel')} rules={[{ required: true }]}>
                <Radio.Group>
                  <Space direction="vertical">
                    <Radio value="organiser">
                      <strong>{t('meetings.mode.organiser')}</strong>{' '}
                      <span className="rt-muted">{t('meetings.modeHelp.organiser')}</span>
                    </Radio>
                    <Radio value="self_booking">
                      <strong>{t('meetings.mode.self_booking')}</strong>{' '}
                      <span className="rt-muted">{t('meetings.modeHelp.self_booking')}</span>
                    </Radio>
                  </Space>
                </Radio.Group>
              </Form.Item>
            </Col>
          ) : (
            <Col xs={24} md={12}>
              <Form.Item name="status" label={t('common.status')}>
                <Radio.Group
                  options={[
                    { value: 'open', label: t('meetings.status.open') },
                    { value: 'closed', label: t('meetings.status.closed') },
                  ]}
                />
              </Form.Item>
            </Col>
          )}
        </Row>
      </Card>
      {!s ? (
        <Card title={<h2 className="rt-card-title">{t('meetings.slots')}</h2>} style={{ marginBottom: 16 }}>
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item
                name="date"
                label={t('meetings.date')}
                rules={[{ required: true }]}
                extra={t('meetings.oneDayHelp')}
              >
                <Select options={datesOf(td).map((d) => ({ value: d, label: fmtDate(d) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="minutes" label={t('meetings.slotMinutes')} rules={[{ required: true }]}>
                <InputNumber min={5} max={240} step={5} style={{ width: '100%' }} suffix={t('meetings.minutes')} />
              </Form.Item>
            </Col>
          </Row>
          <Row gutter={16}>
            <Col xs={12} md={6}>
              <Form.Item name="morningStart" label={t('meetings.morningStart')}>
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="morningCount" label={t('meetings.morningCount')}>
                <InputNumber min={0} max={24} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="afternoonStart" label={t('meetings.afternoonStart')}>
                <TimePicker format="HH:mm" minuteStep={5} needConfirm={false} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
            <Col xs={12} md={6}>
              <Form.Item name="afternoonCount" label={t('meetings.afternoonCount')}>
                <InputNumber min={0} max={24} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          </Row>
          <Typography.Text type="secondary">{t('meetings.slotPreview', { n: preview.length })}</Typography.Text>
          <Flex gap={6} wrap style={{ marginTop: 8 }}>
            {preview.map((p) => {
              const [h, m] = p.start.slice(11).split(':').map(Number) as [number, number];
              const end = h * 60 + m + p.minutes;
              return (
                <span key={p.start} className="rt-meet-chip">
                  {p.start.slice(11)}–{String(Math.floor(end / 60)).padStart(2, '0')}:
                  {String(end % 60).padStart(2, '0')}
                </span>
              );
            })}
          </Flex>
          <style>{`.rt-meet-chip { padding: 2px 8px; border: 1px solid #d9d9d9; border-radius: 4px; background: #fafafa; }`}</style>
        </Card>
      ) : null}
      <Card title={<h2 className="rt-card-title">{t('meetings.places')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={12} md={6}>
            <Form.Item name="tables" label={t('meetings.tables')}>
              <InputNumber min={0} max={500} style={{ width: '100%' }} data-testid="session-tables" />
            </Form.Item>
          </Col>
          <Col xs={12} md={6}>
            <Form.Item name="onlineRooms" label={t('meetings.onlineRooms')}>
              <InputNumber min={0} max={500} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="venue" label={t('meetings.venue')}>
              <Input maxLength={200} />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item
              name="onlineUrlTemplate"
              label={t('meetings.onlineUrlTemplate')}
              extra={t('meetings.onlineUrlHelp')}
              rules={[{ type: 'url', message: t('meetings.urlInvalid') }]}
            >
              <Input maxLength={300} placeholder="https://meeting.example.cn/room/{room}?m={meeting}" />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Card title={<h2 className="rt-card-title">{t('meetings.rules')}</h2>} style={{ marginBottom: 16 }}>
        <Row gutter={16}>
          <Col xs={24} md={8}>
            <Form.Item name="requestLimit" label={t('meetings.requestLimit')} extra={t('meetings.requestLimitField')}>
              <InputNumber min={1} max={200} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="requestTtlHours" label={t('meetings.requestTtl')} extra={t('meetings.requestTtlHelp')}>
              <InputNumber min={1} max={720} style={{ width: '100%' }} suffix={t('meetings.hours')} />
            </Form.Item>
          </Col>
          <Col xs={24} md={8}>
            <Form.Item name="fairness" label={t('meetings.fairness')} extra={t('meetings.fairnessHelp')}>
              <InputNumber min={0} max={20} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Card>
      <Flex gap={12}>
        <Button type="primary" htmlType="submit" loading={save.isPending} data-testid="session-save">
          {s ? t('common.save') : t('meetings.create')}
        </Button>
        <Button onClick={() => void navigate(s ? `${sessionPath(s.id)}/organise` : '/workspace/meetings')}>
          {t('common.cancel')}
        </Button>
      </Flex>
    </Form>
  );
}
