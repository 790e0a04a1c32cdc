/** A multiple Select of support organisations (支撑单位), searched on the server. */
import { useState } from 'react';
import { Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../../../api/client.ts';
import type { Organisation, Page } from '../../../../api/types.ts';
import { useT } from '../../../../i18n/index.tsx';
import { useDebounced } from '../../../../hooks/useDebounced.ts';

export function SupportOrgSelect({
  value,
  onChange,
  known,
  id,
}: {
  value?: string[];
  onChange?: (v: string[]) => void;
  known: { id: string; name: string }[];
  id?: string;
}) {
  const t = useT();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const orgs = useQuery({
    queryKey: ['organisations', 'support', q],
    queryFn: () =>
      api.get<Page<Organisation>>('/organisations', { kind: 'support_org', q: q || undefined, pageSize: 50 }),
    staleTime: 60_000,
  });
  const map = new Map<string, string>(known.map((o) => [o.id, o.name]));
  for (const o of orgs.data?.items ?? []) map.set(o.id, o.name);
  return (
    <Select
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      data-testid="ap-support-orgs"
      aria-label={t('ap.supportOrgs')}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      loading={orgs.isFetching}
      options={[...map.entries()].map(([k, v]) => ({ value: k, label: v }))}
      placeholder={t('ap.supportOrgsPlaceholder')}
    />
  );
}
