/**
 * Issue 12 §2: how notifications reach people beyond the app. Every notification kind belongs to a category;
 * a user chooses per category whether it also goes by e-mail and by SMS (in-app is always on). The server
 * (server/modules/notifications/delivery.ts) records every outgoing message in an outbox with its status.
 */
import { z } from 'zod';
import { NOTIFICATION_CATEGORIES } from '../notification-categories.ts';

export * from '../notification-categories.ts';

export const PreferenceItem = z.object({
  category: z.enum(NOTIFICATION_CATEGORIES),
  email: z.boolean(),
  sms: z.boolean(),
});
export type PreferenceItem = z.infer<typeof PreferenceItem>;

/** GET /api/me/notification-preferences: one row per category, and whether each channel can reach the caller. */
export const NotificationPreferences = z.object({
  items: z.array(PreferenceItem),
  channels: z.object({
    email: z.object({ enabled: z.boolean(), address: z.string().nullable() }),
    /** `simulated`: the development provider, which writes messages to the log and sends nothing. */
    sms: z.object({ enabled: z.boolean(), address: z.string().nullable(), simulated: z.boolean() }),
  }),
});
export type NotificationPreferences = z.infer<typeof NotificationPreferences>;

/** PUT body: the categories to set (others keep their value). */
export const NotificationPreferencesUpdate = z.object({
  items: z
    .array(PreferenceItem)
    .min(1)
    .max(NOTIFICATION_CATEGORIES.length)
    .refine((a) => new Set(a.map((i) => i.category)).size === a.length, '每个类别只能出现一次'),
});
export type NotificationPreferencesUpdate = z.infer<typeof NotificationPreferencesUpdate>;
