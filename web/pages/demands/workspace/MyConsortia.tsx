/** The innovation consortia (创新联合体) my organisation belongs to, to sign here. */
import { useState } from 'react';
import { Empty, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Consortium } from '../../../api/demands.ts';
import { useT } from '../../../i18n/index.tsx';
import { useMe } from '../../../hooks/useMe.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { ConsortiumStatusTag } from '../shared.tsx';

export function MyConsortia() {
  const t = useT();
  const [page, setPage] = useState(1);
  const list = useQuery({
    queryKey: ['consortia', 'mine', page],
    queryFn: () => api.get<Page<Consortium>>('/consortia', { page, pageSize: 20 }),
  });
  const { data: me } = useMe();
  return (
    <QueryState isLoading={false} error={list.error} refetch={() => void list.refetch()}>
      <Table<Consortium>
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        data-testid="my-consortia-table"
        scroll={{ x: 760 }}
        pagination={{
          current: page,
          pageSize: 20,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (n) => t('common.total', { n }),
        }}
        locale={{
          emptyText: (
            <Empty description={t('demands.ws.emptyConsortia')}>
              <Typography.Paragraph className="rt-text-secondary">
                {t('demands.ws.emptyConsortiaHint')}
              </Typography.Paragraph>
            </Empty>
          ),
        }}
        columns={[
          {
            title: t('demands.c.name'),
            key: 'name',
            render: (_: unknown, c) => <Link to={`/workspace/demands/${c.demandId}?consortium=${c.id}`}>{c.name}</Link>,
          },
          { title: t('demands.c.demand'), key: 'demand', render: (_: unknown, c) => c.demand?.title ?? '' },
          { title: t('demands.c.lead'), key: 'lead', render: (_: unknown, c) => c.lead.name },
          {
            title: t('common.status'),
            key: 'status',
            width: 150,
            render: (_: unknown, c) => <ConsortiumStatusTag status={c.status} />,
          },
          {
            title: t('demands.c.signed'),
            key: 'mine',
            width: 100,
            render: (_: unknown, c) => {
              const m = c.members.find((x) => x.organisation.id === me?.activeOrganisationId);
              return m ? (
                <ToneTag tone={m.signedAt ? 'green' : 'orange'}>
                  {m.signedAt ? t('demands.c.signed') : t('demands.c.unsigned')}
                </ToneTag>
              ) : (
                '—'
              );
            },
          },
          {
            title: t('common.actions'),
            key: 'a',
            width: 90,
            render: (_: unknown, c) => (
              <LinkButton
                type="link"
                size="small"
                to={`/workspace/demands/${c.demandId}?consortium=${c.id}`}
                aria-label={`${c.abilities.sign ? t('demands.c.sign') : t('demands.c.open')} ${c.name}`}
              >
                {c.abilities.sign ? t('demands.c.sign') : t('demands.c.open')}
              </LinkButton>
            ),
          },
        ]}
      />
    </QueryState>
  );
}
