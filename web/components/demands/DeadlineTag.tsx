/** A response deadline with the days left, or 已截止 once it has passed. */
import { Space } from 'antd';
import { useT } from '../../i18n/index.tsx';
import { ToneTag } from '../StatusTag.tsx';
import { daysUntil, fmtDate } from '../format.ts';

/** Deadline date with the days left (Asia/Shanghai calendar days; the deadline day itself still counts). */
export function DeadlineTag({ deadline, expired, testId }: { deadline: string; expired?: boolean; testId?: string }) {
  const t = useT();
  const n = daysUntil(deadline);
  const past = expired ?? n < 0;
  return (
    <Space size={4} wrap data-testid={testId}>
      <span className="rt-nowrap">{fmtDate(deadline)}</span>
      <ToneTag tone={past ? 'grey' : n <= 7 ? 'orange' : 'blue'}>
        {past ? t('demands.expired') : n === 0 ? t('demands.lastDay') : t('demands.daysLeft', { n })}
      </ToneTag>
    </Space>
  );
}
