/** The API client's idempotency: a key on every write, one request for a double click, waiting out a 409. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { api, fileIdentity, newIdempotencyKey } from './client.ts';

interface Call {
  url: string;
  method: string;
  key: string | undefined;
  contentType: string | undefined;
  body: unknown;
}

function stubFetch(answers: (() => Response)[]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push({
      url,
      method: String(init.method),
      key: headers['idempotency-key'],
      contentType: headers['content-type'],
      body: init.body,
    });
    await new Promise((r) => setTimeout(r, 20)); // on the wire for a moment
    const next = answers.shift();
    if (!next) throw new Error('unexpected request');
    return next();
  });
  return calls;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' },
  });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('api client idempotency', () => {
  it('sends one request for two identical writes on the wire at once, with a quoted key', async () => {
    const calls = stubFetch([() => json(201, { id: 'd1' })]);
    const body = { title: '芯片' };
    const [a, b] = await Promise.all([api.post('/demands', body), api.post('/demands', body)]);
    expect(a).toEqual({ id: 'd1' });
    expect(b).toEqual({ id: 'd1' });
    expect(calls).toHaveLength(1);
    expect(calls[0]!.key).toMatch(/^"[0-9a-f-]{36}"$/);
  });

  it('sends different writes separately, each with its own key, and uses a key it is given', async () => {
    const calls = stubFetch([() => json(201, { id: 'a' }), () => json(201, { id: 'b' }), () => json(200, {})]);
    await Promise.all([api.post('/demands', { title: 'A' }), api.post('/demands', { title: 'B' })]);
    await api.patch('/demands/a', { title: 'A2' }, { idempotencyKey: 'form-key-1' });
    expect(calls).toHaveLength(3);
    expect(calls[0]!.key).not.toBe(calls[1]!.key);
    expect(calls[2]).toMatchObject({ method: 'PATCH', key: '"form-key-1"' });
  });

  it('asks again with the same key while the server still processes it (409 in progress)', async () => {
    const calls = stubFetch([
      () => json(409, { code: 'idempotency_request_in_progress', title: '相同的请求正在处理中' }),
      () => json(201, { id: 'd2' }),
    ]);
    expect(await api.post('/demands', { title: 'C' }, { idempotencyKey: 'k-wait' })).toEqual({ id: 'd2' });
    expect(calls.map((c) => c.key)).toEqual(['"k-wait"', '"k-wait"']);
  });

  it('sends an upload as FormData with its key, leaving the multipart content-type to the browser', async () => {
    const calls = stubFetch([() => json(201, { id: 'img1' }), () => json(201, { id: 'img2' })]);
    const form = () => {
      const fd = new FormData();
      fd.append('file', new Blob(['png']), 'a.png');
      return fd;
    };
    // The same submission twice at once (one key): one request; another upload without a key: its own.
    const [a, b] = await Promise.all([
      api.upload('/publicity/images', form(), { idempotencyKey: 'up-1' }),
      api.upload('/publicity/images', form(), { idempotencyKey: 'up-1' }),
    ]);
    await api.upload('/publicity/images', form());
    expect([a, b]).toEqual([{ id: 'img1' }, { id: 'img1' }]);
    expect(calls).toHaveLength(2);
    expect(calls[0]).toMatchObject({ method: 'POST', url: '/api/publicity/images', key: '"up-1"' });
    expect(calls[0]!.body).toBeInstanceOf(FormData);
    expect(calls[0]!.contentType).toBeUndefined();
    expect(calls[1]!.key).toMatch(/^"[0-9a-f-]{36}"$/);
  });

  it('identifies a chosen file by name, size, type and modification time', () => {
    const f = new File(['abc'], '方案.pdf', { type: 'application/pdf', lastModified: 1000 });
    expect(fileIdentity(f)).toEqual({ name: '方案.pdf', size: 3, type: 'application/pdf', lastModified: 1000 });
    expect(fileIdentity(new Blob(['abcd']), 'x.png')).toMatchObject({ name: 'x.png', size: 4 });
  });

  it('makes UUID v4 keys', () => {
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
