/**
 * The live credit-code check of the organisation forms (the register's form and self-registration): the code
 * typed is checked as it is typed (debounced POST /organisations/check-uscc) and the verdict shows under the
 * field — checksum, pilot-era code needing manual verification, or the organisation already holding it.
 */
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client.ts';
import type { UsccCheck } from '../api/types.ts';
import { industryTree } from '../../common/industry.ts';
import { useDebounced } from '../hooks/useDebounced.ts';
import { useT } from '../i18n/index.tsx';
import { StatusTag } from './StatusTag.tsx';

/** GB/T 4754 divisions grouped by section, for the industry Select. */
export const industryOptions = industryTree.map((s) => ({
  label: s.label,
  title: s.label,
  options: (s.children ?? []).map((d) => ({ value: d.value, label: d.label })),
}));

/**
 * The check of `value` (debounced). `ownId`: the organisation being edited, which may hold its own code.
 * Returns the verdict (undefined until there is one) and whether a check is running.
 */
export function useUsccCheck(value: string | undefined, ownId?: string) {
  const current = (value ?? '').trim();
  const uscc = useDebounced(current, 400);
  // While the debounce runs, the last verdict belongs to a code no longer in the field: show none.
  const settled = uscc === current;
  const check = useQuery({
    queryKey: ['uscc-check', uscc],
    queryFn: () => api.post<UsccCheck>('/organisations/check-uscc', { uscc }),
    enabled: uscc.length > 0,
    staleTime: 60_000,
  });
  const data =
    settled && uscc && check.data
      ? check.data.registeredAs?.id === ownId && ownId
        ? { ...check.data, registeredAs: null }
        : check.data
      : undefined;
  return { check: data, loading: check.isFetching || (!settled && current.length > 0) };
}

/** The verdict under the credit-code field. */
export function UsccFeedback({ check, loading }: { check: UsccCheck | undefined; loading: boolean }) {
  const t = useT();
  if (loading && !check) return <span className="rt-text-secondary">{t('org.checking')}</span>;
  if (!check) return null;
  return (
    <span data-testid="uscc-status" data-status={check.status}>
      <StatusTag kind="uscc" status={check.status} /> {check.message ?? t('org.usccOk')}
      {check.registeredAs ? (
        <span className="rt-bad">（{t('org.usccTaken', { name: check.registeredAs.name })}）</span>
      ) : null}
    </span>
  );
}
