/**
 * The projects module's entry in the module registry: its routes under /api, and the follow-up reminder job
 * (14 days and 1 day before each due date, and once overdue). Every app server runs the job; the unique
 * (follow-up, kind) key sends each reminder once across servers. Tests call `sendFollowUpReminders` directly
 * with the test clock, so the interval does not run under NODE_ENV=test.
 */
import type { FastifyPluginAsync } from 'fastify';
import { systemContext } from '../../lib/context.ts';
import routes from './routes.ts';
import { sendFollowUpReminders } from './service.ts';

const REMINDER_INTERVAL_MS = 15 * 60 * 1000;

const projects: FastifyPluginAsync = async (app) => {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  app.addHook('onReady', async () => {
    if (app.config.NODE_ENV === 'test') return;
    const ctx = systemContext(app.database, { clock: app.clock });
    timer = setInterval(() => {
      if (running) return;
      running = true;
      sendFollowUpReminders(ctx)
        .then((n) => n && app.log.info({ reminders: n }, 'follow-up reminders sent'))
        .catch((err: unknown) => app.log.error({ err }, 'follow-up reminders failed'))
        .finally(() => (running = false));
    }, REMINDER_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
  await app.register(routes);
};

export default projects;
