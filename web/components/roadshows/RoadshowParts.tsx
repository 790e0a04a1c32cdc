/** Small pieces of a roadshow, used by the roadshow pages and by the portal's theme-day page: status tag, time and score formats, the public lineup and results. */
import { Alert, Table } from 'antd';
import { ToneTag, type Tone } from '../StatusTag.tsx';
import { fmtDateTime } from '../format.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { PublicRoadshow, RoadshowStatus, SessionRef } from '../../api/roadshows.ts';

const RS_TONE: Record<RoadshowStatus, Tone> = { collecting: 'blue', scoring: 'orange', closed: 'green' };

export const fmtScore = (v: number | null | undefined): string => (v == null ? '—' : v.toFixed(2));

export function RoadshowStatusTag({ status }: { status: RoadshowStatus }) {
  const t = useT();
  return (
    <ToneTag tone={RS_TONE[status]} testId="roadshow-status">
      {t(`roadshows.status.${status}` as MessageKey)}
    </ToneTag>
  );
}

/** "2026年12月19日 14:00—17:00" for a session on one day. */
export function sessionTime(s: Pick<SessionRef, 'startsAt' | 'endsAt'>): string {
  const a = fmtDateTime(s.startsAt);
  const b = fmtDateTime(s.endsAt);
  const [da, ta] = [a.slice(0, a.lastIndexOf(' ')), a.slice(a.lastIndexOf(' ') + 1)];
  const [db, tb] = [b.slice(0, b.lastIndexOf(' ')), b.slice(b.lastIndexOf(' ') + 1)];
  return da === db ? `${da} ${ta}—${tb}` : `${a}—${b}`;
}

/** The public running order of a roadshow (or a note that it is not out yet). */
export function Lineup({ r }: { r: PublicRoadshow }) {
  const t = useT();
  if (!r.lineup.length) return <div style={{ color: '#595959' }}>{t('roadshows.public.lineupPending')}</div>;
  return (
    <ol style={{ paddingInlineStart: 20, margin: 0 }} data-testid="public-lineup">
      {r.lineup.map((p) => (
        <li key={`${p.order}-${p.name}`} style={{ marginBottom: 6 }}>
          <b>{p.name}</b>{' '}
          <span style={{ color: '#595959' }}>
            {p.organisationName} · {p.field} · {p.stageLabel}
          </span>
        </li>
      ))}
    </ol>
  );
}

/** The published ranking of a roadshow (or a note that it is not published yet). */
export function Results({ r }: { r: PublicRoadshow }) {
  const t = useT();
  if (!r.results) return <Alert type="info" showIcon title={t('roadshows.public.notPublished')} />;
  return (
    <Table
      rowKey="rank"
      size="small"
      data-testid="public-results"
      pagination={false}
      scroll={{ x: 560 }}
      dataSource={r.results}
      columns={[
        { title: t('roadshows.ranking.rank'), dataIndex: 'rank', width: 64 },
        {
          title: t('roadshows.ranking.project'),
          dataIndex: 'name',
          render: (v: string, i) => (
            <>
              <b>{v}</b>
              <div style={{ color: '#595959' }}>{i.organisationName}</div>
            </>
          ),
        },
        {
          title: t('roadshows.ranking.average'),
          dataIndex: 'average',
          width: 110,
          render: (v: number | null) => (v == null ? '—' : fmtScore(v)),
        },
        { title: t('roadshows.ranking.valid'), dataIndex: 'judgesCounted', width: 90 },
        {
          title: t('roadshows.ranking.intents'),
          key: 'i',
          width: 160,
          render: (_: unknown, i) => t('roadshows.ranking.intentsValue', { count: i.intents, sign: i.intentToSign }),
        },
      ]}
    />
  );
}
