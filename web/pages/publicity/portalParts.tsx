/**
 * Parts of the portal's publicity pages without antd (the news pages are light routes, see PortalLayout): the
 * sub-menu 新闻动态 | 成功案例 | 标杆企业 and the block of server-sanitised rich text.
 */
import { Link, useLocation } from 'react-router';
import { useT } from '../../i18n/index.tsx';

const RICH_TEXT_CSS = `
.rt-rich-text { font-size: 16px; line-height: 1.85; color: #1f1f1f; overflow-wrap: anywhere; }
.rt-rich-text p { margin: 0 0 1em; }
.rt-rich-text h2, .rt-rich-text h3, .rt-rich-text h4 { margin: 1.2em 0 0.6em; font-weight: 600; }
.rt-rich-text h3 { font-size: 18px; }
.rt-rich-text img { max-width: 100%; height: auto; display: block; margin: 12px auto; }
.rt-rich-text a { color: #0b57d0; text-decoration: underline; }
.rt-rich-text ul, .rt-rich-text ol { padding-left: 1.6em; margin: 0 0 1em; }
`;

/**
 * Rich text as the SERVER stored it: news bodies and case stories are sanitised on the server against an
 * allow-list (server/modules/publicity/sanitize.ts: no script, no event handlers, no javascript: URLs, images only
 * from /api/public/images/). This is the only place the publicity pages render HTML, and it must only ever be
 * given such server-sanitised HTML — never the text a person is typing.
 */
export function SanitisedHtml({ html, testId }: { html: string; testId?: string }) {
  return (
    <>
      <style href="rt-rich-text" precedence="default">
        {RICH_TEXT_CSS}
      </style>
      <div className="rt-rich-text" data-testid={testId} dangerouslySetInnerHTML={{ __html: html }} />
    </>
  );
}

/** 新闻动态 | 成功案例 | 标杆企业 on the portal: links in a segmented control, the current one marked. */
export function PortalPublicityNav() {
  const t = useT();
  const { pathname } = useLocation();
  const current = pathname.startsWith('/cases')
    ? '/cases'
    : pathname.startsWith('/benchmarks')
      ? '/benchmarks'
      : '/news';
  const items = [
    { to: '/news', label: t('publicity.portal.news') },
    { to: '/cases', label: t('publicity.portal.cases') },
    { to: '/benchmarks', label: t('publicity.portal.benchmarks') },
  ];
  return (
    <nav aria-label={t('publicity.portal.nav')} className="rt-lp-subnav">
      <div className="rt-seg rt-seg-middle">
        {items.map((i) => (
          <Link
            key={i.to}
            to={i.to}
            className={i.to === current ? 'rt-seg-item is-selected' : 'rt-seg-item'}
            aria-current={i.to === current ? 'page' : undefined}
          >
            {i.label}
          </Link>
        ))}
      </div>
    </nav>
  );
}
