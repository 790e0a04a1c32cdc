/** Types of the caller's notification preferences (common/contracts/notification-preferences.ts). */
export type {
  NotificationPreferences,
  NotificationPreferencesUpdate,
  PreferenceItem,
  NotificationCategory,
  DeliveryChannel,
} from '../../common/contracts/notification-preferences.ts';
export {
  NOTIFICATION_CATEGORIES,
  NOTIFICATION_CATEGORY_LABELS,
  DELIVERY_CHANNEL_LABELS,
} from '../../common/contracts/notification-preferences.ts';
