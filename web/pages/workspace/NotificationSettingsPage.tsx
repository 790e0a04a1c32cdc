/**
 * 通知设置 (/workspace/notifications/settings, every signed-in user; from the user menu and the notifications
 * page): per category, whether a notification also goes by e-mail and by SMS. In-app is always on. The page
 * says where messages go and when the platform has a channel switched off; leaving with unsaved changes asks.
 */
import { useState } from 'react';
import { Alert, App as AntApp, Button, Card, Flex, Grid, Switch, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import {
  NOTIFICATION_CATEGORIES,
  type DeliveryChannel,
  type NotificationCategory,
  type NotificationPreferences,
  type PreferenceItem,
} from '../../api/notification-preferences.ts';
import { errorMessage } from '../../components/errors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { useT } from '../../i18n/index.tsx';
import { useUnsavedChangesGuard } from '../../hooks/useUnsavedChangesGuard.ts';

type Choices = Record<NotificationCategory, { email: boolean; sms: boolean }>;

const toChoices = (items: PreferenceItem[]): Choices =>
  Object.fromEntries(items.map((i) => [i.category, { email: i.email, sms: i.sms }])) as Choices;

export function NotificationSettingsPage() {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  // On a phone the category text needs the width: narrow switch columns, no 站内 column (the subtitle says it).
  const narrow = !Grid.useBreakpoint().md;
  const colWidth = narrow ? 64 : 110;
  const q = useQuery({
    queryKey: ['me', 'notification-preferences'],
    queryFn: () => api.get<NotificationPreferences>('/me/notification-preferences'),
  });
  // Local edits over the server's values; null = nothing changed.
  const [edits, setEdits] = useState<Choices | null>(null);
  const saved = q.data ? toChoices(q.data.items) : null;
  const choices = edits ?? saved;
  const dirty =
    !!edits &&
    !!saved &&
    NOTIFICATION_CATEGORIES.some((c) => edits[c].email !== saved[c].email || edits[c].sms !== saved[c].sms);
  useUnsavedChangesGuard(dirty);

  const save = useMutation({
    mutationFn: (c: Choices) =>
      api.put<NotificationPreferences>('/me/notification-preferences', {
        items: NOTIFICATION_CATEGORIES.map((category) => ({ category, ...c[category] })),
      }),
    onSuccess: (data) => {
      qc.setQueryData(['me', 'notification-preferences'], data);
      setEdits(null);
      void message.success(t('notify.saved'));
    },
    onError: (err) => void message.error(errorMessage(err)),
  });

  const set = (category: NotificationCategory, channel: DeliveryChannel, on: boolean) => {
    if (!choices) return;
    setEdits({ ...choices, [category]: { ...choices[category], [channel]: on } });
  };

  const channelNotes = (d: NotificationPreferences) => {
    const notes: { key: string; type: 'info' | 'warning'; text: string }[] = [];
    if (!d.channels.email.enabled) notes.push({ key: 'emailOff', type: 'info', text: t('notify.emailOff') });
    else if (!d.channels.email.address) notes.push({ key: 'noEmail', type: 'warning', text: t('notify.noEmail') });
    else notes.push({ key: 'emailTo', type: 'info', text: t('notify.emailTo', { address: d.channels.email.address }) });
    if (!d.channels.sms.enabled) notes.push({ key: 'smsOff', type: 'info', text: t('notify.smsOff') });
    else if (!d.channels.sms.address) notes.push({ key: 'noMobile', type: 'warning', text: t('notify.noMobile') });
    else notes.push({ key: 'smsTo', type: 'info', text: t('notify.smsTo', { address: d.channels.sms.address }) });
    if (d.channels.sms.enabled && d.channels.sms.simulated)
      notes.push({ key: 'smsSimulated', type: 'warning', text: t('notify.smsSimulated') });
    return notes;
  };

  const toggle = (category: NotificationCategory, channel: DeliveryChannel) => (
    <Switch
      checked={choices?.[category][channel] ?? false}
      onChange={(on) => set(category, channel, on)}
      disabled={save.isPending}
      aria-label={t('notify.toggle', {
        category: t(`notify.category.${category}`),
        channel: t(`notify.${channel}`),
      })}
      data-testid={`pref-${category}-${channel}`}
    />
  );

  return (
    <>
      <PageHeader title={t('notify.settings')} subtitle={t('notify.settings.subtitle')} />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
        {q.data && (
          <Flex vertical gap={16} style={{ maxWidth: 880 }}>
            <Flex vertical gap={8}>
              {channelNotes(q.data).map((n) => (
                <Alert key={n.key} type={n.type} showIcon title={n.text} data-testid={`channel-${n.key}`} />
              ))}
            </Flex>
            <Card size="small">
              <Table<{ category: NotificationCategory }>
                rowKey="category"
                pagination={false}
                size={narrow ? 'small' : 'middle'}
                dataSource={NOTIFICATION_CATEGORIES.map((category) => ({ category }))}
                columns={[
                  {
                    title: t('notify.category'),
                    key: 'category',
                    render: (_, r) => (
                      <Flex vertical>
                        <Typography.Text strong>{t(`notify.category.${r.category}`)}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 13 }}>
                          {t(`notify.help.${r.category}`)}
                        </Typography.Text>
                      </Flex>
                    ),
                  },
                  ...(narrow
                    ? []
                    : [
                        {
                          title: t('notify.inApp'),
                          key: 'inApp',
                          width: colWidth,
                          align: 'center' as const,
                          render: () => <Typography.Text type="secondary">{t('notify.always')}</Typography.Text>,
                        },
                      ]),
                  {
                    title: narrow ? t('notify.emailShort') : t('notify.email'),
                    key: 'email',
                    width: colWidth,
                    align: 'center',
                    render: (_, r) => toggle(r.category, 'email'),
                  },
                  {
                    title: t('notify.sms'),
                    key: 'sms',
                    width: colWidth,
                    align: 'center',
                    render: (_, r) => toggle(r.category, 'sms'),
                  },
                ]}
              />
            </Card>
            <Flex gap={8} justify="flex-end">
              <Button onClick={() => setEdits(null)} disabled={!dirty || save.isPending}>
                {t('notify.reset')}
              </Button>
              <Button
                type="primary"
                onClick={() => choices && save.mutate(choices)}
                disabled={!dirty}
                loading={save.isPending}
                data-testid="prefs-save"
              >
                {t('notify.save')}
              </Button>
            </Flex>
          </Flex>
        )}
      </QueryState>
    </>
  );
}
