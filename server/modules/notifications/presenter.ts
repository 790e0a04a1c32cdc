/** A notification as its recipient sees it. */
import type { NotificationView } from '../../../common/contracts/notifications.ts';
import type { NotificationRow } from './repository.ts';

export function presentNotification(r: NotificationRow): NotificationView {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    body: r.body,
    link: r.link,
    createdAt: r.created_at,
    readAt: r.read_at,
  };
}
