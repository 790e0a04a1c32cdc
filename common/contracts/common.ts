/**
 * Building blocks every API contract shares: path ids, paging, the list envelope, references to an
 * organisation or theme day, calendar dates. The server validates with these schemas and the web client
 * derives its types from them (`z.infer` / `z.input`), so a server change that breaks the web fails `tsc`.
 */
import { z } from 'zod';

export const IdParams = z.object({ id: z.string().min(1).max(100) });
export type IdParams = z.infer<typeof IdParams>;

/**
 * `page` / `pageSize` / `order` query parameters. Directory lists default to ascending order and pages of
 * at most 100; the content areas default to newest first and allow 200 a page.
 */
export const pagingQuery = (opts: { maxPageSize?: number; order?: 'asc' | 'desc' } = {}) => ({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce
    .number()
    .int()
    .min(1)
    .max(opts.maxPageSize ?? 100)
    .default(20),
  order: z.enum(['asc', 'desc']).default(opts.order ?? 'asc'),
});

/** Paging of the content areas (resources, demands, results, docking, events, meetings, roadshows). */
export const Paging = pagingQuery({ maxPageSize: 200, order: 'desc' });

/** `{ items, total, page, pageSize }`: the envelope of every list response. */
export const listOf = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** A page of a list, as the client receives it. */
export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

/** One page of an in-memory list (lists filtered after presenting, e.g. by what the caller may see). */
export const pageSlice = <T>(all: readonly T[], q: { page: number; pageSize: number }): T[] =>
  all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);

export const OrgRef = z.object({ id: z.string(), name: z.string() });
export type OrgRef = z.infer<typeof OrgRef>;
export const ThemeDayRef = z.object({ id: z.string(), title: z.string() }).nullable();
export type ThemeDayRef = z.infer<typeof ThemeDayRef>;

/** True when 'YYYY-MM-DD' (the first 10 characters of `s`) is a real calendar date (no 2026-02-30). */
export const isRealDate = (s: string): boolean => {
  const d = s.slice(0, 10);
  return !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d);
};

/** True when 'YYYY-MM-DDTHH:mm(:ss)' is a real date and time of day (no 2026-02-30, no 24:00 or 10:60). */
export const isRealLocalDateTime = (s: string): boolean => {
  const m = /^\d{4}-\d{2}-\d{2}[T ](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(s);
  return !!m && isRealDate(s) && Number(m[1]) <= 23 && Number(m[2]) <= 59 && Number(m[3] ?? 0) <= 59;
};

/** YYYY-MM-DD that is a real calendar date. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine(isRealDate, { message: '日期无效', params: { code: 'invalid_date' } });

/** A Shanghai wall-clock time as the UI sends it: 'YYYY-MM-DDTHH:mm' (seconds optional), a real date and time. */
export const LocalDateTime = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2})?$/, '时间格式应为 YYYY-MM-DDTHH:mm（北京时间）')
  .refine(isRealLocalDateTime, { message: '时间无效', params: { code: 'invalid_date' } });

/** Types of uploaded attachments, sniffed from their first bytes on the server. */
export const ATTACHMENT_TYPES = ['pdf', 'docx', 'png', 'jpeg'] as const;
export type AttachmentType = (typeof ATTACHMENT_TYPES)[number];
export const AttachmentView = z.object({
  id: z.string(),
  name: z.string(),
  type: z.enum(ATTACHMENT_TYPES),
  size: z.number().int(),
});
export type AttachmentView = z.infer<typeof AttachmentView>;

/** Shown at every upload point (417号 要求各基地做好保密工作; the platform is not cleared for classified data). */
export const NON_CLASSIFIED_NOTICE = '本平台为非涉密平台，严禁上传涉密信息';
