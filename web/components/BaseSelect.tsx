/**
 * Multi-select of demonstration bases, searching the public directory (GET /api/bases?q=) as you type.
 * Already-chosen bases keep their labels even when they are not in the current search result.
 */
import { useMemo, useState } from 'react';
import { Select, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { Base, BaseRef, Page } from '../api/types.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useT } from '../i18n/index.tsx';

export function BaseSelect({
  value,
  onChange,
  known = [],
  excludeIds = [],
  id,
  testId,
  ariaLabel,
  disabled,
  placeholder,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  /** Bases already known (e.g. the plan's partners), so their names show before any search. */
  known?: BaseRef[];
  excludeIds?: string[];
  id?: string;
  testId?: string;
  ariaLabel?: string;
  disabled?: boolean;
  placeholder?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const { data, isFetching } = useQuery({
    queryKey: ['bases', 'search', q],
    queryFn: () => api.get<Page<Base>>('/bases', { q: q || undefined, pageSize: 50, sort: 'name', order: 'asc' }),
    staleTime: 60_000,
  });
  const [seen, setSeen] = useState<Record<string, string>>({});
  const options = useMemo(() => {
    const map = new Map<string, string>();
    for (const b of known) map.set(b.id, `${b.name}（${b.shortName}）`);
    for (const [k, v] of Object.entries(seen)) map.set(k, v);
    for (const b of data?.items ?? []) map.set(b.id, `${b.name}（${b.shortName}）`);
    const fromSearch = new Set((data?.items ?? []).map((b) => b.id));
    return [...map.entries()]
      .filter(([k]) => !excludeIds.includes(k) && (fromSearch.has(k) || value?.includes(k)))
      .map(([k, label]) => ({ value: k, label }));
  }, [known, seen, data, excludeIds, value]);

  return (
    <Select
      id={id}
      data-testid={testId}
      aria-label={ariaLabel}
      mode="multiple"
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value}
      disabled={disabled}
      placeholder={placeholder ?? t('plan.partnersPlaceholder')}
      notFoundContent={isFetching ? <Spin size="small" /> : t('common.empty')}
      onChange={(v: string[]) => {
        const add: Record<string, string> = {};
        for (const o of options) if (v.includes(o.value)) add[o.value] = o.label;
        setSeen((s) => ({ ...s, ...add }));
        setSearch('');
        onChange?.(v);
      }}
      options={options}
      style={{ width: '100%' }}
    />
  );
}
