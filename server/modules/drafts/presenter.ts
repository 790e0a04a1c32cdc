/** Form draft rows as the API shows them. */
import type { DraftSaved, DraftView } from '../../../common/contracts/drafts.ts';
import type { DraftRow } from './repository.ts';

export const presentDraft = (r: DraftRow): DraftView => ({
  key: r.key,
  data: JSON.parse(r.data) as Record<string, unknown>,
  updatedAt: r.updated_at,
});

export const presentSaved = (r: DraftRow): DraftSaved => ({ key: r.key, updatedAt: r.updated_at });
