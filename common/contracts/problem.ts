/**
 * The error body every API error answers with: an RFC 9457 problem (application/problem+json), as
 * server/plugins/errors.ts renders it and web/api/client.ts reads it. `code` is stable snake_case (the UI
 * branches on it, never on text); `title` is in the caller's language; `detail` is safe to show; `errors`
 * names the fields at fault; `instance` is the request id. Some problems carry extra members (e.g.
 * `retryAfterMinutes` of account_locked, `conflict` of date_overlap).
 */
import { z } from 'zod';

export const FieldError = z.object({ field: z.string(), code: z.string(), message: z.string() });
export type FieldError = z.infer<typeof FieldError>;

export const Problem = z.looseObject({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string(),
  instance: z.string(),
  detail: z.string().optional(),
  errors: z.array(FieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;
