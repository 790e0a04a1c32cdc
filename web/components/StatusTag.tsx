import { Tag } from 'antd';
import { useT, type MessageKey } from '../i18n/index.tsx';

/** Tag colours with ≥ 4.5:1 text contrast (antd's preset tag colours are lighter). */
const TONES = {
  blue: { background: '#e6f4ff', color: '#003a8c', borderColor: '#91caff' },
  green: { background: '#f6ffed', color: '#135200', borderColor: '#b7eb8f' },
  orange: { background: '#fff7e6', color: '#873800', borderColor: '#ffd591' },
  red: { background: '#fff1f0', color: '#a8071a', borderColor: '#ffa39e' },
  grey: { background: '#f5f5f5', color: '#434343', borderColor: '#d9d9d9' },
  purple: { background: '#f9f0ff', color: '#391085', borderColor: '#d3adf7' },
} as const;
export type Tone = keyof typeof TONES;

const STATUS_TONE: Record<string, Tone> = {
  draft: 'grey',
  none: 'grey',
  open: 'green',
  closed: 'grey',
  submitted: 'blue',
  returned: 'orange',
  withdrawn: 'grey',
  selected: 'green',
  approved: 'green',
  assigned: 'orange',
  valid: 'green',
  needs_manual_verification: 'orange',
  manually_verified: 'green',
  invalid: 'red',
  disabled: 'red',
  enabled: 'green',
  overdue: 'red',
};

export function ToneTag({ tone, children, testId }: { tone: Tone; children: React.ReactNode; testId?: string }) {
  return (
    <Tag style={{ ...TONES[tone], marginInlineEnd: 4 }} data-testid={testId} bordered>
      {children}
    </Tag>
  );
}

/** A status badge: `kind` picks the label set (plan, programme, activityPlan, review, uscc). */
export function StatusTag({
  kind,
  status,
  testId,
}: {
  kind: 'plan' | 'programme' | 'activityPlan' | 'review' | 'uscc' | 'user';
  status: string;
  testId?: string;
}) {
  const t = useT();
  const key = `status.${kind}.${status}` as MessageKey;
  const label = t(key);
  return (
    <ToneTag tone={STATUS_TONE[status] ?? 'grey'} testId={testId}>
      {label === key ? status : label}
    </ToneTag>
  );
}
