/**
 * E-mail and SMS delivery of notifications (issue 12 §2), as an outbox.
 *
 * `notifyUsers` writes the in-app rows and, in the same transaction, one outbox row per recipient and channel
 * the recipient chose (preferences by category, defaults in the contract) and the server can use (SMTP
 * configured; an SMS provider other than `off`). Nothing is sent inside the request: after commit, a
 * dispatcher on any app server claims due rows with a lease, sends them, and marks each sent — or, on
 * failure, schedules a retry with exponential backoff until the attempts run out and marks it failed. A
 * channel that fails therefore never fails the request that caused the notification.
 */
import {
  DEFAULT_PREFERENCES,
  DELIVERY_CHANNELS,
  notificationCategory,
  type DeliveryChannel,
} from '../../../common/contracts/notification-preferences.ts';
import type { Config } from '../../config.ts';
import type { Database, Executor } from '../../db/index.ts';
import { json } from '../../db/index.ts';
import type { Clock } from '../../lib/context.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { formatShanghai } from '../../../common/time.ts';
import { renderMail, smtpSender, type MailSender } from './mail.ts';
import { aliyunSmsProvider, logSmsProvider, type SmsProvider } from './sms.ts';
import { claimDue, insertDeliveries, recipientsWithChoices, settleDelivery } from './outbox.ts';

/** Which channels this server queues messages for (set once at start from the configuration). */
const enabled: Record<DeliveryChannel, boolean> = { email: false, sms: false };
let smsSimulated = false;
/** Called after something was queued, so the server can dispatch soon after the request (not in tests). */
let onQueued: (() => void) | null = null;

export function configureDelivery(
  channels: Record<DeliveryChannel, boolean> & { smsSimulated?: boolean },
  queued: (() => void) | null,
): void {
  enabled.email = channels.email;
  enabled.sms = channels.sms;
  smsSimulated = channels.smsSimulated ?? false;
  onQueued = queued;
}
export const channelEnabled = (c: DeliveryChannel): boolean => enabled[c];
/** True when SMS goes to the log-only development provider. */
export const smsIsSimulated = (): boolean => smsSimulated;

interface Payload {
  title: string;
  body: string | null;
  link: string | null;
  name: string;
  at: string;
}

/** Queues e-mail/SMS copies of notifications just inserted (same executor, so a rollback queues nothing). */
export async function enqueueDeliveries(
  db: Executor,
  sent: { notificationId: string; userId: string }[],
  n: { kind: string; title: string; body?: string; link?: string },
  now: Date,
): Promise<number> {
  const channels = DELIVERY_CHANNELS.filter((c) => enabled[c]);
  if (!channels.length || !sent.length) return 0;
  const category = notificationCategory(n.kind);
  const { users, prefs } = await recipientsWithChoices(
    db,
    sent.map((s) => s.userId),
    category,
  );
  const byId = new Map(users.map((u) => [u.id, u]));
  const at = nowIso(now);
  const rows = [];
  for (const s of sent) {
    const u = byId.get(s.userId);
    if (!u) continue;
    for (const channel of channels) {
      const choice = prefs.find((p) => p.user_id === s.userId && p.channel === channel);
      const wanted = choice ? choice.enabled === 1 : DEFAULT_PREFERENCES[category][channel];
      const recipient = channel === 'email' ? u.email : u.mobile;
      if (!wanted || !recipient) continue;
      const payload: Payload = { title: n.title, body: n.body ?? null, link: n.link ?? null, name: u.name, at };
      rows.push({
        id: newId(),
        notification_id: s.notificationId,
        user_id: s.userId,
        channel,
        recipient,
        kind: n.kind,
        template: channel === 'email' ? 'notification' : 'notification_sms',
        payload: json.stringify(payload),
        status: 'pending' as const,
        attempts: 0,
        next_attempt_at: at,
        lease_until: null,
        last_error: null,
        provider_id: null,
        created_at: at,
        sent_at: null,
      });
    }
  }
  await insertDeliveries(db, rows);
  if (rows.length) onQueued?.();
  return rows.length;
}

export interface Transports {
  email: MailSender | null;
  sms: SmsProvider | null;
  /** The platform's address for absolute links in messages. */
  origin: string;
  maxAttempts: number;
  retrySeconds: number;
}

/** The transports the configuration asks for. */
export function buildTransports(config: Config, log: (line: string, data: object) => void): Transports {
  const provider =
    config.RT_SMS_PROVIDER === 'auto' ? (config.NODE_ENV === 'production' ? 'off' : 'log') : config.RT_SMS_PROVIDER;
  const sms =
    provider === 'aliyun'
      ? aliyunSmsProvider({
          endpoint: config.RT_SMS_ENDPOINT,
          accessKeyId: config.RT_SMS_ACCESS_KEY_ID ?? '',
          accessKeySecret: config.RT_SMS_ACCESS_KEY_SECRET ?? '',
          signName: config.RT_SMS_SIGN_NAME ?? '',
          templateCode: config.RT_SMS_TEMPLATE_CODE ?? '',
          templates: {
            code: config.RT_SMS_CODE_TEMPLATE,
            invitation: config.RT_SMS_INVITE_TEMPLATE,
            account: config.RT_SMS_ACCOUNT_TEMPLATE,
          },
        })
      : provider === 'log'
        ? logSmsProvider(log)
        : null;
  return {
    email: config.RT_SMTP_URL ? smtpSender(config.RT_SMTP_URL, config.RT_MAIL_FROM) : null,
    sms,
    origin: (config.PUBLIC_URL ?? `http://localhost:${config.PORT}`).replace(/\/+$/, ''),
    maxAttempts: config.RT_DELIVERY_MAX_ATTEMPTS,
    retrySeconds: config.RT_DELIVERY_RETRY_SECONDS,
  };
}

const LEASE_MS = 2 * 60 * 1000;
/** SMS template parameters are short on every gateway (Aliyun: 35 characters per variable). */
const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * Sends what is due: claims a batch, sends each message, settles it. Returns the counts. Safe to run on several
 * app servers at once: a row is claimed by one of them (lease), and a dispatcher that dies leaves its rows to be
 * claimed again after the lease.
 */
export async function dispatchDeliveries(
  database: Pick<Database, 'db' | 'dialect'>,
  t: Transports,
  clock: Clock,
  limit = 50,
): Promise<{ sent: number; retried: number; failed: number }> {
  const out = { sent: 0, retried: 0, failed: 0 };
  const now = clock.now();
  const lease = nowIso(new Date(now.getTime() + LEASE_MS));
  const claimed = await claimDue(database.db, database.dialect, nowIso(now), lease, limit);
  for (const d of claimed) {
    const p = json.parse<Payload>(d.payload, { title: '', body: null, link: null, name: '', at: d.created_at });
    let error: string | null = null;
    let providerId: string | null = null;
    try {
      if (d.channel === 'email') {
        if (!t.email) throw new Error('e-mail (RT_SMTP_URL) is not configured on this server');
        providerId = await t.email.send({ to: d.recipient, ...renderMail(p, t.origin) });
      } else {
        if (!t.sms) throw new Error('SMS (RT_SMS_PROVIDER) is off on this server');
        providerId = await t.sms.send({
          phone: d.recipient,
          params: { title: clip(p.title, 35), time: formatShanghai(p.at) },
        });
      }
    } catch (err) {
      error = clip(err instanceof Error ? err.message : String(err), 500);
    }
    const at = clock.now();
    if (error === null) {
      await settleDelivery(database.db, d.id, lease, {
        status: 'sent',
        sent_at: nowIso(at),
        provider_id: providerId,
        last_error: null,
      });
      out.sent++;
    } else if (d.attempts >= t.maxAttempts) {
      await settleDelivery(database.db, d.id, lease, { status: 'failed', last_error: error });
      out.failed++;
    } else {
      const delay = t.retrySeconds * 1000 * 2 ** (d.attempts - 1);
      await settleDelivery(database.db, d.id, lease, {
        status: 'pending',
        next_attempt_at: nowIso(new Date(at.getTime() + delay)),
        last_error: error,
      });
      out.retried++;
    }
  }
  return out;
}
