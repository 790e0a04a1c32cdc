/**
 * Bad input (issue 15): the shared text rule on every string input (server/plugins/input-guard.ts), links only as
 * http/https, real dates, broken multipart bodies, and refusals from the HTTP layer itself — every one a 400-class
 * problem+json with a stable code and Chinese text, the same on SQLite and PostgreSQL.
 */
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, createTestEnv, problem, type TestEnv } from '../test/harness.ts';
import { eventWorld, person, type EventWorld, type Person } from '../modules/events/testkit.ts';

let env: TestEnv;
let w: EventWorld;
let large: Person;
let sme: Person;
beforeAll(async () => {
  env = await createTestEnv();
  w = await eventWorld(env);
  large = await person(env, 'member', undefined, { sizeClass: 'large' });
  sme = await person(env, 'member', undefined, { sizeClass: 'small' });
});
afterAll(async () => {
  await env?.close();
});

const anon = () => new Client(env.app);
const isProblem = (r: { headers: Record<string, unknown> }) =>
  String(r.headers['content-type']).startsWith('application/problem+json');

const demand = (over: Record<string, unknown> = {}) => ({
  kind: 'demand',
  title: '新能源汽车电池热管理芯片联合攻关',
  fieldCode: 'C39',
  description: '面向动力电池热失控预警的专用传感芯片。',
  indicators: '温度精度±0.5℃',
  budgetMinWan: 200,
  budgetMaxWan: 500,
  cooperationMode: 'joint_rd',
  deadline: '2020-06-30',
  ipTerms: '新产生的知识产权共有',
  ...over,
});

describe(`the text rule (${process.env.TEST_DATABASE_URL ? 'postgres' : 'sqlite'})`, () => {
  it('refuses a NUL byte in a body field, a filter and a path id with one 400 invalid_text naming the field', async () => {
    const login = problem(
      await anon().post('/api/auth/login', { identifier: 'owner\u0000@demo.rongtong.cn', password: 'x' }),
    );
    expect(login).toMatchObject({
      status: 400,
      code: 'invalid_text',
      errors: [{ field: 'identifier', code: 'control_character', message: '不能包含控制字符' }],
    });
    expect(login.detail).toBe('不能包含控制字符');
    expect(problem(await anon().get('/api/demands?q=%E8%8A%AF%00')).errors).toEqual([
      { field: 'q', code: 'control_character', message: '不能包含控制字符' },
    ]);
    expect(problem(await anon().get('/api/demands/abc%00')).errors?.[0]?.field).toBe('id');
  });

  it('refuses other controls, bidi overrides and unpaired surrogates, in nested fields and keys too', async () => {
    const post = (payload: unknown) =>
      large.client.request({
        method: 'POST',
        url: '/api/demands',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify(payload),
      });
    const cases: [unknown, string, string][] = [
      [demand({ title: '芯片\u0007联合攻关' }), 'title', 'control_character'],
      [demand({ title: '芯片\u202e攻关联合' }), 'title', 'control_character'],
      [demand({ description: '方案\ud800' }), 'description', 'invalid_character'],
      [{ ...demand(), extra: { list: ['ok', 'x\u001b[31m'] } }, 'extra.list.1', 'control_character'],
      [{ ...demand(), 'bad\u0000key': 1 }, 'bad\uFFFDkey', 'control_character'],
    ];
    for (const [payload, field, code] of cases) {
      const p = problem(await post(payload));
      expect(p.code, field).toBe('invalid_text');
      expect(p.errors, field).toEqual([expect.objectContaining({ field, code })]);
    }
  });

  it('allows line breaks and tabs in body text but not in filters; refuses over-long and over-deep input', async () => {
    const r = await large.client.post('/api/demands', demand({ description: '第一行\n\t第二行\r\n第三行' }));
    expect(r.statusCode, r.body).toBe(201);
    expect(r.json<{ description: string }>().description).toContain('\n\t第二行');
    expect(problem(await anon().get('/api/demands?q=a%0Ab')).code).toBe('invalid_text');
    const long = problem(await anon().get(`/api/demands?q=${'长'.repeat(2001)}`));
    expect(long.errors).toEqual([{ field: 'q', code: 'too_long', message: '内容过长（最多 2000 个字符）' }]);
    let deep: unknown = 'x';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(problem(await large.client.post('/api/demands', { ...demand(), deep })).errors?.[0]?.code).toBe('too_deep');
  });

  it('stores text in Unicode NFC, so a character typed two ways is one', async () => {
    const decomposed = 'Cafe\u0301 芯片联合攻关';
    const r = await large.client.post('/api/demands', demand({ title: decomposed }));
    expect(r.statusCode, r.body).toBe(201);
    const row = await env.database.db
      .selectFrom('demands')
      .select('title')
      .where('id', '=', r.json<{ id: string }>().id)
      .executeTakeFirstOrThrow();
    expect(row.title).toBe('Café 芯片联合攻关');
    expect(row.title).not.toBe(decomposed);
  });
});

describe('links and dates', () => {
  const session = (over: Record<string, unknown> = {}) => ({
    kind: 'seminar',
    title: '专家研讨会',
    agenda: [{ time: '14:00', item: '研讨' }],
    startsAt: '2020-09-15T14:00',
    endsAt: '2020-09-15T16:30',
    ...over,
  });

  it('accepts an online link only as an http/https URL, checked on the server', async () => {
    for (const bad of [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>1</script>',
      'ftp://a.cn/x',
    ]) {
      const p = problem(await large.client.post('/api/docking-sessions', session({ onlineLink: bad })));
      expect(p.code, bad).toBe('validation_failed');
      expect(p.errors, bad).toEqual([
        { field: 'onlineLink', code: 'invalid_url', message: '请输入以 http:// 或 https:// 开头的网址' },
      ]);
    }
    const ok = await large.client.post(
      '/api/docking-sessions',
      session({ onlineLink: 'https://meeting.example.cn/r/1' }),
    );
    expect(ok.statusCode, ok.body).toBe(201);
    const id = ok.json<{ id: string }>().id;
    expect(problem(await large.client.patch(`/api/docking-sessions/${id}`, { onlineLink: 'javascript:x' })).code).toBe(
      'validation_failed',
    );
  });

  it('refuses a scheme other than http/https where an online channel may be text or a link', async () => {
    const host = w.host.client;
    const url = `/api/theme-days/${w.themeDay.id}/sessions`;
    const p = problem(await host.post(url, { onlineChannel: 'javascript:alert(1)' }));
    expect(p.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: 'onlineChannel', code: 'invalid_url' })]),
    );
    const text = problem(await host.post(url, { onlineChannel: '腾讯会议 会议号 123-456-789' }));
    expect(text.errors?.some((e) => e.field === 'onlineChannel')).toBe(false);
  });

  it('refuses impossible dates and times with 400, never 500', async () => {
    const from = problem(await anon().get('/api/docking-sessions?from=2026-02-30'));
    expect(from).toMatchObject({ status: 400, code: 'validation_failed' });
    expect(from.errors).toEqual([{ field: 'from', code: 'invalid_date', message: '日期无效' }]);
    for (const startsAt of ['2020-02-30T14:00', '2020-09-15T24:00', '2020-09-15T10:60']) {
      const p = problem(await large.client.post('/api/docking-sessions', session({ startsAt })));
      expect(p.errors, startsAt).toEqual([{ field: 'startsAt', code: 'invalid_date', message: '时间无效' }]);
    }
    expect((await anon().get('/api/docking-sessions?from=2024-02-29')).statusCode).toBe(200);
  });
});

describe('multipart uploads', () => {
  const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(256, 0x20), Buffer.from('\n%%EOF\n')]);
  let rid: string;
  beforeAll(async () => {
    const d = await large.client.post('/api/demands', demand());
    const id = d.json<{ id: string }>().id;
    expect((await large.client.post(`/api/demands/${id}/publish`)).statusCode).toBe(200);
    const r = await sme.client.post(`/api/demands/${id}/responses`, { proposal: '我司有成熟方案。' });
    expect(r.statusCode, r.body).toBe(201);
    rid = r.json<{ id: string }>().id;
  });
  const upload = (type: string, payload: Buffer) =>
    sme.client.request({
      method: 'POST',
      url: `/api/demand-responses/${rid}/attachments`,
      headers: { 'content-type': type },
      payload,
    });
  const part = (boundary: string, name: string) =>
    Buffer.concat([
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      PDF,
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);

  it('answers a missing, wrong, over-long or cut-off boundary with 400 invalid_multipart', async () => {
    const body = part('rt1', '方案.pdf');
    for (const [type, payload] of [
      ['multipart/form-data', body],
      ['multipart/form-data; boundary=other', body],
      ['multipart/form-data; boundary=rt1', body.subarray(0, 90)],
      [`multipart/form-data; boundary=${'b'.repeat(300)}`, body],
    ] as const) {
      const r = await upload(type, payload);
      expect(isProblem(r), type).toBe(true);
      expect(problem(r), type).toMatchObject({ status: 400, code: 'invalid_multipart' });
    }
  });

  it('stores an uploaded file name without its control characters', async () => {
    const r = await upload('multipart/form-data; boundary=rt2', part('rt2', '方\u0000案\u202e.pdf'));
    expect(r.statusCode, r.body).toBe(201);
    const names = r.json<{ attachments: { name: string }[] }>().attachments.map((a) => a.name);
    expect(names).toEqual(['方_案_.pdf']);
  });
});

describe('refusals of the HTTP layer', () => {
  it('answers Fastify refusals (bad JSON, too large, media type, %-encoding, long path, unknown route) as problems', async () => {
    const c = anon();
    const cases = [
      [
        await c.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: '{x',
        }),
        400,
        'bad_request',
      ],
      [
        await c.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify({ identifier: 'x'.repeat(3 * 1024 * 1024) }),
        }),
        413,
        'payload_too_large',
      ],
      [
        await c.request({
          method: 'POST',
          url: '/api/auth/login',
          headers: { 'content-type': 'text/xml' },
          payload: '<a/>',
        }),
        415,
        'unsupported_media_type',
      ],
      [await c.get('/api/demands/%zz'), 400, 'invalid_url_encoding'],
      [await c.get(`/api/demands/${'x'.repeat(3000)}`), 414, 'uri_too_long'],
      [await c.get('/api/no-such-route'), 404, 'route_not_found'],
    ] as const;
    for (const [r, status, code] of cases) {
      expect(isProblem(r), code).toBe(true);
      expect(problem(r), code).toMatchObject({ status, code });
      expect(r.json<{ title: string }>().title, code).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("answers Node's parser refusals (headers or URL too large, malformed request) as problems on the socket", async () => {
    await env.app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = env.app.server.address() as AddressInfo;
    const raw = (request: string) =>
      new Promise<string>((resolve, reject) => {
        const s = connect(port, '127.0.0.1');
        let out = '';
        s.on('data', (d) => (out += d.toString('utf8')));
        s.on('close', () => resolve(out));
        s.on('error', reject);
        s.write(request);
      });
    const parse = (res: string) => {
      const [head, body] = res.split('\r\n\r\n');
      return { status: Number(head!.split(' ')[1]), head: head!, body: JSON.parse(body!) as Record<string, unknown> };
    };
    const big = parse(await raw(`GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(big.status).toBe(431);
    expect(big.head).toMatch(/content-type: application\/problem\+json/i);
    expect(big.body).toMatchObject({ status: 431, code: 'headers_too_large', title: '请求头过大' });
    const longUrl = parse(await raw(`GET /api/demands?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`));
    expect(longUrl.body).toMatchObject({ status: 431, code: 'headers_too_large' });
    const garbage = parse(await raw('NOT-HTTP \u0001\r\n\r\n'));
    expect(garbage.body).toMatchObject({ status: 400, code: 'bad_request', title: '请求格式错误' });
    expect(typeof garbage.body.instance).toBe('string');
  });
});
