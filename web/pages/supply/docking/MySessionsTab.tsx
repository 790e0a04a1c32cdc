/** The docking sessions my organisation organises, newest first, each with its edit button. */
import { Button, Table } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { Page } from '../../../api/types.ts';
import type { DockingSession } from '../../../api/supply.ts';
import { useT, type MessageKey } from '../../../i18n/index.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { sessionWhen } from '../shared.tsx';

export function MySessionsTab({
  sessions,
  onEdit,
}: {
  sessions: UseQueryResult<Page<DockingSession>>;
  onEdit: (s: DockingSession) => void;
}) {
  const t = useT();
  return (
    <QueryState isLoading={false} error={sessions.error} refetch={() => void sessions.refetch()}>
      <Table<DockingSession>
        rowKey="id"
        loading={sessions.isLoading}
        dataSource={sessions.data?.items ?? []}
        scroll={{ x: 760 }}
        pagination={{ pageSize: 20, showTotal: (n) => t('common.total', { n }) }}
        locale={{ emptyText: <span className="rt-muted">{t('supply.docking.mySessionsEmpty')}</span> }}
        columns={[
          {
            title: t('supply.docking.sessionTitle'),
            key: 'title',
            render: (_: unknown, s) => <Link to={`/docking/${s.id}`}>{s.title}</Link>,
          },
          {
            title: t('supply.docking.kind'),
            key: 'kind',
            render: (_: unknown, s) => (
              <ToneTag tone={s.kind === 'seminar' ? 'purple' : 'blue'}>
                {t(`supply.dockingKind.${s.kind}` as MessageKey)}
              </ToneTag>
            ),
          },
          { title: t('supply.docking.when'), key: 'when', render: (_: unknown, s) => sessionWhen(s) },
          {
            title: t('supply.docking.venue'),
            key: 'venue',
            render: (_: unknown, s) => s.venue ?? (s.onlineLink ? t('supply.docking.online') : '—'),
          },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, s) =>
              s.abilities.edit ? (
                <Button size="small" onClick={() => onEdit(s)} aria-label={`${t('common.edit')} ${s.title}`}>
                  {t('common.edit')}
                </Button>
              ) : null,
          },
        ]}
      />
    </QueryState>
  );
}
