/**
 * The handshake actions of a candidate: 确认 (with the consent to publish on the portal, and its amounts) and
 * 拒绝 (a reason is required). Used in the candidates list and on the project page.
 */
import { useState } from 'react';
import { App as AntApp, Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../api/client.ts';
import type { ConfirmInput, DeclineBody, ProjectView } from '../../../api/projects.ts';
import { applyServerErrors } from '../../../components/forms.ts';
import { errorMessage } from '../../../components/errors.ts';
import { useT } from '../../../i18n/index.tsx';
import { GuardedModal } from '../../../components/GuardedModal.tsx';

export function HandshakeActions({
  project,
  size = 'middle',
}: {
  project: { id: string; title: string; abilities: { confirm: boolean; decline: boolean } };
  size?: 'small' | 'middle' | 'large';
}) {
  const t = useT();
  const qc = useQueryClient();
  const { message } = AntApp.useApp();
  const [confirming, setConfirming] = useState(false);
  const [declining, setDeclining] = useState(false);
  const [confirmForm] = Form.useForm<ConfirmInput>();
  const [declineForm] = Form.useForm<DeclineBody>();
  const done = async (p: ProjectView) => {
    qc.setQueryData(['projects', 'one', p.id], p);
    await qc.invalidateQueries({ queryKey: ['projects'] });
    await qc.invalidateQueries({ queryKey: ['todo'] });
  };
  const confirm = useMutation({
    mutationFn: (b: ConfirmInput) => api.post<ProjectView>(`/projects/${project.id}/confirm`, b),
    onSuccess: async (p) => {
      setConfirming(false);
      void message.success(p.counted ? t('projects.confirmedAll') : t('projects.confirmedMine'));
      await done(p);
    },
    onError: (e) => void message.error(errorMessage(e)),
  });
  const decline = useMutation({
    mutationFn: (b: DeclineBody) => api.post<ProjectView>(`/projects/${project.id}/decline`, b),
    onSuccess: async (p) => {
      setDeclining(false);
      declineForm.resetFields();
      void message.success(t('projects.declinedDone'));
      await done(p);
    },
    onError: (e) => {
      if (!applyServerErrors(declineForm, e)) void message.error(errorMessage(e));
    },
  });
  if (!project.abilities.confirm && !project.abilities.decline) return null;
  return (
    <Space wrap>
      {project.abilities.confirm ? (
        <Button
          type="primary"
          size={size}
          icon={<CheckOutlined />}
          onClick={() => setConfirming(true)}
          aria-label={`${t('projects.confirm')} ${project.title}`}
          data-testid={`project-confirm-${project.id}`}
        >
          {t('projects.confirm')}
        </Button>
      ) : null}
      {project.abilities.decline ? (
        <Button
          danger
          size={size}
          icon={<CloseOutlined />}
          onClick={() => setDeclining(true)}
          aria-label={`${t('projects.decline')} ${project.title}`}
          data-testid={`project-decline-${project.id}`}
        >
          {t('projects.decline')}
        </Button>
      ) : null}
      <GuardedModal
        form={confirmForm}
        open={confirming}
        title={t('projects.confirmTitle')}
        okText={t('projects.confirm')}
        cancelText={t('common.cancel')}
        onCancel={() => setConfirming(false)}
        onOk={() => confirmForm.submit()}
        okButtonProps={{ loading: confirm.isPending, 'data-testid': 'confirm-submit' }}
        destroyOnHidden
      >
        <Typography.Paragraph>{t('projects.confirmText', { title: project.title })}</Typography.Paragraph>
        <Form<ConfirmInput>
          form={confirmForm}
          layout="vertical"
          initialValues={{ publishConsent: true, amountsConsent: false }}
          onFinish={(v) => confirm.mutate(v)}
        >
          <Form.Item name="publishConsent" valuePropName="checked" extra={t('projects.publishConsentHelp')}>
            <Checkbox data-testid="confirm-publish">{t('projects.publishConsent')}</Checkbox>
          </Form.Item>
          <Form.Item name="amountsConsent" valuePropName="checked" extra={t('projects.amountsConsentHelp')}>
            <Checkbox>{t('projects.amountsConsent')}</Checkbox>
          </Form.Item>
        </Form>
      </GuardedModal>
      <GuardedModal
        form={declineForm}
        open={declining}
        title={t('projects.declineTitle')}
        okText={t('projects.decline')}
        okButtonProps={{ danger: true, loading: decline.isPending, 'data-testid': 'decline-submit' }}
        cancelText={t('common.cancel')}
        onCancel={() => setDeclining(false)}
        onOk={() => declineForm.submit()}
      >
        <Typography.Paragraph>{t('projects.declineText')}</Typography.Paragraph>
        <Form<DeclineBody> form={declineForm} layout="vertical" onFinish={(v) => decline.mutate(v)}>
          <Form.Item
            name="reason"
            label={t('projects.declineReason')}
            rules={[
              { required: true, whitespace: true, message: t('projects.declineReasonRequired') },
              { min: 2, message: t('projects.declineReasonRequired') },
            ]}
          >
            <Input.TextArea rows={4} maxLength={1000} showCount data-testid="decline-reason" />
          </Form.Item>
        </Form>
      </GuardedModal>
    </Space>
  );
}
