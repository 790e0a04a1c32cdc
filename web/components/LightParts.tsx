/**
 * Plain-markup parts of the light portal pages (bases, demands, organisations, news, resources, results,
 * roadshow: routes with `handle={{ light: true }}`, see PortalLayout): a page header, cards, facts, tags, a
 * deadline, notices, a skeleton, an empty state, a pager and native filter fields, drawn in antd's look with the
 * classes of styles.css ("Light portal pages") and no antd, so these pages load none before a reader can use
 * them on a phone (issue 16's JS budget). Nothing here may import antd: importing it would pull antd's runtime
 * into every light page. Only an error (404 as its page, others with a retry) brings antd's QueryState, lazily.
 */
import { lazy, Suspense, type ReactNode } from 'react';
import { Link, useLocation } from 'react-router';
import { useT } from '../i18n/index.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';
import { daysUntil, fmtDate, punct } from './format.ts';
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

/**
 * Grey bars in the shape of what is loading (antd's Skeleton look), in a card of their own unless `bare` (inside
 * a card already).
 */
export function LightSkeleton({ rows = 5, bare }: { rows?: number; bare?: boolean }) {
  const t = useT();
  const bars = (
    <div className="rt-skel" role="status" aria-busy="true" aria-label={t('common.loading')}>
      {Array.from({ length: rows }, (_, i) => (
        <span key={i} className="rt-skel-bar" />
      ))}
    </div>
  );
  return bare ? bars : <div className="rt-pcard">{bars}</div>;
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

/** A small coloured label (antd's Tag look) in the contrast-safe tones of StatusTag's ToneTag. */
export function LightTag({ tone, children, testId }: { tone: LightTone; children: ReactNode; testId?: string }) {
  return (
    <span className={`rt-ptag is-${tone}`} data-testid={testId}>
      {children}
    </span>
  );
}

/** A response deadline with the days left, or 已截止 once it has passed (DeadlineTag without antd). */
export function LightDeadline({ deadline, expired, testId }: { deadline: string; expired?: boolean; testId?: string }) {
  const t = useT();
  const n = daysUntil(deadline);
  const past = expired ?? n < 0;
  return (
    <span className="rt-pdeadline" data-testid={testId}>
      <span className="rt-nowrap">{fmtDate(deadline)}</span>
      <LightTag tone={past ? 'grey' : n <= 7 ? 'orange' : 'blue'}>
        {past ? t('demands.expired') : n === 0 ? t('demands.lastDay') : t('demands.daysLeft', { n })}
      </LightTag>
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
    <section className={`rt-pcard rt-pcard-titled${className ? ` ${className}` : ''}`} data-testid={testId}>
      <div className="rt-pcard-head">
        <h2 className="rt-card-title">{title}</h2>
      </div>
      <div className="rt-pcard-body">{children}</div>
    </section>
  );
}

/** A label and its value in a <dl> (antd's Descriptions item look); `wide`: across a grid of facts. */
export function LightFact({ label, children, wide }: { label: string; children: ReactNode; wide?: boolean }) {
  useT(); // re-render on a language switch
  return (
    <div className={wide ? 'rt-fact rt-fact-wide' : 'rt-fact'}>
      <dt>
        {label}
        {punct().colon}
      </dt>
      <dd>{children}</dd>
    </div>
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
  return (
    <dl className={columns === 2 ? 'rt-lp-facts rt-lp-facts-2' : 'rt-lp-facts'} data-testid={testId}>
      {rows
        .filter((r): r is readonly [string, ReactNode] => r !== null)
        .map(([label, value]) => (
          <LightFact key={label} label={label}>
            {value}
          </LightFact>
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
export function LightEmpty({
  description,
  children,
  testId = 'empty',
}: {
  description: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="rt-pcard rt-lp-empty" data-testid={testId}>
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

const Chevron = ({ left }: { left?: boolean }) => (
  <svg viewBox="0 0 16 16" width="12" height="12" aria-hidden fill="none" stroke="currentColor" strokeWidth="1.6">
    <path d={left ? 'M10 3 5 8l5 5' : 'M6 3l5 5-5 5'} />
  </svg>
);

/**
 * Paging of a server-side list (antd's Pagination look): 共 N 条, ‹ 1 … 4 5 6 … 9 ›, optionally a page size.
 * Without `onChange` the pages are links (the URL's `page`), so each page can be shared and opened in a new tab,
 * and there is nothing when everything fits on one page; with `onChange` (a page whose paging lives in its own
 * state) they are buttons, always shown. `align="end"`: on the right (above and below a table).
 */
export function LightPager({
  page,
  pageSize,
  total,
  sizes,
  onSize,
  onChange,
  showTotal = true,
  align = 'center',
  testId = 'pager',
}: {
  page: number;
  pageSize: number;
  total: number;
  /** Page sizes a reader may choose from (with `onSize` or `onChange`). */
  sizes?: readonly number[];
  onSize?: (size: number) => void;
  onChange?: (page: number, pageSize: number) => void;
  showTotal?: boolean;
  align?: 'center' | 'end';
  testId?: string;
}) {
  const t = useT();
  const { pathname, search } = useLocation();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (!onChange && total <= pageSize && !(sizes && total > Math.min(...sizes))) return null;
  const href = (p: number) => {
    const next = new URLSearchParams(search);
    next.set('page', String(p));
    return `${pathname}?${next.toString()}`;
  };
  const go = (p: number, label: string, content: ReactNode, current?: boolean, rel?: 'prev' | 'next') =>
    onChange ? (
      <button
        type="button"
        className={current ? 'rt-pager-item is-current' : 'rt-pager-item'}
        disabled={p < 1 || p > pages}
        aria-current={current ? 'page' : undefined}
        aria-label={label}
        onClick={() => onChange(p, pageSize)}
      >
        {content}
      </button>
    ) : p < 1 || p > pages ? (
      <span className="rt-pager-item is-disabled" aria-hidden>
        {content}
      </span>
    ) : (
      <Link
        className={current ? 'rt-pager-item is-current' : 'rt-pager-item'}
        to={href(p)}
        rel={rel}
        aria-current={current ? 'page' : undefined}
        aria-label={label}
      >
        {content}
      </Link>
    );
  const onSizeChange = onSize ?? (onChange ? (size: number) => onChange(1, size) : undefined);
  return (
    <nav
      className={align === 'end' ? 'rt-pager is-end' : 'rt-pager'}
      aria-label={t('common.pager')}
      data-testid={testId}
    >
      {showTotal ? <span className="rt-pager-total">{t('common.total', { n: total })}</span> : null}
      <ul>
        <li>{go(page - 1, t('common.pagerPrev'), <Chevron left />, false, 'prev')}</li>
        {pageItems(page, pages).map((p, i) =>
          p === 'gap' ? (
            <li key={`gap-${i}`} className="rt-pager-gap" aria-hidden>
              …
            </li>
          ) : (
            <li key={p}>{go(p, t('common.pagerPage', { n: p }), p, p === page)}</li>
          ),
        )}
        <li>{go(page + 1, t('common.pagerNext'), <Chevron />, false, 'next')}</li>
      </ul>
      {sizes && onSizeChange ? (
        <select
          className="rt-pselect rt-pager-size"
          aria-label={t('common.pagerSize')}
          value={pageSize}
          onChange={(e) => onSizeChange(Number(e.target.value))}
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
