/** Test helpers of the publicity suites (not a test file itself). */
import { expect } from 'vitest';
import type { Client } from '../../test/harness.ts';

/** A 1×1 PNG. */
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);
/** The first bytes of a WebP file (RIFF …. WEBP VP8 ). */
export const WEBP = Buffer.concat([
  Buffer.from('RIFF'),
  Buffer.from([26, 0, 0, 0]),
  Buffer.from('WEBPVP8 '),
  Buffer.alloc(18),
]);

export function form(file: { name: string; data: Buffer }) {
  const boundary = `----rt${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
    ),
    file.data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads an image; returns its id. */
export async function upload(c: Client, data: Buffer = PNG, name = 'cover.png'): Promise<string> {
  const r = await c.request({ method: 'POST', url: '/api/publicity/images', ...form({ name, data }) });
  expect(r.statusCode, r.body).toBe(201);
  return r.json<{ id: string }>().id;
}
