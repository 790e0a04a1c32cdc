/** Evaluation rows → views, with the weighted totals and the caller's abilities. */
import type { EvaluationView, Indicator } from '../../../common/contracts/evaluation.ts';
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { evaluationAbilities } from './policy.ts';
import { orgNames, scopesOf, scoresOf, type EvaluationRow, type ScoreRow } from './repository.ts';

export const indicatorsOf = (row: EvaluationRow): Indicator[] => json.parse<Indicator[]>(row.indicators, []);

/** Σ score × weight / 100 over the indicators (0–100, two decimals); null until every indicator is scored. */
export function weightedTotal(indicators: Indicator[], scores: ScoreRow[], themeDayId: string): number | null {
  let total = 0;
  for (const i of indicators) {
    const s = scores.find((x) => x.theme_day_id === themeDayId && x.indicator_key === i.key);
    if (!s) return null;
    total += (Number(s.score) * i.weight) / 100;
  }
  return Math.round(total * 100) / 100;
}

export async function presentEvaluations(
  db: Executor,
  actor: Actor | null,
  rows: EvaluationRow[],
  withScores: boolean,
): Promise<EvaluationView[]> {
  const scopes = await scopesOf(
    db,
    rows.map((r) => r.id),
  );
  const names = await orgNames(
    db,
    rows.map((r) => r.evaluator_organisation_id),
  );
  const out: EvaluationView[] = [];
  for (const r of rows) {
    const indicators = indicatorsOf(r);
    const scores = withScores ? await scoresOf(db, r.id) : [];
    const tds = scopes.get(r.id) ?? [];
    out.push({
      id: r.id,
      title: r.title,
      status: r.status,
      evaluator: { id: r.evaluator_organisation_id, name: names.get(r.evaluator_organisation_id) ?? '' },
      themeDays: tds.map((t) => ({ id: t.id, title: t.title, year: t.year })),
      periodStart: r.period_start,
      periodEnd: r.period_end,
      indicators,
      conclusions: r.conclusions,
      scores: scores.map((s) => ({
        themeDayId: s.theme_day_id,
        indicatorKey: s.indicator_key,
        score: Number(s.score),
        comment: s.comment,
        updatedAt: s.updated_at,
      })),
      totals: tds.map((t) => ({
        themeDayId: t.id,
        total: withScores ? weightedTotal(indicators, scores, t.id) : null,
      })),
      commissionedAt: r.created_at,
      submittedAt: r.submitted_at,
      acceptedAt: r.accepted_at,
      abilities: evaluationAbilities(actor, {
        evaluatorOrganisationId: r.evaluator_organisation_id,
        status: r.status,
      }),
    });
  }
  return out;
}
