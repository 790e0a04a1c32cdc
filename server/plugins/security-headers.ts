/**
 * Security headers (helmet) on every response. Helmet's middleware is built ONCE here: @fastify/helmet
 * rebuilt it — parsing the CSP directives again — on every request, which was about 8% of a signed-in
 * request's CPU under a registration surge (bench/registration, issue 15).
 */
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

export default fp(async (app) => {
  app.addHook('onRequest', (req, reply, done) => {
    apply(req.raw, reply.raw, (err?: unknown) => done(err as Error | undefined));
  });
});
