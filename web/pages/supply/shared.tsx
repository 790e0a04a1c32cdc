/** Pieces shared by the resources, results and docking pages: status tags, pickers and small formatters. */
import { Select, Space } from 'antd';
import type {
  ApplicationStatus,
  DockingSession,
  RequestStatus,
  ResourceStatus,
  Result,
  ResultStatus,
} from '../../api/supply.ts';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';
import { FIELD_OPTIONS } from './portalParts.tsx';
import { useThemeDays } from './ThemeDayNativeSelect.tsx';

// What the portal's light pages use too lives in portalParts.tsx and ThemeDayNativeSelect.tsx (no antd).
export { FIELD_OPTIONS, Paragraphs, useQuotaText } from './portalParts.tsx';
export { useThemeDays } from './ThemeDayNativeSelect.tsx';

const RESOURCE_TONE: Record<ResourceStatus, Tone> = { draft: 'grey', published: 'green', closed: 'grey' };
const REQUEST_TONE: Record<RequestStatus, Tone> = {
  pending: 'orange',
  approved: 'green',
  declined: 'red',
  used: 'blue',
  closed: 'grey',
  withdrawn: 'grey',
};
const RESULT_TONE: Record<ResultStatus, Tone> = {
  draft: 'grey',
  in_review: 'blue',
  changes_requested: 'orange',
  public: 'green',
  rejected: 'red',
};
const APPLICATION_TONE: Record<ApplicationStatus, Tone> = { pending: 'orange', accepted: 'green', declined: 'red' };

export function ResourceStatusTag({ status, testId }: { status: ResourceStatus; testId?: string }) {
  const t = useT();
  return (
    <ToneTag tone={RESOURCE_TONE[status]} testId={testId}>
      {t(`supply.resourceStatus.${status}` as MessageKey)}
    </ToneTag>
  );
}

export function RequestStatusTag({ status, testId }: { status: RequestStatus; testId?: string }) {
  const t = useT();
  return (
    <ToneTag tone={REQUEST_TONE[status]} testId={testId}>
      {t(`supply.requestStatus.${status}` as MessageKey)}
    </ToneTag>
  );
}

export function ResultStatusTag({ status, testId }: { status: ResultStatus; testId?: string }) {
  const t = useT();
  return (
    <ToneTag tone={RESULT_TONE[status]} testId={testId}>
      {t(`supply.resultStatus.${status}` as MessageKey)}
    </ToneTag>
  );
}

export function ApplicationStatusTag({ status }: { status: ApplicationStatus }) {
  const t = useT();
  return <ToneTag tone={APPLICATION_TONE[status]}>{t(`supply.applicationStatus.${status}` as MessageKey)}</ToneTag>;
}

export function FieldSelect({
  value,
  onChange,
  id,
  ariaLabel,
  testId,
  allowClear,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel?: string;
  testId?: string;
  allowClear?: boolean;
}) {
  const t = useT();
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      data-testid={testId}
      allowClear={allowClear}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={onChange}
      placeholder={t('supply.result.fieldPlaceholder')}
      options={FIELD_OPTIONS}
      style={{ minWidth: 220 }}
    />
  );
}

export function ThemeDaySelect({
  value,
  onChange,
  id,
  ariaLabel,
  testId,
  placeholder,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  ariaLabel?: string;
  testId?: string;
  placeholder?: string;
}) {
  const t = useT();
  const days = useThemeDays();
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      data-testid={testId}
      allowClear
      loading={days.isLoading}
      showSearch={{ optionFilterProp: 'label' }}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? null)}
      placeholder={placeholder ?? t('supply.themeDayNone')}
      options={(days.data?.items ?? []).map((d) => ({ value: d.id, label: `${d.title}（${d.startDate}）` }))}
      style={{ minWidth: 220 }}
    />
  );
}

/** A result's transfer mode, TRL and field as tags. */
export function ResultTags({ r }: { r: Pick<Result, 'transferMode' | 'trl' | 'fieldCode' | 'fieldName'> }) {
  const t = useT();
  return (
    <Space size={4} wrap>
      <ToneTag tone="blue">{t(`supply.transferMode.${r.transferMode}` as MessageKey)}</ToneTag>
      <ToneTag tone="purple">TRL {r.trl}</ToneTag>
      <ToneTag tone="grey">{r.fieldName ? `${r.fieldCode} ${r.fieldName}` : r.fieldCode}</ToneTag>
    </Space>
  );
}

/** A docking session's time span in Beijing time; the end date is left out when it is the same day. */
export const sessionWhen = (s: Pick<DockingSession, 'startsAt' | 'endsAt'>) => {
  const a = fmtDateTime(s.startsAt);
  const b = fmtDateTime(s.endsAt);
  return fmtDate(s.startsAt) === fmtDate(s.endsAt) ? `${a}—${b.slice(b.lastIndexOf(' ') + 1)}` : `${a}—${b}`;
};
