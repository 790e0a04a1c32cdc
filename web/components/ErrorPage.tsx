import { Result } from 'antd';
import { LinkButton } from './LinkButton.tsx';
import { useT } from '../i18n/index.tsx';
import { usePageTitle } from '../hooks/usePageTitle.ts';

/** 404 and 403 pages: say what happened and offer the way back (no dead ends). */
export function ErrorPage({
  status,
  inWorkspace = false,
  detail,
}: {
  status: 403 | 404;
  inWorkspace?: boolean;
  detail?: string;
}) {
  const t = useT();
  const title = status === 404 ? t('error.404.title') : t('error.403.title');
  usePageTitle(title);
  return (
    <Result
      status={status === 404 ? '404' : '403'}
      title={<h1 className="rt-result-title">{title}</h1>}
      subTitle={
        <span className="rt-text-secondary">
          {detail ?? (status === 404 ? t('error.404.sub') : t('error.403.sub'))}
        </span>
      }
      extra={
        <LinkButton to={inWorkspace ? '/workspace' : '/'} type="primary">
          {inWorkspace ? t('common.goWorkspace') : t('common.goHome')}
        </LinkButton>
      }
    />
  );
}
