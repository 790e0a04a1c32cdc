/** Who may see and change the search lexicon: the system administrator and NDRC (programme owner). */
import { hasRole, type Actor } from '../../lib/context.ts';

export const lexiconPolicy = {
  manage: (a: Actor | null) => hasRole(a, 'programme_owner', 'system_admin'),
};
