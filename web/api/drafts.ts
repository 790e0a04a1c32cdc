/** Types of the caller's server-side form drafts (common/contracts/drafts.ts). */
export type { DraftBody, DraftSaved, DraftView } from '../../common/contracts/drafts.ts';
export { DRAFT_MAX_BYTES } from '../../common/contracts/drafts.ts';
