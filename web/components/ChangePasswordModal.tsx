/**
 * 修改密码 with the policy shown. The browser checks length and character classes as you type (the
 * defaults of PASSWORD_MIN_LENGTH / PASSWORD_MIN_CLASSES); the server's policy is authoritative and its
 * field errors land on the same fields.
 */
import { App as AntApp, Alert, Form, Input, Modal } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { applyServerErrors } from './forms.ts';

const MIN_LENGTH = 8;
const MIN_CLASSES = 3;

function classesOf(pw: string): number {
  return [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(pw)).length;
}

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export function ChangePasswordModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useT();
  const [form] = Form.useForm<Values>();
  const { message } = AntApp.useApp();
  const m = useMutation({
    mutationFn: (v: Values) => api.post<void>('/auth/password', { currentPassword: v.currentPassword, newPassword: v.newPassword }),
    onSuccess: () => {
      void message.success(t('password.changed'));
      form.resetFields();
      onClose();
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) void message.error(err instanceof ApiError ? err.display : String(err));
    },
  });
  return (
    <Modal
      open={open}
      title={t('password.title')}
      onCancel={onClose}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={m.isPending}
      onOk={() => void form.validateFields().then((v) => m.mutate(v))}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={t('password.policy', { min: MIN_LENGTH, classes: MIN_CLASSES })} style={{ marginBottom: 16 }} />
      <Form form={form} layout="vertical" requiredMark>
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('common.required', { field: t('password.current') }) }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          hasFeedback
          rules={[
            { required: true, message: t('common.required', { field: t('password.new') }) },
            { min: MIN_LENGTH, message: t('password.tooShort', { min: MIN_LENGTH }) },
            {
              validator: async (_r, v: string | undefined) => {
                if (v && classesOf(v) < MIN_CLASSES) throw new Error(t('password.classes', { classes: MIN_CLASSES }));
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
    </Modal>
  );
}
