/**
 * Portal pages of 创新成果联合转化: the public list of results (only those whose confidentiality review said
 * 可以公开 — the server's rule: anything else is absent here and 404 on its page) and a result's page with
 * the 申请参与转化 form.
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
  InputNumber,
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
import { TRANSFER_MODES, type Result } from '../../api/supply.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { useTableState } from '../../hooks/useTableState.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FilterBar } from '../../components/FilterBar.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { fmtDate } from '../../components/format.ts';
import { FieldSelect, Paragraphs, ResultStatusTag, ResultTags, ThemeDaySelect } from './shared.tsx';
import { ApplyModal } from './results/ApplyModal.tsx';

export function ResultsPortalPage() {
  const t = useT();
  const table = useTableState({ pageSize: 12 });
  const list = useQuery({
    queryKey: ['results', 'public', table.query],
    queryFn: () => api.get<Page<Result>>('/results', table.query),
  });
  return (
    <>
      <PageHeader title={t('supply.results.portalTitle')} subtitle={t('supply.results.portalSubtitle')} />
      <FilterBar table={table}>
        <Form.Item name="q" label={t('common.keyword')}>
          <Input
            allowClear
            placeholder={t('supply.results.keywordPlaceholder')}
            data-testid="results-q"
            style={{ width: 200 }}
          />
        </Form.Item>
        <Form.Item name="fieldCode" label={t('supply.result.field')}>
          <FieldSelect allowClear />
        </Form.Item>
        <Form.Item name="transferMode" label={t('supply.result.transferMode')}>
          <Select
            allowClear
            placeholder={t('common.all')}
            style={{ width: 120 }}
            options={TRANSFER_MODES.map((k) => ({ value: k, label: t(`supply.transferMode.${k}` as MessageKey) }))}
          />
        </Form.Item>
        <Form.Item name="trlMin" label={t('supply.result.trlMin')}>
          <InputNumber min={1} max={9} style={{ width: 80 }} />
        </Form.Item>
        <Form.Item name="themeDayId" label={t('supply.themeDay')}>
          <ThemeDaySelect placeholder={t('common.all')} />
        </Form.Item>
      </FilterBar>
      <QueryState isLoading={list.isLoading} error={list.error} refetch={() => void list.refetch()} inWorkspace={false}>
        {list.data?.items.length ? (
          <>
            <Row gutter={[12, 12]} data-testid="results-cards">
              {list.data.items.map((r) => (
                <Col key={r.id} xs={24} md={12} lg={8}>
                  <Card size="small" style={{ height: '100%' }}>
                    <h2 className="rt-card-title" style={{ paddingTop: 0 }}>
                      <Link to={`/results/${r.id}`} data-testid={`result-card-${r.id}`}>
                        {r.title}
                      </Link>
                    </h2>
                    <ResultTags r={r} />
                    <div className="rt-text-secondary" style={{ marginTop: 6 }}>
                      {r.organisation.name}
                      {r.priceExpectation ? ` · ${t('supply.result.priceExpectation')}：${r.priceExpectation}` : ''}
                    </div>
                    <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '6px 0 0' }}>
                      {r.description}
                    </Typography.Paragraph>
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
                Object.keys(table.filters).length ? t('supply.results.emptyFiltered') : t('supply.results.empty')
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

export function ResultPortalPage() {
  const t = useT();
  const { id } = useParams();
  const { data: me } = useMe();
  const [open, setOpen] = useState(false);
  const [sent, setSent] = useState(false);
  const q = useQuery({ queryKey: ['results', id], queryFn: () => api.get<Result>(`/results/${id}`), retry: false });
  const r = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
      {r ? (
        <>
          <PageHeader
            title={r.title}
            subtitle={
              <Space size={4} wrap>
                <ResultTags r={r} />
                {r.status !== 'public' ? <ResultStatusTag status={r.status} /> : null}
              </Space>
            }
            extra={
              <>
                <LinkButton to="/results">{t('supply.results.backToList')}</LinkButton>
                {r.status === 'public' && !me ? (
                  <LinkButton
                    to={`/login?next=${encodeURIComponent(`/workspace/results?tab=applications&apply=${r.id}`)}`}
                    type="primary"
                    data-testid="result-apply-login"
                  >
                    {t('supply.apply.action')}
                  </LinkButton>
                ) : null}
                {r.abilities.apply ? (
                  <Button type="primary" onClick={() => setOpen(true)} data-testid="result-apply" disabled={sent}>
                    {t('supply.apply.action')}
                  </Button>
                ) : null}
                {r.abilities.edit || r.abilities.review ? (
                  <LinkButton to={`/workspace/results/${r.id}`}>{t('supply.results.openInWorkspace')}</LinkButton>
                ) : null}
              </>
            }
          />
          {sent ? (
            <Alert
              type="success"
              showIcon
              style={{ marginBottom: 12 }}
              title={t('supply.apply.sentHint')}
              action={<LinkButton to="/workspace/results?tab=applications">{t('supply.apply.viewMine')}</LinkButton>}
            />
          ) : null}
          <Row gutter={[16, 16]}>
            <Col xs={24} lg={16}>
              <Card title={<h2 className="rt-card-title">{t('supply.result.description')}</h2>}>
                <Paragraphs text={r.description} />
              </Card>
            </Col>
            <Col xs={24} lg={8}>
              <Card title={<h2 className="rt-card-title">{t('supply.result.facts')}</h2>}>
                <Descriptions column={1} size="small">
                  <Descriptions.Item label={t('supply.result.holder')}>{r.organisation.name}</Descriptions.Item>
                  <Descriptions.Item label={t('supply.result.field')}>
                    {r.fieldName ? `${r.fieldCode} ${r.fieldName}` : r.fieldCode}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supply.result.trl')}>
                    {t('supply.result.trlN', { n: r.trl })}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supply.result.transferMode')}>
                    {t(`supply.transferMode.${r.transferMode}` as MessageKey)}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supply.result.priceExpectation')}>
                    {r.priceExpectation || t('supply.result.negotiable')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supply.result.patents')}>
                    {r.patents.length ? r.patents.join('、') : '—'}
                  </Descriptions.Item>
                  {r.themeDay ? (
                    <Descriptions.Item label={t('supply.themeDay')}>
                      <Link to={`/theme-days/${r.themeDay.id}`}>{r.themeDay.title}</Link>
                    </Descriptions.Item>
                  ) : null}
                  <Descriptions.Item label={t('supply.result.publishedAt')}>{fmtDate(r.publishedAt)}</Descriptions.Item>
                </Descriptions>
              </Card>
            </Col>
          </Row>
          {open ? (
            <ApplyModal result={r} open={open} onClose={() => setOpen(false)} onDone={() => setSent(true)} />
          ) : null}
        </>
      ) : null}
    </QueryState>
  );
}
