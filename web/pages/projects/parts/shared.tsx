/**
 * Shared pieces of the cooperation-project pages (issue 10): the project query, tags for stage, confirmation and
 * follow-up state, amounts in yuan (integers, thousands separators, 万元 helper), the organisation picker, the
 * content-area names and the unsaved-input guard.
 */
import { useState } from 'react';
import { InputNumber, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { defaultRules2020 } from '../../../../common/programme-rules.ts';
import { ORG_KIND_LABELS, type OrgKind } from '../../../../common/roles.ts';
import { api } from '../../../api/client.ts';
import type { Page } from '../../../api/types.ts';
import {
  CONFIRMATION_LABELS,
  PROJECT_STAGE_LABELS,
  type FollowUpState,
  type FollowUpView,
  type PartyView,
  type ProjectStage,
  type ProjectView,
} from '../../../api/projects.ts';
import { ToneTag, type Tone } from '../../../components/StatusTag.tsx';
import { useDebounced } from '../../../hooks/useDebounced.ts';
import { useI18n, useT, type MessageKey } from '../../../i18n/index.tsx';

export const projectPath = (id: string) => `/workspace/projects/${id}`;
export const followUpPath = (id: string, point: number) => `/workspace/projects/${id}/follow-ups/${point}`;

export function useProject(id: string | undefined) {
  return useQuery({
    queryKey: ['projects', 'one', id],
    queryFn: () => api.get<ProjectView>(`/projects/${id}`),
    enabled: !!id,
  });
}

const STAGE_TONE: Record<ProjectStage, Tone> = {
  candidate: 'orange',
  intent: 'blue',
  signed: 'purple',
  in_progress: 'blue',
  completed: 'green',
  terminated: 'grey',
};

export function StageTag({ stage, declined }: { stage: ProjectStage; declined?: boolean }) {
  const t = useT();
  if (stage === 'candidate' && declined) return <ToneTag tone="red">{t('projects.stage.declined')}</ToneTag>;
  return (
    <ToneTag tone={STAGE_TONE[stage]} testId="project-stage">
      {PROJECT_STAGE_LABELS[stage]}
    </ToneTag>
  );
}

export function ConfirmationTag({ party }: { party: Pick<PartyView, 'confirmation'> }) {
  const tone: Tone =
    party.confirmation === 'confirmed' ? 'green' : party.confirmation === 'declined' ? 'red' : 'orange';
  return <ToneTag tone={tone}>{CONFIRMATION_LABELS[party.confirmation]}</ToneTag>;
}

const STATE_TONE: Record<FollowUpState, Tone> = {
  upcoming: 'grey',
  open: 'blue',
  answered: 'green',
  overdue: 'red',
  missed: 'red',
};

export function FollowUpStateTag({ f }: { f: Pick<FollowUpView, 'state'> }) {
  const t = useT();
  return (
    <ToneTag tone={STATE_TONE[f.state]} testId="follow-up-state">
      {t(`projects.fu.state.${f.state}` as MessageKey)}
    </ToneTag>
  );
}

/** 1234567 → "1,234,567" */
export const groupDigits = (n: number | string): string => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

/** Whole yuan as "1,234,567 元"; "—" when unknown. */
export function useYuan() {
  const t = useT();
  return (n: number | null | undefined): string =>
    n === null || n === undefined ? '—' : t('projects.yuan', { n: groupDigits(n) });
}

/** The 万元 reading of an amount in yuan, for the helper text under an amount field. */
export function useWanHint() {
  const t = useT();
  return (n: number | null | undefined): string | undefined => {
    if (n === null || n === undefined || !Number.isFinite(n)) return t('projects.amountHelp');
    const shown = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 }).format(n / 10_000);
    return t('projects.amountWan', { n: shown });
  };
}

/** An amount in whole yuan: integer, never negative, shown with thousands separators. */
export function YuanInput(props: {
  id?: string;
  value?: number | null;
  onChange?: (v: number | null) => void;
  testId?: string;
  ariaLabel?: string;
}) {
  const t = useT();
  return (
    <InputNumber<number>
      id={props.id}
      aria-label={props.ariaLabel}
      data-testid={props.testId}
      value={props.value ?? null}
      onChange={(v) => props.onChange?.(v === null ? null : Math.trunc(v))}
      min={0}
      max={1e15}
      precision={0}
      step={10_000}
      inputMode="numeric"
      formatter={(v) =>
        v === undefined || v === null || String(v) === '' ? '' : groupDigits(String(v).replace(/,/g, ''))
      }
      parser={(v) => Number((v ?? '').replace(/[^\d]/g, '')) || 0}
      suffix={t('projects.yuanUnit')}
      style={{ width: '100%' }}
    />
  );
}

/** Content areas of the programme (the 2020 rules' five areas): key → name in the current language. */
export function useAreaName() {
  const { locale } = useI18n();
  const names = new Map(defaultRules2020.contentAreas.map((a) => [a.key, locale === 'en-US' ? a.nameEn : a.name]));
  return (key: string) => names.get(key) ?? key;
}
export const AREA_KEYS = defaultRules2020.contentAreas.map((a) => a.key);

export function useSizeClass() {
  const t = useT();
  const { locale } = useI18n();
  return (p: Pick<PartyView, 'sizeClass' | 'kind'>): string => {
    const parts: string[] = [];
    if (p.sizeClass) parts.push(t(`projects.size.${p.sizeClass}` as MessageKey));
    const kind = p.kind ? ORG_KIND_LABELS[p.kind as OrgKind] : undefined;
    if (kind) parts.push(locale === 'en-US' ? kind.en : kind.zh);
    else if (p.kind) parts.push(p.kind);
    return parts.join(' · ');
  };
}

/** Organisation search over the directory (the same list other pages pick members from). */
export function OrgPicker({
  id,
  value,
  onChange,
  exclude,
  initialName,
  testId,
}: {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  exclude?: string[];
  /** The name of the current value, shown before the search list has it. */
  initialName?: string;
  testId?: string;
}) {
  const t = useT();
  const [text, setText] = useState('');
  const q = useDebounced(text, 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'search', q],
    queryFn: () => api.get<Page<{ id: string; name: string }>>('/organisations', { q: q || undefined, pageSize: 20 }),
  });
  const options = (orgs.data?.items ?? [])
    .filter((o) => o.id === value || !exclude?.includes(o.id))
    .map((o) => ({ value: o.id, label: o.name }));
  if (value && initialName && !options.some((o) => o.value === value)) options.unshift({ value, label: initialName });
  return (
    <Select
      id={id}
      data-testid={testId}
      aria-label={t('projects.form.partyOrg')}
      showSearch={{ filterOption: false, onSearch: setText }}
      value={value}
      onChange={onChange}
      placeholder={t('projects.form.searchOrg')}
      loading={orgs.isFetching}
      notFoundContent={orgs.isFetching ? t('common.loading') : t('projects.form.noOrg')}
      options={options}
      style={{ width: '100%' }}
    />
  );
}

export { useServerToday } from '../../../hooks/useServerToday.ts';
