/**
 * A roadshow's public page (no login): its facts, the lineup, and the ranking once published.
 *
 * Plain markup without antd (a light route, see PortalLayout): a reader who opens a roadshow link shared in a
 * chat loads no antd before the page is usable on a phone (issue 16); only an error page brings antd, lazily.
 */
import { AppstoreOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicRoadshow } from '../../api/roadshows.ts';
import { useT } from '../../i18n/index.tsx';
import { LightCard, LightError, LightFacts, LightHeader, LightSkeleton } from '../../components/LightParts.tsx';
import {
  Lineup,
  ResultsTable,
  RoadshowStatusLightTag,
  sessionTime,
} from '../../components/roadshows/roadshowLight.tsx';

export function PublicRoadshowPage() {
  const { id = '' } = useParams();
  const t = useT();
  const q = useQuery({
    queryKey: ['public', 'roadshow', id],
    queryFn: () => api.get<PublicRoadshow>(`/public/roadshows/${id}`),
  });
  const r = q.data;
  if (q.isLoading) return <LightSkeleton />;
  if (q.error || !r) return <LightError error={q.error} refetch={() => void q.refetch()} />;
  return (
    <>
      <LightHeader
        title={r.title}
        subtitle={<Link to={`/theme-days/${r.themeDay.id}`}>{r.themeDay.title}</Link>}
        extra={
          <>
            <Link to={`/theme-days/${r.themeDay.id}`} className="rt-pbtn">
              {t('roadshows.hall.backToThemeDay')}
            </Link>
            <Link to={`/theme-days/${r.themeDay.id}/hall`} className="rt-pbtn">
              <AppstoreOutlined aria-hidden /> {t('roadshows.public.hallLink')}
            </Link>
          </>
        }
      />
      <LightCard className="rt-lp-facts-card">
        <LightFacts
          columns={2}
          rows={[
            [t('common.status'), <RoadshowStatusLightTag key="status" status={r.status} />],
            [t('roadshows.col.time'), sessionTime(r.session)],
            r.session.venue ? [t('roadshows.create.venue'), r.session.venue] : null,
            [t('roadshows.public.criteria'), r.criteria.map((c) => `${c.name} ${c.weight}%`).join('、')],
          ]}
        />
      </LightCard>
      <div className="rt-lp-cols rt-lp-cols-rs">
        <LightCard title={t('roadshows.public.lineup')}>
          <Lineup r={r} />
        </LightCard>
        <LightCard title={t('roadshows.public.results')}>
          <ResultsTable r={r} />
        </LightCard>
      </div>
    </>
  );
}
