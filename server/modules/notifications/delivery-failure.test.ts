/**
 * Issue 12 §2: a failing e-mail channel never fails the request. An SMTP server that refuses every message,
 * then one that is down: the request that notified succeeds, the message is retried with exponential backoff
 * and finally marked failed with the last error.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { baseWithAdmin, programmeVia, submittedPlan, userWith } from '../plans/testkit.ts';
import { buildTransports, dispatchDeliveries, type Transports } from './delivery.ts';

let env: TestEnv;
let smtp: SMTPServer | null;
let transports: Transports;
let refused = 0;

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onMailFrom(_address, _session, cb) {
      refused++;
      const err = new Error('Mailbox unavailable: relaying denied') as Error & { responseCode: number };
      err.responseCode = 550;
      cb(err);
    },
  });
  await new Promise<void>((r) => smtp!.listen(0, '127.0.0.1', r));
  const port = (smtp.server.address() as AddressInfo).port;
  env = await createTestEnv({ env: { RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_SMS_PROVIDER: 'off' } });
  transports = buildTransports(env.config, () => undefined);
});
afterAll(async () => {
  transports?.email?.close();
  await env?.close();
  if (smtp) await new Promise<void>((r) => smtp!.close(() => r()));
});

describe('a refusing, then unreachable SMTP server', () => {
  it('leaves the request successful, retries with backoff (1, 2, 4, 8 min) and marks the message failed after 5 attempts', async () => {
    const owner = await userWith(env, 'programme_owner');
    const programmeId = await programmeVia(owner.client, { year: 2020 });
    const admin = await baseWithAdmin(env);
    const planId = await submittedPlan(admin.client, programmeId);
    const r = await owner.client.post(`/api/plans/${planId}/return`, { reason: '请补充项目对接周期安排' });
    expect(r.statusCode).toBe(200);
    expect(r.json<{ status: string }>().status).toBe('returned');

    const row = () =>
      env.database.db
        .selectFrom('notification_deliveries')
        .selectAll()
        .where('user_id', '=', admin.user.id)
        .executeTakeFirstOrThrow();
    const dispatch = () => dispatchDeliveries(env.database, transports, env.clock);

    // Attempt 1: refused (550).
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 1, failed: 0 });
    expect(refused).toBe(1);
    let d = await row();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lease_until: null });
    expect(d.last_error).toMatch(/550|relaying denied/);
    const gap = (x: typeof d) => (Date.parse(x.next_attempt_at) - env.clock.now().getTime()) / 1000;
    expect(gap(d)).toBe(60);
    // Not due yet: nothing is claimed.
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 0, failed: 0 });

    // Attempt 2: refused again, next in 2 minutes.
    env.clock.advance(60_000);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    d = await row();
    expect(d.attempts).toBe(2);
    expect(gap(d)).toBe(120);

    // The server goes down: attempts 3 and 4 cannot connect.
    await new Promise<void>((res) => smtp!.close(() => res()));
    smtp = null;
    env.clock.advance(120_000);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    d = await row();
    expect(d.attempts).toBe(3);
    expect(gap(d)).toBe(240);
    expect(d.last_error).toMatch(/ECONNREFUSED|connect/i);
    env.clock.advance(240_000);
    expect(await dispatch()).toMatchObject({ retried: 1 });
    expect(gap(await row())).toBe(480);

    // Attempt 5 is the last.
    env.clock.advance(480_000);
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 0, failed: 1 });
    d = await row();
    expect(d).toMatchObject({ status: 'failed', attempts: 5, sent_at: null });
    env.clock.advance(24 * 3600_000);
    expect(await dispatch()).toMatchObject({ sent: 0, retried: 0, failed: 0 });

    // The in-app notification is there all along.
    const inApp = await env.database.db
      .selectFrom('notifications')
      .select('kind')
      .where('user_id', '=', admin.user.id)
      .execute();
    expect(inApp.map((n) => n.kind)).toContain('plan_returned');
  });
});
