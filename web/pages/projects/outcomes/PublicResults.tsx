/**
 * 活动成果 on a past theme day's portal page: the number of cooperation projects, the stability at each
 * follow-up point and the SME share (each with its definition), and the projects whose parties agreed to
 * publish them — from GET /api/public/theme-days/:id/results, the same figures as the workspace, without
 * amount totals. Amounts of a project appear only when every party agreed.
 */
import { Card, Col, Flex, List, Row, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { PublicResultsView } from '../../../../common/contracts/projects.ts';
import { PROJECT_STAGE_LABELS, PROJECT_TYPE_LABELS } from '../../../api/projects.ts';
import { enumLabel, fmtDate, punct } from '../../../components/format.ts';
import { QueryState } from '../../../components/QueryState.tsx';
import { ToneTag } from '../../../components/StatusTag.tsx';
import { useT } from '../../../i18n/index.tsx';
import { ratioText, wan } from './shared.tsx';
import { STAGE_TONE } from './stage.ts';

const big = { fontSize: 22, fontWeight: 600, lineHeight: 1.3, color: '#1f1f1f' } as const;
const def = { fontSize: 12, margin: '6px 0 0' } as const;

export function PublicResults({ themeDayId }: { themeDayId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['public', 'theme-day', themeDayId, 'results'],
    queryFn: () => api.get<PublicResultsView>(`/public/theme-days/${themeDayId}/results`),
  });
  const r = q.data;
  const money = (v: number | null) => (v === null ? '—' : t('outcomes.wan', { v: wan(v) }));
  return (
    <section aria-labelledby="td-results-title" style={{ marginTop: 16 }} data-testid="theme-day-results">
      <Typography.Title level={2} className="rt-section-title" id="td-results-title">
        {t('outcomes.public.title')}
      </Typography.Title>
      <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()} inWorkspace={false}>
        {r && r.figures.projects === 0 ? (
          <Card>
            <Typography.Text className="rt-text-secondary" data-testid="public-results-none">
              {t('outcomes.public.none')}
            </Typography.Text>
          </Card>
        ) : null}
        {r && r.figures.projects > 0 ? (
          <>
            <Row gutter={[16, 16]}>
              <Col xs={24} md={6}>
                <Card size="small" style={{ height: '100%' }}>
                  <span className="rt-text-secondary">{t('outcomes.public.projects')}</span>
                  <div style={big} data-testid="public-figure-projects">
                    {r.figures.projects}
                  </div>
                </Card>
              </Col>
              <Col xs={24} md={12}>
                <Card size="small" style={{ height: '100%' }}>
                  <span className="rt-text-secondary">{t('outcomes.stability')}</span>
                  <Row gutter={[12, 8]}>
                    {r.figures.stability.map((s) => (
                      <Col key={s.months} xs={24} sm={8}>
                        <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                          {t('outcomes.stabilityAt', { n: s.months })}
                        </div>
                        <div style={{ ...big, fontSize: 18 }} data-testid={`public-figure-stability-${s.months}`}>
                          {ratioText(t, s)}
                        </div>
                      </Col>
                    ))}
                  </Row>
                  <Typography.Paragraph className="rt-text-secondary" style={def}>
                    {enumLabel('outcomes.def', 'stability', r.definitions.stability)}
                  </Typography.Paragraph>
                </Card>
              </Col>
              <Col xs={24} md={6}>
                <Card size="small" style={{ height: '100%' }}>
                  <span className="rt-text-secondary">{t('outcomes.smeShare')}</span>
                  <div style={{ ...big, fontSize: 18 }} data-testid="public-figure-sme-share">
                    {ratioText(t, r.figures.smeShare)}
                  </div>
                  <Typography.Paragraph className="rt-text-secondary" style={def}>
                    {enumLabel('outcomes.def', 'smeShare', r.definitions.smeShare)}
                  </Typography.Paragraph>
                </Card>
              </Col>
            </Row>
            <Card
              size="small"
              style={{ marginTop: 16 }}
              title={<h3 className="rt-card-title">{t('outcomes.public.publishedN', { n: r.projects.length })}</h3>}
            >
              <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 12 }}>
                {t('outcomes.public.publishedNote')}
              </Typography.Paragraph>
              <List
                size="small"
                data-testid="public-projects"
                dataSource={r.projects}
                locale={{ emptyText: t('outcomes.public.noPublished') }}
                renderItem={(p) => (
                  <List.Item style={{ paddingInline: 0 }} data-testid={`public-project-${p.id}`}>
                    <div style={{ width: '100%' }}>
                      <Flex gap={6} wrap align="center">
                        <ToneTag tone="blue">{enumLabel('outcomes.type', p.type, PROJECT_TYPE_LABELS[p.type])}</ToneTag>
                        <ToneTag tone={STAGE_TONE[p.stage]}>
                          {enumLabel('outcomes.stage', p.stage, PROJECT_STAGE_LABELS[p.stage])}
                        </ToneTag>
                        <Typography.Text strong>{p.title}</Typography.Text>
                      </Flex>
                      <div className="rt-text-secondary" style={{ marginTop: 4 }}>
                        {p.parties
                          .map((x) => (x.role === 'lead' ? t('outcomes.public.leadName', { name: x.name }) : x.name))
                          .join(punct().sep)}
                      </div>
                      {p.amounts ? (
                        <div className="rt-text-secondary" data-testid={`public-project-amounts-${p.id}`}>
                          {t('outcomes.public.amounts', {
                            intended: money(p.amounts.intended),
                            contracted: money(p.amounts.contracted),
                          })}
                        </div>
                      ) : null}
                    </div>
                  </List.Item>
                )}
              />
            </Card>
            <Typography.Paragraph className="rt-text-secondary" style={{ fontSize: 12, marginTop: 8 }}>
              {t('outcomes.public.asOf', { date: fmtDate(r.asOf) })}
            </Typography.Paragraph>
          </>
        ) : null}
      </QueryState>
    </section>
  );
}
