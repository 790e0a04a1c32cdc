/** Turns result, reviewer and application rows into API payloads with explicit fields and the caller's abilities. */
import { industryName } from '../../../common/industry.ts';
import {
  DECLARATION_TEXT,
  REVIEW_OUTCOME_LABELS,
  TRANSFER_MODE_LABELS,
  type ApplicationView,
  type ResultView,
  type ReviewerView,
} from '../../../common/contracts/results.ts';
import { json, type Executor } from '../../db/index.ts';
import { NON_CLASSIFIED_NOTICE } from '../../../common/contracts/common.ts';
import type { Actor } from '../../lib/context.ts';
import { orgRefs, themeDayRefs } from '../../lib/sql.ts';
import { applicationAbilities, canSeeReviewRecord, resultAbilities } from './policy.ts';
import {
  reviewerOrganisationIds,
  type ApplicationJoined,
  type ResultRow,
  type ReviewerWithName,
} from './repository.ts';

/** Presents results with batched look-ups (organisation names, theme-day titles, the organisations the caller reviews for). */
export async function presentResults(db: Executor, actor: Actor | null, rows: ResultRow[]): Promise<ResultView[]> {
  const [orgs, tds, reviewerOrgs] = await Promise.all([
    orgRefs(
      db,
      rows.map((r) => r.organisation_id),
    ),
    themeDayRefs(
      db,
      rows.map((r) => r.theme_day_id),
    ),
    actor ? reviewerOrganisationIds(db, actor.userId).then((ids) => new Set(ids)) : Promise.resolve(new Set<string>()),
  ]);
  return rows.map((r) => {
    const reviewer = reviewerOrgs.has(r.organisation_id);
    const internal = canSeeReviewRecord(actor, r, reviewer);
    return {
      id: r.id,
      organisation: orgs(r.organisation_id),
      themeDay: tds(r.theme_day_id),
      title: r.title,
      fieldCode: r.field_code,
      fieldName: industryName(r.field_code) ?? null,
      description: r.description,
      trl: r.trl,
      patents: json.parse<string[]>(r.patents, []),
      transferMode: r.transfer_mode,
      transferModeLabel: TRANSFER_MODE_LABELS[r.transfer_mode] ?? r.transfer_mode,
      priceExpectation: r.price_expectation,
      status: r.status,
      declaration:
        r.declared_at && r.declared_by && r.declared_org_id && internal
          ? {
              text: r.declaration_text ?? DECLARATION_TEXT,
              userId: r.declared_by,
              organisationId: r.declared_org_id,
              at: r.declared_at,
            }
          : null,
      review:
        r.review_outcome && r.reviewed_at && internal
          ? {
              outcome: r.review_outcome,
              outcomeLabel: REVIEW_OUTCOME_LABELS[r.review_outcome] ?? r.review_outcome,
              comment: r.review_comment,
              at: r.reviewed_at,
            }
          : null,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      notice: NON_CLASSIFIED_NOTICE,
      declarationWording: DECLARATION_TEXT,
      abilities: resultAbilities(actor, r, reviewer),
    };
  });
}

export async function presentResult(db: Executor, actor: Actor | null, row: ResultRow): Promise<ResultView> {
  const [view] = await presentResults(db, actor, [row]);
  return view!;
}

export const presentReviewer = (x: ReviewerWithName): ReviewerView => ({
  id: x.id,
  organisationId: x.organisation_id,
  user: { id: x.user_id, name: x.name },
  createdAt: x.created_at,
});

export async function presentApplications(
  db: Executor,
  actor: Actor | null,
  rows: ApplicationJoined[],
): Promise<ApplicationView[]> {
  const orgs = await orgRefs(
    db,
    rows.flatMap((r) => [r.organisation_id, r.result_org_id]),
  );
  return rows.map((a) => ({
    id: a.id,
    result: {
      id: a.result_id,
      title: a.result_title,
      organisation: orgs(a.result_org_id),
    },
    organisation: orgs(a.organisation_id),
    user: { id: a.user_id, name: a.user_name },
    message: a.message,
    status: a.status,
    decisionNote: a.decision_note,
    createdAt: a.created_at,
    abilities: applicationAbilities(actor, a),
  }));
}

export async function presentApplication(
  db: Executor,
  actor: Actor | null,
  row: ApplicationJoined,
): Promise<ApplicationView> {
  const [view] = await presentApplications(db, actor, [row]);
  return view!;
}

// ----- .xlsx export ---------------------------------------------------------------------------------------

export const RESULT_EXPORT_HEADER = [
  '名称',
  '持有单位',
  '所属主题日',
  '所属领域',
  '技术成熟度（TRL）',
  '专利号',
  '转化方式',
  '价格预期',
  '公开时间',
];

export const resultExportRow = (v: ResultView) => [
  v.title,
  v.organisation.name,
  v.themeDay?.title ?? '',
  `${v.fieldCode} ${v.fieldName ?? ''}`.trim(),
  v.trl,
  v.patents,
  v.transferModeLabel,
  v.priceExpectation,
  v.publishedAt ?? '',
];
