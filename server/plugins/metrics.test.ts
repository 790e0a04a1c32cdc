/**
 * GET /metrics (server/plugins/metrics.ts): counters and histograms move with requests, labelled by the route
 * pattern (never the raw URL); database and job-queue gauges are there; the endpoint answers loopback callers
 * that did not come through a proxy and token holders, and 404 to everybody else.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from '../test/harness.ts';

const TOKEN = 'metrics-token-for-tests-0123456789';
const OUTSIDER = '203.0.113.7';

let env: TestEnv;
beforeAll(async () => {
  env = await createTestEnv({ env: { METRICS_TOKEN: TOKEN } });
});
afterAll(async () => {
  await env?.close();
});

async function scrape(): Promise<string> {
  const res = await env.app.inject({ method: 'GET', url: '/metrics' });
  expect(res.statusCode).toBe(200);
  return res.body;
}

/** The value of the sample `name{labels…}` (labels in any order); 0 when the series does not exist yet. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const have = new Map([...(m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)].map((x) => [x[1], x[2]]));
    if (Object.entries(labels).every(([k, v]) => have.get(k) === v)) return Number(m[3]);
  }
  return 0;
}

describe('metrics', () => {
  it('counts requests by route pattern and status class, and times them', async () => {
    const labels = { method: 'GET', route: '/api/schedule-runs/:id', status: '4xx' };
    const before = await scrape();
    for (const id of ['run-aaa-111', 'run-bbb-222', 'run-ccc-333']) {
      const r = await env.app.inject({ method: 'GET', url: `/api/schedule-runs/${id}` });
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.statusCode).toBeLessThan(500);
    }
    await env.app.inject({ method: 'GET', url: '/api/no-such-route-xyz' });
    const after = await scrape();

    expect(sample(after, 'http_requests_total', labels) - sample(before, 'http_requests_total', labels)).toBe(3);
    expect(
      sample(after, 'http_request_duration_seconds_count', labels) -
        sample(before, 'http_request_duration_seconds_count', labels),
    ).toBe(3);
    expect(sample(after, 'http_request_duration_seconds_bucket', { ...labels, le: '+Inf' })).toBeGreaterThanOrEqual(3);
    const unmatched = { method: 'GET', route: '(unmatched)', status: '4xx' };
    expect(sample(after, 'http_requests_total', unmatched) - sample(before, 'http_requests_total', unmatched)).toBe(1);
    // The raw URLs never become label values.
    expect(after).not.toContain('run-aaa-111');
    expect(after).not.toContain('no-such-route-xyz');
    // The scrape before this one is counted too, under its own pattern.
    expect(sample(after, 'http_requests_total', { method: 'GET', route: '/metrics', status: '2xx' })).toBeGreaterThan(
      0,
    );
  });

  it('reports the database, the scheduler queue and the process', async () => {
    const text = await scrape();
    expect(sample(text, 'rongtong_db_info', { dialect: env.dialect })).toBe(1);
    if (env.dialect === 'postgres') {
      expect(sample(text, 'rongtong_db_pool_connections')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'rongtong_db_pool_max')).toBe(20);
      expect(text).toMatch(/^rongtong_db_pool_waiting \d+$/m);
      expect(text).toMatch(/^rongtong_db_pool_idle \d+$/m);
    } else {
      expect(text).not.toContain('rongtong_db_pool_connections');
    }
    expect(text).toMatch(/^rongtong_scheduler_runs_local 0$/m);
    expect(text).toMatch(/^rongtong_scheduler_runs_running 0$/m);
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
  });

  it('is 404 for a caller elsewhere without the token, or with a wrong one', async () => {
    const none = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: OUTSIDER });
    expect(none.statusCode).toBe(404);
    expect(none.headers['content-type']).toContain('application/problem+json');
    expect(none.body).not.toContain('http_requests_total');
    const wrong = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: OUTSIDER,
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('is 404 through a proxy on the same host (forwarding headers), even from loopback', async () => {
    for (const headers of [
      { 'x-forwarded-for': '198.51.100.9' },
      { forwarded: 'for=198.51.100.9' },
      { 'x-real-ip': '198.51.100.9' },
    ]) {
      const r = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress: '127.0.0.1', headers });
      expect(r.statusCode).toBe(404);
    }
  });

  it('is 200 for a caller elsewhere with the token', async () => {
    const r = await env.app.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: OUTSIDER,
      headers: { authorization: `Bearer ${TOKEN}`, 'x-forwarded-for': OUTSIDER },
    });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/plain');
    expect(r.body).toContain('http_requests_total');
  });

  it('is 200 from loopback (IPv4 and IPv6) without a token', async () => {
    for (const remoteAddress of ['127.0.0.1', '::1']) {
      const r = await env.app.inject({ method: 'GET', url: '/metrics', remoteAddress });
      expect(r.statusCode).toBe(200);
    }
  });
});
