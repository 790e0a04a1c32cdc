/**
 * Small building blocks of the light portal pages (routes with `handle={{ light: true }}`, rendered without
 * antd; issue 16's JS budget): page header, tags, deadline, skeleton, empty state, pager and the error state.
 * Plain markup styled in styles.css ("Light portal pages: bases, demands, organisations") to look like the antd
 * parts they replace (PageHeader, ToneTag, DeadlineTag, Skeleton, Empty, Pagination). Nothing here may import
 * antd: importing it would pull antd's runtime into every light page.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { useT } from '../i18n/index.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { daysUntil, fmtDate } from './format.ts';
import { AntdScope } from './PortalLayout.tsx';

// The error states (404 as its page, others with a retry) are antd's: loaded only when there is an error.
const QueryState = lazy(async () => ({ default: (await import('./QueryState.tsx')).QueryState }));

/** The tones of StatusTag's ToneTag (same colours, ≥ 4.5:1 text contrast). */
export type PlainTone = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'purple';

/** A small coloured label (antd's Tag look, ToneTag's colours). */
export function PTag({ tone, children, testId }: { tone: PlainTone; children: ReactNode; testId?: string }) {
  return (
    <span className={`rt-ptag is-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

/** A response deadline with the days left, or 已截止 once it has passed (DeadlineTag without antd). */
export function PDeadline({ deadline, expired, testId }: { deadline: string; expired?: boolean; testId?: string }) {
  const t = useT();
  const n = daysUntil(deadline);
  const past = expired ?? n < 0;
  return (
    <span className="rt-pdeadline" data-testid={testId}>
      <span className="rt-nowrap">{fmtDate(deadline)}</span>
      <PTag tone={past ? 'grey' : n <= 7 ? 'orange' : 'blue'}>
        {past ? t('demands.expired') : n === 0 ? t('demands.lastDay') : t('demands.daysLeft', { n })}
      </PTag>
    </span>
  );
}

/** The one <h1> of a page with its actions on the right (PageHeader without antd); sets the document title. */
export function PHeader({
  title,
  subtitle,
  extra,
  docTitle,
}: {
  title: string;
  subtitle?: ReactNode;
  extra?: ReactNode;
  docTitle?: string;
}) {
  usePageTitle(docTitle ?? title);
  return (
    <header className="rt-page-header rt-td-header">
      <div style={{ minWidth: 0 }}>
        <h1 className="rt-h1">{title}</h1>
        {subtitle ? <div className="rt-subtitle">{subtitle}</div> : null}
      </div>
      {extra ? <div className="rt-pactions">{extra}</div> : null}
    </header>
  );
}

/** Grey bars in the shape of what is loading (antd's Skeleton look). */
export function PSkeleton({ rows = 5, label, testId }: { rows?: number; label?: string; testId?: string }) {
  const t = useT();
  return (
    <div
      className="rt-skel"
      role="status"
      aria-busy="true"
      aria-label={label ?? t('common.loading')}
      data-testid={testId}
    >
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="rt-skel-bar" />
      ))}
    </div>
  );
}

/** An empty list: an outlined box with a line of text under it (antd's Empty look), and what to do next. */
export function PEmpty({ text, children, testId }: { text: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="rt-pcard rt-pempty-box" data-testid={testId}>
      <svg className="rt-pempty-icon" viewBox="0 0 64 41" width="64" height="41" aria-hidden>
        <g transform="translate(0 1)" fill="none" fillRule="evenodd">
          <ellipse fill="#f5f5f5" cx="32" cy="33" rx="32" ry="7" />
          <g fillRule="nonzero" stroke="#d9d9d9">
            <path d="M55 12.76L44.854 1.258C44.367.474 43.656 0 42.907 0H21.093c-.749 0-1.46.474-1.947 1.257L9 12.761V22h46v-9.24z" />
            <path
              d="M41.613 15.931c0-1.605.994-2.93 2.227-2.931H55v18.137C55 33.26 53.68 35 52.05 35h-40.1C10.32 35 9 33.259 9 31.137V13h11.16c1.233 0 2.227 1.323 2.227 2.928v.022c0 1.605 1.005 2.901 2.237 2.901h14.752c1.232 0 2.237-1.308 2.237-2.913v-.007z"
              fill="#fafafa"
            />
          </g>
        </g>
      </svg>
      <p className="rt-pempty-text">{text}</p>
      {children}
    </div>
  );
}

/** A failed read: antd's error state (404 page, or the message with a retry), loaded only when it happens. */
export function PLoadError({ error, refetch }: { error: unknown; refetch: () => void }) {
  return (
    <Suspense fallback={null}>
      <AntdScope>
        <QueryState isLoading={false} error={error} refetch={refetch} inWorkspace={false}>
          {null}
        </QueryState>
      </AntdScope>
    </Suspense>
  );
}

/** Page numbers to show: the first, the last, and two either side of the current one; 0 marks a gap. */
export function pagerItems(page: number, pages: number): number[] {
  const out: number[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== 0) out.push(0);
  }
  return out;
}

const Chevron = ({ left }: { left?: boolean }) => (
  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6">
    <path d={left ? 'M10 3 5 8l5 5' : 'M6 3l5 5-5 5'} />
  </svg>
);

/** Paging of a server-side list (antd's Pagination look): 共 N 条, ‹ 1 … 4 5 6 … 9 ›, optionally rows per page. */
export function PPager({
  page,
  pageSize,
  total,
  onChange,
  pageSizes,
  showTotal = true,
  testId,
}: {
  page: number;
  pageSize: number;
  total: number;
  onChange: (page: number, pageSize: number) => void;
  /** Offers a choice of rows per page. */
  pageSizes?: readonly number[];
  showTotal?: boolean;
  testId?: string;
}) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="rt-pager" aria-label={t('demands.plain.pager')} data-testid={testId}>
      {showTotal ? <span className="rt-pager-total">{t('common.total', { n: total })}</span> : null}
      <button
        type="button"
        className="rt-pager-item"
        disabled={page <= 1}
        onClick={() => onChange(page - 1, pageSize)}
        aria-label={t('demands.plain.prev')}
      >
        <Chevron left />
      </button>
      {pagerItems(page, pages).map((p, i) =>
        p === 0 ? (
          <span key={`gap-${i}`} className="rt-pager-gap" aria-hidden>
            …
          </span>
        ) : (
          <button
            key={p}
            type="button"
            className={p === page ? 'rt-pager-item is-current' : 'rt-pager-item'}
            aria-current={p === page ? 'page' : undefined}
            aria-label={t('demands.plain.pageN', { n: p })}
            onClick={() => onChange(p, pageSize)}
          >
            {p}
          </button>
        ),
      )}
      <button
        type="button"
        className="rt-pager-item"
        disabled={page >= pages}
        onClick={() => onChange(page + 1, pageSize)}
        aria-label={t('demands.plain.next')}
      >
        <Chevron />
      </button>
      {pageSizes ? (
        <select
          className="rt-pselect rt-pager-size"
          value={pageSize}
          aria-label={t('demands.plain.perPage')}
          onChange={(e) => onChange(1, Number(e.target.value))}
        >
          {pageSizes.map((n) => (
            <option key={n} value={n}>
              {t('demands.plain.perPageN', { n })}
            </option>
          ))}
        </select>
      ) : null}
    </nav>
  );
}
