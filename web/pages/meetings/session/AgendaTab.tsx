/** My agenda: the placed meetings with counterpart, cited item, online link and my outcome; accepted meetings waiting for a slot. */
import { App as AntApp, Alert, Card, Empty, Flex, List, Select, Space, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { AgendaItem, MeetingSession, Outcome } from '../../../api/meetings.ts';
import { OUTCOMES } from '../../../api/meetings.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { CitedItemLabel, slotLabel, useAgenda } from '../shared.tsx';

export function AgendaTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const agenda = useAgenda(s.id);
  const a = agenda.data;
  return (
    <QueryState isLoading={agenda.isLoading} error={agenda.error} refetch={() => void agenda.refetch()}>
      {a ? (
        <Space direction="vertical" size={16} style={{ width: '100%' }}>
          {s.mode === 'organiser' && !s.publishedAt ? (
            <Alert type="info" showIcon title={t('meetings.agendaNotPublished')} />
          ) : null}
          <List
            data-testid="agenda-list"
            dataSource={a.items}
            locale={{
              emptyText: (
                <Empty
                  description={a.unscheduled.length ? t('meetings.agendaEmptyWaiting') : t('meetings.agendaEmpty')}
                />
              ),
            }}
            renderItem={(it) => <AgendaRow item={it} />}
          />
          {a.items.length ? <div className="rt-muted">{t('meetings.breaksMine', { n: a.breaks })}</div> : null}
          {a.unscheduled.length ? (
            <Card
              size="small"
              title={<h2 className="rt-card-title">{t('meetings.waitingForSlot')}</h2>}
              data-testid="agenda-unscheduled"
            >
              <List
                size="small"
                dataSource={a.unscheduled}
                renderItem={(u) => (
                  <List.Item>
                    <span>
                      {u.counterpart.organisationName}（{u.counterpart.name}）
                    </span>
                    <ToneTag tone="blue">{t('meetings.meeting.accepted')}</ToneTag>
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
        </Space>
      ) : null}
    </QueryState>
  );
}

function AgendaRow({ item }: { item: AgendaItem }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const record = useMutation({
    mutationFn: (outcome: Outcome) => api.put(`/meetings/${item.meetingId}/outcome`, { outcome }),
    onSuccess: async () => {
      void message.success(t('common.saved'));
      await qc.invalidateQueries({ queryKey: ['meetings', 'agenda'] });
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  return (
    <List.Item data-testid="agenda-item">
      <Flex gap={16} wrap style={{ width: '100%' }} align="flex-start">
        <div style={{ minWidth: 110 }}>
          <Typography.Text strong style={{ fontSize: 18 }} data-testid="agenda-time">
            {slotLabel(item.slot)}
          </Typography.Text>
          <div>
            {item.location ? (
              <ToneTag tone={item.location.kind === 'table' ? 'purple' : 'blue'} testId="agenda-location">
                {item.location.label}
              </ToneTag>
            ) : null}
          </div>
        </div>
        <div style={{ flex: '1 1 220px', minWidth: 0 }}>
          <Typography.Text strong data-testid="agenda-counterpart">
            {item.counterpart.organisationName}
          </Typography.Text>
          <div className="rt-muted">{item.counterpart.name}</div>
          {item.citedItem ? (
            <div>
              <CitedItemLabel item={item.citedItem} />
            </div>
          ) : null}
          {item.message ? <div className="rt-muted">“{item.message}”</div> : null}
          {item.onlineLink ? (
            <div>
              <a href={item.onlineLink} target="_blank" rel="noreferrer">
                {t('meetings.onlineLink')}
              </a>
            </div>
          ) : null}
        </div>
        {item.abilities.recordOutcome || item.myOutcome ? (
          <div style={{ minWidth: 220 }}>
            <label className="rt-muted" htmlFor={`outcome-${item.meetingId}`} style={{ display: 'block' }}>
              {t('meetings.outcome')}
            </label>
            <Select<Outcome>
              id={`outcome-${item.meetingId}`}
              style={{ width: 240 }}
              value={item.myOutcome ?? undefined}
              placeholder={t('meetings.outcomePlaceholder')}
              disabled={!item.abilities.recordOutcome}
              loading={record.isPending}
              onChange={(v) => record.mutate(v)}
              options={OUTCOMES.map((o) => ({ value: o, label: t(`meetings.outcome.${o}` as MessageKey) }))}
              data-testid="agenda-outcome"
            />
          </div>
        ) : null}
      </Flex>
    </List.Item>
  );
}
