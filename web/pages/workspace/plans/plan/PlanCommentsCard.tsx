/**
 * The comment thread of a plan (issue 12 §3): the local DRC and the supervising department comment before the
 * plan is submitted, the base answers. The server says who may read (else nothing is shown) and who may write
 * (`canComment`: only while the plan is a draft, returned or withdrawn).
 */
import { App as AntApp, Button, Card, Empty, Form, Input, List, Space, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { PlanComment, PlanCommentList } from '../../../../../common/contracts/plans.ts';
import { api } from '../../../../api/client.ts';
import type { Plan } from '../../../../api/types.ts';
import { useT } from '../../../../i18n/index.tsx';
import { fmtDateTime } from '../../../../components/format.ts';
import { applyServerErrors } from '../../../../components/forms.ts';
import { errorMessage } from '../../../../components/errors.ts';
import { useFormGuard, useLeaveWarning } from '../../../../hooks/useUnsavedChangesGuard.ts';
import { useMemo, useState } from 'react';
import type { MessageKey } from '../../../../i18n/zh-CN.ts';

const ROLE_COLOR: Record<PlanComment['authorRole'], string> = {
  local_drc: 'blue',
  base_supervisor: 'purple',
  programme_owner: 'red',
  base_admin: 'green',
};

export function PlanCommentsCard({ plan }: { plan: Plan }) {
  const t = useT();
  const q = useQuery({
    queryKey: ['plan-comments', plan.id],
    queryFn: () => api.get<PlanCommentList>(`/plans/${plan.id}/comments`),
    retry: false,
  });
  // Reviewers may see the plan but not the thread (403): then there is nothing to show.
  if (q.isError || !q.data) return null;
  return (
    <Card
      title={<h2 className="rt-card-title">{t('supervision.comments')}</h2>}
      style={{ marginBottom: 16 }}
      data-testid="plan-comments"
    >
      <Typography.Paragraph type="secondary">{t('supervision.commentsHint')}</Typography.Paragraph>
      {q.data.items.length ? (
        <List
          size="small"
          dataSource={q.data.items}
          renderItem={(c) => (
            <List.Item key={c.id}>
              <div style={{ width: '100%' }}>
                <Space wrap size={4}>
                  <Tag color={ROLE_COLOR[c.authorRole]}>{t(`supervision.role.${c.authorRole}` as MessageKey)}</Tag>
                  <strong>{c.organisation?.name ?? c.author.name}</strong>
                  <Typography.Text type="secondary">
                    {c.author.name} · {fmtDateTime(c.createdAt)} ·{' '}
                    {c.planVersion > 0 ? t('supervision.versionN', { n: c.planVersion }) : t('supervision.draftStage')}
                  </Typography.Text>
                </Space>
                <Typography.Paragraph style={{ margin: '4px 0 0', whiteSpace: 'pre-wrap' }}>
                  {c.body}
                </Typography.Paragraph>
              </div>
            </List.Item>
          )}
        />
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('supervision.noComments')} />
      )}
      {q.data.canComment ? (
        // A router holds one navigation blocker: the editor page has its own, so there the box only warns on unload.
        plan.abilities.edit ? (
          <ReplyForm plan={plan} />
        ) : (
          <GuardedCommentForm plan={plan} />
        )
      ) : plan.status === 'submitted' || plan.status === 'selected' ? (
        <Typography.Text type="secondary">{t('supervision.commentClosed')}</Typography.Text>
      ) : null}
    </Card>
  );
}

type Guard = { onValuesChange: () => void; saved: () => void };

function GuardedCommentForm({ plan }: { plan: Plan }) {
  return <CommentForm plan={plan} guard={useFormGuard()} />;
}

function ReplyForm({ plan }: { plan: Plan }) {
  const [dirty, setDirty] = useState(false);
  useLeaveWarning(dirty);
  const guard = useMemo(() => ({ onValuesChange: () => setDirty(true), saved: () => setDirty(false) }), []);
  return <CommentForm plan={plan} guard={guard} />;
}

function CommentForm({ plan, guard }: { plan: Plan; guard: Guard }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [form] = Form.useForm<{ body: string }>();
  const add = useMutation({
    mutationFn: (v: { body: string }) => api.post<PlanComment>(`/plans/${plan.id}/comments`, v),
    onSuccess: () => {
      guard.saved();
      form.resetFields();
      void qc.invalidateQueries({ queryKey: ['plan-comments', plan.id] });
      void message.success(t('supervision.commentSent'));
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) void message.error(errorMessage(err));
      void qc.invalidateQueries({ queryKey: ['plan-comments', plan.id] });
    },
  });
  return (
    <Form form={form} layout="vertical" onValuesChange={guard.onValuesChange} onFinish={(v) => add.mutate(v)}>
      <Form.Item
        name="body"
        label={t('supervision.comments')}
        rules={[{ required: true, whitespace: true, message: t('supervision.commentRequired') }, { max: 2000 }]}
        style={{ marginTop: 12, marginBottom: 8 }}
      >
        <Input.TextArea
          autoSize={{ minRows: 3 }}
          maxLength={2000}
          showCount
          placeholder={t(plan.abilities.edit ? 'supervision.replyPlaceholder' : 'supervision.commentPlaceholder')}
          data-testid="plan-comment-body"
        />
      </Form.Item>
      <Button
        type="primary"
        htmlType="submit"
        loading={add.isPending}
        disabled={add.isPending}
        data-testid="plan-comment-submit"
      >
        {t('supervision.commentSubmit')}
      </Button>
    </Form>
  );
}
