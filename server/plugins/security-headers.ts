/**
 * Security headers (helmet) on every response. Helmet's headers depend on its options only, so they are
 * computed ONCE, by running helmet's middleware against a recording response, and every request gets the
 * same list set directly: @fastify/helmet rebuilt the middleware (parsing the CSP directives again) on every
 * request, and even a prebuilt helmet runs eleven middleware closures a request — together about 8% of a
 * signed-in request's CPU under a registration surge (bench/registration, issue 15).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import fp from 'fastify-plugin';
import helmet from 'helmet';

const apply = helmet({
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      // antd (cssinjs) writes inline <style> elements at run time.
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      frameAncestors: ["'none'"],
      upgradeInsecureRequests: null,
    },
  },
});

/** The headers helmet sets, as [name, value] pairs (it also removes X-Powered-By, which Fastify never sets). */
export function helmetHeaders(): [string, string][] {
  const set = new Map<string, string>();
  const res = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      set.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : String(value));
    },
    removeHeader: (name: string) => {
      set.delete(name.toLowerCase());
    },
  };
  let failed: unknown;
  apply({ headers: {} } as IncomingMessage, res as unknown as ServerResponse, (err?: unknown) => {
    failed = err;
  });
  if (failed) throw failed instanceof Error ? failed : new Error('helmet refused its own options');
  return [...set];
}

export default fp(async (app) => {
  const headers = helmetHeaders();
  app.addHook('onRequest', (_req, reply, done) => {
    const raw = reply.raw;
    for (const [name, value] of headers) raw.setHeader(name, value);
    done();
  });
});
