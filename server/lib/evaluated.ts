/**
 * The theme days an evaluator may read: those in scope of the evaluations NDRC commissioned from the
 * evaluator's active organisation (issue 11 §2). Projects, surveys and the evaluation itself use it, so an
 * evaluator reads exactly its commissioned theme days and gets 404 for everything else.
 */
import type { Executor } from '../db/index.ts';
import type { Actor } from './context.ts';

export async function evaluatedThemeDayIds(db: Executor, actor: Actor | null): Promise<string[]> {
  if (!actor?.organisationId || !actor.roles.includes('evaluator')) return [];
  const rows = await db
    .selectFrom('evaluation_theme_days as s')
    .innerJoin('evaluations as e', 'e.id', 's.evaluation_id')
    .select('s.theme_day_id')
    .distinct()
    .where('e.evaluator_organisation_id', '=', actor.organisationId)
    .execute();
  return rows.map((r) => r.theme_day_id);
}
