/**
 * Issue 12 §2: every message is recorded with its delivery status. The recipient sees beside each notification
 * whether its e-mail copy was sent, failed or is pending; the system administrator's 消息发送记录 lists the outbox
 * (status, attempts, last error; filters) and queues a failed message again (audited). Refusals: anonymous 401,
 * other roles 403, unknown message 404, a message not failed 409.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { userWith } from '../plans/testkit.ts';
import { dispatchDeliveries, type Transports } from './delivery.ts';
import { notifyUsers } from './service.ts';
import { maskAddress } from './deliveries-admin.ts';

let env: TestEnv;
let failing = true;
const sent: string[] = [];
const transports: Transports = {
  email: {
    async send(m) {
      if (failing) throw new Error('550 Mailbox unavailable: relaying denied');
      sent.push(m.to);
      return `msg-${sent.length}`;
    },
    close() {},
  },
  sms: null,
  origin: 'https://rongtong.example.gov.cn',
  maxAttempts: 1,
  retrySeconds: 60,
};
beforeAll(async () => {
  env = await createTestEnv({ env: { RT_SMTP_URL: 'smtp://127.0.0.1:9', RT_SMS_PROVIDER: 'off' } });
});
afterAll(async () => {
  await env?.close();
});

const dispatch = () => dispatchDeliveries(env.database, transports, env.clock);
interface Listed {
  items: {
    id: string;
    userName: string;
    recipient: string;
    title: string;
    status: string;
    attempts: number;
    lastError: string | null;
    channel: string;
  }[];
  total: number;
}

describe('delivery status', () => {
  let admin: Awaited<ReturnType<typeof userWith>>;
  let person: Awaited<ReturnType<typeof userWith>>;
  let failedId: string;
  beforeAll(async () => {
    admin = await userWith(env, 'system_admin');
    person = await userWith(env, 'member');
    const at = env.clock.now();
    // Deadline reminders go by e-mail by default; event notices do not (in-app only).
    await notifyUsers(env.database.db, [person.user.id], { kind: 'plan_deadline_reminder', title: '第一条' }, at);
    await notifyUsers(env.database.db, [person.user.id], { kind: 'meeting_agenda_reminder', title: '站内' }, at);
    expect(await dispatch()).toMatchObject({ failed: 1 });
    failing = false;
    env.clock.advance(1000);
    const later = env.clock.now();
    await notifyUsers(env.database.db, [person.user.id], { kind: 'plan_deadline_reminder', title: '第二条' }, later);
  });

  it('shows the recipient, per notification, whether its e-mail was sent, failed or is pending', async () => {
    const r = await person.client.get('/api/notifications');
    expect(r.statusCode).toBe(200);
    const byTitle = new Map(
      r.json<{ items: { title: string; deliveries: unknown[] }[] }>().items.map((n) => [n.title, n.deliveries]),
    );
    expect(byTitle.get('第一条')).toEqual([{ channel: 'email', status: 'failed', sentAt: null }]);
    expect(byTitle.get('第二条')).toEqual([{ channel: 'email', status: 'pending', sentAt: null }]);
    expect(byTitle.get('站内')).toEqual([]);
  });

  it('lists the outbox for the administrator with status, attempts and the last error, filtered', async () => {
    const all = await admin.client.get('/api/admin/notification-deliveries');
    expect(all.statusCode).toBe(200);
    const mine = all.json<Listed>().items.filter((i) => i.userName === person.user.name);
    expect(mine.map((i) => [i.title, i.status, i.attempts])).toEqual([
      ['第二条', 'pending', 0],
      ['第一条', 'failed', 1],
    ]);
    const failed = await admin.client.get('/api/admin/notification-deliveries?status=failed&channel=email');
    const items = failed.json<Listed>().items;
    expect(items.every((i) => i.status === 'failed' && i.channel === 'email')).toBe(true);
    const row = items.find((i) => i.title === '第一条')!;
    expect(row.lastError).toContain('relaying denied');
    expect(row.recipient).toBe(maskAddress('email', person.user.email));
    expect(row.recipient).not.toBe(person.user.email);
    failedId = row.id;
    expect((await admin.client.get('/api/admin/notification-deliveries?status=sent')).json<Listed>().items).toEqual([]);
    expect((await admin.client.get('/api/admin/notification-deliveries?status=bogus')).statusCode).toBe(400);
  });

  it('refuses anyone but the system administrator', async () => {
    expect(problem(await new Client(env.app).get('/api/admin/notification-deliveries'))).toMatchObject({
      status: 401,
    });
    for (const role of ['member', 'programme_owner'] as const) {
      const u = role === 'member' ? person : await userWith(env, role);
      expect(problem(await u.client.get('/api/admin/notification-deliveries'))).toMatchObject({
        status: 403,
        code: 'forbidden',
      });
      expect(problem(await u.client.post(`/api/admin/notification-deliveries/${failedId}/retry`))).toMatchObject({
        status: 403,
      });
    }
  });

  it('queues a failed message again (audited), and refuses an unknown or not-failed one', async () => {
    expect(problem(await admin.client.post('/api/admin/notification-deliveries/nope/retry'))).toMatchObject({
      status: 404,
    });
    const r = await admin.client.post(`/api/admin/notification-deliveries/${failedId}/retry`);
    expect(r.statusCode).toBe(204);
    const audits = await auditRows(env, 'notification_delivery', failedId);
    expect(audits.map((a) => a.action)).toEqual(['retry']);
    expect(audits[0]!.actor_user_id).toBe(admin.user.id);
    expect(problem(await admin.client.post(`/api/admin/notification-deliveries/${failedId}/retry`))).toMatchObject({
      status: 409,
      code: 'delivery_not_failed',
    });
    expect(await dispatch()).toMatchObject({ sent: 2, failed: 0 });
    expect(sent).toEqual([person.user.email, person.user.email]);
    const after = (await admin.client.get('/api/admin/notification-deliveries?status=sent')).json<Listed>().items;
    expect(after.map((i) => i.title).sort()).toEqual(['第一条', '第二条']);
  });
});

describe('maskAddress', () => {
  it('keeps enough of an address to tell messages apart', () => {
    expect(maskAddress('sms', '13800138000')).toBe('138****8000');
    expect(maskAddress('email', 'zhang.san@example.com')).toBe('zh***@example.com');
    expect(maskAddress('email', 'a@b.cn')).toBe('a***@b.cn');
  });
});
