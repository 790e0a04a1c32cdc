/**
 * 创新需求清单 / 新技术目录 on the portal (no login): browse the published items with a keyword, field,
 * cooperation mode, province and "still open" filters; cards with deadline (days left, Beijing time) and budget.
 */
import {
  Card,
  Checkbox,
  Col,
  Empty,
  Flex,
  Form,
  Input,
  Pagination,
  Row,
  Select,
  Skeleton,
  Space,
  Tabs,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { COOPERATION_MODES, type Demand, type DemandKind } from '../../api/demands.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { ProvinceSelect } from '../../components/RegionSelect.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { DeadlineTag } from '../../components/demands/DeadlineTag.tsx';
import { demandPath } from '../../components/demands/paths.ts';
import { enumLabel, punct } from '../../components/format.ts';
import { budgetText, IndustryPicker } from './shared.tsx';

/** One demand/technology as a portal card. */
export function DemandCard({ d }: { d: Demand }) {
  const t = useT();
  return (
    <Card
      size="small"
      style={{ height: '100%' }}
      data-testid={`demand-card-${d.id}`}
      title={
        <h3 className="rt-card-title" style={{ whiteSpace: 'normal' }}>
          <Link to={demandPath(d)}>{d.title}</Link>
        </h3>
      }
    >
      <Space size={[4, 4]} wrap style={{ marginBottom: 8 }}>
        {d.fieldName ? <ToneTag tone="blue">{d.fieldName}</ToneTag> : null}
        <ToneTag tone="purple">{enumLabel('demands.mode', d.cooperationMode, d.cooperationModeLabel)}</ToneTag>
      </Space>
      <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 8 }}>
        {d.description}
      </Typography.Paragraph>
      <div className="rt-text-secondary" style={{ fontSize: 13 }}>
        <div>
          {t('demands.publisher')}
          {punct().colon}
          <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
        </div>
        {d.kind === 'demand' ? (
          <>
            <div>
              {t('demands.budget')}
              {punct().colon}
              {budgetText(t, d)}
            </div>
            <Flex gap={4} align="center" wrap>
              {t('demands.deadline')}
              {punct().colon}
              <DeadlineTag deadline={d.deadline} expired={d.expired} />
            </Flex>
          </>
        ) : null}
      </div>
    </Card>
  );
}

export function DemandsPortalPage({ kind: fixedKind }: { kind?: DemandKind }) {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const kind: DemandKind = fixedKind ?? (params.get('kind') === 'technology' ? 'technology' : 'demand');
  const page = Math.max(1, Number(params.get('page') ?? 1) || 1);
  const pageSize = 12;
  const f = {
    q: params.get('q') ?? undefined,
    fieldCode: params.get('fieldCode') ?? undefined,
    cooperationMode: params.get('cooperationMode') ?? undefined,
    region: params.get('region') ?? undefined,
    open: params.get('open') ?? undefined,
  };
  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next);
  };
  const list = useQuery({
    queryKey: ['demands', 'public', kind, f, page],
    queryFn: () =>
      api.get<Page<Demand>>('/demands', {
        kind,
        ...f,
        page,
        pageSize,
        sort: kind === 'demand' && f.open === 'true' ? 'deadline' : 'publishedAt',
        order: kind === 'demand' && f.open === 'true' ? 'asc' : 'desc',
      }),
    placeholderData: (prev) => prev,
  });

  return (
    <>
      <PageHeader
        title={t('demands.portalTitle')}
        subtitle={t('demands.portalSub')}
        extra={<LinkButton to="/search">{t('demands.toSearch')}</LinkButton>}
      />
      <Tabs
        activeKey={kind}
        onChange={(k) => setParams(k === 'technology' ? { kind: 'technology' } : {})}
        items={[
          { key: 'demand', label: t('demands.tab.demand') },
          { key: 'technology', label: t('demands.tab.technology') },
        ]}
      />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form layout="inline" component="div" className="rt-filter-form">
          <Form.Item label={t('demands.keyword')} htmlFor="demands-q">
            <Input.Search
              id="demands-q"
              defaultValue={f.q}
              key={f.q ?? ''}
              allowClear
              placeholder={t('demands.keywordPh')}
              onSearch={(v) => set({ q: v.trim() || undefined })}
              style={{ width: 240 }}
              data-testid="demands-q"
              enterButton={t('common.search')}
            />
          </Form.Item>
          <Form.Item label={t('demands.field')} htmlFor="demands-field">
            <IndustryPicker
              id="demands-field"
              divisionsOnly
              value={f.fieldCode}
              onChange={(v) => set({ fieldCode: v })}
              placeholder={t('demands.fieldPh')}
            />
          </Form.Item>
          <Form.Item label={t('demands.cooperationMode')} htmlFor="demands-mode">
            <Select
              id="demands-mode"
              allowClear
              value={f.cooperationMode}
              onChange={(v: string | undefined) => set({ cooperationMode: v })}
              options={COOPERATION_MODES.map((m) => ({ value: m, label: t(`demands.mode.${m}` as MessageKey) }))}
              style={{ width: 140 }}
            />
          </Form.Item>
          <Form.Item label={t('demands.region')} htmlFor="demands-region">
            <ProvinceSelect id="demands-region" value={f.region} onChange={(v) => set({ region: v })} />
          </Form.Item>
          {kind === 'demand' ? (
            <Form.Item>
              <Checkbox
                checked={f.open === 'true'}
                onChange={(e) => set({ open: e.target.checked ? 'true' : undefined })}
                data-testid="demands-open-only"
              >
                {t('demands.openOnly')}
              </Checkbox>
            </Form.Item>
          ) : null}
        </Form>
      </Card>
      <QueryState isLoading={false} error={list.error} refetch={() => void list.refetch()} inWorkspace={false}>
        {list.isLoading ? (
          <Skeleton active />
        ) : list.data && list.data.items.length > 0 ? (
          <>
            <Typography.Paragraph className="rt-text-secondary">
              {t('common.total', { n: list.data.total })}
            </Typography.Paragraph>
            <Row gutter={[16, 16]} data-testid="demands-cards">
              {list.data.items.map((d) => (
                <Col key={d.id} xs={24} sm={12} lg={8}>
                  <DemandCard d={d} />
                </Col>
              ))}
            </Row>
            {list.data.total > pageSize ? (
              <Flex justify="center" style={{ marginTop: 16 }}>
                <Pagination
                  current={page}
                  pageSize={pageSize}
                  total={list.data.total}
                  showSizeChanger={false}
                  onChange={(p) => set({ page: String(p) })}
                />
              </Flex>
            ) : null}
          </>
        ) : (
          <Card>
            <Empty description={kind === 'demand' ? t('demands.empty') : t('demands.emptyTech')}>
              <Typography.Paragraph className="rt-text-secondary">{t('demands.emptyHint')}</Typography.Paragraph>
              <LinkButton to="/search">{t('demands.toSearch')}</LinkButton>
            </Empty>
          </Card>
        )}
      </QueryState>
    </>
  );
}
