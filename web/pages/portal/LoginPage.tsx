/**
 * Sign-in by mobile number or e-mail + password. The server's problem detail is shown as is: it gives one
 * answer for a wrong account, a wrong password, a locked and a disabled account (no account enumeration).
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { api, ApiError } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';
import { useAcceptMe, useMe } from '../../hooks/useMe.ts';
import { usePageTitle } from '../../hooks/usePageTitle.ts';

const MOBILE = /^(\+?86)?1\d{10}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const DEMO = [
  ['owner@demo.rongtong.cn', '国家发展改革委'],
  ['miit@demo.rongtong.cn', '工信部评审'],
  ['sasac@demo.rongtong.cn', '国资委评审'],
  ['base@demo.rongtong.cn', '星河电力基地'],
  ['drc@demo.rongtong.cn', '江苏省发改委'],
  ['admin@demo.rongtong.cn', '系统管理员'],
  ['multi@demo.rongtong.cn', '多机构用户'],
] as const;

/** Demo accounts are offered only on a local machine (the demo seed never runs in production). */
const SHOW_DEMO = ['localhost', '127.0.0.1'].includes(window.location.hostname);

/** Only same-site workspace paths and invitation links are accepted as `next` (no open redirect). */
function safeNext(next: string | null): string {
  if (next && (next.startsWith('/workspace') || next.startsWith('/invite/')) && !next.startsWith('//')) return next;
  return '/workspace';
}

export function LoginPage() {
  const t = useT();
  usePageTitle(t('login.title'));
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const accept = useAcceptMe();
  const { data: me } = useMe();
  const [form] = Form.useForm<{ identifier: string; password: string }>();
  const [error, setError] = useState<ApiError | null>(null);
  const next = safeNext(params.get('next'));
  const reason = params.get('reason');

  const login = useMutation({
    mutationFn: (v: { identifier: string; password: string }) => api.post<Me>('/auth/login', v),
    onSuccess: (m) => {
      accept(m);
      void navigate(next, { replace: true });
    },
    onError: (err) => setError(err instanceof ApiError ? err : null),
  });

  if (me && !login.isPending && !login.isSuccess) return <Navigate to={next} replace />;

  return (
    <div className="rt-login-wrap">
      <Card className="rt-login-card">
        <Typography.Title level={1} className="rt-h1" style={{ marginBottom: 16 }}>
          {t('login.heading')}
        </Typography.Title>
        {reason === 'expired' && !error ? (
          <Alert type="warning" showIcon title={t('login.expired')} style={{ marginBottom: 16 }} />
        ) : null}
        {reason === 'login' && !error ? (
          <Alert type="info" showIcon title={t('login.needLogin')} style={{ marginBottom: 16 }} />
        ) : null}
        {error ? (
          <Alert
            data-testid="login-error"
            role="alert"
            type="error"
            showIcon
            title={error.title}
            description={error.detail && error.detail !== error.title ? error.detail : undefined}
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          name="login"
          data-testid="login-form"
          requiredMark={false}
          onFinish={(v) => {
            setError(null);
            login.mutate({ identifier: v.identifier.trim(), password: v.password });
          }}
        >
          <Form.Item
            name="identifier"
            label={t('login.identifier')}
            rules={[
              { required: true, whitespace: true, message: t('login.identifierRequired') },
              {
                validator: async (_r, v: string | undefined) => {
                  const s = (v ?? '').trim().replace(/[\s-]/g, '');
                  if (s && !MOBILE.test(s) && !EMAIL.test(s)) throw new Error(t('login.identifierInvalid'));
                },
              },
            ]}
            validateTrigger={['onBlur', 'onChange']}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              placeholder={t('login.identifierPlaceholder')}
              autoComplete="username"
              data-testid="login-identifier"
              size="large"
            />
          </Form.Item>
          <Form.Item
            name="password"
            label={t('login.password')}
            rules={[{ required: true, message: t('login.passwordRequired') }]}
          >
            <Input.Password
              prefix={<LockOutlined aria-hidden />}
              autoComplete="current-password"
              data-testid="login-password"
              size="large"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={login.isPending}
            data-testid="login-submit"
          >
            {t('login.submit')}
          </Button>
        </Form>
        <div className="rt-login-links" style={{ display: 'flex', justifyContent: 'space-between', marginTop: 12 }}>
          <Link to="/forgot-password" data-testid="login-forgot">
            {t('account.forgot')}
          </Link>
          <span>
            {t('account.noAccount')}{' '}
            <Link
              to={next.startsWith('/invite/') ? `/sign-up?next=${encodeURIComponent(next)}` : '/sign-up'}
              data-testid="login-sign-up"
              style={{ textDecoration: 'underline' }}
            >
              {t('account.signUp')}
            </Link>
          </span>
        </div>
        {SHOW_DEMO ? (
          <div className="rt-demo-accounts" style={{ marginTop: 20 }}>
            <Typography.Paragraph style={{ marginBottom: 8 }}>
              <strong>{t('login.demo')}</strong>
              <span className="rt-muted">（{t('login.demoHint')}）</span>
            </Typography.Paragraph>
            {DEMO.map(([email, label]) => (
              <Button
                key={email}
                size="small"
                onClick={() => form.setFieldsValue({ identifier: email, password: 'Rongtong@2020' })}
              >
                {label}
              </Button>
            ))}
          </div>
        ) : null}
      </Card>
    </div>
  );
}
