/** The running order of the accepted projects. */
import { useState } from 'react';
import { App as AntApp, Button, Card, Empty } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import type { Project, Roadshow } from '../../../api/roadshows.ts';
import { useT } from '../../../i18n/index.tsx';
import { errorMessage } from '../../../components/errors.ts';

export function LineupTab({ r }: { r: Roadshow }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const q = useQuery({
    queryKey: ['roadshow', r.id, 'lineup'],
    queryFn: () =>
      api.get<Page<Project>>(`/roadshows/${r.id}/projects`, {
        status: 'accepted',
        pageSize: 200,
        sort: 'lineupOrder',
        order: 'asc',
      }),
  });
  // Moves are kept with the list they were made on; a fresh list from the server starts again from its order.
  const [moved, setMoved] = useState<{ of: Page<Project>; order: Project[] } | null>(null);
  const order = q.data && moved?.of === q.data ? moved.order : (q.data?.items ?? []);
  const save = useMutation({
    mutationFn: () => api.put<Roadshow>(`/roadshows/${r.id}/lineup`, { projectIds: order.map((p) => p.id) }),
    onSuccess: async () => {
      message.success(t('roadshows.lineup.saved'));
      await qc.invalidateQueries({ queryKey: ['roadshow', r.id] });
    },
    onError: (err) => message.error(errorMessage(err)),
  });
  const move = (i: number, d: -1 | 1) => {
    const next = [...order];
    const [x] = next.splice(i, 1);
    next.splice(i + d, 0, x!);
    if (q.data) setMoved({ of: q.data, order: next });
  };
  if (!q.isLoading && !order.length)
    return (
      <Card>
        <Empty description={t('roadshows.lineup.empty')} />
      </Card>
    );
  return (
    <Card>
      <ol className="rt-lineup" data-testid="lineup" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {order.map((p, i) => (
          <li
            key={p.id}
            style={{
              display: 'flex',
              alignItems: 'center',
              gap: 8,
              padding: '8px 0',
              borderBottom: '1px solid #f0f0f0',
            }}
          >
            <span style={{ width: 28, fontWeight: 600 }}>{i + 1}.</span>
            <span style={{ flex: 1, minWidth: 0 }}>
              <span style={{ fontWeight: 600 }}>{p.name}</span>{' '}
              <span style={{ color: '#595959' }}>{p.organisationName}</span>
            </span>
            {r.abilities.setLineup ? (
              <>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  disabled={i === 0}
                  aria-label={t('roadshows.lineup.moveUp', { name: p.name })}
                  onClick={() => move(i, -1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  disabled={i === order.length - 1}
                  aria-label={t('roadshows.lineup.moveDown', { name: p.name })}
                  onClick={() => move(i, 1)}
                />
              </>
            ) : null}
          </li>
        ))}
      </ol>
      {r.abilities.setLineup ? (
        <Button
          type="primary"
          style={{ marginTop: 12 }}
          loading={save.isPending}
          onClick={() => save.mutate()}
          data-testid="save-lineup"
        >
          {t('roadshows.lineup.save')}
        </Button>
      ) : null}
    </Card>
  );
}
