/** The caller's notification preferences: per category, e-mail and SMS on or off (in-app always on). */
import {
  DEFAULT_PREFERENCES,
  DELIVERY_CHANNELS,
  NOTIFICATION_CATEGORIES,
  type NotificationPreferences,
  type NotificationPreferencesUpdate,
} from '../../../common/contracts/notification-preferences.ts';
import type { Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { channelEnabled, smsIsSimulated } from './delivery.ts';
import { contactOf, preferencesOf, upsertPreference } from './outbox.ts';

async function read(db: Executor, userId: string): Promise<NotificationPreferences> {
  const [stored, contact] = await Promise.all([preferencesOf(db, userId), contactOf(db, userId)]);
  const pick = (category: (typeof NOTIFICATION_CATEGORIES)[number], channel: 'email' | 'sms') => {
    const row = stored.find((r) => r.category === category && r.channel === channel);
    return row ? row.enabled === 1 : DEFAULT_PREFERENCES[category][channel];
  };
  return {
    items: NOTIFICATION_CATEGORIES.map((category) => ({
      category,
      email: pick(category, 'email'),
      sms: pick(category, 'sms'),
    })),
    channels: {
      email: { enabled: channelEnabled('email'), address: contact?.email ?? null },
      sms: { enabled: channelEnabled('sms'), address: contact?.mobile ?? null, simulated: smsIsSimulated() },
    },
  };
}

export async function getNotificationPreferences(ctx: Ctx): Promise<NotificationPreferences> {
  const actor = requireActor(ctx);
  return read(ctx.db, actor.userId);
}

/** Stores the given categories' choices (others unchanged) and audits before/after. */
export async function updateNotificationPreferences(
  ctx: Ctx,
  props: NotificationPreferencesUpdate,
): Promise<NotificationPreferences> {
  const actor = requireActor(ctx);
  const at = nowIso(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    const before = await read(trx, actor.userId);
    for (const item of props.items) {
      for (const channel of DELIVERY_CHANNELS) {
        await upsertPreference(trx, {
          user_id: actor.userId,
          category: item.category,
          channel,
          enabled: item[channel] ? 1 : 0,
          updated_at: at,
        });
      }
    }
    const after = await read(trx, actor.userId);
    await audit(trx, ctx, {
      entityType: 'notification_preferences',
      entityId: actor.userId,
      action: 'update',
      before: before.items,
      after: after.items,
    });
    return after;
  });
}
