/** Where a demand or a technology catalogue entry lives in the portal. */
import type { Demand } from '../../api/demands.ts';

export const demandPath = (d: Pick<Demand, 'id' | 'kind'>) =>
  d.kind === 'technology' ? `/technologies/${d.id}` : `/demands/${d.id}`;
