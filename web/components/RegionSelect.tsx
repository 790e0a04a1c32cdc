/** Province picker and region Cascader over GB/T 2260 (common/region.ts). */
import { Cascader, Select } from 'antd';
import { PROVINCES, regionPath, regionTree } from '../../common/region.ts';

export function ProvinceSelect({
  value,
  onChange,
  id,
  ariaLabel,
  placeholder,
  style,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  id?: string;
  ariaLabel?: string;
  placeholder?: string;
  style?: React.CSSProperties;
}) {
  return (
    <Select
      id={id}
      aria-label={ariaLabel}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      style={style ?? { width: 160 }}
      options={PROVINCES.map((p) => ({ value: p.code, label: p.name }))}
    />
  );
}

/** Value is the 6-digit code of the deepest level chosen. */
export function RegionCascader({
  value,
  onChange,
  id,
  ariaLabel,
  disabled,
}: {
  value?: string | null;
  onChange?: (v: string | null) => void;
  id?: string;
  ariaLabel?: string;
  disabled?: boolean;
}) {
  const path = value ? regionPath(value) : [];
  return (
    <Cascader
      id={id}
      aria-label={ariaLabel}
      disabled={disabled}
      options={regionTree as never}
      value={path.length ? path : undefined}
      changeOnSelect
      showSearch
      onChange={(v) => onChange?.(v && v.length ? String(v[v.length - 1]) : null)}
      style={{ width: '100%' }}
    />
  );
}
