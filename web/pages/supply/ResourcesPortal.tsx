/**
 * Portal pages of 创新资源开放共享: the public list of open resources (keyword and filters in the URL) and a
 * resource's page with its remaining quota and the 申请使用 form (sign-in first when anonymous).
 *
 * Plain markup without antd (light routes, see PortalLayout): what a reader sees first loads no antd (issue
 * 16). The request form is antd's: it loads with its providers when a reader opens it (or points at its button).
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { PriceModel, Resource, ResourceQuota, ResourceType } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import { page } from '../../routing.tsx';
import { PROVINCES } from '../../../common/provinces.ts';
import {
  LightCard,
  LightError,
  LightFacts,
  LightHeader,
  LightNotice,
  LightSkeleton,
  LightTag,
} from '../../components/LightParts.tsx';
import { fmtDate } from '../../components/format.ts';
import { ListFilters, SelectFilter, TextFilter, ThemeDayFilter } from './ListFilters.tsx';
import { Paragraphs, ResourceLightTags, useQuotaText } from './portalParts.tsx';
import { useRegionLabel } from './regionLabel.ts';
import { PortalCards, useLazyForm } from './portalList.tsx';

const RequestModal = page<
  typeof import('./resources/RequestModal.tsx'),
  Parameters<typeof import('./resources/RequestModal.tsx').RequestModal>[0]
>(() => import('./resources/RequestModal.tsx'), 'RequestModal');
// The contract's lists, here as types only (its values would bring zod into the first load); a type added to
// the contract fails to compile until it is added here.
const RESOURCE_TYPES = Object.keys({
  scenario: 1,
  lab: 1,
  instrument: 1,
  investment: 1,
  training: 1,
  supply_chain: 1,
} satisfies Record<ResourceType, 1>) as ResourceType[];
const PRICE_MODELS = Object.keys({ free: 1, paid: 1, negotiable: 1 } satisfies Record<PriceModel, 1>) as PriceModel[];

export function ResourcesPortalPage() {
  const t = useT();
  const table = useTableState({ pageSize: 12 });
  const quotaText = useQuotaText();
  const regionLabel = useRegionLabel();
  const list = useQuery({
    queryKey: ['resources', 'public', table.query],
    queryFn: () => api.get<Page<Resource>>('/resources', table.query),
  });
  const f = table.filters;
  return (
    <>
      <LightHeader title={t('supply.resources.portalTitle')} subtitle={t('supply.resources.portalSubtitle')} />
      <ListFilters table={table}>
        <TextFilter
          name="q"
          label={t('common.keyword')}
          placeholder={t('supply.resources.keywordPlaceholder')}
          value={f.q}
          testId="resources-q"
        />
        <SelectFilter
          name="type"
          label={t('supply.resource.type')}
          value={f.type}
          options={RESOURCE_TYPES.map((k) => [k, t(`supply.resourceType.${k}` as MessageKey)])}
        />
        <SelectFilter
          name="priceModel"
          label={t('supply.resource.priceModel')}
          value={f.priceModel}
          options={PRICE_MODELS.map((k) => [k, t(`supply.priceModel.${k}` as MessageKey)])}
        />
        {/* The URL keeps the province's two digits (the server matches every region in it). */}
        <SelectFilter
          name="region"
          label={t('common.province')}
          value={f.region}
          options={PROVINCES.map((p) => [p.code.slice(0, 2), p.name])}
        />
        <SelectFilter
          name="graduateTeams"
          label={t('supply.resource.graduateTeamsShort')}
          value={f.graduateTeams}
          options={[
            ['true', t('common.yes')],
            ['false', t('common.no')],
          ]}
        />
        <ThemeDayFilter value={f.themeDayId} />
      </ListFilters>
      <PortalCards
        list={list}
        table={table}
        path="/resources"
        testId="resources-cards"
        cardTestId="resource-card"
        empty={t('supply.resources.empty')}
        emptyFiltered={t('supply.resources.emptyFiltered')}
        tags={(r) => <ResourceLightTags r={r} />}
        meta={(r) => (r.regionCode && regionLabel(r.regionCode) ? ` · ${regionLabel(r.regionCode)}` : '')}
        footer={(r) => <div className="rt-text-secondary">{quotaText(r)}</div>}
      />
    </>
  );
}

export function ResourcePortalPage() {
  const t = useT();
  const { id } = useParams();
  const { data: me } = useMe();
  const quotaText = useQuotaText();
  const regionLabel = useRegionLabel();
  const form = useLazyForm(() => RequestModal.preload());
  const q = useQuery({ queryKey: ['resources', id], queryFn: () => api.get<Resource>(`/resources/${id}`) });
  const quota = useQuery({
    queryKey: ['resources', id, 'quota', 'today'],
    queryFn: () => api.get<ResourceQuota>(`/resources/${id}/quota`),
    enabled: !!q.data && q.data.quota != null,
  });
  const r = q.data;
  if (q.isLoading) return <LightSkeleton />;
  if (q.error || !r) return <LightError error={q.error} refetch={() => void q.refetch()} />;
  const loginNext = `/login?next=${encodeURIComponent(`/workspace/resources?tab=mine&request=${id}`)}`;
  return (
    <>
      <LightHeader
        title={r.title}
        subtitle={
          <span className="rt-lp-tags">
            <ResourceLightTags r={r} />
            {r.status !== 'published' ? (
              <LightTag tone="grey">{t(`supply.resourceStatus.${r.status}` as MessageKey)}</LightTag>
            ) : null}
          </span>
        }
        extra={
          <>
            <Link to="/resources" className="rt-pbtn">
              {t('supply.resources.backToList')}
            </Link>
            {r.status === 'published' ? (
              !me ? (
                <Link to={loginNext} className="rt-pbtn rt-pbtn-primary" data-testid="resource-request-login">
                  {t('supply.request.action')}
                </Link>
              ) : r.abilities.request ? (
                <button
                  type="button"
                  className="rt-pbtn rt-pbtn-primary"
                  {...form.trigger}
                  data-testid="resource-request"
                >
                  {t('supply.request.action')}
                </button>
              ) : null
            ) : null}
          </>
        }
      />
      {me && r.abilities.request ? (
        <LightNotice
          tone={form.sent ? 'success' : 'info'}
          title={form.sent ? t('supply.request.sentHint') : t('supply.request.hint')}
          action={
            form.sent ? (
              <Link to="/workspace/resources?tab=mine" className="rt-pbtn">
                {t('supply.request.viewMine')}
              </Link>
            ) : undefined
          }
        />
      ) : null}
      {me && !r.abilities.request && r.status === 'published' && !r.abilities.edit ? (
        <LightNotice tone="warning" title={t('supply.request.notActing')} />
      ) : null}
      <div className="rt-lp-cols">
        <LightCard title={t('supply.resource.description')}>
          <Paragraphs text={r.description} />
          {r.conditions ? (
            <>
              <h3>{t('supply.resource.conditions')}</h3>
              <Paragraphs text={r.conditions} />
            </>
          ) : null}
        </LightCard>
        <LightCard title={t('supply.resource.facts')}>
          <LightFacts
            rows={[
              [t('supply.resource.owner'), r.organisation.name],
              [t('common.region'), regionLabel(r.regionCode)],
              r.location ? [t('supply.resource.location'), r.location] : null,
              [
                t('supply.resource.priceModel'),
                `${t(`supply.priceModel.${r.priceModel}` as MessageKey)}${r.priceNote ? `（${r.priceNote}）` : ''}`,
              ],
              [t('supply.resource.quota'), quotaText(r)],
              r.quota != null && quota.data
                ? [
                    t('supply.resource.remainingNow'),
                    <span key="remaining" data-testid="resource-remaining">
                      {t('supply.resource.remainingN', { n: quota.data.remaining ?? 0 })}
                    </span>,
                  ]
                : null,
              r.themeDay
                ? [
                    t('supply.themeDay'),
                    <Link key="day" to={`/theme-days/${r.themeDay.id}`}>
                      {r.themeDay.title}
                    </Link>,
                  ]
                : null,
              [t('supply.resource.publishedAt'), fmtDate(r.publishedAt)],
            ]}
          />
        </LightCard>
      </div>
      {form.dialog(<RequestModal resource={r} open={form.open} onClose={form.close} onDone={form.done} />)}
    </>
  );
}
