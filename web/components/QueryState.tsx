import type { ReactNode } from 'react';
import { Alert, Button, Flex, Spin } from 'antd';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { ErrorPage } from './ErrorPage.tsx';
import { errorMessage } from './errors.ts';

/**
 * Renders loading, error (404/403 as their pages, others as an alert with a retry) or the content.
 */
export function QueryState({
  isLoading,
  error,
  refetch,
  children,
  inWorkspace = true,
}: {
  isLoading: boolean;
  error: unknown;
  refetch?: () => unknown;
  children: ReactNode;
  inWorkspace?: boolean;
}) {
  const t = useT();
  if (isLoading) {
    return (
      <Flex justify="center" style={{ padding: 48 }}>
        <Spin description={t('common.loading')} size="large">
          <div style={{ width: 120, height: 60 }} />
        </Spin>
      </Flex>
    );
  }
  if (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 403)) {
      return <ErrorPage status={error.status} inWorkspace={inWorkspace} detail={error.detail} />;
    }
    return (
      <Alert
        type="error"
        showIcon
        title={t('common.loadFailed')}
        description={errorMessage(error)}
        action={refetch ? <Button onClick={() => void refetch()}>{t('common.retry')}</Button> : undefined}
      />
    );
  }
  return <>{children}</>;
}
