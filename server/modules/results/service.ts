/**
 * Results for joint commercialisation (417号 二(三) 创新成果联合转化) with the confidentiality gate: the commands.
 *
 * Nothing about a result reaches the public or another organisation before its organisation's designated
 * confidentiality reviewer says 可以公开: publishing needs (1) the author's explicit 不涉密 declaration with the
 * fixed wording, recorded with user, organisation and time, and (2) the review. 修改后公开 sends it back to the
 * author with the required changes (they edit and declare again); 不同意公开 ends it.
 *
 * Decision: reviewers are designated per organisation in `confidentiality_reviewers` (not a new role), by
 * that organisation's base_admin or a system_admin — a university's 保密办 officer is an ordinary member
 * whom the unit names; they must belong to the organisation and may not review what they declared.
 */
import {
  DECLARATION_TEXT,
  REVIEW_OUTCOME_LABELS,
  type ApplicationStatus,
  type ResultBody,
  type ResultUpdateBody,
  type ReviewOutcome,
  type SubmitBody,
} from '../../../common/contracts/results.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import type { OrgFacts } from '../../lib/acting.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError, invalidState } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { proposeFromResultApplication } from '../projects/signals.ts';
import {
  deleteReviewer,
  insertApplication,
  insertResult,
  insertReviewer,
  reviewerUserIds,
  updateApplicationRow,
  updateResultIf,
  updateResultRow,
  type ApplicationJoined,
  type ApplicationRow,
  type ResultRow,
  type ReviewerRow,
} from './repository.ts';
import { links } from '../../../common/links.ts';

/** The declaring organisation and its reviewers work on the result in the workspace. */
const resultLink = (id: string) => links.myResult(id);

/** Creates a draft result of the actor's organisation (any organisation may publish results). */
export async function createResult(ctx: Ctx, props: { organisationId: string; body: ResultBody }): Promise<string> {
  const actor = requireActor(ctx);
  const b = props.body;
  const now = nowIso(ctx.clock.now());
  const row: ResultRow = {
    id: newId(),
    organisation_id: props.organisationId,
    theme_day_id: b.themeDayId ?? null,
    title: b.title,
    field_code: b.fieldCode,
    description: b.description,
    trl: b.trl,
    patents: json.stringify(b.patents),
    transfer_mode: b.transferMode,
    price_expectation: b.priceExpectation || null,
    status: 'draft',
    declaration_text: null,
    declared_by: null,
    declared_org_id: null,
    declared_at: null,
    review_outcome: null,
    review_comment: null,
    reviewed_by: null,
    reviewed_at: null,
    published_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  return ctx.db.transaction().execute(async (trx) => {
    if (b.themeDayId) await requireThemeDayArea(trx, actor, b.themeDayId, 'joint_commercialisation');
    await insertResult(trx, row);
    await audit(trx, ctx, { entityType: 'result', entityId: row.id, action: 'create', after: row });
    return row.id;
  });
}

/** Edits a draft or a result sent back for changes (a result under review or public is frozen). */
export async function updateResult(ctx: Ctx, props: { result: ResultRow; body: ResultUpdateBody }): Promise<void> {
  const actor = requireActor(ctx);
  const { result: r, body: b } = props;
  if (r.status !== 'draft' && r.status !== 'changes_requested')
    throw invalidState('成果送审后不能修改；如需修改请等待审查意见');
  const c: Partial<ResultRow> = {};
  if (b.title !== undefined) c.title = b.title;
  if (b.fieldCode !== undefined) c.field_code = b.fieldCode;
  if (b.description !== undefined) c.description = b.description;
  if (b.trl !== undefined) c.trl = b.trl;
  if (b.patents !== undefined) c.patents = json.stringify(b.patents);
  if (b.transferMode !== undefined) c.transfer_mode = b.transferMode;
  if (b.priceExpectation !== undefined) c.price_expectation = b.priceExpectation || null;
  if (b.themeDayId !== undefined) c.theme_day_id = b.themeDayId;
  await ctx.db.transaction().execute(async (trx) => {
    if (b.themeDayId) await requireThemeDayArea(trx, actor, b.themeDayId, 'joint_commercialisation');
    await updateResultRow(trx, r.id, { ...c, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, { entityType: 'result', entityId: r.id, action: 'update', before: r, after: c });
  });
}

/**
 * Declares 不涉密 and sends the result to the organisation's confidentiality reviewers. 422
 * `declaration_required` unless `declaration === true` (and any text sent is the fixed wording); 409
 * `no_confidentiality_reviewer` when the organisation has designated nobody.
 */
export async function submitResult(ctx: Ctx, props: { result: ResultRow; body: SubmitBody }): Promise<void> {
  const actor = requireActor(ctx);
  const { result: r, body } = props;
  if (r.status !== 'draft' && r.status !== 'changes_requested') throw invalidState('只有草稿或退回修改的成果可以送审');
  if (body.declaration !== true || (body.declarationText !== undefined && body.declarationText !== DECLARATION_TEXT)) {
    throw fieldError(422, 'declaration_required', 'declaration', `发布成果须勾选声明：「${DECLARATION_TEXT}」`);
  }
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const reviewers = await reviewerUserIds(trx, r.organisation_id);
    if (reviewers.length === 0)
      throw new AppError(
        409,
        'no_confidentiality_reviewer',
        '本单位尚未指定保密审查人，请联系本单位管理员指定后再送审',
      );
    const moved = await updateResultIf(trx, r.id, r.status, {
      status: 'in_review',
      declaration_text: DECLARATION_TEXT,
      declared_by: actor.userId,
      declared_org_id: actor.organisationId,
      declared_at: now,
      updated_at: now,
    });
    if (!moved) throw invalidState('成果状态已变化，请刷新');
    await audit(trx, ctx, {
      entityType: 'result',
      entityId: r.id,
      action: 'declare_and_submit',
      before: { status: r.status },
      after: {
        status: 'in_review',
        declaration: DECLARATION_TEXT,
        userId: actor.userId,
        organisationId: actor.organisationId,
        at: now,
      },
    });
    await notifyUsers(
      trx,
      reviewers.filter((u) => u !== actor.userId),
      { kind: 'confidentiality_review', title: `待保密审查：${r.title}`, link: resultLink(r.id) },
      ctx.clock.now(),
    );
  });
}

const OUTCOME_STATUS = { public: 'public', revise: 'changes_requested', reject: 'rejected' } as const;

/** The designated reviewer's decision: 可以公开 → public; 修改后公开 → back to the author; 不同意公开 → rejected. */
export async function reviewResult(
  ctx: Ctx,
  props: { result: ResultRow; outcome: ReviewOutcome; comment: string | null },
): Promise<void> {
  const actor = requireActor(ctx);
  const { result: r, outcome, comment } = props;
  if (r.status !== 'in_review') throw invalidState('该成果不在待审查状态');
  if (r.declared_by === actor.userId) throw new AppError(403, 'self_review', '不能审查本人送审的成果');
  if (outcome !== 'public' && !comment)
    throw fieldError(
      422,
      'validation_failed',
      'comment',
      outcome === 'revise' ? '请写明需修改的内容' : '请写明不同意公开的理由',
    );
  const now = nowIso(ctx.clock.now());
  const to = OUTCOME_STATUS[outcome];
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await updateResultIf(trx, r.id, 'in_review', {
      status: to,
      review_outcome: outcome,
      review_comment: comment,
      reviewed_by: actor.userId,
      reviewed_at: now,
      updated_at: now,
      ...(outcome === 'public' ? { published_at: now } : {}),
    });
    if (!moved) throw invalidState('成果状态已变化，请刷新');
    await audit(trx, ctx, {
      entityType: 'result',
      entityId: r.id,
      action: `review_${outcome}`,
      before: { status: 'in_review' },
      after: { status: to, outcome, comment },
    });
    const authors = [...new Set([r.created_by, r.declared_by].filter((x): x is string => !!x))];
    await notifyUsers(
      trx,
      authors,
      {
        kind: 'confidentiality_review',
        title: `保密审查意见：${REVIEW_OUTCOME_LABELS[outcome]}——${r.title}`,
        body: comment ?? '',
        link: resultLink(r.id),
      },
      ctx.clock.now(),
    );
  });
}

// ----- confidentiality reviewer designations --------------------------------------------------------------

/** Designates a person of the organisation as its confidentiality reviewer (409 `duplicate_member` when they already are). */
export async function designateReviewer(
  ctx: Ctx,
  props: { organisationId: string; user: { id: string } },
): Promise<ReviewerRow> {
  const actor = requireActor(ctx);
  const row: ReviewerRow = {
    id: newId(),
    organisation_id: props.organisationId,
    user_id: props.user.id,
    created_by: actor.userId,
    created_at: nowIso(ctx.clock.now()),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertReviewer(trx, row);
      await audit(trx, ctx, {
        entityType: 'confidentiality_reviewer',
        entityId: row.id,
        action: 'designate',
        after: { organisationId: row.organisation_id, userId: row.user_id },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'duplicate_member', '该人员已是保密审查人');
    throw err;
  }
  return row;
}

export async function revokeReviewer(ctx: Ctx, props: { reviewer: ReviewerRow }): Promise<void> {
  const row = props.reviewer;
  await ctx.db.transaction().execute(async (trx) => {
    await deleteReviewer(trx, row.id);
    await audit(trx, ctx, { entityType: 'confidentiality_reviewer', entityId: row.id, action: 'revoke', before: row });
  });
}

// ----- applications to take part --------------------------------------------------------------------------

/** Members (acting roles) of the result's organisation, to notify of applications. */
const orgActors = (db: Executor, orgId: string) => usersWithRole(db, [orgId], ['member', 'base_admin']);

/** An organisation applies to take part in a public result's commercialisation (once; 409 `already_applied`). */
export async function applyToResult(
  ctx: Ctx,
  props: { organisation: Pick<OrgFacts, 'id' | 'name'>; result: ResultRow; message: string },
): Promise<string> {
  const actor = requireActor(ctx);
  const { organisation: org, result: r } = props;
  if (r.status !== 'public') throw invalidState('成果尚未公开');
  if (r.organisation_id === org.id) throw new AppError(409, 'own_result', '不能申请本单位的成果');
  const now = nowIso(ctx.clock.now());
  const row: ApplicationRow = {
    id: newId(),
    result_id: r.id,
    organisation_id: org.id,
    user_id: actor.userId,
    message: props.message,
    status: 'pending',
    decision_note: null,
    created_at: now,
    updated_at: now,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertApplication(trx, row);
      await audit(trx, ctx, { entityType: 'result_application', entityId: row.id, action: 'create', after: row });
      await notifyUsers(
        trx,
        await orgActors(trx, r.organisation_id),
        { kind: 'result_application', title: `成果转化合作申请：${r.title}`, body: org.name, link: resultLink(r.id) },
        ctx.clock.now(),
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'already_applied', '本单位已提交过申请');
    throw err;
  }
  return row.id;
}

/** The result's organisation accepts or declines a pending application; the applicant is told. */
export async function decideApplication(
  ctx: Ctx,
  props: { application: ApplicationJoined; decision: 'accept' | 'decline'; note: string | null },
): Promise<void> {
  const { application: a, decision, note } = props;
  if (a.status !== 'pending') throw invalidState('该申请已处理');
  const to: ApplicationStatus = decision === 'accept' ? 'accepted' : 'declined';
  await ctx.db.transaction().execute(async (trx) => {
    await updateApplicationRow(trx, a.id, { status: to, decision_note: note, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, {
      entityType: 'result_application',
      entityId: a.id,
      action: decision,
      before: { status: a.status },
      after: { status: to, note },
    });
    // Issue 10: an accepted application is a signal; a candidate cooperation project (once per application).
    if (to === 'accepted') await proposeFromResultApplication(trx, ctx, { applicationId: a.id });
    await notifyUsers(
      trx,
      [a.user_id],
      {
        kind: 'result_application',
        title: `成果转化合作申请${to === 'accepted' ? '已接受' : '未接受'}：${a.result_title}`,
        body: note ?? '',
        link: links.result(a.result_id),
      },
      ctx.clock.now(),
    );
  });
}
