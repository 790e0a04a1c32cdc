/**
 * Reminders as scheduled jobs kept in the database (issue 12 §2). Every app server plans and runs them
 * (reminders/plugin.ts); the database makes each one happen once: planning inserts with a unique
 * (kind, job_key), and running takes a job by a conditional update inside the transaction that sends its
 * notifications — a second server waits on that row and then finds it taken; a server that dies mid-run
 * rolls back, leaving the job pending for the next run.
 */
import type { Ctx } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { json } from '../../db/index.ts';
import { REMINDER_KINDS, parsePayload } from './kinds.ts';
import { dueJobs, failJob, finishJob, insertJobs, takeJob } from './repository.ts';

const MAX_ATTEMPTS = 5;
const RETRY_MS = 5 * 60 * 1000;

/** Inserts the jobs every kind wants by now; returns how many were new. */
export async function planReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  let added = 0;
  for (const [kind, def] of Object.entries(REMINDER_KINDS)) {
    const jobs = await def.plan(ctx.db, now);
    added += await insertJobs(
      ctx.db,
      jobs.map((j) => ({
        kind,
        key: j.key,
        runAt: nowIso(j.runAt),
        payload: json.stringify(j.payload),
        createdAt: nowIso(now),
      })),
      newId,
    );
  }
  return added;
}

/** Runs the due jobs this server can take; returns how many it ran (skipped ones included). */
export async function runDueReminders(ctx: Ctx, limit = 100): Promise<number> {
  const now = ctx.clock.now();
  const at = nowIso(now);
  let ran = 0;
  for (const job of await dueJobs(ctx.db, at, limit)) {
    const def = REMINDER_KINDS[job.kind];
    try {
      const done = await ctx.db.transaction().execute(async (trx) => {
        const taken = await takeJob(trx, job.id, at);
        if (!taken) return false; // another server took it
        if (!def) {
          await finishJob(trx, job.id, 'skipped', json.stringify({ skipped: 'unknown_kind' }));
          return true;
        }
        const result = await def.run(trx, parsePayload(taken.payload), now);
        await finishJob(trx, job.id, result.skipped ? 'skipped' : 'done', json.stringify(result));
        await audit(trx, ctx, {
          entityType: 'scheduled_job',
          entityId: job.id,
          action: result.skipped ? 'skip' : 'run',
          after: { kind: job.kind, key: taken.job_key, label: def.label, ...result },
        });
        return true;
      });
      if (done) ran++;
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      await failJob(ctx.db, job.id, message.slice(0, 500), nowIso(new Date(now.getTime() + RETRY_MS)), MAX_ATTEMPTS);
    }
  }
  return ran;
}
