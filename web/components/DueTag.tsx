/** An activity plan's due date with the days left (or overdue) until it is submitted. */
import { Space } from 'antd';
import { useT } from '../i18n/index.tsx';
import { ToneTag } from './StatusTag.tsx';
import { daysUntil, fmtDate } from './format.ts';

export function DueTag({ dueDate, status }: { dueDate: string; status: string | null }) {
  const t = useT();
  if (status === 'submitted' || status === 'approved') return <span>{fmtDate(dueDate)}</span>;
  const n = daysUntil(dueDate);
  return (
    <Space size={4} wrap>
      <span>{fmtDate(dueDate)}</span>
      <ToneTag tone={n < 0 ? 'red' : n <= 14 ? 'orange' : 'blue'}>
        {n > 0 ? t('common.daysLeft', { n }) : n === 0 ? t('common.dueToday') : t('common.overdue', { n: -n })}
      </ToneTag>
    </Space>
  );
}
