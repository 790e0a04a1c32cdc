/**
 * Scoring one plan: the plan on the left, the score form on the right (1–10 per criterion with an
 * InputNumber and a Slider, comment), the weighted total computed live by the same weightedTotal the
 * server uses. After submitting, the other reviewers' scores become visible.
 */
import { useEffect, useMemo, useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Flex,
  Form,
  Input,
  InputNumber,
  Row,
  Slider,
  Space,
  Statistic,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api, ApiError } from '../../../api/client.ts';
import type { Plan, Programme, Review } from '../../../api/types.ts';
import { checkScores, weightedTotal, type ProgrammeRules } from '../../../../common/programme-rules.ts';
import { useT } from '../../../i18n/index.tsx';
import { PageHeader } from '../../../components/PageHeader.tsx';
import { QueryState } from '../../../components/QueryState.tsx';
import { StatusTag } from '../../../components/StatusTag.tsx';
import { LinkButton } from '../../../components/LinkButton.tsx';
import { fmtDateTime } from '../../../components/format.ts';
import { PlanReviewsCard } from '../../../components/PlanReviewsCard.tsx';
import { useFormGuard } from '../../../hooks/useUnsavedChangesGuard.ts';

interface Values {
  scores: Record<string, number | null | undefined>;
  comment?: string;
}

export function ReviewPage() {
  const { id } = useParams();
  const review = useQuery({ queryKey: ['review', id], queryFn: () => api.get<Review>(`/reviews/${id}`) });
  const plan = useQuery({
    queryKey: ['plan', review.data?.plan.id],
    queryFn: () => api.get<Plan>(`/plans/${review.data?.plan.id}`),
    enabled: !!review.data,
  });
  const programme = useQuery({
    queryKey: ['programme', review.data?.plan.programmeId],
    queryFn: () => api.get<Programme>(`/programmes/${review.data?.plan.programmeId}`),
    enabled: !!review.data,
  });
  return (
    <QueryState isLoading={review.isLoading} error={review.error} refetch={() => void review.refetch()}>
      {review.data ? <ReviewForm review={review.data} plan={plan.data} programme={programme.data} /> : null}
    </QueryState>
  );
}

function ReviewForm({
  review,
  plan,
  programme,
}: {
  review: Review;
  plan: Plan | undefined;
  programme: Programme | undefined;
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [form] = Form.useForm<Values>();
  const guard = useFormGuard();
  const values = Form.useWatch([], form) as Values | undefined;
  const [error, setError] = useState<ApiError | null>(null);
  const editable = review.abilities.save || review.abilities.submit;
  const rules = useMemo(
    () =>
      ({
        reviewCriteria: review.criteria,
        scoreMin: review.scoreMin,
        scoreMax: review.scoreMax,
      }) as unknown as ProgrammeRules,
    [review],
  );
  useEffect(() => {
    form.setFieldsValue({ scores: review.scores, comment: review.comment ?? '' });
  }, [form, review]);

  const scores: Record<string, number> = {};
  for (const [k, v] of Object.entries(values?.scores ?? {})) if (typeof v === 'number') scores[k] = v;
  const problems = checkScores(rules, scores);
  const total = problems.length === 0 ? weightedTotal(rules, scores) : null;

  const body = (v: Values) => ({
    scores: Object.fromEntries(Object.entries(v.scores ?? {}).map(([k, x]) => [k, typeof x === 'number' ? x : null])),
    comment: v.comment ?? null,
  });
  const onDone = (r: Review) => {
    qc.setQueryData(['review', review.id], r);
    void qc.invalidateQueries({ queryKey: ['reviews'] });
    void qc.invalidateQueries({ queryKey: ['plan', review.plan.id, 'reviews'] });
    void qc.invalidateQueries({ queryKey: ['todo'] });
  };
  const onErr = (err: unknown) => {
    if (err instanceof ApiError) {
      setError(err);
      const fields = err.errors
        .map((e) => {
          const key = e.field.replace(/^scores\./, '');
          if (review.criteria.some((c) => c.key === key)) return { name: ['scores', key], errors: [e.message] };
          if (e.field === 'comment') return { name: ['comment'], errors: [e.message] };
          return null;
        })
        .filter((x) => x !== null);
      form.setFields(fields as Parameters<typeof form.setFields>[0]);
    } else void message.error(String(err));
  };
  const save = useMutation({
    mutationFn: (v: Values) => api.put<Review>(`/reviews/${review.id}`, body(v)),
    onSuccess: (r) => {
      guard.saved();
      onDone(r);
      void message.success(t('reviews.draftSaved'));
    },
    onError: onErr,
  });
  const submit = useMutation({
    mutationFn: (v: Values) => api.post<Review>(`/reviews/${review.id}/submit`, body(v)),
    onSuccess: (r) => {
      guard.saved();
      onDone(r);
      void message.success(t('reviews.submittedOk'));
    },
    onError: onErr,
  });

  return (
    <>
      <PageHeader
        title={t('reviews.scoreTitle', { base: review.plan.base.name })}
        subtitle={
          <Space wrap>
            <StatusTag kind="review" status={review.status} testId="review-status" />
            <span>{review.plan.theme}</span>
            <span>{t('plan.versionN', { n: review.plan.version })}</span>
          </Space>
        }
        extra={<LinkButton to="/workspace/reviews">{t('common.back')}</LinkButton>}
      />
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card title={<h2 className="rt-card-title">{review.plan.title ?? t('plan.title')}</h2>}>
            {plan ? (
              <>
                <Descriptions column={1} size="small" bordered styles={{ label: { width: 130 } }}>
                  <Descriptions.Item label={t('plan.theme')}>{plan.theme}</Descriptions.Item>
                  <Descriptions.Item label={t('plan.partners')}>
                    {plan.partnerBases.map((b) => b.name).join('、') || '—'}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('plan.months')}>
                    {plan.plannedMonths.map((m) => t('portal.month', { m })).join('、')}
                  </Descriptions.Item>
                  <Descriptions.Item label={t('plan.areasCovered')}>
                    {plan.areas.map((a) => a.name ?? a.key).join('、')}（{plan.areasCovered}）
                  </Descriptions.Item>
                  <Descriptions.Item label={t('supervision.zishuWhole')}>{plan.zishu}</Descriptions.Item>
                </Descriptions>
                <div style={{ marginTop: 12 }}>
                  {(plan.body ?? '').split('\n').map((p, i) => (
                    <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
                  ))}
                </div>
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {t('plan.areas')}
                </Typography.Title>
                {plan.areas.map((a) => (
                  <Typography.Paragraph key={a.key}>
                    <strong>{a.name ?? a.key}：</strong>
                    {a.description}
                  </Typography.Paragraph>
                ))}
                <Typography.Title level={3} style={{ fontSize: 15 }}>
                  {t('plan.epidemic')}
                </Typography.Title>
                <Typography.Paragraph>{plan.epidemicMeasures}</Typography.Paragraph>
              </>
            ) : null}
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card
            title={<h2 className="rt-card-title">{t('reviews.scoreForm')}</h2>}
            className="rt-sticky"
            data-testid="review-form"
          >
            {error && error.errors.length === 0 ? (
              <Alert
                type="error"
                showIcon
                title={error.title}
                description={error.detail}
                style={{ marginBottom: 12 }}
              />
            ) : null}
            <Form<Values>
              form={form}
              layout="vertical"
              disabled={!editable}
              onValuesChange={() => {
                setError(null);
                guard.onValuesChange();
              }}
            >
              {review.criteria.map((c) => (
                <Form.Item
                  key={c.key}
                  label={`${c.name}（${t('reviews.weight')} ${c.weight}）`}
                  required
                  style={{ marginBottom: 12 }}
                >
                  <Flex gap={12} align="center">
                    <Form.Item
                      name={['scores', c.key]}
                      noStyle
                      rules={[
                        { required: true, message: t('reviews.scoreRequired', { name: c.name }) },
                        {
                          type: 'number',
                          min: review.scoreMin,
                          max: review.scoreMax,
                          message: t('reviews.scoreRange', {
                            name: c.name,
                            min: review.scoreMin,
                            max: review.scoreMax,
                          }),
                        },
                      ]}
                    >
                      <InputNumber
                        min={review.scoreMin}
                        max={review.scoreMax}
                        step={1}
                        precision={0}
                        aria-label={`${c.name} ${t('reviews.scoreUnit', { min: review.scoreMin, max: review.scoreMax })}`}
                        data-testid={`score-${c.key}`}
                        style={{ width: 90 }}
                      />
                    </Form.Item>
                    <Form.Item name={['scores', c.key]} noStyle>
                      <Slider
                        min={review.scoreMin}
                        max={review.scoreMax}
                        step={1}
                        style={{ flex: 1 }}
                        ariaLabelForHandle={`${c.name}（${t('reviews.slider')}）`}
                        data-testid={`score-${c.key}-slider`}
                      />
                    </Form.Item>
                  </Flex>
                  <Form.Item shouldUpdate noStyle>
                    {() => {
                      const errs = form.getFieldError(['scores', c.key]);
                      return errs.length ? (
                        <div className="rt-bad" role="alert">
                          {errs.join('；')}
                        </div>
                      ) : null;
                    }}
                  </Form.Item>
                </Form.Item>
              ))}
              <Form.Item
                name="comment"
                label={t('reviews.comment')}
                rules={[{ required: true, whitespace: true, message: t('reviews.commentRequired') }, { max: 4000 }]}
              >
                <Input.TextArea
                  autoSize={{ minRows: 4, maxRows: 10 }}
                  maxLength={4000}
                  showCount
                  data-testid="review-comment"
                />
              </Form.Item>
            </Form>
            <Statistic
              title={t('reviews.weighted')}
              value={total ?? '—'}
              precision={total === null ? undefined : 2}
              suffix={total === null ? undefined : `/ ${review.scoreMax}`}
              data-testid="review-weighted-total"
            />
            {editable ? (
              <Flex gap={8} style={{ marginTop: 12 }} wrap>
                <Button
                  onClick={() => save.mutate(form.getFieldsValue())}
                  loading={save.isPending}
                  data-testid="review-save"
                >
                  {t('reviews.saveDraft')}
                </Button>
                <Button
                  type="primary"
                  loading={submit.isPending}
                  data-testid="review-submit"
                  onClick={() =>
                    void form.validateFields().then((v) => {
                      modal.confirm({
                        title: t('reviews.confirmSubmit'),
                        content: t('reviews.confirmSubmitBody', { total: total ?? '—' }),
                        okText: t('common.submit'),
                        cancelText: t('common.cancel'),
                        okButtonProps: { 'data-testid': 'review-submit-confirm' },
                        onOk: () => submit.mutateAsync(v).catch(() => undefined),
                      });
                    })
                  }
                >
                  {t('reviews.submit')}
                </Button>
              </Flex>
            ) : (
              <Alert
                type="success"
                showIcon
                title={t('reviews.locked', { time: fmtDateTime(review.submittedAt) })}
                style={{ marginTop: 12 }}
              />
            )}
          </Card>
          {plan && programme && review.status === 'submitted' ? (
            <div style={{ marginTop: 16 }}>
              <PlanReviewsCard plan={plan} programme={programme} />
            </div>
          ) : null}
        </Col>
      </Row>
    </>
  );
}
