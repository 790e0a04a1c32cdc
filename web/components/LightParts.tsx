/**
 * Plain-markup parts of the light portal pages (news, resources, results, roadshow: routes with
 * `handle={{ light: true }}`, see PortalLayout): a page header, cards, facts, tags, notices, an empty state, a
 * pager and native filter fields, drawn in antd's look with the classes of styles.css ("Light portal pages")
 * and no antd, so these pages load none before a reader can use them on a phone (issue 16's JS budget).
 * Only an error (404 as its page, others with a retry) brings antd's QueryState, lazily.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n/index.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { punct } from './format.ts';
import { AntdScope } from './PortalLayout.tsx';

const QueryState = lazy(async () => ({ default: (await import('./QueryState.tsx')).QueryState }));

/** The one <h1> of a page, with its actions beside it; also sets the document title (PageHeader's look). */
export function LightHeader({
  title,
  subtitle,
  extra,
  docTitle,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  docTitle?: string;
}) {
  usePageTitle(docTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <header className="rt-page-header rt-lp-header">
      <div className="rt-lp-header-main">
        <h1 className="rt-h1">{title}</h1>
        {subtitle ? <div className="rt-subtitle">{subtitle}</div> : null}
      </div>
      {extra ? <div className="rt-lp-actions">{extra}</div> : null}
    </header>
  );
}

/** Grey bars while a page's data loads (antd's Skeleton look). */
export function LightSkeleton({ rows = 5 }: { rows?: number }) {
  const t = useT();
  return (
    <div className="rt-pcard rt-skel" role="status" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="rt-skel-bar" />
      ))}
    </div>
  );
}

/** A failed read: 404/403 as their pages, others with a retry (antd's QueryState, loaded only now). */
export function LightError({ error, refetch }: { error: unknown; refetch?: () => unknown }) {
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

export type LightTone = 'blue' | 'green' | 'orange' | 'red' | 'grey' | 'purple';

/** A tag in the contrast-safe tones of StatusTag's ToneTag. */
export function LightTag({ tone, children, testId }: { tone: LightTone; children: ReactNode; testId?: string }) {
  return (
    <span className={`rt-lp-tag is-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

/** A card; with a title, a title bar above its body (antd's Card look). */
export function LightCard({
  title,
  children,
  testId,
  className,
}: {
  title?: string;
  children: ReactNode;
  testId?: string;
  className?: string;
}) {
  if (!title) {
    return (
      <section className={`rt-pcard${className ? ` ${className}` : ''}`} data-testid={testId}>
        {children}
      </section>
    );
  }
  return (
    <section className={`rt-pcard rt-lp-titled${className ? ` ${className}` : ''}`} data-testid={testId}>
      <div className="rt-lp-card-head">
        <h2 className="rt-card-title">{title}</h2>
      </div>
      <div className="rt-lp-card-body">{children}</div>
    </section>
  );
}

/** Label–value rows, one a line or two (antd's Descriptions look). */
export function LightFacts({
  rows,
  testId,
  columns = 1,
}: {
  rows: (readonly [string, ReactNode] | null)[];
  testId?: string;
  /** 2: two a line on wider screens (one on a phone). */
  columns?: 1 | 2;
}) {
  useT(); // re-render on a language switch
  const { colon } = punct();
  return (
    <dl className={columns === 2 ? 'rt-lp-facts rt-lp-facts-2' : 'rt-lp-facts'} data-testid={testId}>
      {rows
        .filter((r): r is readonly [string, ReactNode] => r !== null)
        .map(([label, value]) => (
          <div key={label} className="rt-lp-fact">
            <dt>
              {label}
              {colon}
            </dt>
            <dd>{value}</dd>
          </div>
        ))}
    </dl>
  );
}

// antd's CheckCircleFilled, InfoCircleFilled and ExclamationCircleFilled, drawn here: importing them would
// share their chunks with antd's.
const ICONS = {
  success:
    'M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm193.5 301.7l-210.6 292a31.8 31.8 0 01-51.7 0L318.5 484.9c-3.8-5.3 0-12.7 6.5-12.7h46.9c10.2 0 19.9 4.9 25.9 13.3l71.2 98.8 157.2-218c6-8.3 15.6-13.3 25.9-13.3H699c6.5 0 10.3 7.4 6.5 12.7z',
  info: 'M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm32 664c0 4.4-3.6 8-8 8h-48c-4.4 0-8-3.6-8-8V456c0-4.4 3.6-8 8-8h48c4.4 0 8 3.6 8 8v272zm-32-344a48.01 48.01 0 010-96 48.01 48.01 0 010 96z',
  warning:
    'M512 64C264.6 64 64 264.6 64 512s200.6 448 448 448 448-200.6 448-448S759.4 64 512 64zm-32 232c0-4.4 3.6-8 8-8h48c4.4 0 8 3.6 8 8v272c0 4.4-3.6 8-8 8h-48c-4.4 0-8-3.6-8-8V296zm32 440a48.01 48.01 0 010-96 48.01 48.01 0 010 96z',
} as const;

/** A notice with an icon and an optional action on its right (antd's Alert look). */
export function LightNotice({
  tone,
  title,
  action,
  testId,
}: {
  tone: keyof typeof ICONS;
  title: ReactNode;
  action?: ReactNode;
  testId?: string;
}) {
  return (
    <div className={`rt-lp-notice is-${tone}`} role={tone === 'warning' ? 'alert' : undefined} data-testid={testId}>
      <svg
        className="rt-lp-notice-icon"
        viewBox="64 64 896 896"
        width="1em"
        height="1em"
        fill="currentColor"
        aria-hidden
      >
        <path d={ICONS[tone]} />
      </svg>
      <div className="rt-lp-notice-title">{title}</div>
      {action ? <div className="rt-lp-notice-action">{action}</div> : null}
    </div>
  );
}

/** Nothing to show: a light inbox and a line (antd's Empty look), with what a reader can do next. */
export function LightEmpty({ description, children }: { description: ReactNode; children?: ReactNode }) {
  return (
    <div className="rt-pcard rt-lp-empty" data-testid="empty">
      <svg viewBox="0 0 64 41" width="64" height="41" aria-hidden>
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
      <p className="rt-lp-empty-text">{description}</p>
      {children}
    </div>
  );
}

/** The page numbers to offer: the first, the last, and two either side of the current one, with gaps. */
export function pageItems(page: number, pages: number): (number | 'gap')[] {
  const out: (number | 'gap')[] = [];
  for (let p = 1; p <= pages; p++) {
    if (p === 1 || p === pages || Math.abs(p - page) <= 2) out.push(p);
    else if (out[out.length - 1] !== 'gap') out.push('gap');
  }
  return out;
}

/**
 * Pages of a list as links (the URL's `page`, and `pageSize` when sizes are offered), so each page can be
 * shared and opened in a new tab (antd's Pagination look). Nothing when everything fits on one page.
 */
export function LightPager({
  page,
  pageSize,
  total,
  sizes,
  onSize,
}: {
  page: number;
  pageSize: number;
  total: number;
  /** Page sizes a reader may choose from (with `onSize`). */
  sizes?: readonly number[];
  onSize?: (size: number) => void;
}) {
  const t = useT();
  const { pathname, search } = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (total <= pageSize && !(sizes && total > Math.min(...sizes))) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(search);
    next.set('page', String(p));
    return `${pathname}?${next.toString()}`;
  };
  const step = (p: number, label: string, rel: 'prev' | 'next', glyph: string) =>
    p < 1 || p > pages ? (
      <span className="rt-lp-page is-disabled" aria-hidden>
        {glyph}
      </span>
    ) : (
      <Link className="rt-lp-page" to={href(p)} rel={rel} aria-label={label}>
        {glyph}
      </Link>
    );
  return (
    <nav className="rt-lp-pager" aria-label={t('common.pager')} data-testid="pager">
      <span className="rt-lp-pager-total">{t('common.total', { n: total })}</span>
      <ul>
        <li>{step(page - 1, t('common.pagerPrev'), 'prev', '‹')}</li>
        {pageItems(page, pages).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="rt-lp-page-gap" aria-hidden>
              …
            </li>
          ) : (
            <li key={p}>
              <Link
                className={p === page ? 'rt-lp-page is-current' : 'rt-lp-page'}
                to={href(p)}
                aria-current={p === page ? 'page' : undefined}
                aria-label={t('common.pagerPage', { n: p })}
              >
                {p}
              </Link>
            </li>
          ),
        )}
        <li>{step(page + 1, t('common.pagerNext'), 'next', '›')}</li>
      </ul>
      {sizes && onSize ? (
        <select
          className="rt-lp-select rt-lp-pager-size"
          aria-label={t('common.pagerSize')}
          value={pageSize}
          onChange={(e) => onSize(Number(e.target.value))}
        >
          {(sizes.includes(pageSize) ? sizes : [...sizes, pageSize].sort((a, b) => a - b)).map((s) => (
            <option key={s} value={s}>
              {t('common.pagerSizeN', { n: s })}
            </option>
          ))}
        </select>
      ) : null}
    </nav>
  );
}

/** A labelled native field of a filter row (label above on a phone, beside on wider screens). */
export function LightField({ label, htmlFor, children }: { label: string; htmlFor: string; children: ReactNode }) {
  return (
    <div className="rt-lp-field">
      <label htmlFor={htmlFor}>{label}</label>
      {children}
    </div>
  );
}
