/** Small pieces of a roadshow, used by the roadshow pages and by the portal's theme-day page: status tag, time and score formats, the public lineup and results. */
import { Alert, Table } from 'antd';
import { ToneTag, type Tone } from '../StatusTag.tsx';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import type { PublicRoadshow, RoadshowStatus } from '../../api/roadshows.ts';
import { fmtScore } from './roadshowLight.tsx';

// The pieces without antd live in roadshowLight.tsx (the portal's light roadshow page uses them).
export { fmtScore, Lineup, sessionTime } from './roadshowLight.tsx';

const RS_TONE: Record<RoadshowStatus, Tone> = { collecting: 'blue', scoring: 'orange', closed: 'green' };

export function RoadshowStatusTag({ status }: { status: RoadshowStatus }) {
  const t = useT();
  return (
    <ToneTag tone={RS_TONE[status]} testId="roadshow-status">
      {t(`roadshows.status.${status}` as MessageKey)}
    </ToneTag>
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
