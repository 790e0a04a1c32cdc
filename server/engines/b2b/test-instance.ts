/** Test-only: a small instance with sensible defaults (no AM/PM split, 10 tables, nothing forbidden or fixed). */
import type { Instance } from './model.ts';

export function inst(partial: Partial<Instance> & Pick<Instance, 'participants' | 'meetings' | 'slots'>): Instance {
  return {
    morningSlots: partial.slots,
    tables: 10,
    forbidden: Array.from({ length: partial.participants }, () => []),
    fixed: partial.meetings.map(() => null),
    precedences: [],
    fairness: 2,
    ...partial,
  };
}
