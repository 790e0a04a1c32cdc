import { Select } from 'antd';
import type { Programme } from '../api/types.ts';
import { useT } from '../i18n/index.tsx';

/** Chooses the programme year a list is about. */
export function ProgrammePicker({
  programmes,
  value,
  onChange,
}: {
  programmes: Programme[];
  value: string | undefined;
  onChange: (id: string) => void;
}) {
  const t = useT();
  return (
    <Select
      aria-label={t('common.year')}
      data-testid="programme-picker"
      value={value}
      onChange={onChange}
      style={{ minWidth: 220 }}
      options={programmes.map((p) => ({ value: p.id, label: `${p.name}（${t(`status.programme.${p.status}`)}）` }))}
    />
  );
}
