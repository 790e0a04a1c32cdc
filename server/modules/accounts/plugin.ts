/**
 * The accounts module's entry in the module registry: the anonymous code, sign-up and reset routes, and the
 * transports the codes leave by (the same SMTP and SMS settings as the notification outbox).
 */
import type { FastifyPluginAsync } from 'fastify';
import { buildTransports } from '../notifications/delivery.ts';
import { codeSendsSettled, configureCodeDelivery } from './delivery.ts';
import routes from './routes.ts';

const accounts: FastifyPluginAsync = async (app) => {
  const transports = buildTransports(app.config, (line, data) => app.log.info(data, line));
  configureCodeDelivery(transports, (line, data) => app.log.info(data, line), app.config.NODE_ENV === 'production');
  app.addHook('onClose', async () => {
    await codeSendsSettled();
    transports.email?.close();
  });
  await app.register(routes);
};

export default accounts;
