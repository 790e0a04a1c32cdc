/** My profile (offer/seek) and the slots when I am not available. */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Col, Flex, Form, Row, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingSession, Participant } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { slotLabel } from '../shared.tsx';
import { ProfileFields } from './ProfileFields.tsx';

export function AvailabilityTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const me = useQuery({
    queryKey: ['meetings', 'me', s.id],
    queryFn: async () => {
      // The directory entry of the caller carries their unavailable slots.
      const r = await api.get<Page<Participant>>(`/meeting-sessions/${s.id}/participants`, { pageSize: 100 });
      return r.items.find((p) => p.id === s.myParticipantId) ?? null;
    },
  });
  const [draft, setDraft] = useState<number[] | null>(null);
  const value = draft ?? me.data?.unavailableSlots ?? [];
  const save = useMutation({
    mutationFn: () =>
      api.put<Participant>(`/meeting-sessions/${s.id}/participants/me/availability`, { unavailableSlots: value }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      setDraft(null);
      await qc.invalidateQueries({ queryKey: ['meetings', 'me', s.id] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const parts = (['morning', 'afternoon'] as const)
    .map((p) => ({ part: p, slots: s.slots.filter((x) => x.part === p) }))
    .filter((g) => g.slots.length);
  return (
    <QueryState isLoading={me.isLoading} error={me.error}>
      {me.data ? <ProfileCard s={s} me={me.data} /> : null}
      <Typography.Title level={2} style={{ fontSize: 16 }}>
        {t('meetings.unavailableTitle')}
      </Typography.Title>
      <Typography.Paragraph className="rt-muted">{t('meetings.availabilityHelp')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {parts.map((g) => (
          <Col xs={24} md={12} key={g.part}>
            <Card size="small" title={<h2 className="rt-card-title">{t(`meetings.part.${g.part}` as MessageKey)}</h2>}>
              <div className="rt-meet-slotgrid" role="group" aria-label={t(`meetings.part.${g.part}` as MessageKey)}>
                {g.slots.map((x) => {
                  const off = value.includes(x.index);
                  return (
                    <Checkbox
                      key={x.index}
                      checked={!off}
                      onChange={(e) =>
                        setDraft(
                          e.target.checked
                            ? value.filter((v) => v !== x.index)
                            : [...value, x.index].sort((a, b) => a - b),
                        )
                      }
                      data-testid={`slot-${x.index}`}
                      className={off ? 'rt-meet-slot-off' : 'rt-meet-slot-on'}
                    >
                      {slotLabel(x)}
                    </Checkbox>
                  );
                })}
              </div>
            </Card>
          </Col>
        ))}
      </Row>
      <Flex gap={12} align="center" style={{ marginTop: 16 }} wrap>
        <Button
          type="primary"
          disabled={draft === null}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="availability-save"
        >
          {t('meetings.saveSlots')}
        </Button>
        <span className="rt-muted">{t('meetings.unavailableCount', { n: value.length, total: s.slots.length })}</span>
      </Flex>
      <style>{`.rt-meet-slotgrid { display: grid; grid-template-columns: repeat(auto-fill, minmax(130px, 1fr)); gap: 8px; }
.rt-meet-slotgrid .ant-checkbox-wrapper { margin: 0; padding: 6px 8px; border: 1px solid #d9d9d9; border-radius: 6px; }
.rt-meet-slot-off { background: #f5f5f5; text-decoration: line-through; color: rgba(0,0,0,.62); }
.rt-meet-slot-on { background: #f6ffed; }`}</style>
    </QueryState>
  );
}

function ProfileCard({ s, me }: { s: MeetingSession; me: Participant }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ offer?: string; seek?: string }>();
  const save = useMutation({
    mutationFn: (v: { offer?: string; seek?: string }) =>
      api.put<Participant>(`/meeting-sessions/${s.id}/participants/me/profile`, {
        offer: v.offer?.trim() || null,
        seek: v.seek?.trim() || null,
      }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
    },
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('meetings.profile')}</h2>} style={{ marginBottom: 16 }}>
      <Form
        form={form}
        layout="vertical"
        initialValues={{ offer: me.offer ?? '', seek: me.seek ?? '' }}
        onFinish={(v) => save.mutate(v)}
      >
        <ProfileFields />
        <Button htmlType="submit" loading={save.isPending} data-testid="profile-save">
          {t('common.save')}
        </Button>
      </Form>
    </Card>
  );
}
