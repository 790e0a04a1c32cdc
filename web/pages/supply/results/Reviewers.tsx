/** The organisation's designated confidentiality reviewers: designate and remove. */
import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Flex, Popconfirm, Select, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { ReviewerCandidate, ReviewerList } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { errorMessage } from '../../../components/errors.ts';

/** The organisation's designated confidentiality reviewers; its base administrator designates and revokes. */
export function Reviewers() {
  const t = useT();
  const { data: me } = useMe();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const orgId = me?.activeOrganisationId;
  const [userId, setUserId] = useState<string | undefined>();
  const list = useQuery({
    queryKey: ['confidentiality-reviewers', orgId],
    queryFn: () => api.get<ReviewerList>(`/organisations/${orgId}/confidentiality-reviewers`),
    enabled: !!orgId,
    retry: false,
  });
  const candidates = useQuery({
    queryKey: ['confidentiality-reviewer-candidates', orgId],
    queryFn: () =>
      api.get<{ items: ReviewerCandidate[] }>(`/organisations/${orgId}/confidentiality-reviewer-candidates`),
    enabled: !!list.data?.canManage,
  });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['confidentiality-reviewers'] });
  const add = useMutation({
    mutationFn: (uid: string) => api.post(`/organisations/${orgId}/confidentiality-reviewers`, { userId: uid }),
    onSuccess: () => {
      void message.success(t('supply.reviewers.added'));
      setUserId(undefined);
      refresh();
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api.delete(`/confidentiality-reviewers/${id}`),
    onSuccess: refresh,
    onError: (e) => void message.error(errorMessage(e)),
  });
  const org = me?.memberships.find((m) => m.organisationId === orgId);
  const taken = new Set(list.data?.items.map((r) => r.user.id));
  return (
    <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()}>
      <Card
        title={<h2 className="rt-card-title">{t('supply.reviewers.title', { org: org?.organisationName ?? '' })}</h2>}
      >
        <p className="rt-text-secondary">{t('supply.reviewers.explain')}</p>
        {list.data?.canManage ? (
          <Flex gap={8} wrap style={{ marginBottom: 12 }}>
            <Select
              aria-label={t('supply.reviewers.pick')}
              data-testid="reviewer-pick"
              style={{ minWidth: 240 }}
              placeholder={t('supply.reviewers.pick')}
              value={userId}
              onChange={setUserId}
              showSearch={{ optionFilterProp: 'label' }}
              loading={candidates.isLoading}
              options={(candidates.data?.items ?? [])
                .filter((c) => !taken.has(c.id))
                .map((c) => ({ value: c.id, label: c.name }))}
            />
            <Button
              type="primary"
              icon={<PlusOutlined />}
              disabled={!userId}
              loading={add.isPending}
              onClick={() => userId && add.mutate(userId)}
              data-testid="reviewer-add"
            >
              {t('supply.reviewers.add')}
            </Button>
          </Flex>
        ) : (
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('supply.reviewers.onlyAdmin')} />
        )}
        <Table
          rowKey="id"
          size="small"
          data-testid="reviewers-table"
          dataSource={list.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: <span className="rt-muted">{t('supply.reviewers.empty')}</span> }}
          columns={[
            { title: t('supply.reviewers.person'), key: 'n', render: (_: unknown, r) => r.user.name },
            { title: t('supply.reviewers.since'), key: 'c', render: (_: unknown, r) => fmtDateTime(r.createdAt) },
            ...(list.data?.canManage
              ? [
                  {
                    title: t('common.actions'),
                    key: 'a',
                    render: (_: unknown, r: ReviewerList['items'][number]) => (
                      <Popconfirm
                        title={t('supply.reviewers.confirmRevoke', { name: r.user.name })}
                        okText={t('common.confirm')}
                        cancelText={t('common.cancel')}
                        onConfirm={() => revoke.mutate(r.id)}
                      >
                        <Button size="small" danger>
                          {t('supply.reviewers.revoke')}
                        </Button>
                      </Popconfirm>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </QueryState>
  );
}
