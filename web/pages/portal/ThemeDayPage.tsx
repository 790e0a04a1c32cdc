/**
 * A theme day's public page: theme, host, partners, dates, agenda and content parts. Once it is over, what came
 * out of it leads (cooperation projects, stability, SME share, the published projects, its news and content) and
 * nothing is offered as if it were still to come (no registration, no meetings to join, no way into the hall).
 *
 * Plain markup without antd (a light route, see PortalLayout), like the home page: the facts and the agenda a
 * reader opens the page for load no antd before the page is usable on a phone (issue 16). The sections built on
 * antd (results and photos, content, sessions, meetings, roadshows) bring its providers with them (AntdScope)
 * when a reader comes near them (WhenVisible); the server-rendered content the page replaces stays meanwhile.
 */
import { lazy, Suspense, useSyncExternalStore, type ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicThemeDayDetail } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { enumLabel, fmtDate, fmtDateRange, fmtMonthDay, punct } from '../../components/format.ts';
import { useServerToday } from '../../hooks/useServerToday.ts';
import { AntdScope } from '../../components/PortalLayout.tsx';
import { WhenVisible } from '../../components/WhenVisible.tsx';

// The error states (404 as its page, others with a retry) are antd's: loaded only when there is an error.
const QueryState = lazy(async () => ({
  default: (await import('../../components/QueryState.tsx')).QueryState,
}));
const ThemeDayContent = lazy(async () => ({
  default: (await import('../../components/demands/ThemeDayContent.tsx')).ThemeDayContent,
}));
const ThemeDaySessions = lazy(async () => ({
  default: (await import('../../components/events/ThemeDaySessions.tsx')).ThemeDaySessions,
}));
const ThemeDayMeetings = lazy(async () => ({
  default: (await import('../../components/meetings/ThemeDayMeetings.tsx')).ThemeDayMeetings,
}));
const ThemeDayRoadshows = lazy(async () => ({
  default: (await import('../../components/roadshows/ThemeDayRoadshows.tsx')).ThemeDayRoadshows,
}));
const ThemeDayPhotos = lazy(async () => ({
  default: (await import('../../components/publicity/ThemeDayPhotos.tsx')).ThemeDayPhotos,
}));
const PublicResults = lazy(async () => ({
  default: (await import('../projects/outcomes/PublicResults.tsx')).PublicResults,
}));

type Agenda = PublicThemeDayDetail['agenda'];

/** Whether the screen is at least antd's `sm` breakpoint (576 px) wide: a phone is narrower. */
const SM = '(min-width: 576px)';
function useWide(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(SM);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(SM).matches,
  );
}

/** The agenda: a table on wider screens; on a phone, one block per item (time and place above, what below). */
function AgendaView({ agenda }: { agenda: Agenda }) {
  const t = useT();
  const wide = useWide();
  const key = (a: Agenda[number]) => `${a.date}-${a.time}-${a.item}`;
  if (!wide) {
    return (
      <ol className="rt-agenda-list" data-testid="agenda-list">
        {agenda.map((a) => (
          <li key={key(a)}>
            <div className="rt-agenda-when">
              {fmtMonthDay(a.date)} {a.time}
              {a.location ? <span className="rt-agenda-where"> · {a.location}</span> : null}
            </div>
            <div>{a.item}</div>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <table className="rt-ptable" data-testid="agenda-table">
      <thead>
        <tr>
          <th scope="col" style={{ width: 100 }}>
            {t('portal.agenda.date')}
          </th>
          <th scope="col" style={{ width: 110 }}>
            {t('portal.agenda.time')}
          </th>
          <th scope="col">{t('portal.agenda.item')}</th>
          <th scope="col">{t('portal.agenda.location')}</th>
        </tr>
      </thead>
      <tbody>
        {agenda.map((a) => (
          <tr key={key(a)}>
            <td>{fmtMonthDay(a.date)}</td>
            <td>{a.time}</td>
            <td>{a.item}</td>
            <td>{a.location ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// antd's CheckCircleFilled and InfoCircleFilled, drawn here: importing them would share their chunks with antd's.
const CHECK =
  'M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm193.5 301.7l-210.6 292a31.8 31.8 0 01-51.7 0L318.5 484.9c-3.8-5.3 0-12.7 6.5-12.7h46.9c10.2 0 19.9 4.9 25.9 13.3l71.2 98.8 157.2-218c6-8.3 15.6-13.3 25.9-13.3H699c6.5 0 10.3 7.4 6.5 12.7z';
const INFO =
  'M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm32 664c0 4.4-3.6 8-8 8h-48c-4.4 0-8-3.6-8-8V456c0-4.4 3.6-8 8-8h48c4.4 0 8 3.6 8 8v272zm-32-344a48.01 48.01 0 010-96 48.01 48.01 0 010 96z';
function NoticeIcon({ d }: { d: string }) {
  return (
    <svg className="rt-pnotice-icon" viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden>
      <path d={d} />
    </svg>
  );
}

/** A card with a title bar (antd's Card look). */
function TitledCard({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <section className="rt-pcard rt-pcard-titled" data-testid={testId}>
      <div className="rt-pcard-head">
        <h2 className="rt-card-title">{title}</h2>
      </div>
      <div className="rt-pcard-body">{children}</div>
    </section>
  );
}

export function ThemeDayPage() {
  const { id } = useParams();
  // The server's today decides whether the day is over (the browser's clock may be wrong).
  const today = useServerToday().data;
  const t = useT();
  // Punctuation between Chinese data follows the reader's language (no full-width "：（、" in English).
  const { colon, open, close, sep } = punct();
  const q = useQuery({
    queryKey: ['public', 'theme-day', id],
    queryFn: () => api.get<PublicThemeDayDetail>(`/public/theme-days/${id}`),
  });
  const d = q.data;
  usePageTitle(d?.title);
  const past = !!d && !!today && d.endDate < today;

  if (q.isLoading) {
    return (
      <div className="rt-pcard rt-skel" role="status" aria-label={t('common.loading')}>
        {Array.from({ length: 5 }, (_, i) => (
          <span key={i} className="rt-skel-bar" />
        ))}
      </div>
    );
  }
  if (q.error || !d) {
    return (
      <Suspense fallback={null}>
        <AntdScope>
          <QueryState isLoading={false} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
            {null}
          </QueryState>
        </AntdScope>
      </Suspense>
    );
  }

  const fact = (label: string, value: ReactNode, wide = false) => (
    <div className={wide ? 'rt-fact rt-fact-wide' : 'rt-fact'}>
      <dt>
        {label}
        {colon}
      </dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <>
      <header className="rt-page-header rt-lp-header">
        <div style={{ minWidth: 0 }}>
          <h1 className="rt-h1">{d.title}</h1>
          <div className="rt-subtitle">{`${t('portal.theme')}${colon}${d.theme}`}</div>
        </div>
        <Link to={`/?year=${d.year}`} className="rt-pbtn">
          {t('portal.back')}
        </Link>
      </header>
      <dl className="rt-pcard rt-facts" data-testid="theme-day-facts">
        {fact(t('portal.theme'), d.theme)}
        {fact(t('portal.dates'), fmtDateRange(d.startDate, d.endDate))}
        {fact(t('portal.host'), `${d.host.name}${open}${d.host.shortName}${close}`)}
        {fact(t('portal.region'), d.host.regionName ?? d.host.provinceName ?? '—')}
        {fact(t('portal.partners'), d.partners.length ? d.partners.map((p) => p.name).join(sep) : '—', true)}
      </dl>
      {past ? (
        <div className="rt-pnotice is-success is-large" data-testid="theme-day-past">
          <NoticeIcon d={CHECK} />
          <div>
            <div className="rt-pnotice-title">{t('portal.pastDay', { date: fmtDate(d.endDate) })}</div>
            <Link to={`/news?themeDay=${d.id}`} className="rt-pbtn rt-pbtn-small">
              {t('portal.pastNews')}
            </Link>
          </div>
        </div>
      ) : !d.planPublished ? (
        <div className="rt-pnotice is-info">
          <NoticeIcon d={INFO} />
          <div className="rt-pnotice-title">{t('portal.notPublishedAgenda')}</div>
        </div>
      ) : null}
      {past ? (
        <WhenVisible>
          <Suspense fallback={null}>
            <AntdScope>
              <PublicResults themeDayId={d.id} />
              <ThemeDayPhotos themeDayId={d.id} />
            </AntdScope>
          </Suspense>
        </WhenVisible>
      ) : null}
      {d.planPublished ? (
        <div className="rt-td-cols" style={past ? { marginTop: 16 } : undefined}>
          <TitledCard title={t('portal.agenda')}>
            <AgendaView agenda={d.agenda} />
          </TitledCard>
          <TitledCard title={t('portal.parts')} testId="theme-day-parts">
            <ul className="rt-plist">
              {d.parts.map((p) => (
                <li key={`${p.key}-${p.name}`}>
                  <strong>{enumLabel('demands.td', p.key, p.name)}</strong>
                  <div>{p.description}</div>
                </li>
              ))}
            </ul>
          </TitledCard>
        </div>
      ) : null}
      {/* Below the fold on a phone: antd's providers and these sections load when a reader scrolls towards them
          (within 200 px: on a phone the agenda and the parts end just about 400 px below the first screen). */}
      <WhenVisible margin="200px">
        <Suspense fallback={null}>
          <AntdScope>
            <ThemeDayContent themeDayId={d.id} past={past} />
            {/* Registration and meetings to join are for a theme day still to come (shown once today is known). */}
            {today && !past ? <ThemeDaySessions themeDayId={d.id} /> : null}
            {today && !past ? <ThemeDayMeetings themeDayId={d.id} /> : null}
            {today ? <ThemeDayRoadshows themeDayId={d.id} past={past} /> : null}
          </AntdScope>
        </Suspense>
      </WhenVisible>
    </>
  );
}
