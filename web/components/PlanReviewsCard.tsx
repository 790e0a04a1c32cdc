/**
 * Reviews of one plan. The owner assigns department reviewers (a Select of the reviewer directory); a
 * conflict of interest comes back from the server as reviewer_conflict and is shown on the field. Scores
 * appear as the server releases them (a reviewer sees others' only after submitting).
 */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  List,
  Popconfirm,
  Select,
  Space,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { Page, Plan, PlanReviews, Programme, ReviewerItem } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';
import { StatusTag } from './StatusTag.tsx';
import { deptLabel, fmtDateTime } from './format.ts';
import { errorMessage } from './errors.ts';

export function PlanReviewsCard({ plan, programme }: { plan: Plan; programme: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [selected, setSelected] = useState<string[]>([]);
  const [fieldError, setFieldError] = useState<string | null>(null);
  const reviews = useQuery({
    queryKey: ['plan', plan.id, 'reviews'],
    queryFn: () => api.get<PlanReviews>(`/plans/${plan.id}/reviews`, { pageSize: 100 }),
    enabled: plan.abilities.viewReviews || plan.abilities.assignReviewers,
  });
  const reviewers = useQuery({
    queryKey: ['reviewers'],
    queryFn: () => api.get<Page<ReviewerItem>>('/users', { role: 'department_reviewer', pageSize: 100, sort: 'name' }),
    enabled: plan.abilities.assignReviewers,
    staleTime: 60_000,
  });
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['plan', plan.id, 'reviews'] });
    void qc.invalidateQueries({ queryKey: ['review-summary'] });
  };
  const assign = useMutation({
    mutationFn: (userIds: string[]) => api.post<PlanReviews>(`/plans/${plan.id}/reviewers`, { userIds }),
    onSuccess: (r) => {
      qc.setQueryData(['plan', plan.id, 'reviews'], r);
      refresh();
      setSelected([]);
      setFieldError(null);
      void message.success(t('reviews.assigned'));
    },
    onError: (err) => {
      const msg = err instanceof ApiError ? err.errors.map((e) => e.message).join('；') || err.display : String(err);
      setFieldError(msg);
    },
  });
  const unassign = useMutation({
    mutationFn: (userId: string) => api.delete<void>(`/plans/${plan.id}/reviewers/${userId}`),
    onSuccess: refresh,
    onError: (err) => void message.error(errorMessage(err)),
  });

  const assignedIds = new Set((reviews.data?.items ?? []).map((r) => r.reviewer.id));
  const criteria = programme.rules.reviewCriteria;

  return (
    <Card title={<h2 className="rt-card-title">{t('plan.reviews')}</h2>} data-testid="plan-reviews">
      {plan.abilities.assignReviewers ? (
        <Form
          layout="vertical"
          onFinish={() => selected.length && assign.mutate(selected)}
          data-testid="reviewer-assign"
        >
          <Form.Item
            label={t('reviews.assignLabel')}
            htmlFor="reviewer-select"
            validateStatus={fieldError ? 'error' : undefined}
            help={fieldError ? <span data-testid="reviewer-assign-error">{fieldError}</span> : t('reviews.assignHint')}
          >
            <Select
              id="reviewer-select"
              data-testid="reviewer-select"
              mode="multiple"
              value={selected}
              onChange={(v: string[]) => {
                setSelected(v);
                setFieldError(null);
              }}
              loading={reviewers.isLoading}
              showSearch={{ optionFilterProp: 'label' }}
              placeholder={t('reviews.assignPlaceholder')}
              options={(reviewers.data?.items ?? [])
                .filter((r) => !assignedIds.has(r.id))
                .map((r) => ({
                  value: r.id,
                  label: `${r.name}（${deptLabel(r.departmentCode) || r.organisationName}）`,
                }))}
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            disabled={selected.length === 0}
            loading={assign.isPending}
            data-testid="reviewer-assign-submit"
          >
            {t('reviews.assign')}
          </Button>
        </Form>
      ) : null}
      {reviews.data?.othersHidden ? (
        <Alert type="info" showIcon title={t('reviews.othersHidden')} style={{ marginTop: 12 }} />
      ) : null}
      <List
        style={{ marginTop: 12 }}
        loading={reviews.isLoading}
        dataSource={reviews.data?.items ?? []}
        locale={{ emptyText: <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('reviews.noneAssigned')} /> }}
        renderItem={(r) => (
          <List.Item
            data-testid={`plan-review-${r.reviewer.id}`}
            actions={
              plan.abilities.assignReviewers && r.status === 'assigned'
                ? [
                    <Popconfirm
                      key="x"
                      title={t('reviews.confirmUnassign', { name: r.reviewer.name })}
                      onConfirm={() => unassign.mutate(r.reviewer.id)}
                      okText={t('common.confirm')}
                      cancelText={t('common.cancel')}
                    >
                      <Button size="small" danger aria-label={t('reviews.unassignOf', { name: r.reviewer.name })}>
                        {t('reviews.unassign')}
                      </Button>
                    </Popconfirm>,
                  ]
                : undefined
            }
          >
            <div style={{ width: '100%' }}>
              <Flex justify="space-between" wrap gap={4}>
                <span>
                  <strong>{r.reviewer.name}</strong>{' '}
                  <span className="rt-text-secondary">
                    {deptLabel(r.reviewer.department) || r.reviewer.organisationName}
                  </span>
                </span>
                <StatusTag kind="review" status={r.status} />
              </Flex>
              {r.scores ? (
                <Space wrap size={[12, 0]} style={{ marginTop: 4 }}>
                  {criteria.map((c) => (
                    <span key={c.key}>
                      {c.name}：{r.scores?.[c.key] ?? '—'}
                    </span>
                  ))}
                  {r.weightedTotal !== null ? (
                    <strong>
                      {t('reviews.weighted')}：{r.weightedTotal}
                    </strong>
                  ) : null}
                </Space>
              ) : null}
              {r.comment ? (
                <Typography.Paragraph style={{ marginTop: 4, marginBottom: 0 }}>{r.comment}</Typography.Paragraph>
              ) : null}
              <div className="rt-text-secondary" style={{ fontSize: 12 }}>
                {r.submittedAt
                  ? `${t('reviews.submittedAt')} ${fmtDateTime(r.submittedAt)}`
                  : `${t('reviews.assignedAt')} ${fmtDateTime(r.assignedAt)}`}
                {r.mine ? (
                  <>
                    {' · '}
                    <Link to={`/workspace/reviews/${r.id}`}>{t('reviews.openMine')}</Link>
                  </>
                ) : null}
              </div>
            </div>
          </List.Item>
        )}
      />
    </Card>
  );
}
