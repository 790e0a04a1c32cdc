/** A roadshow's judges: invite experts and investors (optionally from a guidance fund) and see how many projects each has scored. */
import { useState } from 'react';
import { App as AntApp, Button, Card, Checkbox, Empty, Flex, Select, Space, Table } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, isApiError } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Judge, JudgeCandidate, Roadshow } from '../../../api/roadshows.ts';
import { useT } from '../../../i18n/index.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { useDebounced } from '../../../hooks/useDebounced.ts';

export function JudgesTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const judges = useQuery({
    queryKey: ['roadshow', r.id, 'judges'],
    queryFn: () => api.get<Page<Judge>>(`/roadshows/${r.id}/judges`),
  });
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search, 300);
  const candidates = useQuery({
    queryKey: ['roadshow', r.id, 'candidates', debounced],
    queryFn: () => api.get<{ items: JudgeCandidate[] }>(`/roadshows/${r.id}/judge-candidates`, { q: debounced }),
    enabled: r.abilities.inviteJudges,
  });
  const [userId, setUserId] = useState<string | undefined>();
  const [fund, setFund] = useState(false);
  const chosen = candidates.data?.items.find((c) => c.userId === userId);
  const invite = useMutation({
    mutationFn: () => api.post<Judge>(`/roadshows/${r.id}/judges`, { userId, guidanceFund: fund }),
    onSuccess: async () => {
      message.success(t('roadshows.judges.invited'));
      setUserId(undefined);
      setFund(false);
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(isApiError(err) ? (err.errors[0]?.message ?? err.display) : String(err)),
  });
  return (
    <Card>
      {r.abilities.inviteJudges ? (
        <Flex gap={8} wrap align="center" style={{ marginBottom: 16 }}>
          <Select
            showSearch
            aria-label={t('roadshows.judges.candidate')}
            placeholder={t('roadshows.judges.candidatePlaceholder')}
            style={{ minWidth: 280, flex: '1 1 280px', maxWidth: 420 }}
            filterOption={false}
            onSearch={setSearch}
            value={userId}
            onChange={setUserId}
            loading={candidates.isFetching}
            options={(candidates.data?.items ?? []).map((c) => ({
              value: c.userId,
              disabled: c.invited,
              label: `${c.name} · ${c.organisationName} · ${t(`roadshows.judges.kind.${c.role}`)}`,
            }))}
          />
          <Checkbox checked={fund} disabled={chosen?.role !== 'investor'} onChange={(e) => setFund(e.target.checked)}>
            {t('roadshows.judges.guidanceFund')}
          </Checkbox>
          <Button type="primary" disabled={!userId} loading={invite.isPending} onClick={() => invite.mutate()}>
            {t('roadshows.judges.invite')}
          </Button>
        </Flex>
      ) : null}
      <Table<Judge>
        rowKey="id"
        loading={judges.isLoading}
        dataSource={judges.data?.items ?? []}
        pagination={false}
        scroll={{ x: 600 }}
        locale={{ emptyText: <Empty description={t('roadshows.judges.empty')} /> }}
        columns={[
          { title: t('roadshows.judges.name'), render: (_: unknown, j) => j.user.name },
          { title: t('roadshows.judges.org'), render: (_: unknown, j) => j.organisation?.name ?? '—' },
          {
            title: t('roadshows.judges.kind'),
            render: (_: unknown, j) => (
              <Space size={4} wrap>
                <ToneTag tone={j.kind === 'investor' ? 'purple' : 'blue'}>
                  {t(`roadshows.judges.kind.${j.kind}`)}
                </ToneTag>
                {j.guidanceFund ? <ToneTag tone="orange">{t('roadshows.judges.guidanceFundShort')}</ToneTag> : null}
              </Space>
            ),
          },
          {
            title: t('roadshows.judges.scored', { n: '' }).trim(),
            render: (_: unknown, j) => t('roadshows.judges.scored', { n: j.scored }),
          },
        ]}
      />
    </Card>
  );
}
