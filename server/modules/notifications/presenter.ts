/** A notification as its recipient sees it, with the delivery status of its e-mail/SMS copies. */
import type { NotificationView } from '../../../common/contracts/notifications.ts';
import type { DeliveryStatusView } from '../../../common/contracts/notification-deliveries.ts';
import type { NotificationRow } from './repository.ts';

export function presentNotification(r: NotificationRow, deliveries: DeliveryStatusView[] = []): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
    deliveries,
  };
}
