/**
 * Server-side drafts of an editor's unsaved state (issue 15, safe forms): GET/PUT/DELETE
 * /api/form-drafts/:key, always the caller's own. The key names the form and the record it edits
 * (`plan:<id>`, `activity-plan:<theme day id>`); the data is the editor's values as a JSON object.
 */
import { z } from 'zod';

/** The largest draft the server keeps: JSON text of the data, in UTF-8 bytes. */
export const DRAFT_MAX_BYTES = 64 * 1024;

/** `<form>:<record>`: a lower-case form name and a record id (uuid-like), nothing else. */
export const DRAFT_KEY_PATTERN = /^[a-z][a-z0-9-]{0,39}:[A-Za-z0-9_-]{1,64}$/;

export const DraftKeyParams = z.object({
  key: z.string().regex(DRAFT_KEY_PATTERN, '草稿标识格式不正确'),
});
export type DraftKeyParams = z.infer<typeof DraftKeyParams>;

export const DraftBody = z.object({ data: z.record(z.string(), z.unknown()) });
export type DraftBody = z.infer<typeof DraftBody>;

export const DraftView = z.object({
  key: z.string(),
  data: z.record(z.string(), z.unknown()),
  updatedAt: z.string(),
});
export type DraftView = z.infer<typeof DraftView>;

/** What a save answers: no echo of the data (it is written every few seconds). */
export const DraftSaved = z.object({ key: z.string(), updatedAt: z.string() });
export type DraftSaved = z.infer<typeof DraftSaved>;
