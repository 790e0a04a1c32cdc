/**
 * Invitations my organisation received to join alliances (issue 15: no membership without consent). The
 * organisation appears as a member only after someone acting for it accepts; declining tells the founder.
 */
import { Alert, App as AntApp, Button, Card, Flex, List, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Alliance } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { fmtDateTime } from '../../../components/format.ts';

/** Accepting or declining an invitation; every alliance query is refreshed afterwards. */
function useAnswer() {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (v: { id: string; accept: boolean }) =>
      api.post<Alliance>(`/alliances/${v.id}/invitation/${v.accept ? 'accept' : 'decline'}`),
    onSuccess: (_a, v) => {
      void message.success(t(v.accept ? 'trust.alliance.acceptedToast' : 'trust.alliance.declinedToast'));
      void qc.invalidateQueries({ queryKey: ['alliances'] });
    },
    onError: (e) => {
      void message.error(errorMessage(e));
      void qc.invalidateQueries({ queryKey: ['alliances'] });
    },
  });
}

/** The two answers, the decline one behind a confirmation (a list of elements, for List.Item actions). */
function answerButtons(a: Alliance, answer: ReturnType<typeof useAnswer>, t: ReturnType<typeof useT>) {
  const busy = answer.isPending && answer.variables?.id === a.id;
  return [
    <Button
      key="accept"
      type="primary"
      size="small"
      disabled={!a.abilities.respond || answer.isPending}
      loading={busy && answer.variables?.accept === true}
      onClick={() => answer.mutate({ id: a.id, accept: true })}
      data-testid="alliance-accept"
    >
      {t('trust.alliance.accept')}
    </Button>,
    <Popconfirm
      key="decline"
      title={t('trust.alliance.confirmDecline', { name: a.name })}
      okText={t('trust.alliance.decline')}
      cancelText={t('common.cancel')}
      onConfirm={() => answer.mutate({ id: a.id, accept: false })}
    >
      <Button
        size="small"
        disabled={!a.abilities.respond || answer.isPending}
        loading={busy && answer.variables?.accept === false}
        data-testid="alliance-decline"
      >
        {t('trust.alliance.decline')}
      </Button>
    </Popconfirm>,
  ];
}

/** On an alliance's own page: the caller's organisation is invited — answer here. */
export function InvitationBanner({ alliance: a }: { alliance: Alliance }) {
  const t = useT();
  const answer = useAnswer();
  if (!a.myInvitation || !a.abilities.respond) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="alliance-invitation-banner"
      title={t('trust.alliance.invitedAs', { role: a.myInvitation.role })}
      description={t('trust.alliance.inboxHelp')}
      action={
        <Space direction="vertical" size={4}>
          {answerButtons(a, answer, t)}
        </Space>
      }
    />
  );
}

/** The pending invitations of the active organisation; renders nothing when there are none. */
export function AllianceInvitations({ orgId }: { orgId: string }) {
  const t = useT();
  const inbox = useQuery({
    queryKey: ['alliances', 'invitations', orgId],
    queryFn: () => api.get<Alliance[]>('/alliance-invitations'),
  });
  const answer = useAnswer();
  const items = inbox.data ?? [];
  if (!items.length) return null;
  return (
    <Card
      size="small"
      title={t('trust.alliance.inbox')}
      style={{ marginBottom: 16 }}
      data-testid="alliance-invitations"
    >
      <Typography.Paragraph className="rt-text-secondary" style={{ marginBottom: 8 }}>
        {t('trust.alliance.inboxHelp')}
      </Typography.Paragraph>
      <List
        dataSource={items}
        rowKey="id"
        renderItem={(a) => (
          <List.Item data-testid={`alliance-invitation-${a.id}`} actions={answerButtons(a, answer, t)}>
            <List.Item.Meta
              title={<Link to={`/docking/alliances/${a.id}`}>{a.name}</Link>}
              description={
                <Flex gap={12} wrap>
                  <span>
                    {t('supply.docking.founder')}：{a.founder.name}
                  </span>
                  <span>{t('trust.alliance.invitedAs', { role: a.myInvitation?.role ?? '' })}</span>
                  <span className="rt-text-secondary">{fmtDateTime(a.myInvitation?.invitedAt)}</span>
                </Flex>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
