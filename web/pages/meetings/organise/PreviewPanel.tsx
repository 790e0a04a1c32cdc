/** The preview of a finished scheduler run: breaks, violations, unscheduled meetings with reasons, every agenda; moving meetings by hand and publishing. */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Checkbox,
  Descriptions,
  Flex,
  Form,
  Popconfirm,
  Select,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingSession, Preview, PublishResult, ScheduleRun } from '../../../api/meetings.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { useT } from '../../../i18n/index.tsx';
import { hm } from '../../../components/meetings/SessionParts.tsx';
import { pair, slotLabel } from '../shared.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

export function PreviewPanel({
  s,
  run,
  onPublished,
}: {
  s: MeetingSession;
  run: ScheduleRun;
  onPublished: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [adjusting, setAdjusting] = useState<{ meetingId: string; label: string; slotIndex: number | null } | null>(
    null,
  );
  const [acceptUnscheduled, setAcceptUnscheduled] = useState(false);
  const [acceptUnfair, setAcceptUnfair] = useState(false);
  const preview = useQuery({
    queryKey: ['meetings', 'preview', run.id],
    queryFn: () => api.get<Preview>(`/schedule-runs/${run.id}/preview`),
    enabled: run.status === 'finished',
  });
  const publish = useMutation({
    mutationFn: () => api.post<PublishResult>(`/schedule-runs/${run.id}/publish`, { acceptUnscheduled, acceptUnfair }),
    onSuccess: async (x) => {
      void message.success(t('meetings.publishedMsg', { placed: x.placed, changed: x.changed }));
      qc.setQueryData(['meetings', 'run', run.id], x.run);
      await qc.invalidateQueries({ queryKey: ['meetings'] });
      onPublished();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  if (run.status === 'published')
    return <Alert type="success" showIcon title={t('meetings.runPublished')} data-testid="run-published" />;
  const p = preview.data;
  const unfair = p?.violations.some((v) => v.code === 'fairness') ?? false;
  return (
    <QueryState isLoading={preview.isLoading} error={preview.error} refetch={() => void preview.refetch()}>
      {p ? (
        <Card title={<h2 className="rt-card-title">{t('meetings.preview')}</h2>} data-testid="run-preview">
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              {
                key: 'b',
                label: t('meetings.totalBreaks'),
                children: <span data-testid="preview-breaks">{p.totalBreaks}</span>,
              },
              { key: 'l', label: t('meetings.lowerBound'), children: p.lowerBound ?? '—' },
              { key: 'u', label: t('meetings.count.unscheduled'), children: p.unscheduled.length },
            ]}
          />
          {p.violations.length ? (
            <Alert
              type={p.publishable ? 'warning' : 'error'}
              showIcon
              style={{ margin: '12px 0' }}
              title={p.publishable ? t('meetings.softViolations') : t('meetings.hardViolations')}
              description={
                <ul style={{ margin: 0, paddingInlineStart: 20 }}>
                  {p.violations.map((v, i) => (
                    <li key={i}>
                      {v.message}
                      {v.detail ? `（${v.detail}）` : ''}
                    </li>
                  ))}
                </ul>
              }
            />
          ) : (
            <Alert type="success" showIcon style={{ margin: '12px 0' }} title={t('meetings.noViolations')} />
          )}
          {p.unscheduled.length ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('meetings.unscheduledTitle')}
              </Typography.Title>
              <Table
                rowKey="meetingId"
                size="small"
                pagination={false}
                dataSource={p.unscheduled}
                scroll={{ x: 600 }}
                data-testid="preview-unscheduled"
                columns={[
                  { title: t('meetings.parties'), key: 'p', render: (_: unknown, u) => pair(u.participants) },
                  { title: t('common.reason'), key: 'r', render: (_: unknown, u) => u.reason.message },
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, u) => (
                      <Button
                        size="small"
                        onClick={() =>
                          setAdjusting({ meetingId: u.meetingId, label: pair(u.participants), slotIndex: null })
                        }
                        aria-label={`${t('meetings.adjust')} ${pair(u.participants)}`}
                      >
                        {t('meetings.placeByHand')}
                      </Button>
                    ),
                  },
                ]}
              />
            </>
          ) : null}
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('meetings.agendas')}
          </Typography.Title>
          <Table
            rowKey={(a) => a.participant.participantId}
            size="small"
            dataSource={p.agendas}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 700 }}
            data-testid="preview-agendas"
            columns={[
              {
                title: t('meetings.participant'),
                key: 'p',
                width: 220,
                render: (_: unknown, a) => (
                  <div>
                    <Typography.Text strong>{a.participant.organisationName}</Typography.Text>
                    <div className="rt-muted">{a.participant.name}</div>
                  </div>
                ),
              },
              {
                title: t('meetings.breaks'),
                dataIndex: 'breaks',
                key: 'b',
                width: 80,
                align: 'right',
                render: (v: number) => (v > 0 ? <ToneTag tone="orange">{v}</ToneTag> : v),
              },
              {
                title: t('meetings.tab.agenda'),
                key: 'i',
                render: (_: unknown, a) => (
                  <Flex gap={6} wrap>
                    {a.items.map((it) => (
                      <Button
                        key={it.meetingId}
                        size="small"
                        onClick={() =>
                          setAdjusting({
                            meetingId: it.meetingId,
                            label: `${a.participant.organisationName} × ${it.counterpart.organisationName}`,
                            slotIndex: it.slotIndex,
                          })
                        }
                        aria-label={`${t('meetings.adjust')} ${hm(it.startsAt)} ${it.counterpart.organisationName}`}
                      >
                        {hm(it.startsAt)} {it.location?.label ?? ''} · {it.counterpart.organisationName}
                      </Button>
                    ))}
                  </Flex>
                ),
              },
            ]}
          />
          <Flex gap={16} align="center" wrap style={{ marginTop: 16 }}>
            {p.unscheduled.length ? (
              <Checkbox
                checked={acceptUnscheduled}
                onChange={(e) => setAcceptUnscheduled(e.target.checked)}
                data-testid="accept-unscheduled"
              >
                {t('meetings.acceptUnscheduled', { n: p.unscheduled.length })}
              </Checkbox>
            ) : null}
            {unfair ? (
              <Checkbox checked={acceptUnfair} onChange={(e) => setAcceptUnfair(e.target.checked)}>
                {t('meetings.acceptUnfair')}
              </Checkbox>
            ) : null}
            <Popconfirm
              title={s.publishedAt ? t('meetings.republishConfirm') : t('meetings.publishConfirm')}
              onConfirm={() => publish.mutate()}
              okButtonProps={{ 'data-testid': 'publish-confirm' }}
            >
              <Button
                type="primary"
                disabled={
                  !run.abilities.publish ||
                  !p.publishable ||
                  (p.unscheduled.length > 0 && !acceptUnscheduled) ||
                  (unfair && !acceptUnfair)
                }
                loading={publish.isPending}
                data-testid="run-publish"
              >
                {t('meetings.publish')}
              </Button>
            </Popconfirm>
          </Flex>
          {adjusting ? (
            <AdjustModal s={s} runId={run.id} target={adjusting} onClose={() => setAdjusting(null)} />
          ) : null}
        </Card>
      ) : null}
    </QueryState>
  );
}

function AdjustModal({
  s,
  runId,
  target,
  onClose,
}: {
  s: MeetingSession;
  runId: string;
  target: { meetingId: string; label: string; slotIndex: number | null };
  onClose: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  // slotIndex -1: take the meeting out of the schedule.
  const [form] = Form.useForm<{ slotIndex: number; location?: number }>();
  const capacity = s.tables + s.onlineRooms;
  const adjust = useMutation({
    mutationFn: (v: { slotIndex: number; location?: number }) =>
      api.post<Preview>(`/schedule-runs/${runId}/adjustments`, {
        meetingId: target.meetingId,
        slotIndex: v.slotIndex === -1 ? null : v.slotIndex,
        ...(v.location ? { location: v.location } : {}),
      }),
    onSuccess: (p) => {
      qc.setQueryData(['meetings', 'preview', runId], p);
      void message.success(t('meetings.adjusted'));
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const locLabel = (l: number) =>
    l <= s.tables ? t('meetings.tableN', { n: l }) : t('meetings.roomN', { n: l - s.tables });
  return (
    <GuardedModal
      form={form}
      open
      title={t('meetings.adjustTitle', { label: target.label })}
      onOk={() => form.submit()}
      okButtonProps={{ loading: adjust.isPending }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ slotIndex: target.slotIndex ?? -1 }}
        onFinish={(v) => adjust.mutate(v)}
      >
        <Form.Item name="slotIndex" label={t('meetings.slot')} rules={[{ required: true }]}>
          <Select
            options={[
              { value: -1, label: t('meetings.unplace') },
              ...s.slots.map((x) => ({ value: x.index, label: slotLabel(x) })),
            ]}
          />
        </Form.Item>
        <Form.Item name="location" label={t('meetings.location')} extra={t('meetings.locationAuto')}>
          <Select
            allowClear
            options={Array.from({ length: capacity }, (_, i) => ({ value: i + 1, label: locLabel(i + 1) }))}
          />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
