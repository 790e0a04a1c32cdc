/**
 * 创新需求清单 / 新技术目录 on the portal (no login): browse the published items with a keyword, field,
 * cooperation mode, province and "still open" filters (all in the URL, with the page); cards with deadline
 * (days left, Beijing time) and budget.
 *
 * Plain markup without antd (a light route, see PortalLayout): native form controls styled in styles.css, so the
 * list is usable on a phone before antd's code would have loaded (issue 16). The query key is the one the
 * server-rendered page embeds its data under (server/plugins/web.ts, /demands).
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { CooperationMode, Demand, DemandKind } from '../../api/demands.ts';
import { industryTree } from '../../../common/industry.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { demandPath } from '../../components/demands/paths.ts';
import { enumLabel, punct } from '../../components/format.ts';
import {
  LightDeadline,
  LightEmpty,
  LightHeader,
  LightError,
  LightPager,
  LightSkeleton,
  LightTag,
} from '../../components/LightParts.tsx';
import { PROVINCES } from '../../../common/provinces.ts';
import { budgetText } from './budget.ts';

/**
 * The contract's COOPERATION_MODES (common/contracts/demands.ts), in its order. Listed here because importing the
 * contract's value would bring zod into the page's first load; a mode added there fails to compile here.
 */
const MODES = [
  'joint_rd',
  'commissioned_rd',
  'technology_transfer',
  'licensing',
  'equity',
  'other',
] as const satisfies readonly CooperationMode[];
const everyMode: [Exclude<CooperationMode, (typeof MODES)[number]>] extends [never] ? true : false = true;
void everyMode;

/** One demand/technology as a portal card. */
export function DemandCard({ d }: { d: Demand }) {
  const t = useT();
  const colon = punct().colon;
  return (
    <article className="rt-pcard rt-pcard-titled rt-demand-card" data-testid={`demand-card-${d.id}`}>
      <div className="rt-pcard-head rt-pcard-head-small">
        <h3 className="rt-card-title" style={{ whiteSpace: 'normal' }}>
          <Link to={demandPath(d)}>{d.title}</Link>
        </h3>
      </div>
      <div className="rt-pcard-body rt-pcard-body-small">
        <div className="rt-ptags">
          {d.fieldName ? <LightTag tone="blue">{d.fieldName}</LightTag> : null}
          <LightTag tone="purple">{enumLabel('demands.mode', d.cooperationMode, d.cooperationModeLabel)}</LightTag>
        </div>
        <p className="rt-clamp2" title={d.description}>
          {d.description}
        </p>
        <div className="rt-text-secondary rt-demand-card-meta">
          <div>
            {t('demands.publisher')}
            {colon}
            <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
          </div>
          {d.kind === 'demand' ? (
            <>
              <div>
                {t('demands.budget')}
                {colon}
                {budgetText(t, d)}
              </div>
              <div>
                {t('demands.deadline')}
                {colon}
                <LightDeadline deadline={d.deadline} expired={d.expired} />
              </div>
            </>
          ) : null}
        </div>
      </div>
    </article>
  );
}

export function DemandsPortalPage({ kind: fixedKind }: { kind?: DemandKind }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const kind: DemandKind = fixedKind ?? (params.get('kind') === 'technology' ? 'technology' : 'demand');
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = 12;
  const f = {
    q: params.get('q') ?? undefined,
    fieldCode: params.get('fieldCode') ?? undefined,
    cooperationMode: params.get('cooperationMode') ?? undefined,
    region: params.get('region') ?? undefined,
    open: params.get('open') ?? undefined,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const list = useQuery({
    queryKey: ['demands', 'public', kind, f, page],
    queryFn: () =>
      api.get<Page<Demand>>('/demands', {
        kind,
        ...f,
        page,
        pageSize,
        sort: kind === 'demand' && f.open === 'true' ? 'deadline' : 'publishedAt',
        order: kind === 'demand' && f.open === 'true' ? 'asc' : 'desc',
      }),
    placeholderData: (prev) => prev,
  });
  const toSearch = (
    <Link to="/search" className="rt-pbtn">
      {t('demands.toSearch')}
    </Link>
  );
  const tabs: [DemandKind, string][] = [
    ['demand', t('demands.tab.demand')],
    ['technology', t('demands.tab.technology')],
  ];

  return (
    <>
      <LightHeader title={t('demands.portalTitle')} subtitle={t('demands.portalSub')} extra={toSearch} />
      <div className="rt-ptabs" role="tablist">
        {tabs.map(([k, label]) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`demands-tab-${k}`}
            aria-selected={kind === k}
            aria-controls="demands-panel"
            className={kind === k ? 'rt-ptab is-active' : 'rt-ptab'}
            onClick={() => setParams(k === 'technology' ? { kind: 'technology' } : {})}
          >
            {label}
          </button>
        ))}
      </div>
      <div id="demands-panel" role="tabpanel" aria-labelledby={`demands-tab-${kind}`}>
        <div className="rt-pcard rt-pfilters" role="search">
          <form
            key={f.q ?? ''}
            className="rt-pfield"
            onSubmit={(e) => {
              e.preventDefault();
              const q = new FormData(e.currentTarget).get('q');
              const v = typeof q === 'string' ? q.trim() : '';
              set({ q: v || undefined });
            }}
          >
            <label htmlFor="demands-q">{t('demands.keyword')}</label>
            <span className="rt-psearch">
              <input
                id="demands-q"
                name="q"
                type="search"
                className="rt-pinput"
                defaultValue={f.q}
                placeholder={t('demands.keywordPh')}
                data-testid="demands-q"
              />
              <button type="submit" className="rt-pbtn rt-pbtn-primary">
                {t('common.search')}
              </button>
            </span>
          </form>
          <div className="rt-pfield">
            <label htmlFor="demands-field">{t('demands.field')}</label>
            <select
              id="demands-field"
              className="rt-pselect"
              value={f.fieldCode ?? ''}
              onChange={(e) => set({ fieldCode: e.target.value || undefined })}
              style={{ width: 240 }}
            >
              <option value="">{t('demands.fieldPh')}</option>
              {industryTree.map((s) => (
                <optgroup key={s.value} label={s.label}>
                  {(s.children ?? []).map((d) => (
                    <option key={d.value} value={d.value}>
                      {d.label}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="rt-pfield">
            <label htmlFor="demands-mode">{t('demands.cooperationMode')}</label>
            <select
              id="demands-mode"
              className="rt-pselect"
              value={f.cooperationMode ?? ''}
              onChange={(e) => set({ cooperationMode: e.target.value || undefined })}
              style={{ width: 140 }}
            >
              <option value="">{t('common.all')}</option>
              {MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`demands.mode.${m}` as MessageKey)}
                </option>
              ))}
            </select>
          </div>
          <div className="rt-pfield">
            <label htmlFor="demands-region">{t('demands.region')}</label>
            <select
              id="demands-region"
              className="rt-pselect"
              value={f.region ?? ''}
              onChange={(e) => set({ region: e.target.value || undefined })}
              style={{ width: 160 }}
            >
              <option value="">{t('common.all')}</option>
              {PROVINCES.map((p) => (
                <option key={p.code} value={p.code}>
                  {p.name}
                </option>
              ))}
            </select>
          </div>
          {kind === 'demand' ? (
            <label className="rt-pcheck">
              <input
                type="checkbox"
                checked={f.open === 'true'}
                onChange={(e) => set({ open: e.target.checked ? 'true' : undefined })}
                data-testid="demands-open-only"
              />
              {t('demands.openOnly')}
            </label>
          ) : null}
        </div>
        {list.error ? (
          <LightError error={list.error} refetch={() => void list.refetch()} />
        ) : list.isLoading ? (
          <LightSkeleton />
        ) : list.data && list.data.items.length > 0 ? (
          <>
            <p className="rt-text-secondary">{t('common.total', { n: list.data.total })}</p>
            <div
              className={`rt-demand-grid${list.isPlaceholderData ? ' is-stale' : ''}`}
              data-testid="demands-cards"
              aria-busy={list.isPlaceholderData}
            >
              {list.data.items.map((d) => (
                <DemandCard key={d.id} d={d} />
              ))}
            </div>
            {list.data.total > pageSize ? (
              <LightPager
                page={page}
                pageSize={pageSize}
                total={list.data.total}
                showTotal={false}
                onChange={(p) => set({ page: String(p) })}
              />
            ) : null}
          </>
        ) : (
          <LightEmpty description={kind === 'demand' ? t('demands.empty') : t('demands.emptyTech')}>
            <p className="rt-text-secondary">{t('demands.emptyHint')}</p>
            {toSearch}
          </LightEmpty>
        )}
      </div>
    </>
  );
}
