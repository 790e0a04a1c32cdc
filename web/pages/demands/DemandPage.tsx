/**
 * One demand (/demands/:id) or technology catalogue entry (/technologies/:id) on the portal: field, technical
 * indicators, budget, cooperation mode, deadline with the days left (Beijing calendar), IP terms, publisher.
 * "我要响应" sends an anonymous visitor to sign in (and back here); a signed-in organisation writes its
 * proposal and attaches PDF/DOCX/PNG/JPEG files, with the 非涉密平台 notice at the upload point.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Row, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Demand } from '../../api/demands.ts';
import { useT } from '../../i18n/index.tsx';
import { useMe } from '../../hooks/useMe.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryState } from '../../components/QueryState.tsx';
import { LinkButton } from '../../components/LinkButton.tsx';
import { ToneTag } from '../../components/StatusTag.tsx';
import { enumLabel, fmtDateTime } from '../../components/format.ts';
import { DeadlineTag } from '../../components/demands/DeadlineTag.tsx';
import { budgetText } from './shared.tsx';
import { ResponseForm } from './responses/ResponseForm.tsx';
import { MyResponse } from './responses/MyResponse.tsx';

export function DemandPage() {
  return <DemandDetail kind="demand" />;
}

export function TechnologyPage() {
  return <DemandDetail kind="technology" />;
}

function DemandDetail({ kind }: { kind: Demand['kind'] }) {
  const { id = '' } = useParams();
  const d = useQuery({ queryKey: ['demand', id], queryFn: () => api.get<Demand>(`/demands/${id}`) });
  return (
    <QueryState isLoading={d.isLoading} error={d.error} refetch={() => void d.refetch()} inWorkspace={false}>
      {d.data ? <DemandView d={d.data} expectedKind={kind} /> : null}
    </QueryState>
  );
}

function DemandView({ d, expectedKind }: { d: Demand; expectedKind: Demand['kind'] }) {
  const t = useT();
  const { data: me } = useMe();
  const [params, setParams] = useSearchParams();
  const [open, setOpen] = useState(params.get('respond') === '1');
  const isTech = d.kind === 'technology';
  const mine = me?.activeOrganisationId === d.organisation.id;
  const back = isTech ? '/demands?kind=technology' : '/demands';
  void expectedKind;

  useEffect(() => {
    if (params.get('respond') === '1' && !d.abilities.respond) setParams({}, { replace: true });
  }, [params, d.abilities.respond, setParams]);

  const respondArea = !me ? (
    d.status === 'published' && !d.expired ? (
      <LinkButton
        type="primary"
        size="large"
        to={`/login?next=${encodeURIComponent(`/workspace/demands/respond/${d.id}`)}`}
        data-testid="demand-respond-login"
      >
        {isTech ? t('demands.interestLogin') : t('demands.respondLogin')}
      </LinkButton>
    ) : null
  ) : d.abilities.respond ? (
    !open ? (
      <Button type="primary" size="large" onClick={() => setOpen(true)} data-testid="demand-respond">
        {isTech ? t('demands.interest') : t('demands.respond')}
      </Button>
    ) : null
  ) : d.abilities.viewResponses || mine ? (
    <LinkButton to={`/workspace/demands/${d.id}`} data-testid="demand-manage">
      {t('demands.manage')}
    </LinkButton>
  ) : null;

  return (
    <>
      <PageHeader
        title={d.title}
        docTitle={isTech ? t('demands.techDetail') : t('demands.detail')}
        subtitle={
          <Space wrap>
            <ToneTag tone={isTech ? 'purple' : 'blue'}>{enumLabel('demands.kind', d.kind, d.kindLabel)}</ToneTag>
            {d.fieldName ? <ToneTag tone="grey">{`${d.fieldCode} ${d.fieldName}`}</ToneTag> : null}
            <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
          </Space>
        }
        extra={
          <>
            <LinkButton to={back}>{t('common.back')}</LinkButton>
            {respondArea}
          </>
        }
      />
      {d.status === 'closed' ? (
        <Alert type="info" showIcon title={t('demands.closedNotice')} style={{ marginBottom: 16 }} />
      ) : d.expired && !isTech ? (
        <Alert type="info" showIcon title={t('demands.expiredNotice')} style={{ marginBottom: 16 }} />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={16}>
          <Card
            title={
              <h2 className="rt-card-title">{isTech ? t('demands.descriptionTech') : t('demands.description')}</h2>
            }
            style={{ marginBottom: 16 }}
          >
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="demand-description">
              {d.description}
            </Typography.Paragraph>
          </Card>
          <Card title={<h2 className="rt-card-title">{t('demands.indicators')}</h2>} style={{ marginBottom: 16 }}>
            <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="demand-indicators">
              {d.indicators || t('demands.none')}
            </Typography.Paragraph>
          </Card>
          {d.myResponseId ? <MyResponse responseId={d.myResponseId} /> : null}
          {open && d.abilities.respond ? <ResponseForm d={d} onCancel={() => setOpen(false)} /> : null}
        </Col>
        <Col xs={24} lg={8}>
          <Card title={<h2 className="rt-card-title">{t('common.details')}</h2>}>
            <Descriptions column={1} size="small" data-testid="demand-facts">
              <Descriptions.Item label={t('demands.publisher')}>
                <Link to={`/orgs/${d.organisation.id}`}>{d.organisation.name}</Link>
              </Descriptions.Item>
              <Descriptions.Item label={t('demands.field')}>
                {d.fieldName ? `${d.fieldCode} ${d.fieldName}` : d.fieldCode}
              </Descriptions.Item>
              <Descriptions.Item label={t('demands.cooperationMode')}>
                {enumLabel('demands.mode', d.cooperationMode, d.cooperationModeLabel)}
              </Descriptions.Item>
              {!isTech || d.budgetMinWan != null || d.budgetMaxWan != null ? (
                <Descriptions.Item label={isTech ? t('demands.price') : t('demands.budget')}>
                  {budgetText(t, d)}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={isTech ? t('demands.validUntil') : t('demands.deadline')}>
                <div>
                  <DeadlineTag deadline={d.deadline} expired={d.expired} testId="demand-deadline" />
                  <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                    {t('demands.deadlineHint')}
                  </div>
                </div>
              </Descriptions.Item>
              <Descriptions.Item label={t('demands.ipTerms')}>{d.ipTerms || t('demands.none')}</Descriptions.Item>
              {d.themeDay ? (
                <Descriptions.Item label={t('demands.themeDay')}>
                  <Link to={`/theme-days/${d.themeDay.id}`}>{d.themeDay.title}</Link>
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t('demands.publishedAt')}>{fmtDateTime(d.publishedAt)}</Descriptions.Item>
            </Descriptions>
          </Card>
        </Col>
      </Row>
    </>
  );
}
