/**
 * The notifications module's entry in the module registry: the in-app routes, the preference routes, and the
 * e-mail/SMS dispatcher. Every app server dispatches: every few seconds, and shortly after a request queued
 * something (the queue row is committed by then, or the next tick takes it). Claims are leases in the
 * database, so servers never send a message twice. Tests call `dispatchDeliveries` with the test clock.
 */
import type { FastifyPluginAsync } from 'fastify';
import routes from './routes.ts';
import preferenceRoutes from './preferences-routes.ts';
import deliveryAdminRoutes from './deliveries-admin.ts';
import { buildTransports, configureDelivery, dispatchDeliveries } from './delivery.ts';

const DISPATCH_INTERVAL_MS = 5_000;
const AFTER_QUEUE_MS = 300;

const notifications: FastifyPluginAsync = async (app) => {
  const transports = buildTransports(app.config, (line, data) => app.log.info(data, line));
  const isTest = app.config.NODE_ENV === 'test';
  let running = false;
  let again = false;
  let soon: NodeJS.Timeout | null = null;
  let timer: NodeJS.Timeout | null = null;
  const dispatch = () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    dispatchDeliveries(app.database, transports, app.clock)
      .then((r) => (r.sent || r.failed || r.retried) && app.log.info(r, 'notification deliveries'))
      .catch((err: unknown) => app.log.error({ err }, 'notification delivery failed'))
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          dispatch();
        }
      });
  };
  configureDelivery(
    { email: transports.email !== null, sms: transports.sms !== null, smsSimulated: transports.sms?.name === 'log' },
    isTest
      ? null
      : () => {
          if (soon) return;
          soon = setTimeout(() => {
            soon = null;
            dispatch();
          }, AFTER_QUEUE_MS);
          soon.unref();
        },
  );
  app.addHook('onReady', async () => {
    if (isTest) return;
    timer = setInterval(dispatch, DISPATCH_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
    if (soon) clearTimeout(soon);
    transports.email?.close();
  });
  await app.register(routes);
  await app.register(preferenceRoutes);
  await app.register(deliveryAdminRoutes);
};

export default notifications;
