/**
 * Issue 12 §1: one-time codes (brute force, expiry, rate limits per address and per client address, no
 * enumeration), sign-up with a code read from a real in-process SMTP server, password reset revoking the
 * user's sessions, and the administrator's revocation of sessions (audited, administrators only).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SMTPServer } from 'smtp-server';
import type { ParsedMail } from 'mailparser';
import { Client, auditRows, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { userWith } from '../plans/testkit.ts';
import { codeSendsSettled } from './delivery.ts';
import { startSmtpSink } from '../../test/smtp-sink.ts';

let env: TestEnv;
let smtp: SMTPServer;
const mails: ParsedMail[] = [];
const PASSWORD = 'Qiye#2026sign';
let ipSeq = 1;
/** A fresh client address per test, so the per-IP limits of one test do not spill into the next. */
const freshClient = () => new Client(env.app, `10.9.${Math.floor(ipSeq / 250)}.${(ipSeq++ % 250) + 1}`);
let seq = 0;
const newEmail = () => `signup${++seq}-${Date.now()}@example.cn`;

beforeAll(async () => {
  let port: number;
  ({ server: smtp, port: port } = await startSmtpSink(mails));
  env = await createTestEnv({
    env: { RT_SMTP_URL: `smtp://127.0.0.1:${port}`, RT_MAIL_FROM: '融通平台 <noreply@rongtong.test>' },
  });
});
afterAll(async () => {
  await env?.close();
  await new Promise<void>((r) => smtp.close(() => r()));
});
beforeEach(() => {
  env.clock.advance(2 * 3_600_000); // past every rate-limit window of the previous test
});

/** The mails that reached `to` since the test began. */
async function mailsTo(to: string): Promise<ParsedMail[]> {
  await codeSendsSettled();
  // The SMTP server parses after the client's DATA ends; give it a moment.
  for (let i = 0; i < 50 && !mails.some((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(to)); i++)
    await new Promise((r) => setTimeout(r, 20));
  return mails.filter((m) => (m.to && 'text' in m.to ? m.to.text : '').includes(to));
}
async function codeSentTo(to: string): Promise<string> {
  const m = (await mailsTo(to)).at(-1);
  const code = /验证码为：(\d{6})/.exec(m?.text ?? '')?.[1];
  if (!code) throw new Error(`no code mailed to ${to}`);
  return code;
}
const ask = (c: Client, identifier: string, purpose: 'sign_up' | 'password_reset' = 'sign_up') =>
  c.post('/api/auth/codes', { identifier, purpose });
const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe(`sign-up with a code (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('mails a code, signs up with it (signed in, no organisation), audited; the code works once', async () => {
    const c = freshClient();
    const email = newEmail();
    const r = await ask(c, email.toUpperCase());
    expect(r.statusCode).toBe(202);
    expect(r.json()).toEqual({
      sentTo: `s***@example.cn`,
      channel: 'email',
      resendAfterSeconds: 60,
      expiresInSeconds: 600,
    });
    const [mail] = await mailsTo(email);
    expect(mail!.subject).toMatch(/^【融通创新主题日】注册账号验证码 \d{6}$/);
    const code = await codeSentTo(email);
    const stored = await env.database.db
      .selectFrom('verification_codes')
      .selectAll()
      .where('address', '=', email)
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.code_hash).not.toContain(code);

    const s = await c.post('/api/auth/sign-up', { identifier: email, code, name: '张小企', password: PASSWORD });
    expect(s.statusCode).toBe(201);
    const me = s.json<{ user: { id: string; email: string }; memberships: unknown[]; activeOrganisationId: null }>();
    expect(me.user.email).toBe(email);
    expect(me.memberships).toEqual([]);
    expect(me.activeOrganisationId).toBeNull();
    const cookie = s.cookies.find((x) => x.name === 'rt_sid');
    expect(cookie?.value).toBeTruthy();
    const who = await env.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { cookie: `rt_sid=${cookie!.value}` },
    });
    expect(who.json<{ user: { id: string } }>().user.id).toBe(me.user.id);
    expect((await auditRows(env, 'user', me.user.id)).map((a) => a.action)).toEqual(['sign_up']);
    // The password works for signing in.
    expect((await new Client(env.app, '10.8.0.1').login(email, PASSWORD)).statusCode).toBe(200);

    const again = await freshClient().post('/api/auth/sign-up', {
      identifier: email,
      code,
      name: '他人',
      password: PASSWORD,
    });
    expect(problem(again)).toMatchObject({ status: 400, code: 'code_invalid' });
    expect(problem(again).errors?.[0]?.field).toBe('code');
  });

  it('refuses a weak password on the password field without spending a try', async () => {
    const c = freshClient();
    const email = newEmail();
    await ask(c, email);
    const code = await codeSentTo(email);
    const r = await c.post('/api/auth/sign-up', { identifier: email, code, name: '张三', password: '123456' });
    expect(problem(r)).toMatchObject({ status: 400, code: 'weak_password' });
    expect(problem(r).errors?.[0]?.field).toBe('password');
    const [row] = await env.database.db
      .selectFrom('verification_codes')
      .selectAll()
      .where('address', '=', email)
      .execute();
    expect(row!.attempts).toBe(0);
  });

  it('locks the code after five wrong tries: even the right code is refused then', async () => {
    const c = freshClient();
    const email = newEmail();
    await ask(c, email);
    const code = await codeSentTo(email);
    const body = { identifier: email, name: '张三', password: PASSWORD };
    for (let i = 1; i <= 4; i++) {
      const r = await c.post('/api/auth/sign-up', { ...body, code: wrong(code) });
      expect(problem(r)).toMatchObject({ status: 400, code: 'code_invalid' });
      expect(problem(r).detail).toContain(`还可尝试 ${5 - i} 次`);
    }
    const fifth = await c.post('/api/auth/sign-up', { ...body, code: wrong(code) });
    expect(problem(fifth)).toMatchObject({ status: 400, code: 'code_locked' });
    const right = await c.post('/api/auth/sign-up', { ...body, code });
    expect(problem(right)).toMatchObject({ status: 400, code: 'code_locked' });
    expect(await env.database.db.selectFrom('users').select('id').where('email', '=', email).execute()).toHaveLength(0);
  });

  it('refuses an expired code (ten minutes)', async () => {
    const c = freshClient();
    const email = newEmail();
    await ask(c, email);
    const code = await codeSentTo(email);
    env.clock.advance(10 * 60_000 + 1000);
    const r = await c.post('/api/auth/sign-up', { identifier: email, code, name: '张三', password: PASSWORD });
    expect(problem(r)).toMatchObject({ status: 400, code: 'code_expired' });
  });

  it('only the newest code counts', async () => {
    const c = freshClient();
    const email = newEmail();
    await ask(c, email);
    const first = await codeSentTo(email);
    env.clock.advance(61_000);
    expect((await ask(c, email)).statusCode).toBe(202);
    const second = await codeSentTo(email);
    if (first !== second) {
      const r = await c.post('/api/auth/sign-up', { identifier: email, code: first, name: '张三', password: PASSWORD });
      expect(problem(r).code).toBe('code_invalid');
    }
    const ok = await c.post('/api/auth/sign-up', { identifier: email, code: second, name: '张三', password: PASSWORD });
    expect(ok.statusCode).toBe(201);
  });

  it('rate-limits per address: once a minute, five an hour (whatever the client address)', async () => {
    const email = newEmail();
    expect((await ask(freshClient(), email)).statusCode).toBe(202);
    const soon = await ask(freshClient(), email);
    expect(problem(soon)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect(Number(soon.headers['retry-after'])).toBeGreaterThan(0);
    for (let i = 2; i <= 5; i++) {
      env.clock.advance(61_000);
      expect((await ask(freshClient(), email)).statusCode).toBe(202);
    }
    env.clock.advance(61_000);
    expect(problem(await ask(freshClient(), email))).toMatchObject({ status: 429, code: 'rate_limited' });
  });

  it('rate-limits per client address: twenty an hour across addresses', async () => {
    const c = freshClient();
    for (let i = 0; i < 20; i++)
      expect((await ask(c, `13${String(800000000 + ++seq).slice(0, 9)}`)).statusCode).toBe(202);
    const r = await ask(c, newEmail());
    expect(problem(r)).toMatchObject({ status: 429, code: 'rate_limited' });
    expect((await ask(freshClient(), newEmail())).statusCode).toBe(202);
  });

  it('refuses what is neither a mobile number nor an e-mail on the identifier field', async () => {
    const r = await ask(freshClient(), '12345');
    expect(problem(r)).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(problem(r).errors?.[0]?.field).toBe('identifier');
  });
});

describe('no account enumeration', () => {
  it('answers sign-up and reset code requests the same for known and unknown addresses', async () => {
    const known = await userWith(env, 'member');
    const unknown = newEmail().replace('signup', 'nobody');
    for (const purpose of ['sign_up', 'password_reset'] as const) {
      env.clock.advance(2 * 3_600_000);
      const a = await ask(freshClient(), known.user.email, purpose);
      const b = await ask(freshClient(), unknown, purpose);
      expect(a.statusCode).toBe(b.statusCode);
      expect(a.statusCode).toBe(202);
      const strip = (x: { sentTo: string }) => ({ ...x, sentTo: x.sentTo.replace(/^.\*\*\*@/, '') });
      expect(strip(a.json())).toEqual(strip(b.json()));
      // Trying a code tells nothing either: the same countdown of tries.
      const ta = await freshClient().post('/api/auth/password-reset', {
        identifier: known.user.email,
        code: '000000',
        newPassword: PASSWORD,
      });
      const tb = await freshClient().post('/api/auth/password-reset', {
        identifier: unknown,
        code: '000000',
        newPassword: PASSWORD,
      });
      if (purpose === 'password_reset') {
        expect(problem(ta).status).toBe(problem(tb).status);
        expect(problem(ta).detail).toBe(problem(tb).detail);
      }
    }
    // Known address at sign-up: a note that the address is registered, no code; unknown at reset: nothing.
    const toKnown = await mailsTo(known.user.email);
    expect(toKnown.some((m) => /已注册/.test(m.subject ?? ''))).toBe(true);
    expect(toKnown.some((m) => /注册账号验证码/.test(m.subject ?? ''))).toBe(false);
    expect(toKnown.some((m) => /找回密码验证码/.test(m.subject ?? ''))).toBe(true);
    const toUnknown = await mailsTo(unknown);
    expect(toUnknown.some((m) => /找回密码/.test(m.subject ?? ''))).toBe(false);
    expect(toUnknown.some((m) => /注册账号验证码/.test(m.subject ?? ''))).toBe(true);
  });

  it('takes similar time for known and unknown addresses', async () => {
    const known = await userWith(env, 'member');
    const time = async (identifier: string) => {
      env.clock.advance(2 * 3_600_000);
      const t0 = performance.now();
      const r = await ask(freshClient(), identifier, 'password_reset');
      expect(r.statusCode).toBe(202);
      return performance.now() - t0;
    };
    const median = (xs: number[]) => xs.sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    const k: number[] = [];
    const u: number[] = [];
    for (let i = 0; i < 7; i++) {
      k.push(await time(known.user.email));
      u.push(await time(newEmail()));
    }
    expect(Math.abs(median(k) - median(u))).toBeLessThan(Math.max(15, median(u)));
  });
});

describe('password reset with a code', () => {
  it('sets the new password, ends every session, lifts a lockout, audits and tells the owner', async () => {
    const m = await userWith(env, 'member');
    const other = await userWith(env, 'member');
    const second = new Client(env.app, '10.7.0.2');
    expect((await second.login(m.user.email, m.user.password)).statusCode).toBe(200);
    await env.database.db
      .updateTable('users')
      .set({ locked_until: '2999-01-01T00:00:00.000Z' })
      .where('id', '=', m.user.id)
      .execute();
    const c = freshClient();
    expect((await ask(c, m.user.email, 'password_reset')).statusCode).toBe(202);
    const code = await codeSentTo(m.user.email);
    const r = await c.post('/api/auth/password-reset', {
      identifier: m.user.email,
      code,
      newPassword: 'Neue#Pass2026',
    });
    expect(r.statusCode).toBe(204);
    expect((await m.client.get('/api/auth/me')).statusCode).toBe(401);
    expect((await second.get('/api/auth/me')).statusCode).toBe(401);
    expect((await other.client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await new Client(env.app, '10.7.0.3').login(m.user.email, m.user.password)).statusCode).toBe(401);
    expect((await new Client(env.app, '10.7.0.4').login(m.user.email, 'Neue#Pass2026')).statusCode).toBe(200);
    expect((await auditRows(env, 'user', m.user.id)).map((a) => a.action)).toContain('password_reset_by_code');
    const notes = await env.database.db
      .selectFrom('notifications')
      .select('title')
      .where('user_id', '=', m.user.id)
      .execute();
    expect(notes.some((n) => n.title.includes('验证码重置'))).toBe(true);
  });

  it('refuses a reset code used for sign-up and a sign-up code used for reset', async () => {
    const m = await userWith(env, 'member');
    const c = freshClient();
    await ask(c, m.user.email, 'password_reset');
    const code = await codeSentTo(m.user.email);
    const s = await c.post('/api/auth/sign-up', { identifier: m.user.email, code, name: '冒名', password: PASSWORD });
    expect(problem(s)).toMatchObject({ status: 400, code: 'code_invalid' });
  });

  it('refuses a weak new password on the newPassword field', async () => {
    const m = await userWith(env, 'member');
    const c = freshClient();
    await ask(c, m.user.email, 'password_reset');
    const code = await codeSentTo(m.user.email);
    const r = await c.post('/api/auth/password-reset', { identifier: m.user.email, code, newPassword: 'abc' });
    expect(problem(r)).toMatchObject({ status: 400, code: 'weak_password' });
    expect(problem(r).errors?.[0]?.field).toBe('newPassword');
  });
});

describe('administrator revokes sessions', () => {
  it('ends every session of the user, audited', async () => {
    const admin = await userWith(env, 'system_admin');
    const m = await userWith(env, 'member');
    const r = await admin.client.post(`/api/users/${m.user.id}/revoke-sessions`);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ revoked: 1 });
    expect((await m.client.get('/api/auth/me')).statusCode).toBe(401);
    const rows = await auditRows(env, 'user', m.user.id);
    const row = rows.find((a) => a.action === 'sessions_revoked');
    expect(row?.actor_user_id).toBe(admin.user.id);
    // Revoking one's own sessions keeps the current one.
    expect((await admin.client.post(`/api/users/${admin.user.id}/revoke-sessions`)).json()).toEqual({ revoked: 0 });
    expect((await admin.client.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('is refused to non-administrators (403 for themselves, 404 for others) and without the CSRF token', async () => {
    const m = await userWith(env, 'member');
    const victim = await userWith(env, 'member');
    expect(problem(await m.client.post(`/api/users/${victim.user.id}/revoke-sessions`)).status).toBe(404);
    expect(problem(await m.client.post(`/api/users/${m.user.id}/revoke-sessions`))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
    const admin = await userWith(env, 'system_admin');
    const r = await admin.client.request({
      method: 'POST',
      url: `/api/users/${victim.user.id}/revoke-sessions`,
      headers: { 'x-csrf-token': 'wrong' },
    });
    expect(problem(r)).toMatchObject({ status: 403, code: 'csrf_failed' });
    expect((await victim.client.get('/api/auth/me')).statusCode).toBe(200);
    expect((await auditRows(env, 'user', victim.user.id)).some((a) => a.action === 'sessions_revoked')).toBe(false);
  });
});
