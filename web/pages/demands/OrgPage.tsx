/**
 * An organisation's public page (/orgs/:id): its card (kind, region, industry, size) and everything it has
 * published, by area — demands, technology catalogue, open resources, public results, docking events —
 * from each module's public list filtered by organisation.
 *
 * Plain markup without antd (a light route, see PortalLayout), like the other public pages (issue 16).
 */
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Demand, DockingItem, PublicOrganisation, ResourceItem, ResultItem } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { fmtDate, fmtDateTime, punct } from '../../components/format.ts';
import { demandPath } from '../../components/demands/paths.ts';
import {
  LightDeadline,
  LightEmpty,
  LightHeader,
  LightError,
  LightFact,
  LightSkeleton,
  LightTag,
} from '../../components/LightParts.tsx';

function Section<T extends { id: string }>({
  title,
  q,
  render,
  testId,
  wide,
}: {
  title: string;
  q: { data?: Page<T>; isLoading: boolean; error: unknown };
  render: (x: T) => ReactNode;
  testId: string;
  wide?: boolean;
}) {
  const t = useT();
  const { open, close } = punct();
  return (
    <section className={`rt-pcard rt-pcard-titled${wide ? ' rt-org-wide' : ''}`} data-testid={testId}>
      <div className="rt-pcard-head rt-pcard-head-small">
        <h2 className="rt-card-title">{`${title}${q.data ? `${open}${q.data.total}${close}` : ''}`}</h2>
      </div>
      <div className="rt-pcard-body rt-pcard-body-small">
        {q.isLoading ? (
          <LightSkeleton rows={2} bare />
        ) : q.error || !q.data?.items.length ? (
          <span className="rt-text-secondary">{t('demands.org.noneInArea')}</span>
        ) : (
          <ul className="rt-plist rt-plist-small">
            {q.data.items.map((x) => (
              <li key={x.id}>{render(x)}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}

export function OrgPage() {
  const t = useT();
  const { id = '' } = useParams();
  const org = useQuery({
    queryKey: ['public-org', id],
    queryFn: () => api.get<PublicOrganisation>(`/public/organisations/${id}`),
  });
  const common = { organisationId: id, pageSize: 20 };
  const demands = useQuery({
    queryKey: ['demands', 'org', id, 'demand'],
    queryFn: () => api.get<Page<Demand>>('/demands', { ...common, kind: 'demand' }),
  });
  const techs = useQuery({
    queryKey: ['demands', 'org', id, 'technology'],
    queryFn: () => api.get<Page<Demand>>('/demands', { ...common, kind: 'technology' }),
  });
  const resources = useQuery({
    queryKey: ['resources', 'org', id],
    queryFn: () => api.get<Page<ResourceItem>>('/resources', common),
  });
  const results = useQuery({
    queryKey: ['results', 'org', id],
    queryFn: () => api.get<Page<ResultItem>>('/results', common),
  });
  const docking = useQuery({
    queryKey: ['docking', 'org', id],
    queryFn: () => api.get<Page<DockingItem>>('/docking-sessions', common),
  });
  const totals = [demands, techs, resources, results, docking].map((q) => q.data?.total);
  const nothing = totals.every((n) => n === 0);

  if (org.error) return <LightError error={org.error} refetch={() => void org.refetch()} />;
  if (!org.data) {
    return <LightSkeleton />;
  }
  const o = org.data;
  const fact = (label: string, value: ReactNode) => <LightFact label={label}>{value}</LightFact>;
  return (
    <>
      <LightHeader
        title={o.name}
        docTitle={t('demands.org.title')}
        subtitle={
          <span className="rt-ptags">
            <LightTag tone="blue">{o.kindLabel}</LightTag>
            {o.sizeLabel ? <LightTag tone="purple">{o.sizeLabel}</LightTag> : null}
          </span>
        }
      />
      <dl className="rt-pcard rt-facts rt-facts-four" data-testid="org-facts">
        {fact(t('demands.org.kind'), o.kindLabel)}
        {fact(t('demands.org.region'), o.regionName ?? '—')}
        {fact(t('demands.org.industry'), o.industryName ?? '—')}
        {fact(t('demands.org.size'), o.sizeLabel ?? '—')}
      </dl>
      {nothing ? (
        <LightEmpty description={t('demands.org.nothing')} />
      ) : (
        <div className="rt-org-grid">
          <Section
            title={t('demands.org.demands')}
            q={demands}
            testId="org-demands"
            render={(d: Demand) => (
              <div className="rt-org-item-col">
                <Link to={demandPath(d)}>{d.title}</Link>
                <LightDeadline deadline={d.deadline} expired={d.expired} />
              </div>
            )}
          />
          <Section
            title={t('demands.org.technologies')}
            q={techs}
            testId="org-technologies"
            render={(d: Demand) => <Link to={demandPath(d)}>{d.title}</Link>}
          />
          <Section
            title={t('demands.org.resources')}
            q={resources}
            testId="org-resources"
            render={(r: ResourceItem) => (
              <span className="rt-ptags">
                <LightTag tone="green">{r.typeLabel}</LightTag>
                <Link to={`/resources/${r.id}`}>{r.title}</Link>
              </span>
            )}
          />
          <Section
            title={t('demands.org.results')}
            q={results}
            testId="org-results"
            render={(r: ResultItem) => (
              <span className="rt-ptags">
                <Link to={`/results/${r.id}`}>{r.title}</Link>
                <span className="rt-text-secondary">{fmtDate(r.publishedAt)}</span>
              </span>
            )}
          />
          <Section
            title={t('demands.org.docking')}
            q={docking}
            testId="org-docking"
            wide
            render={(s: DockingItem) => (
              <span className="rt-ptags">
                <LightTag tone="grey">{s.kindLabel}</LightTag>
                {s.themeDay ? <Link to={`/theme-days/${s.themeDay.id}`}>{s.title}</Link> : <span>{s.title}</span>}
                <span className="rt-text-secondary">{fmtDateTime(s.startsAt)}</span>
              </span>
            )}
          />
        </div>
      )}
    </>
  );
}
