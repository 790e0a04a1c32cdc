/**
 * Compression and validation of anonymous API reads (the portal's data, mostly /api/public/**): brotli or gzip
 * with node:zlib for JSON bodies of 1 KB and more, and a weak ETag with 304 Not Modified, so a phone that has
 * the data already gets a few hundred bytes back.
 *
 * Only requests without a session cookie: what they read is the same for everybody and carries no secret, so
 * compressing it cannot leak one (BREACH), and the signed-in workspace keeps its responses as they are.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { SESSION_COOKIE } from './session.ts';
import { compressBody, etagMatches, pickEncoding, varyAcceptEncoding, weakEtag } from '../lib/http-encoding.ts';

const MIN_BYTES = 1024;

export default fp(async (app) => {
  // Writes and signed-in reads pass straight through (a callback, not an async hook: no promise a request).
  app.addHook('onSend', (req, reply, payload, done) => {
    if (
      (req.method !== 'GET' && req.method !== 'HEAD') ||
      !req.url.startsWith('/api/') ||
      req.cookies?.[SESSION_COOKIE]
    )
      done(null, payload);
    else
      anonymousRead(req, reply, payload).then(
        (p) => done(null, p),
        (err: unknown) => done(err as Error),
      );
  });
});

/** An anonymous API read's body: a 304 for a matching ETag, compressed when large enough, or as it is. */
async function anonymousRead(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown> {
  if (reply.statusCode !== 200 || reply.getHeader('content-encoding')) return payload;
  if (typeof payload !== 'string' && !Buffer.isBuffer(payload)) return payload;
  if (!String(reply.getHeader('content-type') ?? '').includes('json')) return payload;

  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
  const etag = weakEtag(body);
  reply.header('etag', etag);
  reply.header('vary', varyAcceptEncoding(reply.getHeader('vary')));
  if (etagMatches(req.headers['if-none-match'], etag)) {
    reply.code(304);
    reply.removeHeader('content-length');
    return '';
  }
  const encoding = body.length >= MIN_BYTES ? pickEncoding(req.headers['accept-encoding']) : null;
  if (!encoding) return payload;
  const compressed = await compressBody(body, encoding);
  reply.header('content-encoding', encoding);
  reply.removeHeader('content-length');
  return compressed;
}
