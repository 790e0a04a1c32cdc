import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../../test/harness.ts';
import { helmetHeaders } from '../../plugins/security-headers.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv();
});
afterAll(async () => {
  await env?.close();
});

describe('platform error handling', () => {
  it('sets security headers on every response', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(String(r.headers['content-security-policy'])).toContain("default-src 'self'");
    expect(r.headers['x-request-id']).toMatch(/[0-9a-f-]{36}/);
  });

  it('sends every header helmet sets, on refusals as well as answers', async () => {
    const expected = helmetHeaders();
    expect(expected.map(([n]) => n)).toEqual(
      expect.arrayContaining(['strict-transport-security', 'x-frame-options', 'referrer-policy']),
    );
    for (const url of ['/api/health', '/api/no-such-route']) {
      const r = await env.app.inject({ method: 'GET', url });
      for (const [name, value] of expected) expect([url, name, r.headers[name]]).toEqual([url, name, value]);
    }
  });

  it('serves the interactive API docs page', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/api/docs/' });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers a non-API path without a built web app with a problem 404', async () => {
    const r = await env.app.inject({ method: 'GET', url: '/workspace/anything' });
    expect(r.statusCode).toBe(404);
    expect(r.json().code).toBe('not_found');
  });

  it('hides internals when the database fails: 500 internal_error with the request id only', async () => {
    const broken = await createTestEnv();
    // Pull the database out from under the running app.
    await broken.database.db.destroy();
    const r = await broken.app.inject({ method: 'GET', url: '/api/health' });
    expect(r.statusCode).toBe(500);
    const body = r.json();
    expect(body.code).toBe('internal_error');
    expect(body.title).toBe('服务器内部错误，请稍后再试或联系管理员');
    expect(body.instance).toBe(r.headers['x-request-id']);
    expect(JSON.stringify(body)).not.toMatch(/stack|destroy|kysely|sqlite|pool|Error:/i);
    await broken.app.close();
  });
});
