import type { ReactNode } from 'react';
import { Flex } from 'antd';
import { usePageTitle } from '../hooks/usePageTitle.ts';

/** The one <h1> of a page, with its actions on the right; also sets the document title. */
export function PageHeader({
  title,
  subtitle,
  extra,
  docTitle,
}: {
  title: ReactNode;
  subtitle?: ReactNode;
  extra?: ReactNode;
  docTitle?: string;
}) {
  usePageTitle(docTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <Flex justify="space-between" align="flex-start" wrap gap={12} className="rt-page-header">
      <div style={{ minWidth: 0 }}>
        {/* A plain heading in antd Typography's look: Typography (with its editable text area) is not worth its
            bytes in every page's first load (issue 16). */}
        <h1 className="rt-h1" style={{ color: 'rgba(0, 0, 0, 0.88)', wordBreak: 'break-word' }}>
          {title}
        </h1>
        {subtitle ? <div className="rt-subtitle">{subtitle}</div> : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
