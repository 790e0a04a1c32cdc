/**
 * The filter row above a portal list without antd (light pages): native fields in a form, 查询 / 重置. The
 * filters live in the URL (useTableState) as with FilterBar: the fields start from it and follow it when it
 * changes (a link, the back button, 重置), and 查询 writes the form's values to it.
 */
import type { ReactNode } from 'react';
import { SearchOutlined } from '@ant-design/icons';
import { useT } from '../../i18n/index.tsx';
import type { TableState } from '../../hooks/useTableState.ts';
import { LightField } from '../../components/LightParts.tsx';
import { ThemeDayNativeSelect } from './ThemeDayNativeSelect.tsx';

export function ListFilters({ table, children }: { table: TableState; children: ReactNode }) {
  const t = useT();
  return (
    <form
      // A new form when the URL's filters change, so its fields show them.
      key={JSON.stringify(table.filters)}
      className="rt-pcard rt-lp-filters"
      role="search"
      aria-label={t('common.search')}
      onSubmit={(e) => {
        e.preventDefault();
        const out: Record<string, string | undefined> = {};
        for (const [k, v] of new FormData(e.currentTarget))
          out[k] = typeof v === 'string' ? v.trim() || undefined : undefined;
        table.setFilters(out);
      }}
    >
      {children}
      <div className="rt-lp-filter-actions">
        <button type="submit" className="rt-pbtn rt-pbtn-primary" data-testid="filter-search">
          <SearchOutlined aria-hidden /> {t('common.search')}
        </button>
        <button
          type="button"
          className="rt-pbtn"
          data-testid="filter-reset"
          onClick={(e) => {
            e.currentTarget.form?.reset();
            table.setFilters({});
          }}
        >
          {t('common.reset')}
        </button>
      </div>
    </form>
  );
}

/** A keyword field of a filter row. */
export function TextFilter({
  name,
  label,
  placeholder,
  value,
  testId,
}: {
  name: string;
  label: string;
  placeholder?: string;
  value: string | undefined;
  testId?: string;
}) {
  const id = `filter-${name}`;
  return (
    <LightField label={label} htmlFor={id}>
      <input
        id={id}
        name={name}
        type="search"
        className="rt-pinput"
        style={{ width: 200 }}
        defaultValue={value ?? ''}
        placeholder={placeholder}
        data-testid={testId}
      />
    </LightField>
  );
}

/** A choice of a filter row: 全部 first, then the options ([value, label]). */
export function SelectFilter({
  name,
  label,
  value,
  options,
  testId,
  width,
}: {
  name: string;
  label: string;
  value: string | undefined;
  options: readonly (readonly [string, string])[];
  testId?: string;
  width?: number;
}) {
  const t = useT();
  const id = `filter-${name}`;
  return (
    <LightField label={label} htmlFor={id}>
      <select
        id={id}
        name={name}
        className="rt-pselect"
        style={width ? { width } : undefined}
        defaultValue={value ?? ''}
        data-testid={testId}
      >
        <option value="">{t('common.all')}</option>
        {value && !options.some(([v]) => v === value) ? <option value={value}>{value}</option> : null}
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </LightField>
  );
}

/** The theme-day choice of a filter row (the URL's `themeDayId`). */
export function ThemeDayFilter({ value }: { value: string | undefined }) {
  const t = useT();
  return (
    <LightField label={t('supply.themeDay')} htmlFor="filter-themeDayId">
      <ThemeDayNativeSelect id="filter-themeDayId" name="themeDayId" defaultValue={value} />
    </LightField>
  );
}
