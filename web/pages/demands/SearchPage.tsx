/**
 * 全站搜索 (portal, anonymous): one Chinese search over every published item — demands, technology
 * catalogue entries, resources, results and docking events — through GET /api/search. Relevance order
 * with a query, newest first without; the matched terms come back as ranges and are shown in <mark>.
 * Every filter lives in the URL so a search can be shared and reloaded.
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Col,
  Collapse,
  Empty,
  Flex,
  Form,
  Grid,
  Input,
  List,
  Pagination,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { Page, PublicThemeDay } from '../../api/types.ts';
import { SEARCH_TYPES, type SearchHit, type SearchResult, type SearchType } from '../../api/demands.ts';
import { ORG_KINDS, ORG_KIND_LABELS } from '../../../common/roles.ts';
import { useI18n, useT, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProvinceSelect } from '../../components/RegionSelect.tsx';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { fmtDate } from '../../components/format.ts';
import { appLink, Highlight, IndustryPicker } from './shared.tsx';

const TYPE_TONE: Record<SearchType, Tone> = {
  demand: 'blue',
  technology: 'purple',
  resource: 'green',
  result: 'orange',
  event: 'grey',
};
const SIZES = ['large', 'medium', 'small', 'micro'] as const;
const FILTER_KEYS = ['type', 'industry', 'region', 'themeDayId', 'orgKind', 'orgSize'] as const;

export function TypeTag({ type }: { type: SearchType }) {
  const t = useT();
  return <ToneTag tone={TYPE_TONE[type] ?? 'grey'}>{t(`demands.type.${type}` as MessageKey)}</ToneTag>;
}

export function SearchPage() {
  const t = useT();
  const { locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = 10;
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? undefined])) as Record<
    (typeof FILTER_KEYS)[number],
    string | undefined
  >;
  const types = filters.type ? (filters.type.split(',') as SearchType[]) : [];
  const [text, setText] = useState(q);
  // The box shows the URL's query again whenever that changes (search, back/forward, a shared link).
  const [textOf, setTextOf] = useState(q);
  if (textOf !== q) {
    setTextOf(q);
    setText(q);
  }
  const screens = Grid.useBreakpoint();
  const narrow = !screens.md;

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };

  const themeDays = useQuery({
    queryKey: ['public', 'theme-days', 'all'],
    queryFn: () => api.get<Page<PublicThemeDay>>('/public/theme-days', { pageSize: 200 }),
  });
  const search = useQuery({
    queryKey: ['search', q, filters, page],
    queryFn: () => api.get<SearchResult>('/search', { q, ...filters, page, pageSize }),
    placeholderData: (prev) => prev,
  });

  const hasFilters = FILTER_KEYS.some((k) => !!filters[k]);
  const data = search.data;

  const filterForm = (
    <Form layout="vertical" component="div" data-testid="search-filters">
      <Form.Item label={<span id="search-type-label">{t('demands.search.type')}</span>} style={{ marginBottom: 12 }}>
        <div role="group" aria-labelledby="search-type-label" data-testid="search-type">
          <Checkbox.Group
            value={types}
            onChange={(v) => set({ type: (v as string[]).join(',') || undefined })}
            style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
            options={SEARCH_TYPES.map((ty) => ({ value: ty, label: t(`demands.type.${ty}` as MessageKey) }))}
          />
        </div>
      </Form.Item>
      <Form.Item label={t('demands.search.industry')} htmlFor="search-industry" style={{ marginBottom: 12 }}>
        <IndustryPicker
          id="search-industry"
          value={filters.industry}
          onChange={(v) => set({ industry: v })}
          style={{ width: '100%' }}
          placeholder={t('demands.fieldPh')}
        />
      </Form.Item>
      <Form.Item label={t('demands.search.province')} htmlFor="search-region" style={{ marginBottom: 12 }}>
        <ProvinceSelect
          id="search-region"
          value={filters.region}
          onChange={(v) => set({ region: v })}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item label={t('demands.search.themeDay')} htmlFor="search-theme-day" style={{ marginBottom: 12 }}>
        <Select
          id="search-theme-day"
          allowClear
          value={filters.themeDayId}
          onChange={(v: string | undefined) => set({ themeDayId: v })}
          options={(themeDays.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}（${d.startDate}）` }))}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item label={t('demands.search.orgKind')} htmlFor="search-org-kind" style={{ marginBottom: 12 }}>
        <Select
          id="search-org-kind"
          allowClear
          value={filters.orgKind}
          onChange={(v: string | undefined) => set({ orgKind: v })}
          options={ORG_KINDS.filter((k) => k !== 'government' && k !== 'evaluator').map((k) => ({
            value: k,
            label: locale === 'en-US' ? ORG_KIND_LABELS[k].en : ORG_KIND_LABELS[k].zh,
          }))}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item label={t('demands.search.orgSize')} htmlFor="search-org-size" style={{ marginBottom: 4 }}>
        <Select
          id="search-org-size"
          allowClear
          value={filters.orgSize}
          onChange={(v: string | undefined) => set({ orgSize: v })}
          options={SIZES.map((s) => ({ value: s, label: t(`demands.size.${s}` as MessageKey) }))}
          style={{ width: '100%' }}
        />
      </Form.Item>
      {hasFilters ? (
        <Button
          type="link"
          style={{ paddingInline: 0 }}
          onClick={() => setParams(q ? { q } : {})}
          data-testid="search-clear"
        >
          {t('demands.search.clear')}
        </Button>
      ) : null}
    </Form>
  );
  const filterPanel = (
    <Card size="small" title={<h2 className="rt-card-title">{t('demands.search.filters')}</h2>}>
      {filterForm}
    </Card>
  );

  return (
    <>
      <PageHeader title={t('demands.search.title')} subtitle={t('demands.search.sub')} />
      <form
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          set({ q: text.trim() || undefined });
        }}
        style={{ marginBottom: 16 }}
      >
        <Space.Compact style={{ width: '100%', maxWidth: 720 }}>
          <Input
            size="large"
            aria-label={t('demands.search.label')}
            placeholder={t('demands.search.ph')}
            value={text}
            onChange={(e) => setText(e.target.value)}
            allowClear
            data-testid="search-input"
          />
          <Button size="large" type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="search-submit">
            {t('demands.search.button')}
          </Button>
        </Space.Compact>
      </form>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={7} lg={6}>
          {narrow ? (
            <Collapse
              size="small"
              defaultActiveKey={hasFilters ? ['f'] : []}
              items={[
                {
                  key: 'f',
                  label: `${t('demands.search.filters')}${hasFilters ? ` · ${FILTER_KEYS.filter((k) => !!filters[k]).length}` : ''}`,
                  children: filterForm,
                },
              ]}
            />
          ) : (
            filterPanel
          )}
        </Col>
        <Col xs={24} md={17} lg={18}>
          {search.error ? (
            <Alert
              type="error"
              showIcon
              title={t('demands.search.unavailable')}
              description={search.error instanceof ApiError ? search.error.display : undefined}
              action={<Button onClick={() => void search.refetch()}>{t('common.retry')}</Button>}
            />
          ) : (
            <>
              <Flex justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
                <Typography.Text data-testid="search-count" aria-live="polite">
                  {data
                    ? q
                      ? t('demands.search.results', { n: data.total })
                      : t('demands.search.newest', { n: data.total })
                    : t('common.loading')}
                </Typography.Text>
                {data && q && data.terms.length ? (
                  <Typography.Text className="rt-text-secondary">
                    {t('demands.search.terms')}
                    {data.terms.join(' / ')}
                  </Typography.Text>
                ) : null}
              </Flex>
              {data && q && data.didYouMean ? (
                <Typography.Paragraph data-testid="search-did-you-mean">
                  {data.corrected ? t('demands.search.showingFor') : t('demands.search.didYouMean')}
                  <Link to={`/search?${new URLSearchParams({ q: data.didYouMean })}`}>{data.didYouMean}</Link>
                </Typography.Paragraph>
              ) : null}
              <List<SearchHit>
                loading={search.isLoading}
                dataSource={data?.items ?? []}
                data-testid="search-results"
                locale={{
                  emptyText: (
                    <Empty description={t('demands.search.empty')}>
                      <Typography.Paragraph className="rt-text-secondary">
                        {t('demands.search.emptyHint')}
                      </Typography.Paragraph>
                      {hasFilters ? (
                        <Button onClick={() => setParams(q ? { q } : {})}>{t('demands.search.clear')}</Button>
                      ) : null}
                    </Empty>
                  ),
                }}
                renderItem={(h) => (
                  <List.Item key={`${h.type}-${h.id}`} data-testid="search-hit" className="rt-search-hit">
                    <article style={{ width: '100%', minWidth: 0 }}>
                      <Flex gap={8} align="baseline" wrap>
                        <TypeTag type={h.type} />
                        <h3 className="rt-card-title" style={{ margin: 0, fontSize: 16 }}>
                          <Link to={appLink(h.link)} data-testid={`search-hit-link-${h.id}`}>
                            <Highlight value={h.title} testId="search-hit-title" />
                          </Link>
                        </h3>
                      </Flex>
                      {h.snippet.text ? (
                        <p style={{ margin: '6px 0', color: 'rgba(0,0,0,0.75)', overflowWrap: 'anywhere' }}>
                          <Highlight value={h.snippet} />
                        </p>
                      ) : null}
                      <Space size={12} wrap className="rt-text-secondary" style={{ fontSize: 13 }}>
                        {h.organisation ? <Link to={`/orgs/${h.organisation.id}`}>{h.organisation.name}</Link> : null}
                        {h.publishedAt ? <span>{fmtDate(h.publishedAt)}</span> : null}
                      </Space>
                    </article>
                  </List.Item>
                )}
              />
              {data && data.total > pageSize ? (
                <Flex justify="center" style={{ marginTop: 16 }}>
                  <Pagination
                    current={page}
                    pageSize={pageSize}
                    total={data.total}
                    showSizeChanger={false}
                    onChange={(p) => set({ page: String(p) })}
                  />
                </Flex>
              ) : null}
            </>
          )}
        </Col>
      </Row>
    </>
  );
}
