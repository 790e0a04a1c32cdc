import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';

let env: TestEnv;
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

  it('refuses a wrong password with invalid_credentials and an unknown account the same way', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    const r = await c.login(u.email, 'wrong-password');
    expect(problem(r)).toMatchObject({ status: 401, code: 'invalid_credentials' });
    expect(r.headers['content-type']).toMatch(/application\/problem\+json/);
    const r2 = await c.login('nobody@example.cn', 'whatever');
    expect(problem(r2)).toMatchObject({ status: 401, code: 'invalid_credentials' });
  });

  it('locks an account for 15 minutes after 5 failures in a row, then lets it in again', async () => {
    const u = await createUser(env.database.db, {});
    const c = new Client(env.app);
    for (let i = 0; i < 4; i++) expect(problem(await c.login(u.email, 'bad')).code).toBe('invalid_credentials');
    const fifth = problem(await c.login(u.email, 'bad'));
    expect(fifth).toMatchObject({ status: 423, code: 'account_locked' });
    expect(fifth.detail).toMatch(/锁定/);
    // Even the right password is refused while locked.
    expect(problem(await c.login(u.email, u.password)).code).toBe('account_locked');
    env.clock.advance(14 * 60_000);
    expect(problem(await c.login(u.email, u.password)).code).toBe('account_locked');
    env.clock.advance(61_000);
    expect((await c.login(u.email, u.password)).statusCode).toBe(200);
    const locked = await env.database.db
      .selectFrom('audit_events')
      .select('action')
      .where('entity_id', '=', u.id)
      .where('action', '=', 'locked')
      .execute();
    expect(locked.length).toBe(1);
  });

  it('locks after exactly 5 failures even when the wrong guesses arrive in parallel', async () => {
    const u = await createUser(env.database.db, {});
    const results = await Promise.all(Array.from({ length: 12 }, () => new Client(env.app).login(u.email, 'bad')));
    const codes = results.map((r) => problem(r).code);
    expect(codes.filter((c) => c === 'account_locked').length).toBeGreaterThanOrEqual(1);
    expect(problem(await new Client(env.app).login(u.email, u.password)).code).toBe('account_locked');
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

describe('login rate limit', () => {
  it('answers rate_limited (429) once an address exceeds the per-minute login limit', async () => {
    const limited = await createTestEnv({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push((await new Client(limited.app, '10.9.9.9').login('x@example.cn', 'bad')).statusCode);
      expect(codes).toEqual([401, 401, 401, 429, 429]);
      const r = await new Client(limited.app, '10.9.9.9').login('x@example.cn', 'bad');
      expect(problem(r).code).toBe('rate_limited');
    } finally {
      await limited.close();
    }
  });
});
