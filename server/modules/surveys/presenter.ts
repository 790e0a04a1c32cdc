/** Survey views and the results (issue 11 §1), with the caller's abilities. */
import {
  KIND_GROUPS,
  PARTICIPATION_KINDS,
  RESULTS_DEFINITIONS,
  SIZE_GROUPS,
  SIZE_GROUP_LABELS,
  type ParticipationKind,
  type Question,
  type SurveyResults,
  type SurveyView,
} from '../../../common/contracts/surveys.ts';
import { ORG_KIND_LABELS } from '../../../common/roles.ts';
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import type { ThemeDayFacts } from '../projects/repository.ts';
import { surveyAbilities, type CallerFacts } from './policy.ts';
import { answersOf, surveyCounts, type SurveyRow } from './repository.ts';
import { figures, split, wilson, type Answers } from './rules.ts';
import { questionsOf } from './service.ts';

export async function presentSurveys(
  db: Executor,
  actor: Actor | null,
  rows: { row: SurveyRow; td: ThemeDayFacts }[],
  c: CallerFacts,
): Promise<SurveyView[]> {
  const counts = await surveyCounts(
    db,
    rows.map((r) => r.row.id),
  );
  const out: SurveyView[] = [];
  for (const { row, td } of rows) {
    const n = counts.get(row.id) ?? { invitations: 0, answers: 0, sources: [] };
    const invitedBy = Object.fromEntries(PARTICIPATION_KINDS.map((k) => [k, 0])) as Record<ParticipationKind, number>;
    for (const s of n.sources) for (const k of json.parse<ParticipationKind[]>(s, [])) invitedBy[k] += 1;
    const q = await questionsOf(db, row);
    out.push({
      id: row.id,
      themeDay: { id: td.id, title: td.title },
      status: row.status,
      anonymous: row.anonymous === 1,
      coreVersion: row.core_version,
      coreQuestions: q.core,
      hostQuestions: q.host,
      opensAt: row.opens_at,
      closesAt: row.closes_at,
      closedAt: row.closed_at,
      invitations: n.invitations,
      answers: n.answers,
      invitedBy,
      abilities: surveyAbilities(actor, td, { status: row.status, answers: n.answers }, c),
    });
  }
  return out;
}

/**
 * The results of one survey, computed from its own version's questions (a later core version changes nothing
 * here). The whole survey and each split group show numbers only from MIN_GROUP_SIZE answers up.
 */
export async function presentResults(
  db: Executor,
  actor: Actor | null,
  row: SurveyRow,
  td: ThemeDayFacts,
  c: CallerFacts,
): Promise<SurveyResults> {
  const [survey] = await presentSurveys(db, actor, [{ row, td }], c);
  const q = await questionsOf(db, row);
  const questions: { q: Question; core: boolean }[] = [
    ...q.core.map((x) => ({ q: x, core: true })),
    ...q.host.map((x) => ({ q: x, core: false })),
  ];
  const rows = (await answersOf(db, row.id)).map((a) => ({ a, answers: json.parse<Answers>(a.answers, {}) }));
  return {
    survey: survey!,
    invitations: survey!.invitations,
    answers: rows.length,
    responseRate: wilson(rows.length, survey!.invitations),
    overall: figures(
      questions,
      rows.map((r) => r.answers),
      true,
    ),
    bySize: split(
      questions,
      rows.map((r) => ({ group: r.a.size_class ?? 'unknown', answers: r.answers })),
      SIZE_GROUPS.map((k) => ({ key: k, label: SIZE_GROUP_LABELS[k] })),
    ),
    byKind: split(
      questions,
      rows.map((r) => ({ group: r.a.org_kind ?? 'unknown', answers: r.answers })),
      [...KIND_GROUPS.map((k) => ({ key: k, label: ORG_KIND_LABELS[k].zh })), { key: 'unknown', label: '未知' }],
    ),
    definitions: { ...RESULTS_DEFINITIONS },
  };
}
