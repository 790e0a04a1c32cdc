/** A demand's budget (or a technology's price) in 万元, as one line of text (no antd: the portal's light pages use it). */
import type { Demand } from '../../api/demands.ts';
import type { TFunction } from '../../i18n/index.tsx';

export function budgetText(t: TFunction, d: Pick<Demand, 'budgetMinWan' | 'budgetMaxWan'>): string {
  const { budgetMinWan: min, budgetMaxWan: max } = d;
  if (min != null && max != null)
    return min === max ? t('demands.budgetUpTo', { max }) : t('demands.budgetRange', { min, max });
  if (min != null) return t('demands.budgetFrom', { min });
  if (max != null) return t('demands.budgetUpTo', { max });
  return t('demands.budgetNone');
}
