/**
 * Reminders (issue 12 §2): every app server plans and runs the due reminder jobs at start and every few
 * minutes; the database makes each reminder happen once (service.ts). Tests call `planReminders` and
 * `runDueReminders` with the test clock, so the interval does not run under NODE_ENV=test.
 */
import type { FastifyPluginAsync } from 'fastify';
import { systemContext } from '../../lib/context.ts';
import { planReminders, runDueReminders } from './service.ts';

const INTERVAL_MS = 5 * 60 * 1000;

const reminders: FastifyPluginAsync = async (app) => {
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    const ctx = systemContext(app.database, { clock: app.clock });
    planReminders(ctx)
      .then(() => runDueReminders(ctx))
      .then((n) => n && app.log.info({ reminders: n }, 'reminder jobs run'))
      .catch((err: unknown) => app.log.error({ err }, 'reminder jobs failed'))
      .finally(() => (running = false));
  };
  app.addHook('onReady', async () => {
    if (app.config.NODE_ENV === 'test') return;
    tick();
    timer = setInterval(tick, INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    if (timer) clearInterval(timer);
  });
};

export default reminders;
