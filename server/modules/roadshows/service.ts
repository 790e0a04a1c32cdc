/**
 * Roadshows (创新团队对接路演, 417号 二(四): "组织创新团队、创业项目…开展路演对接，邀请专家、投资机构…参与"):
 * projects apply with a business-plan PDF, the host (or a support organisation it delegated to) screens them
 * and sets the lineup, experts and investors — the national emerging-industry venture guidance fund among them
 * — are invited as judges, score on weighted criteria, declare conflicts of interest (their score then does
 * not count) and record investment intent; the host watches the ranking live and publishes it by closing.
 */
import { join } from 'node:path';
import { shanghaiToUtc } from '../../../common/time.ts';
import { isUniqueViolation, json } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { storeUpload } from '../../lib/attachments.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers } from '../notifications/service.ts';
import { proposeFromRoadshowIntent } from '../projects/signals.ts';
import type { SessionContext } from '../events/repository.ts';
import {
  acceptedCount,
  acceptedProjects,
  findScoreId,
  judgeRolesOf,
  lockRoadshowStatus,
  maxLineupOrder,
  parseCriteria,
  resultRecipients,
  type JudgeRow,
  type ProjectRow,
  type RoadshowRow,
} from './repository.ts';
import {
  DEFAULT_CRITERIA,
  SCORE_MAX,
  SCORE_MIN,
  type Criterion,
  type ProjectFields,
  type ProjectStatus,
  type ScoreBody,
} from '../../../common/contracts/roadshows.ts';
import { links } from '../../../common/links.ts';

export const roadshowLink = (id: string) => links.manageRoadshow(id);
/** Business plans are at most 10 MB. */
export const BP_MAX_BYTES = 10 * 1024 * 1024;

function toUtcField(local: string, field: string): string {
  try {
    return shanghaiToUtc(local).toISOString();
  } catch {
    throw new AppError(400, 'validation_failed', '时间无效', [
      { field, code: 'invalid_datetime', message: '时间无效' },
    ]);
  }
}

/** Sets up the roadshow of a session of kind `roadshow` (host staff), with default criteria unless given. */
export async function createRoadshow(
  ctx: Ctx,
  p: {
    session: SessionContext;
    title?: string | undefined;
    criteria?: Criterion[] | undefined;
    applicationsCloseAt?: string | undefined;
  },
): Promise<string> {
  const session = p.session.session;
  if (session.kind !== 'roadshow')
    throw new AppError(409, 'not_a_roadshow_session', '只有“路演”类型的场次可以设置路演');
  const id = newId();
  const now = nowIso(ctx.clock.now());
  const criteria = p.criteria ?? DEFAULT_CRITERIA;
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roadshows')
        .values({
          id,
          session_id: session.id,
          title: p.title ?? session.title,
          criteria: json.stringify(criteria),
          status: 'collecting',
          applications_close_at: p.applicationsCloseAt
            ? toUtcField(p.applicationsCloseAt, 'applicationsCloseAt')
            : null,
          scoring_opened_at: null,
          closed_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'roadshow',
        entityId: id,
        action: 'create',
        after: { sessionId: session.id, criteria },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'roadshow_exists', '该场次已设置路演');
    throw err;
  }
  return id;
}

/** Edits title, criteria and the application deadline; criteria are frozen once scoring opens. */
export async function updateRoadshow(
  ctx: Ctx,
  p: {
    roadshow: RoadshowRow;
    title?: string | undefined;
    criteria?: Criterion[] | undefined;
    applicationsCloseAt?: string | undefined;
  },
): Promise<void> {
  const r = p.roadshow;
  if (p.criteria && r.status !== 'collecting')
    throw new AppError(409, 'invalid_criteria', '评分开始后不能再修改评分标准');
  if (r.status === 'closed') throw new AppError(409, 'invalid_state', '路演已结束');
  const set = {
    ...(p.title ? { title: p.title } : {}),
    ...(p.criteria ? { criteria: json.stringify(p.criteria) } : {}),
    ...(p.applicationsCloseAt
      ? { applications_close_at: toUtcField(p.applicationsCloseAt, 'applicationsCloseAt') }
      : {}),
    updated_at: nowIso(ctx.clock.now()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('roadshows').set(set).where('id', '=', r.id).execute();
    await audit(trx, ctx, {
      entityType: 'roadshow',
      entityId: r.id,
      action: 'update',
      before: { title: r.title, criteria: parseCriteria(r), applicationsCloseAt: r.applications_close_at },
      after: set,
    });
  });
}

/** Files a project: stores the PDF under the upload dir (named by id, never by the client's file name). */
export async function applyProject(
  ctx: Ctx,
  p: { roadshow: RoadshowRow; fields: ProjectFields; file: { name: string; data: Buffer } },
): Promise<string> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const r = p.roadshow;
  if (r.status !== 'collecting' || (r.applications_close_at && now.toISOString() > r.applications_close_at)) {
    throw new AppError(409, 'applications_closed', '路演项目征集已结束');
  }
  const id = newId();
  const rel = join('roadshows', r.id, `${id}.pdf`);
  await storeUpload(ctx.uploadDir, rel, p.file.data);
  const f = p.fields;
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('roadshow_projects')
      .values({
        id,
        roadshow_id: r.id,
        applicant_user_id: actor.userId,
        organisation_id: actor.organisationId,
        name: f.name,
        team: f.team,
        organisation_name: f.organisationName,
        field: f.field,
        stage: f.stage,
        financing_need_wan: f.financingNeedWan,
        summary: f.summary ?? null,
        bp_path: rel,
        bp_name: p.file.name.slice(0, 200) || '商业计划书.pdf',
        bp_size: p.file.data.length,
        status: 'submitted',
        screening_note: null,
        lineup_order: null,
        created_at: nowIso(now),
        updated_at: nowIso(now),
      })
      .execute();
    await audit(trx, ctx, {
      entityType: 'roadshow_project',
      entityId: id,
      action: 'apply',
      after: { ...f, bpSize: p.file.data.length },
    });
  });
  return id;
}

/** Accepts or rejects a project while applications are being collected; the applicant is told. */
export async function screenProject(
  ctx: Ctx,
  p: { roadshow: RoadshowRow; project: ProjectRow; decision: 'accept' | 'reject'; note?: string | undefined },
): Promise<void> {
  if (p.roadshow.status !== 'collecting') throw new AppError(409, 'project_not_screenable', '评分开始后不能再筛选项目');
  const status: ProjectStatus = p.decision === 'accept' ? 'accepted' : 'rejected';
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const order =
      status === 'accepted' ? (p.project.lineup_order ?? (await maxLineupOrder(trx, p.roadshow.id)) + 1) : null;
    await trx
      .updateTable('roadshow_projects')
      .set({ status, screening_note: p.note ?? null, lineup_order: order, updated_at: nowIso(now) })
      .where('id', '=', p.project.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'roadshow_project',
      entityId: p.project.id,
      action: p.decision,
      before: { status: p.project.status },
      after: { status, note: p.note ?? null },
    });
    await notifyUsers(
      trx,
      [p.project.applicant_user_id],
      status === 'accepted'
        ? {
            kind: 'roadshow_project_accepted',
            title: `路演项目「${p.project.name}」已入选`,
            body: `您的项目已入选「${p.roadshow.title}」路演名单。${p.note ?? ''}`,
            link: roadshowLink(p.roadshow.id),
          }
        : {
            kind: 'roadshow_project_rejected',
            title: `路演项目「${p.project.name}」未入选`,
            body: p.note ? `原因：${p.note}` : '感谢参与，欢迎关注后续活动。',
            link: roadshowLink(p.roadshow.id),
          },
      now,
    );
  });
}

/** Sets the pitch order: exactly the accepted projects, each once. */
export async function setLineup(ctx: Ctx, p: { roadshow: RoadshowRow; projectIds: string[] }): Promise<void> {
  if (p.roadshow.status === 'closed') throw new AppError(409, 'invalid_state', '路演已结束');
  const accepted = await acceptedProjects(ctx.db, p.roadshow.id);
  const want = new Set(accepted.map((a) => a.id));
  const given = new Set(p.projectIds);
  if (given.size !== p.projectIds.length || given.size !== want.size || [...given].some((id) => !want.has(id))) {
    throw new AppError(400, 'invalid_lineup', '路演顺序须包含全部已入选项目，且每个项目只出现一次');
  }
  await ctx.db.transaction().execute(async (trx) => {
    let i = 1;
    for (const id of p.projectIds) {
      await trx.updateTable('roadshow_projects').set({ lineup_order: i++ }).where('id', '=', id).execute();
    }
    await audit(trx, ctx, {
      entityType: 'roadshow',
      entityId: p.roadshow.id,
      action: 'set_lineup',
      after: { projectIds: p.projectIds },
    });
  });
}

/**
 * Invites a judge: someone holding the expert or investor role (an investor may be flagged as the
 * guidance fund, 国家新兴产业创业投资引导基金). The judge is notified.
 */
export async function inviteJudge(
  ctx: Ctx,
  p: { roadshow: RoadshowRow; userId: string; guidanceFund: boolean },
): Promise<string> {
  if (p.roadshow.status === 'closed') throw new AppError(409, 'invalid_state', '路演已结束');
  const roles = await judgeRolesOf(ctx.db, p.userId);
  const investor = roles.find((r) => r.role === 'investor');
  const first = roles[0];
  if (!first)
    throw new AppError(400, 'not_a_judge_candidate', '评委须为专家或投资机构人员', [
      { field: 'userId', code: 'not_a_judge_candidate', message: '该用户不是专家或投资机构人员' },
    ]);
  if (p.guidanceFund && !investor) {
    throw new AppError(400, 'not_a_judge_candidate', '只有投资机构人员可以标记为引导基金', [
      { field: 'guidanceFund', code: 'not_an_investor', message: '只有投资机构人员可以标记为引导基金' },
    ]);
  }
  const chosen = p.guidanceFund && investor ? investor : first;
  // judgeRolesOf keeps expert and investor memberships only.
  const kind = chosen.role === 'investor' ? 'investor' : 'expert';
  const id = newId();
  const now = ctx.clock.now();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roadshow_judges')
        .values({
          id,
          roadshow_id: p.roadshow.id,
          user_id: p.userId,
          organisation_id: chosen.organisation_id,
          kind,
          guidance_fund: p.guidanceFund ? 1 : 0,
          invited_at: nowIso(now),
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'roadshow_judge',
        entityId: id,
        action: 'invite',
        after: { roadshowId: p.roadshow.id, userId: p.userId, kind, guidanceFund: p.guidanceFund },
      });
      await notifyUsers(
        trx,
        [p.userId],
        {
          kind: 'roadshow_judge_invited',
          title: `邀请您担任「${p.roadshow.title}」路演评委`,
          body: '请在路演开始后用手机打开评分页面，为项目打分并填写投资意向。',
          link: roadshowLink(p.roadshow.id),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'already_judge', '该用户已受邀担任评委');
    throw err;
  }
  return id;
}

/** Opens or closes scoring. Closing publishes the results: applicants of accepted projects and judges are told. */
export async function setRoadshowStatus(
  ctx: Ctx,
  p: { roadshow: RoadshowRow; to: 'scoring' | 'closed' },
): Promise<void> {
  const now = ctx.clock.now();
  const from = p.to === 'scoring' ? 'collecting' : 'scoring';
  if (p.roadshow.status !== from) {
    throw new AppError(
      409,
      'invalid_state',
      p.to === 'scoring' ? '只有征集中的路演可以开始评分' : '只有评分中的路演可以结束评分并公布结果',
    );
  }
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockRoadshowStatus(trx, ctx.dialect, p.roadshow.id);
    if (!locked || locked.status !== from) throw new AppError(409, 'invalid_state', '路演状态已变化，请刷新');
    if (p.to === 'scoring') {
      if ((await acceptedCount(trx, p.roadshow.id)) === 0)
        throw new AppError(409, 'invalid_state', '尚无入选项目，不能开始评分');
    }
    await trx
      .updateTable('roadshows')
      .set(
        p.to === 'scoring'
          ? { status: 'scoring', scoring_opened_at: nowIso(now), updated_at: nowIso(now) }
          : { status: 'closed', closed_at: nowIso(now), updated_at: nowIso(now) },
      )
      .where('id', '=', p.roadshow.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'roadshow',
      entityId: p.roadshow.id,
      action: p.to === 'scoring' ? 'open_scoring' : 'close_scoring',
      before: { status: from },
      after: { status: p.to },
    });
    if (p.to === 'closed') {
      await notifyUsers(
        trx,
        await resultRecipients(trx, p.roadshow.id),
        {
          kind: 'roadshow_results_published',
          title: `「${p.roadshow.title}」路演结果已公布`,
          link: roadshowLink(p.roadshow.id),
        },
        now,
      );
    }
  });
}

/** Every criterion scored once, integers within 1..10, no unknown keys. */
export function checkJudgeScores(criteria: Criterion[], scores: Record<string, number> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const s = scores ?? {};
  const known = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(s))
    if (!known.has(k))
      errors.push({ field: `scores.${k}`, code: 'unknown_criterion', message: `没有标识为「${k}」的评分项` });
  for (const c of criteria) {
    const v = s[c.key];
    if (v === undefined)
      errors.push({ field: `scores.${c.key}`, code: 'score_required', message: `请为「${c.name}」评分` });
    else if (!Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
      errors.push({
        field: `scores.${c.key}`,
        code: 'score_out_of_range',
        message: `「${c.name}」的评分应为${SCORE_MIN}～${SCORE_MAX}的整数`,
      });
    }
  }
  return errors;
}

/**
 * A judge's score for one project (upsert: a judge may correct it until scoring closes). With a declared
 * conflict of interest the scores are dropped and do not count; investment intent is kept either way.
 */
export async function saveScore(
  ctx: Ctx,
  p: { roadshow: RoadshowRow; project: ProjectRow; judge: JudgeRow; body: ScoreBody },
): Promise<void> {
  if (p.roadshow.status !== 'scoring')
    throw new AppError(409, 'scoring_not_open', p.roadshow.status === 'closed' ? '评分已结束' : '评分尚未开始');
  if (p.project.status !== 'accepted') throw new AppError(409, 'project_not_in_lineup', '该项目不在路演名单中');
  const b = p.body;
  if (!b.conflictOfInterest) {
    const errors = checkJudgeScores(parseCriteria(p.roadshow), b.scores);
    if (errors.length) throw new AppError(400, 'invalid_scores', errors.map((e) => e.message).join('；'), errors);
  }
  const intent = b.intent;
  if (intent && intent.minWan != null && intent.maxWan != null && intent.minWan > intent.maxWan) {
    throw new AppError(400, 'invalid_intent', '意向投资金额下限不能高于上限', [
      { field: 'intent.maxWan', code: 'invalid_intent', message: '意向投资金额下限不能高于上限' },
    ]);
  }
  const now = nowIso(ctx.clock.now());
  const values = {
    scores: b.conflictOfInterest ? null : json.stringify(b.scores),
    conflict: b.conflictOfInterest ? 1 : 0,
    conflict_reason: b.conflictOfInterest ? (b.conflictReason ?? null) : null,
    intent_min_wan: intent?.minWan ?? null,
    intent_max_wan: intent?.maxWan ?? null,
    intent_to_sign: intent?.intentToSign ? 1 : 0,
    comment: b.comment ?? null,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await findScoreId(trx, p.project.id, p.judge.id);
    const id = existing ?? newId();
    if (existing) await trx.updateTable('roadshow_scores').set(values).where('id', '=', id).execute();
    else
      await trx
        .insertInto('roadshow_scores')
        .values({
          id,
          roadshow_id: p.roadshow.id,
          project_id: p.project.id,
          judge_id: p.judge.id,
          created_at: now,
          ...values,
        })
        .execute();
    await audit(trx, ctx, {
      entityType: 'roadshow_score',
      entityId: id,
      action: existing ? 'update' : 'score',
      after: { projectId: p.project.id, ...values },
    });
    // Issue 10: 意向签约 by a judge acting for another organisation is a signal; a candidate (once per score).
    if (values.intent_to_sign) await proposeFromRoadshowIntent(trx, ctx, { scoreId: id });
  });
}
