/** Demo data for this area on the upcoming demo theme day (see server/demo/areas.ts). */
import type { Executor } from '../db/index.ts';
import type { DemoContext } from './areas.ts';

export async function seedEventsDemo(_trx: Executor, _ctx: DemoContext): Promise<void> {
  // Filled in by the area's work.
}
