/** Pieces shared by the resources, results and docking pages: status tags, pickers and small formatters. */
import { Select, Space } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page, PublicThemeDay } from '../../api/types.ts';
import type {
  ApplicationStatus,
  DockingSession,
  RequestStatus,
  Resource,
  ResourceStatus,
  Result,
  ResultStatus,
} from '../../api/supply.ts';
import { INDUSTRY_DIVISIONS } from '../../../common/industry.ts';
import { regionName } from '../../../common/region.ts';
import { ToneTag, type Tone } from '../../components/StatusTag.tsx';
import { fmtDate, fmtDateTime } from '../../components/format.ts';
import { useT, type MessageKey } from '../../i18n/index.tsx';

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

/** The region's name ("江苏省 无锡市 …" is too long for cards: the deepest name only). */
export const regionLabel = (code: string | null | undefined): string => (code ? (regionName(code) ?? code) : '—');

/** Options of GB/T 4754 divisions ('C39 计算机、通信和其他电子设备制造业'). */
export const FIELD_OPTIONS = INDUSTRY_DIVISIONS.map((d) => ({
  value: `${d.section}${d.code}`,
  label: `${d.section}${d.code} ${d.name}`,
}));

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

/** The public theme days, newest first, for filters and the "所属主题日" fields. */
export function useThemeDays() {
  return useQuery({
    queryKey: ['public', 'theme-days', 'all'],
    queryFn: () => api.get<Page<PublicThemeDay>>('/public/theme-days', { pageSize: 200 }),
    staleTime: 60_000,
  });
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

/** Keeps paragraphs of a long text (descriptions, charters) readable. */
export function Paragraphs({ text }: { text: string | null | undefined }) {
  if (!text) return <>—</>;
  return (
    <>
      {text.split(/\n+/).map((p, i) => (
        <p key={i} style={{ margin: '0 0 8px' }}>
          {p}
        </p>
      ))}
    </>
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

/** Quota in words: "每月 3 个名额" / "不限名额". */
export function useQuotaText() {
  const t = useT();
  return (r: Pick<Resource, 'quota' | 'quotaPeriod'>) =>
    r.quota == null
      ? t('supply.resource.noQuota')
      : t('supply.resource.quotaText', { period: t(`supply.quotaPeriod.${r.quotaPeriod}` as MessageKey), n: r.quota });
}

/** A docking session's time span in Beijing time; the end date is left out when it is the same day. */
export const sessionWhen = (s: Pick<DockingSession, 'startsAt' | 'endsAt'>) => {
  const a = fmtDateTime(s.startsAt);
  const b = fmtDateTime(s.endsAt);
  return fmtDate(s.startsAt) === fmtDate(s.endsAt) ? `${a}—${b.slice(b.lastIndexOf(' ') + 1)}` : `${a}—${b}`;
};
