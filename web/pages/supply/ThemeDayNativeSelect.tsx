/** The public theme days for filters, and a native picker of them (no antd: used by the portal's light pages). */
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/client.ts';
import type { Page, PublicThemeDay } from '../../api/types.ts';
import { useT } from '../../i18n/index.tsx';

/** The public theme days, newest first, for filters and the "所属主题日" fields. */
export function useThemeDays() {
  return useQuery({
    queryKey: ['public', 'theme-days', 'all'],
    queryFn: () => api.get<Page<PublicThemeDay>>('/public/theme-days', { pageSize: 200 }),
    staleTime: 60_000,
  });
}

/**
 * A native <select> of the public theme days (first option: all). `value` may name a day not (yet) in the
 * list — it stays selected, shown by its id until the days arrive — so a filter from the URL is never lost.
 */
export function ThemeDayNativeSelect({
  id,
  name,
  value,
  defaultValue,
  onChange,
  testId,
}: {
  id: string;
  name?: string;
  value?: string | null;
  defaultValue?: string | null;
  onChange?: (v: string | null) => void;
  testId?: string;
}) {
  const t = useT();
  const days = useThemeDays();
  const items = days.data?.items ?? [];
  const chosen = value ?? defaultValue ?? '';
  return (
    <select
      id={id}
      name={name}
      className="rt-pselect rt-pselect-wide"
      data-testid={testId}
      {...(value !== undefined ? { value: value ?? '' } : { defaultValue: defaultValue ?? '' })}
      // The options arrive after the first render: remount then, so an uncontrolled default can be selected.
      key={value === undefined ? `${chosen}-${items.length}` : undefined}
      onChange={(e) => onChange?.(e.target.value || null)}
    >
      <option value="">{t('common.all')}</option>
      {chosen && !items.some((d) => d.id === chosen) ? <option value={chosen}>{chosen}</option> : null}
      {items.map((d) => (
        <option key={d.id} value={d.id}>
          {`${d.title}（${d.startDate}）`}
        </option>
      ))}
    </select>
  );
}
