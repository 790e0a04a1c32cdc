/**
 * The portal's 成功案例 (cooperation projects whose parties all agreed to their publicity, published by NDRC)
 * and 融通创新标杆企业 by year. No sign-in; anything not published is 404.
 */
import {
  Card,
  Col,
  Descriptions,
  Empty,
  Flex,
  Pagination,
  Row,
  Segmented,
  Space,
  Statistic,
  Tag,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { BenchmarkList, CaseFigure, PublicCaseList, PublicCaseView } from '../../api/publicity.ts';
import { useT } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDate } from '../../components/format.ts';
import { PortalPublicityNav, SanitisedHtml } from './shared.tsx';

const PAGE_SIZE = 12;

function Figures({ figures }: { figures: CaseFigure[] }) {
  if (!figures.length) return null;
  return (
    <Flex gap={24} wrap>
      {figures.map((f) => (
        <Statistic key={f.label} title={f.label} value={f.value} suffix={f.unit || undefined} />
      ))}
    </Flex>
  );
}

export function CasesPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const page = Number(params.get('page') ?? 1) || 1;
  const list = useQuery({
    queryKey: ['public', 'cases', page],
    queryFn: () => api.get<PublicCaseList>('/public/cases', { page, pageSize: PAGE_SIZE }),
  });
  return (
    <>
      <PageHeader title={t('publicity.portal.casesTitle')} subtitle={t('publicity.portal.casesSubtitle')} />
      <PortalPublicityNav />
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()} inWorkspace={false}>
        {list.data?.items.length ? (
          <>
            <Row gutter={[12, 12]} data-testid="cases-list">
              {list.data.items.map((c) => (
                <Col key={c.id} xs={24} md={12}>
                  <Card size="small" style={{ height: '100%' }}>
                    <h2 className="rt-card-title" style={{ paddingTop: 0 }}>
                      <Link to={`/cases/${c.id}`} data-testid="case-card-link">
                        {c.title}
                      </Link>
                    </h2>
                    <div className="rt-text-secondary">
                      {c.parties.map((p) => p.name).join('、')}
                      {c.themeDay ? ` · ${c.themeDay.title}` : ''}
                    </div>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 12px' }}>
                      {c.summary}
                    </Typography.Paragraph>
                    <Figures figures={c.figures.slice(0, 3)} />
                  </Card>
                </Col>
              ))}
            </Row>
            <Pagination
              style={{ marginTop: 16 }}
              align="center"
              current={page}
              pageSize={PAGE_SIZE}
              total={list.data.total}
              showSizeChanger={false}
              onChange={(p) => setParams({ page: String(p) })}
            />
          </>
        ) : (
          <Card>
            <Empty description={t('publicity.portal.casesEmpty')} />
          </Card>
        )}
      </QueryState>
    </>
  );
}

export function CasePage() {
  const t = useT();
  const { id = '' } = useParams();
  const q = useQuery({
    queryKey: ['public', 'cases', id],
    queryFn: () => api.get<PublicCaseView>(`/public/cases/${id}`),
  });
  const c = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {c ? (
        <article style={{ maxWidth: 960, margin: '0 auto' }} data-testid="case-article">
          <PageHeader
            title={c.title}
            subtitle={
              <Space wrap size={4}>
                <span>{t('publicity.portal.publishedAt', { d: fmtDate(c.publishedAt) })}</span>
                {c.themeDay ? (
                  <span>
                    · <Link to={`/theme-days/${c.themeDay.id}`}>{c.themeDay.title}</Link>
                  </span>
                ) : null}
              </Space>
            }
            extra={<LinkButton to="/cases">{t('publicity.portal.backToCases')}</LinkButton>}
          />
          <Card style={{ marginBottom: 16 }}>
            <Descriptions column={1} size="small">
              <Descriptions.Item label={t('publicity.cases.parties')}>
                <Space wrap size={4}>
                  {c.parties.map((p) => (
                    <Tag key={p.id}>{p.name}</Tag>
                  ))}
                </Space>
              </Descriptions.Item>
            </Descriptions>
            {c.summary ? <Typography.Paragraph style={{ fontSize: 15 }}>{c.summary}</Typography.Paragraph> : null}
            {c.figures.length ? (
              <>
                <h2 className="rt-card-title">{t('publicity.cases.figures')}</h2>
                <Figures figures={c.figures} />
              </>
            ) : null}
          </Card>
          <Card title={<h2 className="rt-card-title">{t('publicity.cases.story')}</h2>}>
            <SanitisedHtml html={c.story} testId="case-story" />
            {c.photos.length ? (
              <Row gutter={[8, 8]}>
                {c.photos.map((ph) => (
                  <Col key={ph.id} xs={24} sm={12} md={8}>
                    <img src={ph.url} alt="" style={{ width: '100%', borderRadius: 4 }} />
                  </Col>
                ))}
              </Row>
            ) : null}
          </Card>
        </article>
      ) : null}
    </QueryState>
  );
}

export function BenchmarksPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const chosen = Number(params.get('year')) || undefined;
  const q = useQuery({
    queryKey: ['public', 'benchmarks', chosen ?? null],
    queryFn: () => api.get<BenchmarkList>('/public/benchmarks', { year: chosen }),
  });
  const years = q.data?.years ?? [];
  const year = chosen ?? years[0];
  const items = (q.data?.items ?? []).filter((b) => b.year === year);
  return (
    <>
      <PageHeader title={t('publicity.portal.benchmarksTitle')} subtitle={t('publicity.portal.benchmarksSubtitle')} />
      <PortalPublicityNav />
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
        {years.length > 1 ? (
          <Flex gap={8} align="center" style={{ marginBottom: 12 }}>
            <span>{t('publicity.portal.year')}</span>
            <Segmented
              value={year}
              onChange={(v) => setParams({ year: String(v) })}
              options={years.map((y) => ({ value: y, label: t('publicity.portal.yearN', { y }) }))}
            />
          </Flex>
        ) : null}
        {items.length ? (
          <Row gutter={[12, 12]} data-testid="benchmarks-list">
            {items.map((b) => (
              <Col key={b.id} xs={24} md={12}>
                <Card size="small" style={{ height: '100%' }}>
                  <Flex justify="space-between" align="baseline" gap={8}>
                    <h2 className="rt-card-title" style={{ paddingTop: 0 }}>
                      {b.organisation.name}
                    </h2>
                    <Tag>{t('publicity.portal.yearN', { y: b.year })}</Tag>
                  </Flex>
                  <Typography.Paragraph style={{ margin: 0 }}>{b.reason}</Typography.Paragraph>
                </Card>
              </Col>
            ))}
          </Row>
        ) : (
          <Card>
            <Empty description={t('publicity.portal.benchmarksEmpty')} />
          </Card>
        )}
      </QueryState>
    </>
  );
}
