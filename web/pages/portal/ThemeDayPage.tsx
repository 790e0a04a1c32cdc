/**
 * A theme day's public page: theme, host, partners, dates, agenda and content parts. Once it is over, what came
 * out of it leads (cooperation projects, stability, SME share, the published projects, its news and content) and
 * nothing is offered as if it were still to come (no registration, no meetings to join, no way into the hall).
 *
 * The sections below the facts load on demand: the page shows (and the server-rendered content it replaces
 * stays) without waiting for their code.
 */
import { lazy, Suspense } from 'react';
import { Alert, Card, Col, Descriptions, Grid, List, Row, Table, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicThemeDayDetail } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { enumLabel, fmtDate, fmtDateRange, fmtMonthDay, punct } from '../../components/format.ts';
import { useServerToday } from '../../hooks/useServerToday.ts';
import { WhenVisible } from '../../components/WhenVisible.tsx';

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

/** The agenda: a table on wider screens; on a phone, one block per item (time and place above, what below). */
function AgendaView({ agenda }: { agenda: Agenda }) {
  const t = useT();
  const phone = !Grid.useBreakpoint().sm;
  const day = (v: string) => fmtMonthDay(v);
  if (phone) {
    return (
      <ol className="rt-agenda-list" data-testid="agenda-list">
        {agenda.map((a) => (
          <li key={`${a.date}-${a.time}-${a.item}`}>
            <div className="rt-agenda-when">
              {day(a.date)} {a.time}
              {a.location ? <span className="rt-agenda-where"> · {a.location}</span> : null}
            </div>
            <div>{a.item}</div>
          </li>
        ))}
      </ol>
    );
  }
  return (
    <Table
      size="small"
      rowKey={(r) => `${r.date}-${r.time}-${r.item}`}
      pagination={false}
      dataSource={agenda}
      columns={[
        { title: t('portal.agenda.date'), dataIndex: 'date', render: day, width: 100 },
        { title: t('portal.agenda.time'), dataIndex: 'time', width: 110 },
        { title: t('portal.agenda.item'), dataIndex: 'item' },
        {
          title: t('portal.agenda.location'),
          dataIndex: 'location',
          render: (v: string | null) => v ?? '—',
        },
      ]}
    />
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
  const past = !!d && !!today && d.endDate < today;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {d ? (
        <>
          <PageHeader
            title={d.title}
            subtitle={`${t('portal.theme')}${colon}${d.theme}`}
            extra={<LinkButton to={`/?year=${d.year}`}>{t('portal.back')}</LinkButton>}
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={{ xs: 1, sm: 1, md: 2 }} size="small" data-testid="theme-day-facts">
              <Descriptions.Item label={t('portal.theme')}>{d.theme}</Descriptions.Item>
              <Descriptions.Item label={t('portal.dates')}>{fmtDateRange(d.startDate, d.endDate)}</Descriptions.Item>
              <Descriptions.Item
                label={t('portal.host')}
              >{`${d.host.name}${open}${d.host.shortName}${close}`}</Descriptions.Item>
              <Descriptions.Item label={t('portal.region')}>
                {d.host.regionName ?? d.host.provinceName ?? '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('portal.partners')} span={2}>
                {d.partners.length ? d.partners.map((p) => p.name).join(sep) : '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          {past ? (
            <Alert
              type="success"
              showIcon
              title={t('portal.pastDay', { date: fmtDate(d.endDate) })}
              description={
                <LinkButton to={`/news?themeDay=${d.id}`} size="small" style={{ marginTop: 4 }}>
                  {t('portal.pastNews')}
                </LinkButton>
              }
              style={{ marginBottom: 16 }}
              data-testid="theme-day-past"
            />
          ) : !d.planPublished ? (
            <Alert type="info" showIcon title={t('portal.notPublishedAgenda')} style={{ marginBottom: 16 }} />
          ) : null}
          <Suspense fallback={null}>
            {past ? <PublicResults themeDayId={d.id} /> : null}
            {past ? <ThemeDayPhotos themeDayId={d.id} /> : null}
          </Suspense>
          {d.planPublished ? (
            <Row gutter={[16, 16]} style={past ? { marginTop: 16 } : undefined}>
              <Col xs={24} lg={14}>
                <Card title={<h2 className="rt-card-title">{t('portal.agenda')}</h2>}>
                  <AgendaView agenda={d.agenda} />
                </Card>
              </Col>
              <Col xs={24} lg={10}>
                <Card title={<h2 className="rt-card-title">{t('portal.parts')}</h2>} data-testid="theme-day-parts">
                  <List
                    dataSource={d.parts}
                    renderItem={(p) => (
                      <List.Item>
                        <div>
                          <Typography.Text strong>{enumLabel('demands.td', p.key, p.name)}</Typography.Text>
                          <div>{p.description}</div>
                        </div>
                      </List.Item>
                    )}
                  />
                </Card>
              </Col>
            </Row>
          ) : null}
          {/* Below the fold on a phone: loaded when a reader scrolls towards it (issue 16). */}
          <WhenVisible>
            <Suspense fallback={null}>
              <ThemeDayContent themeDayId={d.id} past={past} />
              {/* Registration and meetings to join are for a theme day still to come (shown once today is known). */}
              {today && !past ? <ThemeDaySessions themeDayId={d.id} /> : null}
              {today && !past ? <ThemeDayMeetings themeDayId={d.id} /> : null}
              {today ? <ThemeDayRoadshows themeDayId={d.id} past={past} /> : null}
            </Suspense>
          </WhenVisible>
        </>
      ) : null}
    </QueryState>
  );
}
