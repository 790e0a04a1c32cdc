/**
 * The portal's 新闻动态 (no sign-in): the published news, newest first, optionally for one theme day, with
 * the Atom feed; and a news page with its server-sanitised body. Anything not published is 404.
 *
 * Plain markup without antd (light routes, see PortalLayout): a reader who opens a news link shared in a chat
 * loads no antd before the page is usable on a phone (issue 16); only an error page brings antd, lazily.
 */
import { WifiOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicNewsList, PublicNewsView } from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import {
  LightCard,
  LightEmpty,
  LightError,
  LightField,
  LightHeader,
  LightPager,
  LightSkeleton,
} from '../../components/LightParts.tsx';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { ThemeDayNativeSelect } from '../supply/ThemeDayNativeSelect.tsx';
import { PortalPublicityNav, SanitisedHtml } from './portalParts.tsx';

const PAGE_SIZE = 10;

export function NewsListPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const themeDayId = params.get('themeDay');
  const list = useQuery({
    queryKey: ['public', 'news', page, themeDayId],
    queryFn: () => api.get<PublicNewsList>('/public/news', { page, pageSize: PAGE_SIZE, themeDayId }),
  });
  return (
    <>
      <LightHeader
        title={t('publicity.portal.newsTitle')}
        subtitle={t('publicity.portal.newsSubtitle')}
        extra={
          <a href="/api/public/news.atom" className="rt-pbtn" data-testid="news-atom">
            <WifiOutlined aria-hidden /> {t('publicity.portal.feed')}
          </a>
        }
      />
      <PortalPublicityNav />
      <div className="rt-lp-filters rt-lp-filters-plain">
        <LightField label={t('publicity.news.themeDay')} htmlFor="news-theme-day-filter">
          <ThemeDayNativeSelect
            id="news-theme-day-filter"
            value={themeDayId}
            onChange={(v) =>
              setParams(() => {
                const next = new URLSearchParams();
                if (v) next.set('themeDay', v);
                return next;
              })
            }
          />
        </LightField>
      </div>
      {list.isLoading ? (
        <LightSkeleton />
      ) : list.error ? (
        <LightError error={list.error} refetch={() => void list.refetch()} />
      ) : list.data?.items.length ? (
        <>
          <ul className="rt-lp-news" data-testid="news-list">
            {list.data.items.map((n) => (
              <li key={n.id} className={n.cover ? 'rt-pcard rt-lp-news-item has-cover' : 'rt-pcard rt-lp-news-item'}>
                {n.cover ? <img src={n.cover.url} alt="" className="rt-lp-news-cover" loading="lazy" /> : null}
                <div className="rt-lp-news-text">
                  <h2 className="rt-card-title">
                    <Link to={`/news/${n.id}`} data-testid="news-card-link">
                      {n.title}
                    </Link>
                  </h2>
                  <div className="rt-text-secondary">
                    {fmtDate(n.publishedAt)} · {n.authorOrganisation.name}
                    {n.themeDay ? ` · ${n.themeDay.title}` : ''}
                  </div>
                  {n.summary ? <p className="rt-lp-clamp2">{n.summary}</p> : null}
                </div>
              </li>
            ))}
          </ul>
          <LightPager page={page} pageSize={PAGE_SIZE} total={list.data.total} />
        </>
      ) : (
        <LightEmpty description={t('publicity.portal.newsEmpty')} />
      )}
    </>
  );
}

export function NewsPage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['public', 'news', id],
    queryFn: () => api.get<PublicNewsView>(`/public/news/${id}`),
  });
  const n = q.data;
  if (q.isLoading) return <LightSkeleton />;
  if (q.error || !n) return <LightError error={q.error} refetch={() => void q.refetch()} />;
  return (
    <article className="rt-lp-article" data-testid="news-article">
      <LightHeader
        title={n.title}
        subtitle={
          <span className="rt-lp-inline">
            <span>{t('publicity.portal.publishedAt', { d: fmtDateTime(n.publishedAt) })}</span>
            <span>· {t('publicity.portal.source', { org: n.authorOrganisation.name })}</span>
            {n.themeDay ? (
              <span>
                · <Link to={`/theme-days/${n.themeDay.id}`}>{n.themeDay.title}</Link>
              </span>
            ) : null}
          </span>
        }
        extra={
          <Link to="/news" className="rt-pbtn">
            {t('publicity.portal.backToNews')}
          </Link>
        }
      />
      <LightCard>
        {n.summary ? <p className="rt-lp-lead">{n.summary}</p> : null}
        {n.cover ? <img src={n.cover.url} alt="" className="rt-lp-article-cover" /> : null}
        <SanitisedHtml html={n.body} testId="news-body-html" />
      </LightCard>
    </article>
  );
}
