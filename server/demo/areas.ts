/**
 * Demo data of the theme day's content areas, meetings, registrations and roadshow, on the upcoming demo
 * theme day (华晟通信, three weeks ahead). Each area seeds in its own file; this only calls them in order.
 */
import type { Executor } from '../db/index.ts';
import { seedContentDemo } from './content.ts';
import { seedMeetingsDemo } from './meetings.ts';
import { seedEventsDemo } from './events.ts';
import { seedRoadshowsDemo } from './roadshows.ts';

export interface DemoContext {
  now: Date;
  /** The upcoming theme day (华晟通信) and its first date 'YYYY-MM-DD' (Asia/Shanghai). */
  themeDayId: string;
  themeDayStart: string;
  /** Organisation ids by seed key (e.g. 'xinghe', 'zhixin', 'huasheng'), base ids by key, user ids by e-mail. */
  orgId: Map<string, string>;
  baseId: Map<string, string>;
  userId: Map<string, string>;
}

export async function seedAreas(trx: Executor, ctx: DemoContext): Promise<void> {
  await seedContentDemo(trx, ctx);
  await seedMeetingsDemo(trx, ctx);
  await seedEventsDemo(trx, ctx);
  await seedRoadshowsDemo(trx, ctx);
  // The docking session (content area 5) signs people up through the theme day's docking event session.
  const docking = await trx
    .selectFrom('event_sessions')
    .select('id')
    .where('theme_day_id', '=', ctx.themeDayId)
    .where('kind', '=', 'docking')
    .orderBy('id')
    .executeTakeFirst();
  if (docking) {
    await trx
      .updateTable('docking_sessions')
      .set({ event_session_id: docking.id })
      .where('theme_day_id', '=', ctx.themeDayId)
      .where('event_session_id', 'is', null)
      .execute();
  }
}
