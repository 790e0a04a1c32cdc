/**
 * Self-service sign-up (issue 12 §1): mobile number or e-mail, a 6-digit code sent there, name and password.
 * The new account is signed in at once and belongs to no organisation yet; the page then says what it can do
 * and how to join an organisation.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Input, Result, Space, Typography } from 'antd';
import { UserOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Me } from '../../api/types.ts';
import type { SignUpBody } from '../../api/accounts.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useAcceptMe } from '../../hooks/useMe.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { useT } from '../../i18n/index.tsx';
import { CodeRequestFields, NewPasswordFields } from './CodeRequestField.tsx';

type Values = SignUpBody & { confirm: string };

export function SignUpPage() {
  const t = useT();
  usePageTitle(t('account.signUp'));
  const accept = useAcceptMe();
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // Signing up from an invitation link goes back to it (the invitation page then accepts it).
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const next = params.get('next');
  const backToInvite = next && next.startsWith('/invite/') ? next : null;

  const signUp = useMutation({
    mutationFn: (v: SignUpBody) => api.post<Me>('/auth/sign-up', v),
    onSuccess: (m) => {
      setDirty(false);
      accept(m);
      if (backToInvite) void navigate(backToInvite, { replace: true });
    },
    onError: (err) => {
      if (!applyServerErrors(form, err)) setError(errorMessage(err));
    },
  });
  useLeaveGuard(dirty && !signUp.isSuccess, t('account.leave'));

  if (signUp.isSuccess && !backToInvite) {
    return (
      <div className="rt-login-wrap">
        <Card className="rt-login-card" data-testid="sign-up-welcome">
          <Result
            status="success"
            title={t('account.welcome')}
            subTitle={
              <Typography.Paragraph style={{ textAlign: 'left' }}>{t('account.noOrganisation')}</Typography.Paragraph>
            }
            extra={
              <Space wrap style={{ justifyContent: 'center' }}>
                <Link to="/workspace">
                  <Button type="primary">{t('account.toWorkspace')}</Button>
                </Link>
                <Link to="/">
                  <Button>{t('account.browseThemeDays')}</Button>
                </Link>
              </Space>
            }
          />
        </Card>
      </div>
    );
  }

  return (
    <div className="rt-login-wrap">
      <Card className="rt-login-card">
        <Typography.Title level={1} className="rt-h1" style={{ marginBottom: 8 }}>
          {t('account.signUp.heading')}
        </Typography.Title>
        <Typography.Paragraph className="rt-muted">{t('account.signUp.intro')}</Typography.Paragraph>
        {error ? (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="sign-up-error"
          />
        ) : null}
        <Form
          form={form}
          layout="vertical"
          name="sign-up"
          data-testid="sign-up-form"
          requiredMark={false}
          onValuesChange={() => setDirty(true)}
          onFinish={(v) => {
            setError(null);
            signUp.mutate({
              identifier: v.identifier.trim(),
              code: v.code.trim(),
              name: v.name.trim(),
              password: v.password,
            });
          }}
        >
          <CodeRequestFields form={form} purpose="sign_up" />
          <Form.Item
            name="name"
            label={t('account.name')}
            rules={[{ required: true, whitespace: true, message: t('account.nameRequired') }]}
          >
            <Input
              prefix={<UserOutlined aria-hidden />}
              autoComplete="name"
              maxLength={50}
              size="large"
              data-testid="account-name"
            />
          </Form.Item>
          <NewPasswordFields name="password" label={t('account.password')} />
          <Button
            type="primary"
            htmlType="submit"
            block
            size="large"
            loading={signUp.isPending}
            data-testid="sign-up-submit"
          >
            {t('account.signUp.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          {t('account.haveAccount')}{' '}
          <Link
            to={backToInvite ? `/login?next=${encodeURIComponent(backToInvite)}` : '/login'}
            style={{ textDecoration: 'underline' }}
          >
            {t('account.toLogin')}
          </Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
