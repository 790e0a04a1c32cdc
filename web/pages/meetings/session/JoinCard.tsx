/** The session's facts and the join form, shown to someone who has not joined yet. */
import { App as AntApp, Alert, Button, Card, Descriptions, Flex, Form } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingSession, Participant } from '../../../api/meetings.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useMe } from '../../../hooks/useMe.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { sessionWhen } from '../../../components/meetings/SessionParts.tsx';
import { ProfileFields } from './ProfileFields.tsx';

export function JoinCard({ s }: { s: MeetingSession }) {
  const t = useT();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const org = me?.memberships.find((m) => m.organisationId === me.activeOrganisationId);
  const [form] = Form.useForm<{ offer?: string; seek?: string }>();
  const join = useMutation({
    mutationFn: () => {
      const v = form.getFieldsValue();
      return api.post<Participant>(`/meeting-sessions/${s.id}/participants`, {
        offer: v.offer?.trim() || null,
        seek: v.seek?.trim() || null,
      });
    },
    onSuccess: async () => {
      void message.success(t('meetings.joined'));
      await qc.invalidateQueries({ queryKey: ['meetings'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <Card title={<h2 className="rt-card-title">{t('meetings.joinTitle')}</h2>} data-testid="join-card">
      <Descriptions
        column={{ xs: 1, md: 2 }}
        size="small"
        items={[
          { key: 'when', label: t('meetings.when'), children: sessionWhen(s) },
          { key: 'venue', label: t('meetings.venue'), children: s.venue ?? '—' },
          { key: 'mode', label: t('meetings.modeLabel'), children: t(`meetings.modeHelp.${s.mode}` as MessageKey) },
          {
            key: 'slots',
            label: t('meetings.slots'),
            children: t('meetings.slotsSummary', { n: s.slots.length, tables: s.tables, rooms: s.onlineRooms }),
          },
          { key: 'n', label: t('meetings.participants'), children: s.participantCount },
          {
            key: 'limit',
            label: t('meetings.requestLimit'),
            children: t('meetings.requestLimitHelp', { n: s.requestLimit, h: s.requestTtlHours }),
          },
        ]}
      />
      {s.abilities.join ? (
        <Form form={form} layout="vertical" style={{ marginTop: 16, maxWidth: 720 }}>
          <ProfileFields />
        </Form>
      ) : null}
      <Flex gap={12} align="center" wrap style={{ marginTop: 16 }}>
        {s.abilities.join ? (
          <>
            <Button type="primary" loading={join.isPending} onClick={() => join.mutate()} data-testid="session-join">
              {t('meetings.joinAs', { org: org?.organisationName ?? '' })}
            </Button>
            <span className="rt-muted">{t('meetings.joinHint')}</span>
          </>
        ) : (
          <Alert
            type="info"
            showIcon
            title={s.status === 'closed' ? t('meetings.closedHint') : t('meetings.cannotJoin')}
          />
        )}
      </Flex>
    </Card>
  );
}
