/** The live ranking (refreshed every 5 s while scoring): average scores, valid judges and investment intents. */
import { useEffect, useRef } from 'react';
import { Card, Empty, Table } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Ranking, Roadshow } from '../../../api/roadshows.ts';
import { useT } from '../../../i18n/index.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { fmtScore } from '../../../components/roadshows/RoadshowParts.tsx';

export function RankingTab({ r }: { r: Roadshow }) {
  const t = useT();
  const live = r.status === 'scoring';
  const q = useQuery({
    queryKey: ['roadshow', r.id, 'ranking'],
    queryFn: () => api.get<Ranking>(`/roadshows/${r.id}/ranking`),
    refetchInterval: live ? 5000 : false,
  });
  // The wide table scrolls sideways on smaller screens: its scroll region must be reachable by keyboard.
  const wrap = useRef<HTMLDivElement>(null);
  useEffect(() => {
    wrap.current?.querySelectorAll<HTMLElement>('.ant-table-content, .ant-table-body').forEach((el) => {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', t('roadshows.manage.ranking'));
    });
  });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('roadshows.manage.ranking')}</h2>}
      extra={
        <span style={{ color: '#595959' }} data-testid="ranking-updated">
          {live
            ? t('roadshows.ranking.live', {
                time: q.dataUpdatedAt ? new Date(q.dataUpdatedAt).toLocaleTimeString('zh-CN', { hour12: false }) : '—',
              })
            : r.status === 'closed'
              ? t('roadshows.ranking.published')
              : ''}
        </span>
      }
    >
      <QueryState isLoading={q.isLoading} error={q.error}>
        <div ref={wrap}>
          <Table
            rowKey="projectId"
            data-testid="ranking-table"
            dataSource={q.data?.items ?? []}
            pagination={false}
            scroll={{ x: 1100 + r.criteria.length * 80 }}
            locale={{ emptyText: <Empty description={t('roadshows.ranking.empty')} /> }}
            columns={[
              { title: t('roadshows.ranking.rank'), dataIndex: 'rank', width: 70 },
              {
                title: t('roadshows.ranking.project'),
                dataIndex: 'name',
                width: 240,
                render: (v: string, i) => (
                  <>
                    <div style={{ fontWeight: 600 }}>{v}</div>
                    <div style={{ color: '#595959' }}>{i.organisationName}</div>
                  </>
                ),
              },
              {
                title: t('roadshows.ranking.average'),
                dataIndex: 'average',
                width: 120,
                render: (v: number | null) =>
                  v == null ? (
                    <span style={{ color: '#595959' }}>{t('roadshows.ranking.noScore')}</span>
                  ) : (
                    <b>{fmtScore(v)}</b>
                  ),
              },
              {
                title: t('roadshows.ranking.valid'),
                dataIndex: 'judgesCounted',
                width: 90,
                render: (n: number, i) => <span data-testid={`valid-${i.name}`}>{n}</span>,
              },
              {
                title: t('roadshows.ranking.conflicts'),
                dataIndex: 'conflicts',
                width: 110,
                render: (n: number, i) => <span data-testid={`conflicts-${i.name}`}>{n}</span>,
              },
              {
                title: t('roadshows.ranking.intents'),
                key: 'intents',
                width: 170,
                render: (_: unknown, i) =>
                  t('roadshows.ranking.intentsValue', { count: i.intents.count, sign: i.intents.intentToSign }),
              },
              {
                title: t('roadshows.ranking.amount'),
                key: 'amount',
                width: 130,
                render: (_: unknown, i) => (i.intents.count ? `${i.intents.minWan}–${i.intents.maxWan}` : '—'),
              },
              ...r.criteria.map((c) => ({
                title: `${c.name}`,
                key: c.key,
                width: 80,
                render: (_: unknown, i: Ranking['items'][number]) => fmtScore(i.perCriterion[c.key]),
              })),
            ]}
          />
        </div>
      </QueryState>
    </Card>
  );
}
