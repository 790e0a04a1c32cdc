/**
 * Issue 12 §2: the delivery record of e-mail and SMS copies — what the recipient sees beside each notification,
 * and the system administrator's 消息发送记录 (list with status, attempts and last error; retry a failed one).
 */
import { z } from 'zod';
import { DELIVERY_CHANNELS, DELIVERY_STATUSES } from '../notification-categories.ts';
import { listOf, pagingQuery } from './common.ts';

const { page, pageSize } = pagingQuery();

/** A notification's copy on one channel, as its recipient sees it. */
export const DeliveryStatusView = z.object({
  channel: z.enum(DELIVERY_CHANNELS),
  status: z.enum(DELIVERY_STATUSES),
  sentAt: z.string().nullable(),
});
export type DeliveryStatusView = z.infer<typeof DeliveryStatusView>;

export const DeliveryAdminQuery = z.object({
  status: z.enum(DELIVERY_STATUSES).optional(),
  channel: z.enum(DELIVERY_CHANNELS).optional(),
  page,
  pageSize,
});
export type DeliveryAdminQuery = z.infer<typeof DeliveryAdminQuery>;

/** One outgoing message for the administrator; the address is masked (the person's own page shows it whole). */
export const DeliveryAdminItem = z.object({
  id: z.string(),
  createdAt: z.string(),
  channel: z.enum(DELIVERY_CHANNELS),
  recipient: z.string(),
  userId: z.string(),
  userName: z.string(),
  kind: z.string(),
  title: z.string(),
  status: z.enum(DELIVERY_STATUSES),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  sentAt: z.string().nullable(),
});
export type DeliveryAdminItem = z.infer<typeof DeliveryAdminItem>;

export const DeliveryAdminList = listOf(DeliveryAdminItem);
export type DeliveryAdminList = z.infer<typeof DeliveryAdminList>;
