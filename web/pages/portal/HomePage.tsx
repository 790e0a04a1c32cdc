/**
 * Portal home (no login): the year's theme days as a 12-month calendar and as cards, the open call with
 * its deadline in Beijing time, the counters, the ways on (base directory, sign-in), then what is open now.
 *
 * Plain markup without antd (a light route, see PortalLayout): the page most readers open first, on a phone,
 * loads no antd before it is usable; the open-now sections below it bring antd with them.
 */
import { lazy, Suspense, useMemo } from 'react';
import { CalendarOutlined, EnvironmentOutlined, TeamOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page, PublicProgramme, PublicStats, PublicThemeDay } from '../../api/types.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { useT } from '../../i18n/index.tsx';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { useMe } from '../../hooks/useMe.ts';
import { useNow } from '../../hooks/useDebounced.ts';
import { YearCalendar } from '../../components/YearCalendar.tsx';
import { AntdScope } from '../../components/PortalLayout.tsx';
import { WhenVisible } from '../../components/WhenVisible.tsx';
import { fmtDateRange, fmtDateTime, punct } from '../../components/format.ts';

// Below the fold on a phone: their code loads when a reader scrolls towards them (WhenVisible).
const OpenNow = lazy(async () => ({ default: (await import('../../components/demands/OpenNow.tsx')).OpenNow }));
const OpenSessions = lazy(async () => ({
  default: (await import('../../components/events/OpenSessions.tsx')).OpenSessions,
}));

export function HomePage() {
  const t = useT();
  const p = punct();
  usePageTitle(undefined);
  const [params, setParams] = useSearchParams();
  const { data: me } = useMe();

  const programmes = useQuery({
    queryKey: ['public', 'programmes'],
    queryFn: () => api.get<Page<PublicProgramme>>('/public/programmes', { pageSize: 50 }),
  });
  const days = useQuery({
    queryKey: ['public', 'theme-days', 'all'],
    queryFn: () => api.get<Page<PublicThemeDay>>('/public/theme-days', { pageSize: 200 }),
  });
  const stats = useQuery({ queryKey: ['public', 'stats'], queryFn: () => api.get<PublicStats>('/public/stats') });

  const now = useNow();
  const today = shanghaiToday();
  const thisYear = Number(today.slice(0, 4));
  const years = useMemo(() => {
    const s = new Set<number>();
    for (const p of programmes.data?.items ?? []) s.add(p.year);
    for (const d of days.data?.items ?? []) s.add(d.year);
    return [...s].sort((a, b) => b - a);
  }, [programmes.data, days.data]);
  const yearsWithDays = new Set((days.data?.items ?? []).map((d) => d.year));
  const defaultYear = yearsWithDays.has(thisYear)
    ? thisYear
    : ([...yearsWithDays].sort((a, b) => b - a)[0] ?? years[0] ?? thisYear);
  const year = Number(params.get('year')) || defaultYear;
  const yearDays = (days.data?.items ?? []).filter((d) => d.year === year);
  const openCall = programmes.data?.items.find((p) => p.status === 'open');
  const fileLink = me ? '/workspace/plans' : `/login?next=${encodeURIComponent('/workspace/plans')}`;

  return (
    <>
      <section className="rt-hero">
        <h1>{t('portal.heroTitle')}</h1>
        <p>{t('portal.heroSub')}</p>
      </section>

      <div className="rt-home-top">
        <section className="rt-pcard" data-testid="open-call">
          <h2 className="rt-section-title rt-pcard-title">{t('portal.openCall')}</h2>
          {programmes.isLoading ? (
            <Placeholder rows={2} />
          ) : openCall ? (
            <>
              <p className="rt-call-name">{openCall.name}</p>
              {openCall.planDeadlineAt ? (
                <p>
                  {t('portal.callDeadline', { time: fmtDateTime(openCall.planDeadlineAt) })}
                  <span className="rt-warn" style={{ marginInlineStart: 8 }}>
                    {t('portal.callCountdown', {
                      n: Math.max(
                        0,
                        Math.ceil((new Date(openCall.planDeadlineAt).getTime() - now.getTime()) / 86_400_000),
                      ),
                    })}
                  </span>
                </p>
              ) : null}
              <p className="rt-text-secondary">{t('portal.callHint')}</p>
              <Link to={fileLink} className="rt-pbtn rt-pbtn-primary" data-testid="portal-file-plan">
                {t('portal.fileNow')}
              </Link>
            </>
          ) : (
            <p className="rt-text-secondary">{t('portal.noCall')}</p>
          )}
        </section>
        <section className="rt-pcard">
          <h2 className="rt-section-title rt-pcard-title">{t('portal.stats')}</h2>
          {stats.data ? (
            <dl className="rt-stats" data-testid="portal-stats">
              <Stat title={t('portal.stat.themeDays', { year: stats.data.year })} value={stats.data.themeDaysTotal} />
              <Stat title={t('portal.stat.upcoming')} value={stats.data.upcomingThemeDays} />
              <Stat title={t('portal.stat.bases')} value={stats.data.bases} />
              <Stat title={t('portal.stat.enterpriseBases')} value={stats.data.enterpriseBases} />
            </dl>
          ) : (
            <Placeholder rows={2} />
          )}
          <Link to="/bases" style={{ display: 'inline-block', marginTop: 12 }}>
            {t('portal.baseDirectory')} →
          </Link>
        </section>
      </div>

      <div className="rt-home-yearbar">
        <h2 className="rt-section-title">
          <CalendarOutlined aria-hidden /> {t('portal.yearDays', { year })}
        </h2>
        {years.length > 1 ? (
          <div
            role="group"
            aria-label={t('portal.yearSelect')}
            className="rt-seg rt-seg-middle"
            data-testid="portal-year"
          >
            {years.map((y) => (
              <button
                key={y}
                type="button"
                aria-pressed={y === year}
                className={y === year ? 'rt-seg-item is-selected' : 'rt-seg-item'}
                onClick={() => setParams({ year: String(y) })}
              >
                {y}
              </button>
            ))}
          </div>
        ) : null}
      </div>

      {days.isLoading ? (
        <Placeholder rows={4} />
      ) : days.error ? (
        <p role="alert" className="rt-palert">
          {t('common.loadFailed')}
        </p>
      ) : yearDays.length === 0 ? (
        <div className="rt-pcard rt-pempty">
          <p>{t('portal.noDays')}</p>
          <p className="rt-text-secondary">{t('portal.noDaysHint')}</p>
          <Link to="/bases" className="rt-pbtn">
            {t('portal.baseDirectory')}
          </Link>
        </div>
      ) : (
        <>
          <YearCalendar
            year={year}
            days={yearDays.map((d) => ({
              id: d.id,
              title: d.title,
              theme: d.theme,
              startDate: d.startDate,
              endDate: d.endDate,
              hostShortName: d.host.shortName,
            }))}
            linkTo={(d) => `/theme-days/${d.id}`}
          />
          <h2 className="rt-section-title" style={{ marginTop: 24 }}>
            {t('portal.cards')}
          </h2>
          <ul className="rt-day-cards" data-testid="theme-day-cards">
            {yearDays.map((d) => (
              <li key={d.id} className="rt-pcard rt-day-card">
                <div className="rt-day-card-head">
                  <h3 className="rt-card-title">{d.title}</h3>
                  <Link to={`/theme-days/${d.id}`} aria-label={`${t('portal.viewDay')}${p.colon}${d.title}`}>
                    {t('portal.viewDay')}
                  </Link>
                </div>
                <div className="rt-day-card-body">
                  <p style={{ marginTop: 0 }}>
                    <strong>
                      {t('portal.theme')}
                      {p.colon}
                    </strong>
                    {d.theme}
                  </p>
                  <p>
                    <CalendarOutlined aria-hidden /> {fmtDateRange(d.startDate, d.endDate)}
                    {d.endDate < today ? (
                      <span className="rt-muted">{`${p.open}${t('portal.ended')}${p.close}`}</span>
                    ) : null}
                  </p>
                  <p>
                    <EnvironmentOutlined aria-hidden /> {d.host.name}
                    {d.host.provinceName ? `${p.open}${d.host.provinceName}${p.close}` : ''}
                  </p>
                  {d.partners.length ? (
                    <p style={{ marginBottom: 0 }}>
                      <TeamOutlined aria-hidden /> {t('portal.partners')}
                      {p.colon}
                      {d.partners.map((x) => x.shortName).join(p.sep)}
                    </p>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}

      {/* What is open now (demands, resources, results, sessions) comes after the theme days and uses antd: its
          providers and code load when a reader scrolls towards it, not before the page is usable on a phone. */}
      <WhenVisible>
        <Suspense fallback={null}>
          <AntdScope>
            <div style={{ marginTop: 24 }}>
              <OpenNow />
              <OpenSessions />
            </div>
          </AntdScope>
        </Suspense>
      </WhenVisible>
    </>
  );
}

/** A counter (antd's Statistic look): its label above the number. */
function Stat({ title, value }: { title: string; value: number }) {
  return (
    <div className="rt-stat">
      <dt>{title}</dt>
      <dd>{value}</dd>
    </div>
  );
}

/** Grey bars where content is loading (antd's Skeleton look). */
function Placeholder({ rows }: { rows: number }) {
  const t = useT();
  return (
    <div className="rt-skel" role="status" aria-label={t('common.loading')}>
      {Array.from({ length: rows + 1 }, (_, i) => (
        <span key={i} className="rt-skel-bar" />
      ))}
    </div>
  );
}
