/**
 * Portal pages of 创新资源开放共享: the public list of open resources (keyword and filters in the URL) and a
 * resource's page with its remaining quota and the 申请使用 form (sign-in first when anonymous).
 */
import { useState } from 'react';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Empty,
  Form,
  Input,
  Pagination,
  Row,
  Select,
  Space,
  Typography,
} from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Page } from '../../api/types.ts';
import { PRICE_MODELS, RESOURCE_TYPES, type Resource, type ResourceQuota } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ProvinceSelect } from '../../components/RegionSelect.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { fmtDate } from '../../components/format.ts';
import { Paragraphs, regionLabel, ResourceStatusTag, ThemeDaySelect, useQuotaText } from './shared.tsx';
import { RequestModal } from './resources/RequestModal.tsx';

function ResourceTags({ r }: { r: Resource }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <ToneTag tone="blue">{t(`supply.resourceType.${r.type}` as MessageKey)}</ToneTag>
      <ToneTag tone={r.priceModel === 'free' ? 'green' : r.priceModel === 'paid' ? 'orange' : 'purple'}>
        {t(`supply.priceModel.${r.priceModel}` as MessageKey)}
      </ToneTag>
      {r.graduateTeams ? <ToneTag tone="purple">{t('supply.resource.graduateTeams')}</ToneTag> : null}
    </Space>
  );
}

export function ResourcesPortalPage() {
  const t = useT();
  const table = useTableState({ pageSize: 12 });
  const quotaText = useQuotaText();
  const list = useQuery({
    queryKey: ['resources', 'public', table.query],
    queryFn: () => api.get<Page<Resource>>('/resources', table.query),
  });
  return (
    <>
      <PageHeader title={t('supply.resources.portalTitle')} subtitle={t('supply.resources.portalSubtitle')} />
      <FilterBar
        table={table}
        fromForm={(v) => ({
          q: (v.q as string | undefined)?.trim() || undefined,
          type: v.type as string | undefined,
          priceModel: v.priceModel as string | undefined,
          region: v.region ? (v.region as string).slice(0, 2) : undefined,
          graduateTeams: v.graduateTeams as string | undefined,
          themeDayId: (v.themeDayId as string | null | undefined) ?? undefined,
        })}
        toForm={(f) => ({ ...f, region: f.region ? `${f.region}0000` : undefined })}
      >
        <Form.Item name="q" label={t('common.keyword')}>
          <Input
            allowClear
            placeholder={t('supply.resources.keywordPlaceholder')}
            data-testid="resources-q"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="type" label={t('supply.resource.type')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 130 }}
            options={RESOURCE_TYPES.map((k) => ({ value: k, label: t(`supply.resourceType.${k}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="priceModel" label={t('supply.resource.priceModel')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 110 }}
            options={PRICE_MODELS.map((k) => ({ value: k, label: t(`supply.priceModel.${k}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="region" label={t('common.province')}>
          <ProvinceSelect placeholder={t('common.all')} />
        </Form.Item>
        <Form.Item name="graduateTeams" label={t('supply.resource.graduateTeamsShort')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 100 }}
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
            ]}
          />
        </Form.Item>
        <Form.Item name="themeDayId" label={t('supply.themeDay')}>
          <ThemeDaySelect placeholder={t('common.all')} />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()} inWorkspace={false}>
        {list.data?.items.length ? (
          <>
            <Row gutter={[12, 12]} data-testid="resources-cards">
              {list.data.items.map((r) => (
                <Col key={r.id} xs={24} md={12} lg={8}>
                  <Card size="small" style={{ height: '100%' }}>
                    <h2 className="rt-card-title" style={{ paddingTop: 0 }}>
                      <Link to={`/resources/${r.id}`} data-testid={`resource-card-${r.id}`}>
                        {r.title}
                      </Link>
                    </h2>
                    <ResourceTags r={r} />
                    <div className="rt-text-secondary" style={{ marginTop: 6 }}>
                      {r.organisation.name} · {regionLabel(r.regionCode)}
                    </div>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
                      {r.description}
                    </Typography.Paragraph>
                    <div className="rt-text-secondary">{quotaText(r)}</div>
                  </Card>
                </Col>
              ))}
            </Row>
            <Pagination
              style={{ marginTop: 16 }}
              align="center"
              {...table.pagination(list.data.total)}
              pageSizeOptions={[12, 24, 48]}
              onChange={(page, pageSize) => table.onTableChange({ current: page, pageSize }, {}, {})}
            />
          </>
        ) : (
          <Card>
            <Empty
              description={
                Object.keys(table.filters).length ? t('supply.resources.emptyFiltered') : t('supply.resources.empty')
              }
            >
              {Object.keys(table.filters).length ? (
                <Button type="link" style={{ padding: 0, height: 'auto' }} onClick={() => table.setFilters({})}>
                  {t('common.reset')}
                </Button>
              ) : null}
            </Empty>
          </Card>
        )}
      </QueryState>
    </>
  );
}

export function ResourcePortalPage() {
  const t = useT();
  const { id } = useParams();
  const { data: me } = useMe();
  const quotaText = useQuotaText();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const q = useQuery({ queryKey: ['resources', id], queryFn: () => api.get<Resource>(`/resources/${id}`) });
  const quota = useQuery({
    queryKey: ['resources', id, 'quota', 'today'],
    queryFn: () => api.get<ResourceQuota>(`/resources/${id}/quota`),
    enabled: !!q.data && q.data.quota != null,
  });
  const r = q.data;
  const loginNext = `/login?next=${encodeURIComponent(`/workspace/resources?tab=mine&request=${id}`)}`;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {r ? (
        <>
          <PageHeader
            title={r.title}
            subtitle={
              <Space wrap size={4}>
                <ResourceTags r={r} />
                {r.status !== 'published' ? <ResourceStatusTag status={r.status} /> : null}
              </Space>
            }
            extra={
              <>
                <LinkButton to="/resources">{t('supply.resources.backToList')}</LinkButton>
                {r.status === 'published' ? (
                  !me ? (
                    <LinkButton to={loginNext} type="primary" data-testid="resource-request-login">
                      {t('supply.request.action')}
                    </LinkButton>
                  ) : r.abilities.request ? (
                    <Button type="primary" onClick={() => setOpen(true)} data-testid="resource-request">
                      {t('supply.request.action')}
                    </Button>
                  ) : null
                ) : null}
              </>
            }
          />
          {me && r.abilities.request ? (
            <Alert
              style={{ marginBottom: 12 }}
              type={sent ? 'success' : 'info'}
              showIcon
              title={sent ? t('supply.request.sentHint') : t('supply.request.hint')}
              action={
                sent ? (
                  <LinkButton to="/workspace/resources?tab=mine">{t('supply.request.viewMine')}</LinkButton>
                ) : undefined
              }
            />
          ) : null}
          {me && !r.abilities.request && r.status === 'published' && !r.abilities.edit ? (
            <Alert style={{ marginBottom: 12 }} type="warning" showIcon title={t('supply.request.notActing')} />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card title={<h2 className="rt-card-title">{t('supply.resource.description')}</h2>}>
                <Paragraphs text={r.description} />
                {r.conditions ? (
                  <>
                    <Typography.Title level={3} style={{ fontSize: 15 }}>
                      {t('supply.resource.conditions')}
                    </Typography.Title>
                    <Paragraphs text={r.conditions} />
                  </>
                ) : null}
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={<h2 className="rt-card-title">{t('supply.resource.facts')}</h2>}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('supply.resource.owner')}>{r.organisation.name}</Descriptions.Item>
                  <Descriptions.Item label={t('common.region')}>{regionLabel(r.regionCode)}</Descriptions.Item>
                  {r.location ? (
                    <Descriptions.Item label={t('supply.resource.location')}>{r.location}</Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t('supply.resource.priceModel')}>
                    {t(`supply.priceModel.${r.priceModel}` as MessageKey)}
                    {r.priceNote ? `（${r.priceNote}）` : ''}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supply.resource.quota')}>{quotaText(r)}</Descriptions.Item>
                  {r.quota != null && quota.data ? (
                    <Descriptions.Item label={t('supply.resource.remainingNow')}>
                      <span data-testid="resource-remaining">
                        {t('supply.resource.remainingN', { n: quota.data.remaining ?? 0 })}
                      </span>
                    </Descriptions.Item>
                  ) : null}
                  {r.themeDay ? (
                    <Descriptions.Item label={t('supply.themeDay')}>
                      <Link to={`/theme-days/${r.themeDay.id}`}>{r.themeDay.title}</Link>
                    </Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t('supply.resource.publishedAt')}>
                    {fmtDate(r.publishedAt)}
                  </Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
          </Row>
          {open ? (
            <RequestModal resource={r} open={open} onClose={() => setOpen(false)} onDone={() => setSent(true)} />
          ) : null}
        </>
      ) : null}
    </QueryState>
  );
}
