import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';

let env: TestEnv;

/** A refusal as the caller sees it: status and body, without the per-request `instance`. */
function refusal(r: LightMyRequestResponse) {
  const { instance: _instance, ...body } = r.json<Record<string, unknown>>();
  return { status: r.statusCode, body };
}

/** The reasons audited for a user's refused sign-ins, sorted. */
async function failureReasons(userId: string): Promise<string[]> {
  const rows = await env.database.db
    .selectFrom('audit_events')
    .select('after')
    .where('entity_type', '=', 'user')
    .where('entity_id', '=', userId)
    .where('action', 'in', ['login_failed', 'locked'])
    .execute();
  return rows.map((r) => String((JSON.parse(r.after ?? '{}') as { reason?: string }).reason)).sort();
}

beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe(`auth and sessions (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('signs in by e-mail or mobile, returns memberships, nav and a CSRF token, and sets an HttpOnly cookie', async () => {
    const org = await createOrganisation(env.database.db, { kind: 'government', name: '国家发展改革委高技术司' });
    const u = await createUser(env.database.db, {
      email: 'Owner@Example.cn',
      mobile: '13800000001',
      memberships: [{ organisationId: org.id, role: 'programme_owner' }],
    });
    const byMail = new Client(env.app);
    const r1 = await byMail.login('owner@example.cn', u.password);
    expect(r1.statusCode).toBe(200);
    const me = r1.json();
    expect(me.user.id).toBe(u.id);
    expect(me.roles).toEqual(['programme_owner']);
    expect(me.nav).toContain('programmes');
    expect(me.nav).not.toContain('users');
    expect(me.csrfToken).toMatch(/.{20,}/);
    const cookie = r1.headers['set-cookie'];
    expect(String(cookie)).toMatch(/HttpOnly/i);
    expect(String(cookie)).toMatch(/SameSite=Lax/i);
    const byMobile = new Client(env.app);
    expect((await byMobile.login('+86 138-0000-0001', u.password)).statusCode).toBe(200);
    // Two logins are two different sessions.
    expect(byMobile.cookie).not.toBe(byMail.cookie);
    const audit = await env.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('actor_user_id', '=', u.id)
      .where('action', '=', 'login')
      .execute();
    expect(audit.length).toBe(2);
  });

  it('gives one answer for an unknown account, a wrong password, a locked and a disabled account', async () => {
    const plain = await createUser(env.database.db, {});
    const locked = await createUser(env.database.db, {});
    const disabled = await createUser(env.database.db, {});
    await env.database.db
      .updateTable('users')
      .set({ locked_until: new Date(env.clock.now().getTime() + 10 * 60_000).toISOString() })
      .where('id', '=', locked.id)
      .execute();
    await env.database.db.updateTable('users').set({ disabled: 1 }).where('id', '=', disabled.id).execute();
    const answers = {
      unknown: await new Client(env.app).login('nobody-here@example.cn', 'Whatever#2020'),
      wrongPassword: await new Client(env.app).login(plain.email, 'wrong-password'),
      lockedWrong: await new Client(env.app).login(locked.email, 'wrong-password'),
      lockedRight: await new Client(env.app).login(locked.email, locked.password),
      disabledWrong: await new Client(env.app).login(disabled.email, 'wrong-password'),
      disabledRight: await new Client(env.app).login(disabled.email, disabled.password),
    };
    const reference = refusal(answers.unknown);
    expect(reference).toMatchObject({ status: 401, body: { code: 'invalid_credentials', title: '账号或密码错误' } });
    expect(String(reference.body.detail)).not.toMatch(/\d/); // no "attempts left", no minutes to wait
    for (const [name, r] of Object.entries(answers)) {
      expect({ name, ...refusal(r) }).toEqual({ name, ...reference });
      expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(r.cookies.find((c) => c.name === 'rt_sid')).toBeUndefined();
    }
    // The real reason is in the audit log.
    expect(await failureReasons(plain.id)).toEqual(['wrong_password']);
    expect(await failureReasons(locked.id)).toEqual(['locked', 'locked']);
    expect(await failureReasons(disabled.id)).toEqual(['disabled', 'disabled']);
    const unknown = await env.database.db
      .selectFrom('audit_events')
      .select('after')
      .where('entity_type', '=', 'session')
      .where('action', '=', 'login_failed')
      .execute();
    expect(unknown.map((a) => JSON.parse(a.after ?? '{}'))).toContainEqual({
      identifier: 'nobody-here@example.cn',
      reason: 'unknown_account',
    });
    // A locked or disabled account's attempts do not count towards (another) lock.
    const counts = await env.database.db
      .selectFrom('users')
      .select(['id', 'failed_logins'])
      .where('id', 'in', [locked.id, disabled.id])
      .execute();
    expect(counts.map((c) => Number(c.failed_logins))).toEqual([0, 0]);
  });

  it('spends about as long on an unknown account as on a wrong password (dummy argon2 verification)', async () => {
    const u = await createUser(env.database.db, {});
    const time = async (identifier: string) => {
      const t0 = performance.now();
      await new Client(env.app).login(identifier, 'wrong-password');
      return performance.now() - t0;
    };
    await time('warm-up@example.cn');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(u.email));
      unknown.push(await time(`nobody${i}@example.cn`));
    }
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[1]!;
    // argon2id (m=19 MiB, t=2) dominates both: an unknown account without the dummy verify would take a
    // fraction of a wrong password's time.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it('locks an account for 15 minutes after 5 failures in a row, tells its owner, then lets it in again', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    const first = refusal(await c.login(u.email, 'bad'));
    for (let i = 0; i < 4; i++) expect(refusal(await c.login(u.email, 'bad'))).toEqual(first);
    // Even the right password is refused while locked, with the same answer.
    expect(refusal(await c.login(u.email, u.password))).toEqual(first);
    env.clock.advance(14 * 60_000);
    expect(refusal(await c.login(u.email, u.password))).toEqual(first);
    env.clock.advance(61_000);
    expect((await c.login(u.email, u.password)).statusCode).toBe(200);
    const locked = await env.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', u.id)
      .where('action', '=', 'locked')
      .execute();
    expect(locked.length).toBe(1);
    expect(await failureReasons(u.id)).toEqual(['locked', 'locked', ...Array(5).fill('wrong_password')]);
    const notes = await env.database.db
      .selectFrom('notifications')
      .select(['kind', 'title'])
      .where('user_id', '=', u.id)
      .execute();
    expect(notes).toEqual([{ kind: 'account_locked', title: expect.stringMatching(/锁定 15 分钟/) }]);
    // The owner reads it once signed in.
    const list = (await c.get('/api/notifications')).json<{ items: { kind: string }[] }>();
    expect(list.items.map((n) => n.kind)).toContain('account_locked');
  });

  it('locks after exactly 5 failures even when the wrong guesses arrive in parallel', async () => {
    const u = await createUser(env.database.db, {});
    const results = await Promise.all(Array.from({ length: 12 }, () => new Client(env.app).login(u.email, 'bad')));
    expect(new Set(results.map((r) => JSON.stringify(refusal(r))))).toHaveLength(1);
    const row = await env.database.db
      .selectFrom('users')
      .select('locked_until')
      .where('id', '=', u.id)
      .executeTakeFirstOrThrow();
    expect(row.locked_until).not.toBeNull();
    const r = await new Client(env.app).login(u.email, u.password);
    expect(problem(r)).toMatchObject({ status: 401, code: 'invalid_credentials' });
    const locks = await env.database.db
      .selectFrom('audit_events')
      .select('id')
      .where('entity_id', '=', u.id)
      .where('action', '=', 'locked')
      .execute();
    expect(locks.length).toBeGreaterThanOrEqual(1);
  });

  it('expires a session after 30 idle minutes', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    env.clock.advance(29 * 60_000);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(29 * 60_000); // activity above reset the idle timer
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    env.clock.advance(31 * 60_000);
    expect(problem(await c.get('/api/auth/me'))).toMatchObject({ status: 401, code: 'session_expired' });
    expect(problem(await c.get('/api/auth/me')).code).toBe('unauthenticated');
  });

  it('expires a busy session after 12 hours regardless of activity', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    for (let i = 0; i < 24; i++) {
      env.clock.advance(29 * 60_000);
      const r = await c.get('/api/auth/me');
      if (i < 24 && r.statusCode !== 200) {
        // 24 × 29 min = 11.6 h: still inside the absolute limit
        throw new Error(`expired early at step ${i}`);
      }
    }
    env.clock.advance(30 * 60_000);
    expect(problem(await c.get('/api/auth/me')).code).toBe('session_expired');
  });

  it('logout kills the session server-side', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    const cookie = c.cookie;
    expect((await c.post('/api/auth/logout')).statusCode).toBe(204);
    c.cookie = cookie; // replaying the old cookie does not work
    expect(problem(await c.get('/api/auth/me')).code).toBe('unauthenticated');
  });

  it('refuses a cookie-authenticated write without the CSRF token', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    await c.login(u.email, u.password);
    const r = await c.request({ method: 'POST', url: '/api/auth/logout', headers: { 'x-csrf-token': 'forged' } });
    expect(problem(r)).toMatchObject({ status: 403, code: 'csrf_failed' });
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
  });

  it('switches the active organisation only to one the user belongs to', async () => {
    const a = await createOrganisation(env.database.db, { kind: 'government' });
    const b = await createOrganisation(env.database.db, {});
    const other = await createOrganisation(env.database.db, {});
    const u = await createUser(env.database.db, {
      memberships: [
        { organisationId: a.id, role: 'department_reviewer' },
        { organisationId: b.id, role: 'member' },
      ],
    });
    const c = new Client(env.app);
    const me = (await c.login(u.email, u.password)).json();
    expect(me.memberships.length).toBe(2);
    const r = await c.post('/api/auth/switch-organisation', { organisationId: b.id });
    expect(r.statusCode).toBe(200);
    expect(r.json().roles).toEqual(['member']);
    expect((await c.get('/api/auth/me')).json().activeOrganisationId).toBe(b.id);
    expect(problem(await c.post('/api/auth/switch-organisation', { organisationId: other.id })).status).toBe(404);
  });

  it('changes the password only to one that meets the policy, and ends other sessions', async () => {
    const u = await createUser(env.database.db, { mobile: '13912345678' });
    const c = new Client(env.app);
    const other = new Client(env.app);
    await c.login(u.email, u.password);
    await other.login(u.email, u.password);
    const weak = problem(await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'abc12345' }));
    expect(weak).toMatchObject({ status: 400, code: 'weak_password' });
    expect(weak.errors?.[0]?.field).toBe('newPassword');
    expect(
      problem(await c.post('/api/auth/password', { currentPassword: 'nope', newPassword: 'Xy7#kLm9pq' })).code,
    ).toBe('validation_failed');
    expect(
      (await c.post('/api/auth/password', { currentPassword: u.password, newPassword: 'Xy7#kLm9pq' })).statusCode,
    ).toBe(204);
    expect((await c.get('/api/auth/me')).statusCode).toBe(200);
    expect((await other.get('/api/auth/me')).statusCode).toBe(401);
    expect((await new Client(env.app).login(u.email, 'Xy7#kLm9pq')).statusCode).toBe(200);
  });

  it('answers bad input with problem+json field errors, never a 500', async () => {
    const r = await env.app.inject({ method: 'POST', url: '/api/auth/login', payload: { identifier: '' } });
    const p = problem(r);
    expect(p.status).toBe(400);
    expect(p.code).toBe('validation_failed');
    expect(p.errors?.map((e) => e.field)).toEqual(expect.arrayContaining(['identifier', 'password']));
    const bad = await env.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json' },
      payload: '{not json',
    });
    expect(problem(bad)).toMatchObject({ status: 400, code: 'bad_request' });
  });
});

describe('platform basics', () => {
  it('reports health with the dialect and migration state', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json().database.dialect).toBe(env.dialect);
    expect(r.json().database.pending).toEqual([]);
    expect(r.json().database.applied.length).toBeGreaterThan(0);
  });

  it('answers unknown API routes with a problem 404 carrying the request id', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/no-such-thing' });
    const body = r.json();
    expect(r.statusCode).toBe(404);
    expect(body.code).toBe('route_not_found');
    expect(body.title).toBe('接口不存在');
    expect(body.instance).toBe(r.headers['x-request-id']);
  });

  it('serves the OpenAPI document', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(r.statusCode).toBe(200);
    expect(r.json().openapi).toBe('3.0.3');
    expect(Object.keys(r.json().paths)).toContain('/api/auth/login');
  });

  it('titles problems in English when asked', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/auth/me', headers: { 'accept-language': 'en-US' } });
    expect(r.json().title).toBe('Please sign in');
  });
});
