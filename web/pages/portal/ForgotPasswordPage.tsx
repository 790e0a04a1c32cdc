/**
 * Forgotten password (issue 12 §1): a code to the account's mobile number or e-mail, then a new password. The
 * server ends every session of the account; the person then signs in with the new password.
 */
import { useState } from 'react';
import { Alert, Button, Card, Form, Result, Typography } from 'antd';
import { useMutation } from '@tanstack/react-query';
import { Link } from 'react-router';
import { api } from '../../api/client.ts';
import type { PasswordResetByCodeBody } from '../../api/accounts.ts';
import { applyServerErrors } from '../../components/forms.ts';
import { errorMessage } from '../../components/errors.ts';
import { useLeaveGuard } from '../../hooks/useLeaveGuard.ts';
import { usePageTitle } from '../../hooks/usePageTitle.ts';
import { useT } from '../../i18n/index.tsx';
import { CodeRequestFields, NewPasswordFields } from './CodeRequestField.tsx';

type Values = PasswordResetByCodeBody & { confirm: string };

export function ForgotPasswordPage() {
  const t = useT();
  usePageTitle(t('account.forgot'));
  const [form] = Form.useForm<Values>();
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const reset = useMutation({
    mutationFn: (v: PasswordResetByCodeBody) => api.post<null>('/auth/password-reset', v),
    onSuccess: () => setDirty(false),
    onError: (err) => {
      if (!applyServerErrors(form, err)) setError(errorMessage(err));
    },
  });
  useLeaveGuard(dirty && !reset.isSuccess, t('account.leaveReset'));

  if (reset.isSuccess) {
    return (
      <div className="rt-login-wrap">
        <Card className="rt-login-card" data-testid="reset-done">
          <Result
            status="success"
            title={t('account.forgot.done')}
            subTitle={t('account.forgot.doneHint')}
            extra={
              <Link to="/login">
                <Button type="primary">{t('account.toLogin')}</Button>
              </Link>
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
          {t('account.forgot.heading')}
        </Typography.Title>
        <Typography.Paragraph className="rt-muted">{t('account.forgot.intro')}</Typography.Paragraph>
        {error ? <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} /> : null}
        <Form
          form={form}
          layout="vertical"
          name="forgot-password"
          data-testid="forgot-form"
          requiredMark={false}
          onValuesChange={() => setDirty(true)}
          onFinish={(v) => {
            setError(null);
            reset.mutate({ identifier: v.identifier.trim(), code: v.code.trim(), newPassword: v.newPassword });
          }}
        >
          <CodeRequestFields form={form} purpose="password_reset" />
          <NewPasswordFields name="newPassword" label={t('account.newPassword')} />
          <Button type="primary" htmlType="submit" block size="large" loading={reset.isPending}>
            {t('account.forgot.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <Link to="/login">{t('account.toLogin')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
