/** The alliances my organisation founded, each with its members, pending invitations and edit button. */
import { Button, Table } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Page } from '../../../api/types.ts';
import type { Alliance } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';

export function MyAlliancesTab({
  alliances,
  onEdit,
}: {
  alliances: UseQueryResult<Page<Alliance>>;
  onEdit: (a: Alliance) => void;
}) {
  const t = useT();
  return (
    <QueryState isLoading={false} error={alliances.error} refetch={() => void alliances.refetch()}>
      <Table<Alliance>
        rowKey="id"
        loading={alliances.isLoading}
        dataSource={alliances.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: <span className="rt-muted">{t('supply.docking.myAlliancesEmpty')}</span> }}
        columns={[
          {
            title: t('supply.docking.allianceName'),
            key: 'name',
            render: (_: unknown, a) => <Link to={`/docking/alliances/${a.id}`}>{a.name}</Link>,
          },
          {
            title: t('supply.docking.members'),
            key: 'm',
            render: (_: unknown, a) => {
              const pending = a.invitations.filter((i) => i.status === 'invited').length;
              return (
                <>
                  {t('supply.docking.memberCount', { n: a.members.length })}
                  {pending ? (
                    <span style={{ marginLeft: 8 }}>
                      <ToneTag tone="orange">{t('trust.alliance.pendingCount', { n: pending })}</ToneTag>
                    </span>
                  ) : null}
                </>
              );
            },
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, a) =>
              a.abilities.edit ? (
                <Button size="small" onClick={() => onEdit(a)} aria-label={`${t('common.edit')} ${a.name}`}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
    </QueryState>
  );
}
