/** Request and response shapes of the caller's in-app notifications (server/modules/notifications). */
import { z } from 'zod';
import { pagingQuery } from './common.ts';
import { DeliveryStatusView } from './notification-deliveries.ts';

const { page, pageSize } = pagingQuery();

export const NotificationView = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  body: z.string().nullable(),
  link: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
  /** E-mail/SMS copies and whether each was sent (none when only in-app). */
  deliveries: z.array(DeliveryStatusView),
});
export type NotificationView = z.infer<typeof NotificationView>;

export const NotificationListQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page,
  pageSize,
});
export type NotificationListQuery = z.infer<typeof NotificationListQuery>;

/** A page of notifications plus the caller's unread count (the bell's badge). */
export const NotificationList = z.object({
  items: z.array(NotificationView),
  total: z.number(),
  unread: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export type NotificationList = z.infer<typeof NotificationList>;
