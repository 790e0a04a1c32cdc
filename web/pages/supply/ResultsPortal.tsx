/**
 * Portal pages of 创新成果联合转化: the public list of results (only those whose confidentiality review said
 * 可以公开 — the server's rule: anything else is absent here and 404 on its page) and a result's page with
 * the 申请参与转化 form.
 *
 * Plain markup without antd (light routes, see PortalLayout): what a reader sees first loads no antd (issue
 * 16). The application form is antd's: it loads with its providers when a reader opens it (or points at it).
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import type { Result, TransferMode } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import { page } from '../../routing.tsx';
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
import { FIELD_OPTIONS, Paragraphs, ResultLightTags } from './portalParts.tsx';
import { PortalCards, useLazyForm } from './portalList.tsx';

const ApplyModal = page<
  typeof import('./results/ApplyModal.tsx'),
  Parameters<typeof import('./results/ApplyModal.tsx').ApplyModal>[0]
>(() => import('./results/ApplyModal.tsx'), 'ApplyModal');
// The contract's list, here as a type only (its values would bring zod into the first load); a mode added to
// the contract fails to compile until it is added here.
const TRANSFER_MODES = Object.keys({
  transfer: 1,
  licence: 1,
  equity: 1,
  joint_development: 1,
} satisfies Record<TransferMode, 1>) as TransferMode[];
const TRL_OPTIONS = Array.from({ length: 9 }, (_, i) => String(i + 1));
// The result's status when it is not public (only its holder or a reviewer sees such a page).
const STATUS_TONE = {
  draft: 'grey',
  in_review: 'blue',
  changes_requested: 'orange',
  public: 'green',
  rejected: 'red',
} as const;

export function ResultsPortalPage() {
  const t = useT();
  const table = useTableState({ pageSize: 12 });
  const list = useQuery({
    queryKey: ['results', 'public', table.query],
    queryFn: () => api.get<Page<Result>>('/results', table.query),
  });
  const f = table.filters;
  return (
    <>
      <LightHeader title={t('supply.results.portalTitle')} subtitle={t('supply.results.portalSubtitle')} />
      <ListFilters table={table}>
        <TextFilter
          name="q"
          label={t('common.keyword')}
          placeholder={t('supply.results.keywordPlaceholder')}
          value={f.q}
          testId="results-q"
        />
        <SelectFilter
          name="fieldCode"
          label={t('supply.result.field')}
          value={f.fieldCode}
          width={240}
          options={FIELD_OPTIONS.map((o) => [o.value, o.label])}
        />
        <SelectFilter
          name="transferMode"
          label={t('supply.result.transferMode')}
          value={f.transferMode}
          options={TRANSFER_MODES.map((k) => [k, t(`supply.transferMode.${k}` as MessageKey)])}
        />
        <SelectFilter
          name="trlMin"
          label={t('supply.result.trlMin')}
          value={f.trlMin}
          options={TRL_OPTIONS.map((n) => [n, n])}
        />
        <ThemeDayFilter value={f.themeDayId} />
      </ListFilters>
      <PortalCards
        list={list}
        table={table}
        path="/results"
        testId="results-cards"
        cardTestId="result-card"
        empty={t('supply.results.empty')}
        emptyFiltered={t('supply.results.emptyFiltered')}
        tags={(r) => <ResultLightTags r={r} />}
        meta={(r) => (r.priceExpectation ? ` · ${t('supply.result.priceExpectation')}：${r.priceExpectation}` : '')}
      />
    </>
  );
}

export function ResultPortalPage() {
  const t = useT();
  const { id } = useParams();
  const { data: me } = useMe();
  const form = useLazyForm(() => ApplyModal.preload());
  const q = useQuery({ queryKey: ['results', id], queryFn: () => api.get<Result>(`/results/${id}`), retry: false });
  const r = q.data;
  if (q.isLoading) return <LightSkeleton />;
  if (q.error || !r) return <LightError error={q.error} refetch={() => void q.refetch()} />;
  return (
    <>
      <LightHeader
        title={r.title}
        subtitle={
          <span className="rt-lp-tags">
            <ResultLightTags r={r} />
            {r.status !== 'public' ? (
              <LightTag tone={STATUS_TONE[r.status]}>{t(`supply.resultStatus.${r.status}` as MessageKey)}</LightTag>
            ) : null}
          </span>
        }
        extra={
          <>
            <Link to="/results" className="rt-pbtn">
              {t('supply.results.backToList')}
            </Link>
            {r.status === 'public' && !me ? (
              <Link
                to={`/login?next=${encodeURIComponent(`/workspace/results?tab=applications&apply=${r.id}`)}`}
                className="rt-pbtn rt-pbtn-primary"
                data-testid="result-apply-login"
              >
                {t('supply.apply.action')}
              </Link>
            ) : null}
            {r.abilities.apply ? (
              <button
                type="button"
                className="rt-pbtn rt-pbtn-primary"
                {...form.trigger}
                data-testid="result-apply"
                disabled={form.sent}
              >
                {t('supply.apply.action')}
              </button>
            ) : null}
            {r.abilities.edit || r.abilities.review ? (
              <Link to={`/workspace/results/${r.id}`} className="rt-pbtn">
                {t('supply.results.openInWorkspace')}
              </Link>
            ) : null}
          </>
        }
      />
      {form.sent ? (
        <LightNotice
          tone="success"
          title={t('supply.apply.sentHint')}
          action={
            <Link to="/workspace/results?tab=applications" className="rt-pbtn">
              {t('supply.apply.viewMine')}
            </Link>
          }
        />
      ) : null}
      <div className="rt-lp-cols">
        <LightCard title={t('supply.result.description')}>
          <Paragraphs text={r.description} />
        </LightCard>
        <LightCard title={t('supply.result.facts')}>
          <LightFacts
            rows={[
              [t('supply.result.holder'), r.organisation.name],
              [t('supply.result.field'), r.fieldName ? `${r.fieldCode} ${r.fieldName}` : r.fieldCode],
              [t('supply.result.trl'), t('supply.result.trlN', { n: r.trl })],
              [t('supply.result.transferMode'), t(`supply.transferMode.${r.transferMode}` as MessageKey)],
              [t('supply.result.priceExpectation'), r.priceExpectation || t('supply.result.negotiable')],
              [t('supply.result.patents'), r.patents.length ? r.patents.join('、') : '—'],
              r.themeDay
                ? [
                    t('supply.themeDay'),
                    <Link key="day" to={`/theme-days/${r.themeDay.id}`}>
                      {r.themeDay.title}
                    </Link>,
                  ]
                : null,
              [t('supply.result.publishedAt'), fmtDate(r.publishedAt)],
            ]}
          />
        </LightCard>
      </div>
      {form.dialog(<ApplyModal result={r} open={form.open} onClose={form.close} onDone={form.done} />)}
    </>
  );
}
