/**
 * 基地跟踪 (issue 12 §3): what the supervising department, the local DRC and NDRC follow of a base — its plans by
 * year (with the comment count), the theme days it hosts with their activity plan's status and results figures,
 * and the reminders it received. Read-only; links only to pages the viewer may open (the plan for those who see
 * it, the theme day's public page, the activity plan when the server says the viewer may read it).
 */
import { Card, Col, Empty, List, Row, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from 'react-router';
import type { BaseSupervision } from '../../../../common/contracts/bases.ts';
import { api } from '../../../api/client.ts';
import { useT } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/zh-CN.ts';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { RemindBaseButton } from '../../../components/RemindBaseButton.tsx';
import { fmtDate, fmtDateRange, fmtDateTime } from '../../../components/format.ts';

type Plans = BaseSupervision['plans'];
type Days = BaseSupervision['themeDays'];

const AP_COLOR: Record<Days[number]['activityPlanStatus'], string> = {
  none: 'default',
  draft: 'default',
  submitted: 'processing',
  returned: 'warning',
  approved: 'success',
};

export function BaseSupervisionPage() {
  const { id } = useParams();
  const t = useT();
  const q = useQuery({
    queryKey: ['base-supervision', id],
    queryFn: () => api.get<BaseSupervision>(`/bases/${id}/supervision`),
  });
  const d = q.data;
  return (
    <QueryState isLoading={q.isLoading} error={q.error} refetch={() => void q.refetch()}>
      {d ? (
        <>
          <PageHeader
            title={t('supervision.overview', { name: d.base.name })}
            docTitle={t('supervision.overviewDoc')}
            subtitle={t('supervision.overviewSubtitle')}
            extra={
              <>
                <LinkButton to="/workspace/bases">{t('common.back')}</LinkButton>
                {d.base.abilities.remind ? <RemindBaseButton base={d.base} /> : null}
              </>
            }
          />
          <Row gutter={[16, 16]}>
            <Col xs={24}>
              <Card title={<h2 className="rt-card-title">{t('supervision.plans')}</h2>} style={{ marginBottom: 16 }}>
                <Table<Plans[number]>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={d.plans}
                  locale={{ emptyText: t('supervision.noPlans') }}
                  scroll={{ x: 640 }}
                  data-testid="supervision-plans"
                  columns={[
                    { title: t('supervision.year'), dataIndex: 'programmeYear', key: 'year', width: 80 },
                    {
                      title: t('plan.title'),
                      key: 'title',
                      render: (_: unknown, p) => (
                        <Link to={`/workspace/plans/${p.id}`}>{p.title || t('plan.untitled')}</Link>
                      ),
                    },
                    {
                      title: t('common.status'),
                      key: 'status',
                      render: (_: unknown, p) => <StatusTag kind="plan" status={p.status} />,
                    },
                    {
                      title: t('plan.submittedAt'),
                      key: 'submittedAt',
                      render: (_: unknown, p) => (p.submittedAt ? fmtDateTime(p.submittedAt) : '—'),
                    },
                    {
                      title: t('supervision.comments'),
                      key: 'comments',
                      render: (_: unknown, p) => (p.comments ? t('supervision.commentsN', { n: p.comments }) : '—'),
                    },
                  ]}
                />
              </Card>
              <Card title={<h2 className="rt-card-title">{t('supervision.themeDays')}</h2>}>
                <Table<Days[number]>
                  rowKey="id"
                  size="small"
                  pagination={false}
                  dataSource={d.themeDays}
                  locale={{ emptyText: t('supervision.noThemeDays') }}
                  scroll={{ x: 760 }}
                  data-testid="supervision-theme-days"
                  columns={[
                    {
                      title: t('outcomes.themeDay'),
                      key: 'title',
                      render: (_: unknown, x) => (
                        <Space direction="vertical" size={0}>
                          <Link to={`/theme-days/${x.id}`}>{x.title}</Link>
                          <Typography.Text type="secondary">{fmtDateRange(x.startDate, x.endDate)}</Typography.Text>
                        </Space>
                      ),
                    },
                    {
                      title: t('supervision.activityPlan'),
                      key: 'ap',
                      render: (_: unknown, x) => (
                        <Tag color={AP_COLOR[x.activityPlanStatus]}>
                          {t(`supervision.ap.${x.activityPlanStatus}` as MessageKey)}
                        </Tag>
                      ),
                    },
                    { title: t('supervision.projects'), key: 'p', render: (_: unknown, x) => x.results.projects },
                    {
                      title: t('supervision.registrations'),
                      key: 'r',
                      render: (_: unknown, x) => x.results.registrations,
                    },
                    { title: t('supervision.checkIns'), key: 'c', render: (_: unknown, x) => x.results.checkIns },
                    { title: t('supervision.meetings'), key: 'm', render: (_: unknown, x) => x.results.meetingsHeld },
                    {
                      title: t('supervision.csat'),
                      key: 's',
                      render: (_: unknown, x) =>
                        x.results.csat === null ? '—' : `${Math.round(x.results.csat * 100)}%`,
                    },
                  ]}
                />
              </Card>
            </Col>
            <Col xs={24}>
              <Card title={<h2 className="rt-card-title">{t('supervision.reminders')}</h2>}>
                {d.reminders.length ? (
                  <List
                    size="small"
                    dataSource={d.reminders}
                    data-testid="supervision-reminders"
                    renderItem={(r) => (
                      <List.Item key={r.id}>
                        <div>
                          <Space wrap size={4}>
                            <Tag color={r.senderRole === 'local_drc' ? 'blue' : 'purple'}>
                              {t(`supervision.role.${r.senderRole}` as MessageKey)}
                            </Tag>
                            <strong>{r.organisation.name}</strong>
                            <Typography.Text type="secondary">{fmtDate(r.createdAt)}</Typography.Text>
                          </Space>
                          <div style={{ marginTop: 4 }}>{r.message}</div>
                        </div>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.noReminders')} />
                )}
              </Card>
            </Col>
          </Row>
        </>
      ) : null}
    </QueryState>
  );
}
