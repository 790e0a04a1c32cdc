/** Small pieces shared by the demand pages: highlighted search text, deadline and budget display, status tags, field picker. */
import type { ReactNode } from 'react';
import { TreeSelect } from 'antd';
import { industryTree } from '../../../common/industry.ts';
import type { Demand, DemandResponse, Highlighted } from '../../api/demands.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';

/** Renders text with the matched spans wrapped in <mark>; '…' where the server cut the text. */
export function Highlight({ value, testId }: { value: Highlighted; testId?: string }) {
  const parts: ReactNode[] = [];
  const ranges = [...value.ranges].filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  let at = 0;
  ranges.forEach(([s, e], i) => {
    const start = Math.max(s, at);
    if (start > at) parts.push(value.text.slice(at, start));
    if (e > start) parts.push(<mark key={i}>{value.text.slice(start, e)}</mark>);
    at = Math.max(at, e);
  });
  if (at < value.text.length) parts.push(value.text.slice(at));
  return (
    <span data-testid={testId}>
      {value.cutStart ? '…' : null}
      {parts}
      {value.cutEnd ? '…' : null}
    </span>
  );
}

export { budgetText } from './budget.ts';

const DEMAND_TONE: Record<string, Tone> = { draft: 'grey', published: 'green', closed: 'orange' };
const RESPONSE_TONE: Record<string, Tone> = {
  submitted: 'blue',
  shortlisted: 'purple',
  accepted: 'green',
  declined: 'red',
  withdrawn: 'grey',
};

export function DemandStatusTag({ status, testId }: { status: Demand['status']; testId?: string }) {
  const t = useT();
  return (
    <ToneTag tone={DEMAND_TONE[status] ?? 'grey'} testId={testId}>
      {t(`demands.status.${status}` as MessageKey)}
    </ToneTag>
  );
}

export function ResponseStatusTag({ status, testId }: { status: DemandResponse['status']; testId?: string }) {
  const t = useT();
  return (
    <ToneTag tone={RESPONSE_TONE[status] ?? 'grey'} testId={testId}>
      {t(`demands.respStatus.${status}` as MessageKey)}
    </ToneTag>
  );
}

export function ConsortiumStatusTag({ status, testId }: { status: 'draft' | 'signed'; testId?: string }) {
  const t = useT();
  return (
    <ToneTag tone={status === 'signed' ? 'green' : 'orange'} testId={testId}>
      {t(`demands.cStatus.${status}` as MessageKey)}
    </ToneTag>
  );
}

/** GB/T 4754 picker: sections (门类) and divisions (大类). `divisionsOnly` makes only divisions selectable. */
export function IndustryPicker({
  value,
  onChange,
  id,
  ariaLabel,
  divisionsOnly,
  placeholder,
  style,
  testId,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel?: string;
  divisionsOnly?: boolean;
  placeholder?: string;
  style?: React.CSSProperties;
  testId?: string;
}) {
  const data = industryTree.map((s) => ({
    value: s.value,
    title: s.label,
    selectable: !divisionsOnly,
    children: (s.children ?? []).map((d) => ({ value: d.value, title: d.label })),
  }));
  return (
    <TreeSelect
      id={id}
      aria-label={ariaLabel}
      data-testid={testId}
      value={value}
      onChange={(v) => onChange?.(v ?? undefined)}
      treeData={data}
      allowClear
      showSearch={{ treeNodeFilterProp: 'title' }}
      placeholder={placeholder}
      style={style ?? { width: 240 }}
      popupMatchSelectWidth={false}
    />
  );
}

/** '1.2 MB' style file sizes. */
export function fmtSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/** Portal link of a search hit / recommendation (the server's link is already an app path). */
export const appLink = (link: string): string => (link.startsWith('/') ? link : `/${link}`);
