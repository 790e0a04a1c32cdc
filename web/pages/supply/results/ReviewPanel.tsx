import { useState } from 'react';
import { App as AntApp, Alert, Button, Card, Form, Input, Radio, Space } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { Result, ReviewOutcome } from '../../../api/supply.ts';
import { useT } from '../../../i18n/index.tsx';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';

/** The reviewer's decision: 可以公开 / 修改后公开 / 不同意公开 (the last two need a comment). */
export function ReviewPanel({ result }: { result: Result }) {
  const t = useT();
  const { message } = AntApp.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ outcome: ReviewOutcome; comment?: string }>();
  const outcome = Form.useWatch('outcome', form);
  const [error, setError] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: (v: { outcome: ReviewOutcome; comment?: string }) =>
      api.post<Result>(`/results/${result.id}/review`, v),
    onSuccess: (r) => {
      qc.setQueryData(['results', result.id], r);
      void qc.invalidateQueries({ queryKey: ['results'] });
      void message.success(t('supply.review.done'));
    },
    onError: (e) => {
      if (!applyServerErrors(form, e)) setError(errorMessage(e));
    },
  });
  return (
    <Card
      title={<h2 className="rt-card-title">{t('supply.review.title')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="review-panel"
    >
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 12 }} /> : null}
      <Form form={form} layout="vertical" onFinish={(v) => m.mutate(v)}>
        <Form.Item
          name="outcome"
          label={t('supply.review.outcome')}
          rules={[{ required: true, message: t('common.selectRequired', { field: t('supply.review.outcome') }) }]}
        >
          <Radio.Group>
            <Space orientation="vertical">
              <Radio value="public" data-testid="review-outcome-public">
                {t('supply.reviewOutcome.public')}
              </Radio>
              <Radio value="revise" data-testid="review-outcome-revise">
                {t('supply.reviewOutcome.revise')}
              </Radio>
              <Radio value="reject" data-testid="review-outcome-reject">
                {t('supply.reviewOutcome.reject')}
              </Radio>
            </Space>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="comment"
          label={t('supply.review.comment')}
          rules={[
            {
              required: outcome === 'revise' || outcome === 'reject',
              whitespace: true,
              message:
                outcome === 'reject'
                  ? t('supply.review.commentRequiredReject')
                  : t('supply.review.commentRequiredRevise'),
            },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={5000}
            data-testid="review-comment"
            placeholder={t('supply.review.commentPlaceholder')}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={m.isPending} data-testid="review-submit">
          {t('supply.review.submit')}
        </Button>
      </Form>
    </Card>
  );
}
