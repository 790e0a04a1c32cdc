/**
 * 修改密码 with the policy shown. The browser checks length and character classes as you type (the
 * defaults of PASSWORD_MIN_LENGTH / PASSWORD_MIN_CLASSES); the server's policy is authoritative and its
 * field errors land on the same fields.
 */
import { App as AntApp, Alert, Form, Input } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { applyServerErrors } from './forms.ts';
import { useMe } from '../hooks/useMe.ts';
import { DEFAULT_PASSWORD_POLICY, checkPassword } from '../../common/password-policy.ts';
import { errorMessage } from './errors.ts';
import { GuardedModal } from './GuardedModal.tsx';

// The server's configured policy is not published by the API; the default is what it ships with.
const POLICY = DEFAULT_PASSWORD_POLICY;
const MIN_LENGTH = POLICY.minLength;
const MIN_CLASSES = POLICY.minClasses;

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const { data: me } = useMe();
  const identifiers = [me?.user.email ?? '', me?.user.mobile ?? '', me?.user.name ?? ''].filter(Boolean);
  const m = useMutation({
    mutationFn: (v: Values) =>
      api.post<void>('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      void message.success(t('password.changed'));
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) void message.error(errorMessage(err));
    },
  });
  return (
    <GuardedModal
      form={form}
      open={open}
      title={t('password.title')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={m.isPending}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}
      destroyOnHidden
    >
      <Alert
        type="info"
        showIcon
        title={t('password.policy', { min: MIN_LENGTH, classes: MIN_CLASSES })}
        style={{ marginBottom: 16 }}
      />
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item
          name="currentPassword"
          label={t('password.current')}
          rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          hasFeedback
          rules={[
            { required: true, message: t('common.required', { field: t('password.new') }) },
            {
              // The same check the server runs (common/password-policy.ts), with the same Chinese messages.
              validator: async (_r, v: string | undefined) => {
                const failures = v ? checkPassword(v, POLICY, { identifiers }) : [];
                if (failures.length) throw new Error(failures.map((f) => f.message).join('；'));
              },
            },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          hasFeedback
          rules={[
            { required: true, message: t('common.required', { field: t('password.confirm') }) },
            ({ getFieldValue }) => ({
              validator: async (_r, v: string | undefined) => {
                if (v && v !== getFieldValue('newPassword')) throw new Error(t('password.mismatch'));
              },
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </GuardedModal>
  );
}
