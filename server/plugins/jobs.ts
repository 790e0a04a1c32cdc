/**
 * Background work left behind by a dead app server. With several app servers on one database, each one, at
 * start and then every minute, stamps the lease of the scheduler runs its workers execute and marks failed the
 * runs whose lease ran out (server/modules/meetings/scheduling.ts `recoverOrphanedRuns`) — a run another live
 * server executes keeps its fresh lease and is left alone.
 *
 * Other job-like state needs no recovery: an `Idempotency-Key` claimed by a request that died is a lease too
 * (`locked_until`; a retry takes it over once it passes) and old keys are swept by their plugin; follow-up
 * reminders are sent by every server with a unique key per reminder; the search index is rebuilt at start.
 */
import fp from 'fastify-plugin';
import { HEARTBEAT_MS, ORPHAN_SWEEP_MS, heartbeatRuns, recoverOrphanedRuns } from '../modules/meetings/scheduling.ts';

export default fp(
  async (app) => {
    const timers: NodeJS.Timeout[] = [];
    const recover = async () => {
      const failed = await recoverOrphanedRuns(app.database.db, app.clock);
      if (failed.length)
        app.log.warn({ runs: failed }, 'scheduler runs orphaned by a stopped app server marked failed');
    };
    app.addHook('onReady', async () => {
      try {
        await recover();
      } catch (err) {
        app.log.error({ err }, 'recovering orphaned scheduler runs failed');
      }
      // Tests call recoverOrphanedRuns themselves with their clock.
      if (app.config.NODE_ENV === 'test') return;
      const every = (ms: number, what: string, fn: () => Promise<unknown>) => {
        let busy = false;
        const t = setInterval(() => {
          if (busy) return;
          busy = true;
          fn()
            .catch((err: unknown) => app.log.error({ err }, what))
            .finally(() => (busy = false));
        }, ms);
        t.unref();
        timers.push(t);
      };
      every(HEARTBEAT_MS, 'scheduler run heartbeat failed', () => heartbeatRuns(app.database.db, app.clock));
      every(ORPHAN_SWEEP_MS, 'recovering orphaned scheduler runs failed', recover);
    });
    app.addHook('onClose', async () => {
      for (const t of timers) clearInterval(t);
    });
  },
  { name: 'jobs' },
);
