/** The participant directory with search, and the meeting request (message, optional cited demand/resource/result). */
import { useState } from 'react';
import { App as AntApp, Button, Empty, Form, Input, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { MeetingRequest, MeetingSession, Participant } from '../../../api/meetings.ts';
import type { Page } from '../../../api/types.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { errorMessage } from '../../../components/errors.ts';
import { useDebounced } from '../../../hooks/useDebounced.ts';
import { useMe } from '../../../hooks/useMe.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { RequestStatusTag } from '../shared.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

export function DirectoryTab({ s }: { s: MeetingSession }) {
  const t = useT();
  const { data: me } = useMe();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [target, setTarget] = useState<Participant | null>(null);
  const debounced = useDebounced(q, 300);
  const list = useQuery({
    queryKey: ['meetings', 'participants', s.id, debounced, page],
    queryFn: () =>
      api.get<Page<Participant>>(`/meeting-sessions/${s.id}/participants`, {
        q: debounced,
        page,
        pageSize: 20,
        sort: 'name',
      }),
  });
  const outgoing = useQuery({
    queryKey: ['meetings', 'requests', s.id, 'all-mine'],
    queryFn: () =>
      api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box: 'outgoing', pageSize: 100 }),
  });
  const incoming = useQuery({
    queryKey: ['meetings', 'requests', s.id, 'all-incoming'],
    queryFn: () =>
      api.get<Page<MeetingRequest>>(`/meeting-sessions/${s.id}/requests`, { box: 'incoming', pageSize: 100 }),
  });
  const openWith = new Set(
    [
      ...(outgoing.data?.items ?? []).map((r) => r.recipient.participantId),
      ...(incoming.data?.items ?? []).map((r) => r.requester.participantId),
    ].filter(Boolean),
  );
  const openStatus = new Map<string, MeetingRequest>();
  for (const r of [...(outgoing.data?.items ?? []), ...(incoming.data?.items ?? [])]) {
    if (r.status !== 'pending' && r.status !== 'accepted') continue;
    const other =
      r.requester.participantId === s.myParticipantId ? r.recipient.participantId : r.requester.participantId;
    openStatus.set(other, r);
  }
  return (
    <>
      <Input.Search
        allowClear
        aria-label={t('meetings.searchParticipants')}
        placeholder={t('meetings.searchParticipants')}
        value={q}
        onChange={(e) => {
          setQ(e.target.value);
          setPage(1);
        }}
        style={{ maxWidth: 360, marginBottom: 12 }}
        data-testid="participant-search"
      />
      <QueryState isLoading={list.isLoading} error={list.error}>
        <Table<Participant>
          rowKey="id"
          size="middle"
          data-testid="participants-table"
          dataSource={list.data?.items ?? []}
          scroll={{ x: 640 }}
          pagination={{
            current: page,
            pageSize: 20,
            total: list.data?.total ?? 0,
            onChange: setPage,
            showTotal: (n) => t('common.total', { n }),
          }}
          locale={{ emptyText: <Empty description={q ? t('meetings.noMatch') : t('meetings.noParticipants')} /> }}
          columns={[
            {
              title: t('meetings.organisation'),
              key: 'org',
              render: (_: unknown, p) => (
                <div style={{ maxWidth: 520 }}>
                  <Typography.Text strong>{p.organisation.name}</Typography.Text>
                  {p.offer ? (
                    <div>
                      <ToneTag tone="green">{t('meetings.offerShort')}</ToneTag>
                      {p.offer}
                    </div>
                  ) : null}
                  {p.seek ? (
                    <div>
                      <ToneTag tone="orange">{t('meetings.seekShort')}</ToneTag>
                      {p.seek}
                    </div>
                  ) : null}
                </div>
              ),
            },
            { title: t('meetings.contact'), dataIndex: 'name', key: 'name' },
            {
              title: t('meetings.orgKind'),
              key: 'kind',
              render: (_: unknown, p) => t(`meetings.orgKind.${p.organisation.kind}` as MessageKey),
            },
            {
              title: t('common.actions'),
              key: 'a',
              render: (_: unknown, p) => {
                if (p.id === s.myParticipantId) return <ToneTag tone="grey">{t('meetings.me')}</ToneTag>;
                if (p.organisation.id === me?.activeOrganisationId)
                  return <span className="rt-muted">{t('meetings.sameOrg')}</span>;
                const open = openStatus.get(p.id);
                if (open) return <RequestStatusTag status={open.status} />;
                return (
                  <Button
                    size="small"
                    type="primary"
                    ghost
                    disabled={!s.abilities.request}
                    onClick={() => setTarget(p)}
                    aria-label={`${t('meetings.requestMeeting')} ${p.organisation.name}`}
                    data-testid={`request-${p.organisation.name}`}
                  >
                    {t('meetings.requestMeeting')}
                  </Button>
                );
              },
            },
          ]}
        />
      </QueryState>
      {target ? <RequestModal s={s} target={target} onClose={() => setTarget(null)} /> : null}
      {openWith.size === 0 && (list.data?.total ?? 0) > 1 ? (
        <div className="rt-muted">{t('meetings.directoryHint')}</div>
      ) : null}
    </>
  );
}

function RequestModal({ s, target, onClose }: { s: MeetingSession; target: Participant; onClose: () => void }) {
  const t = useT();
  const { data: me } = useMe();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ message?: string; cite?: string }>();
  const theirs = useCitables(target.organisation.id, false);
  const mine = useCitables(me?.activeOrganisationId, true);
  const options = [...(theirs.data ?? []), ...(mine.data ?? [])];
  const send = useMutation({
    mutationFn: (v: { message?: string; cite?: string }) => {
      const c = options.find((o) => `${o.type}:${o.id}` === v.cite);
      return api.post<MeetingRequest>(`/meeting-sessions/${s.id}/requests`, {
        recipientParticipantId: target.id,
        ...(v.message?.trim() ? { message: v.message.trim() } : {}),
        ...(c ? { citedItem: { type: c.type, id: c.id } } : {}),
      });
    },
    onSuccess: async () => {
      void message.success(t('meetings.requestSent'));
      await qc.invalidateQueries({ queryKey: ['meetings', 'requests'] });
      onClose();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const group = (own: boolean) =>
    options
      .filter((o) => o.own === own)
      .map((o) => ({ value: `${o.type}:${o.id}`, label: `${t(`meetings.cite.${o.type}` as MessageKey)}：${o.title}` }));
  return (
    <GuardedModal
      form={form}
      open
      title={t('meetings.requestTitle', { org: target.organisation.name })}
      okText={t('meetings.sendRequest')}
      onOk={() => form.submit()}
      okButtonProps={{ loading: send.isPending, 'data-testid': 'request-submit' }}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" onFinish={(v) => send.mutate(v)}>
        <Form.Item name="message" label={t('meetings.message')} extra={t('meetings.messageHelp')}>
          <Input.TextArea rows={4} maxLength={500} showCount data-testid="request-message" />
        </Form.Item>
        <Form.Item
          name="cite"
          label={t('meetings.cite')}
          extra={options.length ? t('meetings.citeHelp') : t('meetings.citeNone')}
        >
          <Select
            allowClear
            placeholder={t('meetings.citePlaceholder')}
            loading={theirs.isLoading || mine.isLoading}
            disabled={!options.length}
            options={[
              { label: t('meetings.citeTheirs', { org: target.organisation.name }), options: group(false) },
              { label: t('meetings.citeMine'), options: group(true) },
            ].filter((g) => g.options.length)}
            data-testid="request-cite"
          />
        </Form.Item>
        <div className="rt-muted">{t('meetings.requestLimitHelp', { n: s.requestLimit, h: s.requestTtlHours })}</div>
      </Form>
    </GuardedModal>
  );
}

interface Citable {
  type: 'demand' | 'resource' | 'result';
  id: string;
  title: string;
  own: boolean;
}

/** Published demands, resources and results of an organisation, to cite in a request. */
function useCitables(orgId: string | null | undefined, own: boolean) {
  return useQuery({
    queryKey: ['meetings', 'citables', orgId],
    enabled: !!orgId,
    queryFn: async (): Promise<Citable[]> => {
      const kinds = [
        ['demand', 'demands'],
        ['resource', 'resources'],
        ['result', 'results'],
      ] as const;
      const out: Citable[] = [];
      for (const [type, path] of kinds) {
        try {
          const r = await api.get<Page<{ id: string; title: string }>>(`/${path}`, {
            organisationId: orgId,
            pageSize: 50,
          });
          out.push(...r.items.map((x) => ({ type, id: x.id, title: x.title, own })));
        } catch {
          // A list that cannot be read simply offers nothing to cite.
        }
      }
      return out;
    },
  });
}
