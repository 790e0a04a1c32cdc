/** Request and response shapes of the audit log (server/modules/audit). */
import { z } from 'zod';
import { pagingQuery } from './common.ts';

export const AuditEventView = z.object({
  id: z.string(),
  at: z.string(),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  organisationId: z.string().nullable(),
  organisationName: z.string().nullable(),
  ip: z.string().nullable(),
  requestId: z.string().nullable(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  /** True when the entry is about another organisation's draft: field names are kept, values withheld (null). */
  contentWithheld: z.boolean(),
});
export type AuditEventView = z.infer<typeof AuditEventView>;

export const AuditEventQuery = z.object({
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  action: z.string().max(50).optional(),
  actorUserId: z.string().max(100).optional(),
  from: z.string().datetime().optional(),
  to: z.string().datetime().optional(),
  page: pagingQuery().page,
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditEventQuery = z.infer<typeof AuditEventQuery>;

export const AuditEventList = z.object({
  items: z.array(AuditEventView),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type AuditEventList = z.infer<typeof AuditEventList>;
