/**
 * An opt-in movable clock for browser tests (issue 10: "the test clock moves 3, 6 and 12 months"). Enabled only
 * when the server starts with TEST_CLOCK=1 and NODE_ENV is not production (config.ts refuses that combination);
 * otherwise the route does not exist (404). `POST /api/test/clock` with `{ "advanceDays": n }` or
 * `{ "now": iso }` moves the app's clock (app.clock, which every request context and job reads) and then runs the
 * follow-up reminders job once, as the 15-minute interval would at the new time.
 *
 * Moving the clock past the session idle/absolute expiry signs users out (their next request answers 401);
 * tests sign in again after moving it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { shanghaiToday } from '../../common/time.ts';
import type { Config } from '../config.ts';
import { systemContext, type Clock } from '../lib/context.ts';
import { sendFollowUpReminders } from '../modules/projects/service.ts';
import { uploadDirFor } from '../lib/attachments.ts';

/** Real time plus an offset: time keeps running after a move, as sessions and "expires in" texts expect. */
export class MovableClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  set(at: Date): void {
    this.offsetMs = at.getTime() - Date.now();
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
}

/** The movable clock when the configuration asks for one (never in production: config.ts refuses it). */
export function testClockFor(config: Config): MovableClock | undefined {
  if (config.TEST_CLOCK !== '1') return undefined;
  if (config.NODE_ENV === 'production') throw new Error('TEST_CLOCK must not be enabled in production');
  return new MovableClock();
}

const ClockBody = z
  .object({
    advanceDays: z.number().int().min(-3660).max(3660).optional(),
    now: z.iso.datetime({ offset: true }).optional(),
  })
  .strict()
  .refine((b) => (b.advanceDays === undefined) !== (b.now === undefined), {
    message: '请提供 advanceDays 或 now 其中之一',
  });

const ClockView = z.object({ now: z.string(), today: z.string(), reminders: z.number().int() });

/** The route; registered by main.ts only when testClockFor returned a clock. */
export function testClockRoutes(clock: MovableClock): FastifyPluginAsyncZod {
  return async (app) => {
    app.log.warn('TEST_CLOCK=1: POST /api/test/clock can move the server clock (tests only)');
    app.post('/test/clock', { schema: { hide: true, body: ClockBody, response: { 200: ClockView } } }, async (req) => {
      const b = req.body;
      if (b.now !== undefined) clock.set(new Date(b.now));
      else clock.advance((b.advanceDays ?? 0) * 86_400_000);
      const ctx = systemContext(app.database, { clock, uploadDir: uploadDirFor(app.config.SQLITE_PATH) });
      const reminders = await sendFollowUpReminders(ctx);
      const now = clock.now();
      return { now: now.toISOString(), today: shanghaiToday(now), reminders };
    });
  };
}
