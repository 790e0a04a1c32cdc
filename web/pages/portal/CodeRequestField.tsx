/**
 * The address and one-time code fields of sign-up and password reset: the address, a "send code" button with a
 * countdown until a new code may be asked for, and the code. The server answers the same whether or not an
 * account exists, so this says only where the code went.
 */
import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input, Space, type FormInstance } from 'antd';
import { LockOutlined, MailOutlined, SafetyOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { api, ApiError } from '../../api/client.ts';
import type { CodePurpose, CodeRequestResult } from '../../api/accounts.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useT } from '../../i18n/index.tsx';

const MOBILE = /^(\+?86)?1\d{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Seconds left until `until` (ms), ticking every second. */
function useCountdown(until: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (until <= now) return;
    const id = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(id);
  }, [until, now]);
  return Math.max(0, Math.ceil((until - now) / 1000));
}

export function CodeRequestFields({ form, purpose }: { form: FormInstance; purpose: CodePurpose }) {
  const t = useT();
  const [until, setUntil] = useState(0);
  const [sent, setSent] = useState<CodeRequestResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const left = useCountdown(until);

  const ask = useMutation({
    mutationFn: (identifier: string) => api.post<CodeRequestResult>('/auth/codes', { identifier, purpose }),
    onSuccess: (r) => {
      setSent(r);
      setError(null);
      setUntil(Date.now() + r.resendAfterSeconds * 1000);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'rate_limited') {
        const wait = Number(err.extra.retryAfterSeconds);
        if (wait > 0) setUntil(Date.now() + wait * 1000);
      }
      if (!applyServerErrors(form, err)) setError(errorMessage(err));
    },
  });

  const send = async () => {
    setError(null);
    try {
      const v = (await form.validateFields(['identifier'])) as { identifier: string };
      ask.mutate(v.identifier.trim());
    } catch {
      // the field shows what is wrong
    }
  };

  return (
    <>
      <Form.Item
        name="identifier"
        label={t('account.identifier')}
        rules={[
          { required: true, whitespace: true, message: t('login.identifierRequired') },
          {
            validator: async (_r, v: string | undefined) => {
              const s = (v ?? '').trim().replace(/[\s-]/g, '');
              if (s && !MOBILE.test(s) && !EMAIL.test(s)) throw new Error(t('login.identifierInvalid'));
            },
          },
        ]}
        validateTrigger={['onBlur']}
      >
        <Input
          prefix={<MailOutlined aria-hidden />}
          placeholder={t('login.identifierPlaceholder')}
          autoComplete="username"
          data-testid="account-identifier"
          size="large"
          inputMode="email"
        />
      </Form.Item>
      <Form.Item label={t('account.code')} required style={{ marginBottom: sent || error ? 8 : undefined }}>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[{ required: true, pattern: /^\d{6}$/, message: t('account.codeRequired') }]}
          >
            <Input
              prefix={<SafetyOutlined aria-hidden />}
              placeholder={t('account.codePlaceholder')}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              data-testid="account-code"
              size="large"
              aria-label={t('account.code')}
            />
          </Form.Item>
          <Button
            size="large"
            onClick={() => void send()}
            disabled={left > 0}
            loading={ask.isPending}
            data-testid="account-send-code"
            style={{ minWidth: 128 }}
          >
            {left > 0 ? t('account.resendIn', { seconds: left }) : t('account.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {sent ? (
        <Alert
          type="success"
          showIcon
          data-testid="account-code-sent"
          title={t('account.codeSent', { to: sent.sentTo })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
    </>
  );
}

/**
 * A new password and its confirmation (sign-up, password reset): the policy hint under the first, and the
 * second must repeat it. `name` is the form field of the password; the confirmation is `confirm`.
 */
export function NewPasswordFields({ name, label }: { name: 'password' | 'newPassword'; label: string }) {
  const t = useT();
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('account.passwordHint')}
        rules={[{ required: true, message: t('account.passwordRequired') }]}
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          autoComplete="new-password"
          size="large"
          data-testid="account-password"
        />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('account.confirm')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('account.passwordRequired') },
          ({ getFieldValue }) => ({
            validator: async (_r, v: string | undefined) => {
              if (v && v !== getFieldValue(name)) throw new Error(t('account.confirmMismatch'));
            },
          }),
        ]}
      >
        <Input.Password
          prefix={<LockOutlined aria-hidden />}
          autoComplete="new-password"
          size="large"
          data-testid="account-confirm"
        />
      </Form.Item>
    </>
  );
}
