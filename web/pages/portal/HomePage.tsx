/**
 * Portal home (no login): the year's theme days as a 12-month calendar and as cards, the open call with
 * its deadline in Beijing time, the counters, and the ways on (base directory, sign-in).
 */
import { lazy, Suspense, useMemo } from 'react';
import { Alert, Card, Col, Empty, Flex, Row, Segmented, Skeleton, Statistic, Typography } from 'antd';
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
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDateRange, fmtDateTime, punct } from '../../components/format.ts';

// Below the fold on a phone: their code loads after the page shows.
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

      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} lg={14}>
          <Card style={{ height: '100%' }} data-testid="open-call">
            <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 0 }}>
              {t('portal.openCall')}
            </Typography.Title>
            {programmes.isLoading ? (
              <Skeleton active paragraph={{ rows: 2 }} />
            ) : openCall ? (
              <>
                <Typography.Paragraph strong style={{ fontSize: 16 }}>
                  {openCall.name}
                </Typography.Paragraph>
                {openCall.planDeadlineAt ? (
                  <Typography.Paragraph>
                    {t('portal.callDeadline', { time: fmtDateTime(openCall.planDeadlineAt) })}
                    <span className="rt-warn" style={{ marginInlineStart: 8 }}>
                      {t('portal.callCountdown', {
                        n: Math.max(
                          0,
                          Math.ceil((new Date(openCall.planDeadlineAt).getTime() - now.getTime()) / 86_400_000),
                        ),
                      })}
                    </span>
                  </Typography.Paragraph>
                ) : null}
                <Typography.Paragraph className="rt-text-secondary">{t('portal.callHint')}</Typography.Paragraph>
                <LinkButton to={fileLink} type="primary" data-testid="portal-file-plan">
                  {t('portal.fileNow')}
                </LinkButton>
              </>
            ) : (
              <Typography.Paragraph className="rt-text-secondary">{t('portal.noCall')}</Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card style={{ height: '100%' }}>
            <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 0 }}>
              {t('portal.stats')}
            </Typography.Title>
            {stats.data ? (
              <Row gutter={[12, 12]} data-testid="portal-stats">
                <Col span={12}>
                  <Statistic
                    title={t('portal.stat.themeDays', { year: stats.data.year })}
                    value={stats.data.themeDaysTotal}
                  />
                </Col>
                <Col span={12}>
                  <Statistic title={t('portal.stat.upcoming')} value={stats.data.upcomingThemeDays} />
                </Col>
                <Col span={12}>
                  <Statistic title={t('portal.stat.bases')} value={stats.data.bases} />
                </Col>
                <Col span={12}>
                  <Statistic title={t('portal.stat.enterpriseBases')} value={stats.data.enterpriseBases} />
                </Col>
              </Row>
            ) : (
              <Skeleton active paragraph={{ rows: 2 }} />
            )}
            <Link to="/bases" style={{ display: 'inline-block', marginTop: 12 }}>
              {t('portal.baseDirectory')} →
            </Link>
          </Card>
        </Col>
      </Row>

      <Suspense fallback={null}>
        <OpenNow />
        <OpenSessions />
      </Suspense>

      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Title level={2} className="rt-section-title">
          <CalendarOutlined aria-hidden /> {t('portal.yearDays', { year })}
        </Typography.Title>
        {years.length > 1 ? (
          <Segmented<number>
            aria-label={t('portal.yearSelect')}
            value={year}
            options={years.map((y) => ({ value: y, label: String(y) }))}
            onChange={(y) => setParams({ year: String(y) })}
            data-testid="portal-year"
          />
        ) : null}
      </Flex>

      {days.isLoading ? (
        <Skeleton active />
      ) : days.error ? (
        <Alert type="error" showIcon title={t('common.loadFailed')} />
      ) : yearDays.length === 0 ? (
        <Card>
          <Empty description={t('portal.noDays')}>
            <Typography.Paragraph className="rt-text-secondary">{t('portal.noDaysHint')}</Typography.Paragraph>
            <LinkButton to="/bases">{t('portal.baseDirectory')}</LinkButton>
          </Empty>
        </Card>
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
          <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 24 }}>
            {t('portal.cards')}
          </Typography.Title>
          <Row gutter={[16, 16]} data-testid="theme-day-cards">
            {yearDays.map((d) => (
              <Col key={d.id} xs={24} sm={12} lg={8}>
                <Card
                  title={<h3 className="rt-card-title">{d.title}</h3>}
                  extra={
                    <Link to={`/theme-days/${d.id}`} aria-label={`${t('portal.viewDay')}${p.colon}${d.title}`}>
                      {t('portal.viewDay')}
                    </Link>
                  }
                  style={{ height: '100%' }}
                >
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
                </Card>
              </Col>
            ))}
          </Row>
        </>
      )}
    </>
  );
}
