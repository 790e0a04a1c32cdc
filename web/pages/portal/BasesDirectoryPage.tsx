/**
 * The public base directory (/bases): filters (name, type, batch, province) in the URL, server-side sorting and
 * paging, export of the filter shown; a table on wider screens (a row opens to its organisation and
 * description), one card per base on a phone. The workspace's base register is components/BasesDirectory.tsx.
 *
 * Plain markup without antd (a light route, see PortalLayout): the page is usable on a phone before antd's
 * code would have loaded (issue 16). Native form controls styled in styles.css; the same query key as the
 * server-rendered page's data (server/modules/public/seo.ts basesView), so the SPA shows it without a fetch.
 */
import { useState, useSyncExternalStore, type FormEvent } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Base, Page } from '../../api/types.ts';
import { BASE_KINDS, BASE_KIND_LABELS, DEPARTMENT_LABELS } from '../../../common/roles.ts';
import { useI18n } from '../../i18n/index.tsx';
import { useTableState } from '../../hooks/useTableState.ts';
import { exportList } from '../../components/exportCsv.ts';
import { errorMessage } from '../../components/errors.ts';
import { punct } from '../../components/format.ts';
import { LightHeader, LightError, LightPager, LightSkeleton } from '../../components/LightParts.tsx';
import { PROVINCES } from '../../../common/provinces.ts';

/** antd's `md` breakpoint (768 px): narrower screens get cards instead of the table. */
const MD = '(min-width: 768px)';
function useWide(): boolean {
  return useSyncExternalStore(
    (cb) => {
      const mq = window.matchMedia(MD);
      mq.addEventListener('change', cb);
      return () => mq.removeEventListener('change', cb);
    },
    () => window.matchMedia(MD).matches,
  );
}

type SortKey = 'name' | 'shortName' | 'batch' | 'regionCode';

export function BasesDirectoryPage() {
  const { t, locale } = useI18n();
  const lang = locale === 'en-US' ? 'en' : 'zh';
  const table = useTableState({ sort: 'name', order: 'asc' });
  const wide = useWide();
  const q = useQuery({
    queryKey: ['bases', 'directory', table.query],
    queryFn: () => api.get<Page<Base>>('/bases', table.query),
    // A new filter or page keeps the current rows (greyed) until the new ones arrive.
    placeholderData: keepPreviousData,
  });
  const [exporting, setExporting] = useState(false);
  const [exported, setExported] = useState<{ ok: boolean; text: string } | null>(null);
  const [openRows, setOpenRows] = useState<ReadonlySet<string>>(new Set());
  const f = table.filters;
  const filterKey = JSON.stringify(f);
  const kindLabel = (k: Base['kind']) => BASE_KIND_LABELS[k][lang];
  const deptLabel = (d: Base['supervisingDepartment']) => (d ? DEPARTMENT_LABELS[d][lang] : '');

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    const v = (k: string) => {
      const x = data.get(k);
      return typeof x === 'string' && x.trim() ? x.trim() : undefined;
    };
    table.setFilters({ q: v('q'), kind: v('kind'), batch: v('batch'), region: v('region') });
  };
  const onExport = () => {
    setExporting(true);
    setExported(null);
    exportList<Base>(
      '/bases',
      table.query,
      [
        { title: t('common.name'), value: (r) => r.name },
        { title: t('portal.shortName'), value: (r) => r.shortName },
        { title: t('common.kind'), value: (r) => kindLabel(r.kind) },
        { title: t('common.batch'), value: (r) => r.batch },
        { title: t('portal.region'), value: (r) => r.regionName ?? r.regionCode },
        { title: t('portal.supervising'), value: (r) => deptLabel(r.supervisingDepartment) },
        { title: t('portal.organisation'), value: (r) => r.organisationName },
      ],
      '示范基地名录',
    )
      .then((n) => setExported({ ok: true, text: t('common.exported', { n }) }))
      .catch((err: unknown) => setExported({ ok: false, text: errorMessage(err) }))
      .finally(() => setExporting(false));
  };
  // Sorting as antd's table does it: ascending, descending, then back to the default order; from page 1.
  const sortBy = (key: SortKey) => {
    const order = table.sort !== key ? 'ascend' : table.order === 'asc' ? 'descend' : undefined;
    table.onTableChange({ current: 1, pageSize: table.pageSize }, {}, { columnKey: order ? key : undefined, order });
  };
  const sortHead = (key: SortKey, label: string, width?: number) => {
    const dir = table.sort === key ? table.order : undefined;
    return (
      <th
        scope="col"
        style={width ? { width } : undefined}
        aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : undefined}
      >
        <button type="button" className="rt-psort" onClick={() => sortBy(key)}>
          {label}
          <span className={`rt-psort-mark${dir ? ` is-${dir}` : ''}`} aria-hidden />
        </button>
      </th>
    );
  };
  const toggle = (id: string) =>
    setOpenRows((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const items = q.data?.items ?? [];
  const colon = punct().colon;
  const pager = q.data ? (
    <LightPager
      page={table.page}
      pageSize={table.pageSize}
      total={q.data.total}
      sizes={wide ? [10, 20, 50, 100] : undefined}
      align={wide ? 'end' : 'center'}
      onChange={(page, pageSize) =>
        table.onTableChange(
          { current: page, pageSize },
          {},
          { columnKey: table.sort, order: table.order === 'desc' ? 'descend' : 'ascend' },
        )
      }
      testId="bases-pager"
    />
  ) : null;

  return (
    <>
      <LightHeader
        title={t('portal.basesTitle')}
        subtitle={q.data ? t('portal.basesCount', { n: q.data.total }) : t('portal.baseDirectorySub')}
      />
      <form
        key={filterKey}
        className="rt-pcard rt-pfilters"
        onSubmit={apply}
        onReset={(e) => {
          e.preventDefault();
          table.setFilters({});
        }}
        aria-label={t('common.search')}
      >
        <label className="rt-pfield">
          <span>{t('portal.filterQ')}</span>
          <input className="rt-pinput" name="q" type="search" defaultValue={f.q ?? ''} style={{ width: 180 }} />
        </label>
        <label className="rt-pfield">
          <span>{t('portal.filterKind')}</span>
          <select className="rt-pselect" name="kind" defaultValue={f.kind ?? ''} style={{ width: 180 }}>
            <option value="">{t('common.all')}</option>
            {BASE_KINDS.map((k) => (
              <option key={k} value={k}>
                {kindLabel(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="rt-pfield">
          <span>{t('portal.filterBatch')}</span>
          <input
            className="rt-pinput"
            name="batch"
            type="number"
            inputMode="numeric"
            min={1}
            max={99}
            defaultValue={f.batch ?? ''}
            style={{ width: 90 }}
          />
        </label>
        <label className="rt-pfield">
          <span>{t('portal.filterProvince')}</span>
          <select className="rt-pselect" name="region" defaultValue={f.region ?? ''} style={{ width: 160 }}>
            <option value="">{t('common.all')}</option>
            {PROVINCES.map((p) => (
              <option key={p.code} value={p.code}>
                {p.name}
              </option>
            ))}
          </select>
        </label>
        <div className="rt-pfilter-actions">
          <button type="submit" className="rt-pbtn rt-pbtn-primary" data-testid="filter-search">
            <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden>
              <path d="M909.6 854.5L649.9 594.8C690.2 542.7 712 479 712 412c0-80.2-31.3-155.4-87.9-212.1-56.6-56.7-132-87.9-212.1-87.9s-155.5 31.3-212.1 87.9C143.2 256.5 112 331.8 112 412c0 80.1 31.3 155.5 87.9 212.1C256.5 680.8 331.8 712 412 712c67 0 130.6-21.8 182.7-62l259.7 259.6a8.2 8.2 0 0011.6 0l43.6-43.5a8.2 8.2 0 000-11.6zM570.4 570.4C528 612.7 471.8 636 412 636s-116-23.3-158.4-65.6C211.3 528 188 471.8 188 412s23.3-116.1 65.6-158.4C296 211.3 352.2 188 412 188s116.1 23.2 158.4 65.6S636 352.2 636 412s-23.3 116.1-65.6 158.4z" />
            </svg>
            {t('common.search')}
          </button>
          <button type="reset" className="rt-pbtn" data-testid="filter-reset">
            {t('common.reset')}
          </button>
          <button
            type="button"
            className="rt-pbtn"
            onClick={onExport}
            disabled={exporting}
            aria-busy={exporting}
            data-testid="list-export"
          >
            <svg viewBox="64 64 896 896" width="1em" height="1em" fill="currentColor" aria-hidden>
              <path d="M505.7 661a8 8 0 0012.6 0l112-141.7c4.1-5.2.4-12.9-6.3-12.9h-74.1V168c0-4.4-3.6-8-8-8h-60c-4.4 0-8 3.6-8 8v338.3H400c-6.7 0-10.4 7.7-6.3 12.9l112 141.8zM878 626h-60c-4.4 0-8 3.6-8 8v154H214V634c0-4.4-3.6-8-8-8h-60c-4.4 0-8 3.6-8 8v198c0 17.7 14.3 32 32 32h684c17.7 0 32-14.3 32-32V634c0-4.4-3.6-8-8-8z" />
            </svg>
            {t('common.exportCsv')}
          </button>
        </div>
        <div role="status" className={exported && !exported.ok ? 'rt-pfilter-note is-error' : 'rt-pfilter-note'}>
          {exported?.text}
        </div>
      </form>
      {q.error ? (
        <LightError error={q.error} refetch={() => void q.refetch()} />
      ) : q.isLoading ? (
        // Until the first page arrives: the shape of the list, never an empty table saying "no data".
        <div data-testid="bases-loading" aria-busy="true" aria-label={t('portal.basesTitle')}>
          {Array.from({ length: wide ? 1 : 3 }, (_, i) => (
            <div key={i} className="rt-pcard rt-pcard-tight" style={{ marginBottom: 8 }}>
              <LightSkeleton rows={wide ? 9 : 3} bare />
            </div>
          ))}
        </div>
      ) : !items.length ? (
        <div className="rt-pcard rt-pempty" data-testid={wide ? 'bases-table' : 'bases-list'}>
          {q.isPlaceholderData ? null : t('portal.basesEmpty')}
        </div>
      ) : wide ? (
        <>
          <div
            className={`rt-pcard rt-ptable-wrap${q.isPlaceholderData ? ' is-stale' : ''}`}
            aria-busy={q.isPlaceholderData}
          >
            <table className="rt-ptable rt-bases-table" data-testid="bases-table">
              <thead>
                <tr>
                  <th scope="col" style={{ width: 48 }}>
                    <span className="rt-sr-only">{t('demands.plain.showMore')}</span>
                  </th>
                  {sortHead('name', t('common.name'))}
                  {sortHead('shortName', t('portal.shortName'), 110)}
                  <th scope="col" style={{ width: 150 }}>
                    {t('common.kind')}
                  </th>
                  {sortHead('batch', t('common.batch'), 90)}
                  {sortHead('regionCode', t('portal.region'))}
                  <th scope="col">{t('portal.supervising')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((r) => {
                  const expandable = !!(r.description || r.organisationName);
                  const open = openRows.has(r.id);
                  return [
                    <tr key={r.id}>
                      <td>
                        {expandable ? (
                          <button
                            type="button"
                            className="rt-pexpand"
                            aria-expanded={open}
                            aria-label={`${open ? t('demands.plain.showLess') : t('demands.plain.showMore')}${colon}${r.name}`}
                            onClick={() => toggle(r.id)}
                          >
                            {open ? '−' : '+'}
                          </button>
                        ) : null}
                      </td>
                      <td>{r.name}</td>
                      <td>{r.shortName}</td>
                      <td>{kindLabel(r.kind)}</td>
                      <td>{t('common.batchN', { n: r.batch })}</td>
                      <td>{r.regionName ?? r.regionCode}</td>
                      <td>{deptLabel(r.supervisingDepartment) || '—'}</td>
                    </tr>,
                    open ? (
                      <tr key={`${r.id}-more`} className="rt-prow-more">
                        <td />
                        <td colSpan={6}>
                          <div>
                            {t('portal.organisation')}
                            {colon}
                            {r.organisationName ?? '—'}
                          </div>
                          <div>{r.description ?? ''}</div>
                        </td>
                      </tr>
                    ) : null,
                  ];
                })}
              </tbody>
            </table>
          </div>
          {pager}
        </>
      ) : (
        <>
          <ul
            className={`rt-pcards${q.isPlaceholderData ? ' is-stale' : ''}`}
            data-testid="bases-list"
            aria-busy={q.isPlaceholderData}
          >
            {items.map((r) => (
              <li key={r.id} className="rt-pcard rt-pcard-tight">
                <h2 className="rt-card-title" style={{ padding: 0 }}>
                  {r.name}
                </h2>
                <div>
                  {r.shortName} · {kindLabel(r.kind)} · {t('common.batchN', { n: r.batch })}
                </div>
                <div className="rt-text-secondary">
                  {r.regionName ?? r.regionCode}
                  {r.supervisingDepartment ? ` · ${deptLabel(r.supervisingDepartment)}` : ''}
                </div>
                {r.description ? <div style={{ marginTop: 4 }}>{r.description}</div> : null}
              </li>
            ))}
          </ul>
          {pager}
        </>
      )}
    </>
  );
}
