/**
 * The portal's 新闻动态 (no sign-in): the published news, newest first, optionally for one theme day, with
 * the Atom feed; and a news page with its server-sanitised body. Anything not published is 404.
 */
import { Card, Col, Empty, Flex, Pagination, Row, Space, Typography } from 'antd';
import { WifiOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { PublicNewsList, PublicNewsView } from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { ThemeDaySelect } from '../supply/shared.tsx';
import { PortalPublicityNav, SanitisedHtml } from './shared.tsx';

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
      <PageHeader
        title={t('publicity.portal.newsTitle')}
        subtitle={t('publicity.portal.newsSubtitle')}
        extra={
          <a href="/api/public/news.atom" className="ant-btn ant-btn-default" data-testid="news-atom">
            <WifiOutlined aria-hidden /> {t('publicity.portal.feed')}
          </a>
        }
      />
      <PortalPublicityNav />
      <Flex gap={8} align="center" style={{ marginBottom: 12 }} wrap>
        <label htmlFor="news-theme-day-filter">{t('publicity.news.themeDay')}</label>
        <ThemeDaySelect
          id="news-theme-day-filter"
          value={themeDayId}
          placeholder={t('common.all')}
          onChange={(v) =>
            setParams(() => {
              const next = new URLSearchParams();
              if (v) next.set('themeDay', v);
              return next;
            })
          }
        />
      </Flex>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()} inWorkspace={false}>
        {list.data?.items.length ? (
          <>
            <Flex vertical gap={12} data-testid="news-list">
              {list.data.items.map((n) => (
                <Card key={n.id} size="small">
                  <Row gutter={[16, 8]} wrap>
                    {n.cover ? (
                      <Col xs={24} sm={8} md={6}>
                        <img
                          src={n.cover.url}
                          alt=""
                          style={{ width: '100%', aspectRatio: '16 / 9', objectFit: 'cover', borderRadius: 4 }}
                        />
                      </Col>
                    ) : null}
                    <Col flex="1" style={{ minWidth: 0 }}>
                      <h2 className="rt-card-title" style={{ paddingTop: 0 }}>
                        <Link to={`/news/${n.id}`} data-testid="news-card-link">
                          {n.title}
                        </Link>
                      </h2>
                      <div className="rt-text-secondary">
                        {fmtDate(n.publishedAt)} · {n.authorOrganisation.name}
                        {n.themeDay ? ` · ${n.themeDay.title}` : ''}
                      </div>
                      {n.summary ? (
                        <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
                          {n.summary}
                        </Typography.Paragraph>
                      ) : null}
                    </Col>
                  </Row>
                </Card>
              ))}
            </Flex>
            <Pagination
              style={{ marginTop: 16 }}
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              showSizeChanger={false}
              onChange={(p) =>
                setParams((prev) => {
                  const next = new URLSearchParams(prev);
                  next.set('page', String(p));
                  return next;
                })
              }
            />
          </>
        ) : (
          <Card>
            <Empty description={t('publicity.portal.newsEmpty')} />
          </Card>
        )}
      </QueryState>
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
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {n ? (
        <article style={{ maxWidth: 860, margin: '0 auto' }} data-testid="news-article">
          <PageHeader
            title={n.title}
            subtitle={
              <Space wrap size={4}>
                <span>{t('publicity.portal.publishedAt', { d: fmtDateTime(n.publishedAt) })}</span>
                <span>· {t('publicity.portal.source', { org: n.authorOrganisation.name })}</span>
                {n.themeDay ? (
                  <span>
                    · <Link to={`/theme-days/${n.themeDay.id}`}>{n.themeDay.title}</Link>
                  </span>
                ) : null}
              </Space>
            }
            extra={<LinkButton to="/news">{t('publicity.portal.backToNews')}</LinkButton>}
          />
          <Card>
            {n.summary ? (
              <Typography.Paragraph
                style={{ background: '#f5f7fa', padding: '12px 16px', borderLeft: '4px solid #1d4ed8', fontSize: 15 }}
              >
                {n.summary}
              </Typography.Paragraph>
            ) : null}
            {n.cover ? (
              <img
                src={n.cover.url}
                alt=""
                style={{ width: '100%', maxHeight: 420, objectFit: 'cover', borderRadius: 4, marginBottom: 16 }}
              />
            ) : null}
            <SanitisedHtml html={n.body} testId="news-body-html" />
          </Card>
        </article>
      ) : null}
    </QueryState>
  );
}
