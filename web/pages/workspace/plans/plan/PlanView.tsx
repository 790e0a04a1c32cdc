/** The plan as submitted, with the owner's actions (withdraw, return for revision) and the reviews card. */
import { useState } from 'react';
import {
  App as AntApp,
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  List,
  Popconfirm,
  Row,
  Space,
  Typography,
} from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, ApiError } from '../../../../api/client.ts';
import type { Plan, Programme } from '../../../../api/types.ts';
import { useT } from '../../../../i18n/index.tsx';
import { PageHeader } from '../../../../components/PageHeader.tsx';
import { StatusTag } from '../../../../components/StatusTag.tsx';
import { fmtDateTime } from '../../../../components/format.ts';
import { errorMessage } from '../../../../components/errors.ts';
import { PlanReviewsCard } from '../../../../components/PlanReviewsCard.tsx';
import { PlanHeaderExtra } from './PlanHeaderExtra.tsx';
import { PlanCommentsCard } from './PlanCommentsCard.tsx';
import { VersionsDrawer } from './VersionsDrawer.tsx';
import { GuardedModal } from '../../../../components/GuardedModal.tsx';

/** Read-only plan with the owner's actions. */
export function PlanView({ plan, programme }: { plan: Plan; programme: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [versionsOpen, setVersionsOpen] = useState(false);
  const [returnOpen, setReturnOpen] = useState(false);
  const [reasonForm] = Form.useForm<{ reason: string }>();
  const areaName = (key: string) => programme.rules.contentAreas.find((a) => a.key === key)?.name ?? key;

  const withdraw = useMutation({
    mutationFn: () => api.post<Plan>(`/plans/${plan.id}/withdraw`),
    onSuccess: (p) => {
      qc.setQueryData(['plan', plan.id], p);
      void qc.invalidateQueries({ queryKey: ['plans'] });
      void message.success(t('plan.withdrawn'));
    },
    onError: (err) => void message.error(errorMessage(err)),
  });
  const ret = useMutation({
    mutationFn: (reason: string) => api.post<Plan>(`/plans/${plan.id}/return`, { reason }),
    onSuccess: (p) => {
      qc.setQueryData(['plan', plan.id], p);
      void qc.invalidateQueries({ queryKey: ['plans'] });
      setReturnOpen(false);
      reasonForm.resetFields();
      void message.success(t('plan.returnedOk'));
    },
    onError: (err) => {
      if (err instanceof ApiError && err.errors.some((e) => e.field === 'reason')) {
        reasonForm.setFields([
          { name: 'reason', errors: err.errors.filter((e) => e.field === 'reason').map((e) => e.message) },
        ]);
      } else void message.error(errorMessage(err));
    },
  });

  return (
    <>
      <PageHeader
        title={plan.title || t('plan.untitled')}
        docTitle={t('plan.viewTitle')}
        subtitle={
          <Space wrap>
            <StatusTag kind="plan" status={plan.status} testId="plan-status" />
            <span>{plan.base.name}</span>
            <span>{programme.name}</span>
            {plan.version > 0 ? <span>{t('plan.versionN', { n: plan.version })}</span> : null}
          </Space>
        }
        extra={
          <>
            <PlanHeaderExtra plan={plan} onVersions={() => setVersionsOpen(true)} />
            {plan.abilities.withdraw ? (
              <Popconfirm
                title={t('plan.confirmWithdraw')}
                okText={t('common.confirm')}
                cancelText={t('common.cancel')}
                onConfirm={() => withdraw.mutate()}
              >
                <Button danger loading={withdraw.isPending} data-testid="plan-withdraw">
                  {t('plan.withdraw')}
                </Button>
              </Popconfirm>
            ) : null}
            {plan.abilities.return ? (
              <Button danger onClick={() => setReturnOpen(true)} data-testid="plan-return">
                {t('plan.return')}
              </Button>
            ) : null}
          </>
        }
      />
      {plan.status === 'returned' && plan.returnReason ? (
        <Alert
          type="warning"
          showIcon
          title={t('plan.returnedBanner')}
          description={plan.returnReason}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card>
            <Descriptions column={1} bordered size="small" styles={{ label: { width: 140 } }}>
              <Descriptions.Item label={t('plan.theme')}>{plan.theme || '—'}</Descriptions.Item>
              <Descriptions.Item
                label={t('plan.base')}
              >{`${plan.base.name}（${plan.base.shortName}）`}</Descriptions.Item>
              <Descriptions.Item label={t('plan.partners')}>
                {plan.partnerBases.map((b) => b.name).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.months')}>
                {plan.plannedMonths.map((m) => t('portal.month', { m })).join('、') || '—'}
              </Descriptions.Item>
              <Descriptions.Item label={t('supervision.zishuWhole')}>
                {t('plan.zishuShort', { n: plan.zishu, target: programme.rules.planLengthTarget })}
              </Descriptions.Item>
              <Descriptions.Item label={t('plan.submittedAt')}>{fmtDateTime(plan.submittedAt)}</Descriptions.Item>
            </Descriptions>
            <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 16 }}>
              {t('plan.body')}
            </Typography.Title>
            <div data-testid="plan-body-view">
              {(plan.body ?? '').split('\n').map((p, i) => (
                <Typography.Paragraph key={i}>{p}</Typography.Paragraph>
              ))}
            </div>
            <Typography.Title level={2} className="rt-section-title">
              {t('plan.areas')}（
              {t('plan.areasNow', {
                n: plan.areasCovered,
                min: plan.minContentAreas,
                total: programme.rules.contentAreas.length,
              })}
              ）
            </Typography.Title>
            <List
              size="small"
              bordered
              dataSource={plan.areas}
              renderItem={(a) => (
                <List.Item>
                  <div>
                    <strong>{a.name ?? areaName(a.key)}</strong>
                    <div>{a.description || '—'}</div>
                  </div>
                </List.Item>
              )}
            />
            <Typography.Title level={2} className="rt-section-title" style={{ marginTop: 16 }}>
              {t('plan.epidemic')}
            </Typography.Title>
            <Typography.Paragraph>{plan.epidemicMeasures || '—'}</Typography.Paragraph>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <PlanCommentsCard plan={plan} />
          {plan.abilities.assignReviewers || plan.abilities.viewReviews ? (
            <PlanReviewsCard plan={plan} programme={programme} />
          ) : null}
        </Col>
      </Row>
      <GuardedModal
        form={reasonForm}
        open={returnOpen}
        title={t('plan.returnTitle')}
        onCancel={() => setReturnOpen(false)}
        okText={t('plan.return')}
        okButtonProps={{ danger: true, loading: ret.isPending, 'data-testid': 'plan-return-confirm' }}
        cancelText={t('common.cancel')}
        onOk={() => void reasonForm.validateFields().then((v) => ret.mutate(v.reason))}
        destroyOnHidden
      >
        <Form form={reasonForm} layout="vertical">
          <Form.Item
            name="reason"
            label={t('plan.returnReason')}
            rules={[{ required: true, whitespace: true, message: t('plan.returnReasonRequired') }, { max: 2000 }]}
          >
            <Input.TextArea data-testid="plan-return-reason" autoSize={{ minRows: 4 }} maxLength={2000} showCount />
          </Form.Item>
        </Form>
      </GuardedModal>
      <VersionsDrawer plan={plan} open={versionsOpen} onClose={() => setVersionsOpen(false)} />
    </>
  );
}
