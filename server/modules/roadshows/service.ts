/**
 * Roadshows (创新团队对接路演, 417号 二(四): "组织创新团队、创业项目…开展路演对接，邀请专家、投资机构…参与"):
 * projects apply with a business-plan PDF, the host (or a support organisation it delegated to) screens them
 * and sets the lineup, experts and investors — the national emerging-industry venture guidance fund among them
 * — are invited as judges, score on weighted criteria, declare conflicts of interest (their score then does
 * not count) and record investment intent; the host watches the ranking live and publishes it by closing.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { FastifyRequest } from 'fastify';
import { shanghaiToUtc } from '../../../common/time.ts';
import { forUpdate, isUniqueViolation, json, type Executor } from '../../db/index.ts';
import type { RoadshowJudgeTable, RoadshowProjectTable, RoadshowScoreTable, RoadshowTable } from '../../db/schema.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers } from '../notifications/service.ts';
import type { SessionContext } from '../events/repository.ts';
import { DEFAULT_CRITERIA, SCORE_MAX, SCORE_MIN, type Criterion, type Ranking } from '../../../common/contracts/roadshows.ts';

export type RoadshowRow = RoadshowTable;
export type ProjectRow = RoadshowProjectTable;
export type JudgeRow = Omit<RoadshowJudgeTable, 'guidance_fund'> & { guidance_fund: number };
export type ScoreRow = Omit<RoadshowScoreTable, 'conflict' | 'intent_to_sign'> & { conflict: number; intent_to_sign: number };

export const roadshowLink = (id: string) => `/roadshows/${id}`;
/** Business plans are at most 10 MB. */
export const BP_MAX_BYTES = 10 * 1024 * 1024;

/** Where uploaded files live: `uploads/` beside the SQLite file (data/uploads by default). */
export function uploadDir(req: FastifyRequest): string {
  return join(dirname(req.server.config.SQLITE_PATH), 'uploads');
}

export const parseCriteria = (r: Pick<RoadshowRow, 'criteria'>): Criterion[] => json.parse<Criterion[]>(r.criteria, DEFAULT_CRITERIA);

export async function getRoadshow(db: Executor, id: string) {
  return db.selectFrom('roadshows').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function getRoadshowBySession(db: Executor, sessionId: string) {
  return db.selectFrom('roadshows').selectAll().where('session_id', '=', sessionId).executeTakeFirst();
}
export async function getProject(db: Executor, id: string) {
  return db.selectFrom('roadshow_projects').selectAll().where('id', '=', id).executeTakeFirst();
}
export async function getJudge(db: Executor, roadshowId: string, userId: string): Promise<JudgeRow | undefined> {
  return db.selectFrom('roadshow_judges').selectAll().where('roadshow_id', '=', roadshowId).where('user_id', '=', userId).executeTakeFirst();
}

function toUtcField(local: string, field: string): string {
  try {
    return shanghaiToUtc(local).toISOString();
  } catch {
    throw new AppError(400, 'validation_failed', '时间无效', [{ field, code: 'invalid_datetime', message: '时间无效' }]);
  }
}

/** Sets up the roadshow of a session of kind `roadshow` (host staff), with default criteria unless given. */
export async function createRoadshow(p: { req: FastifyRequest; ctx: SessionContext; title?: string | undefined; criteria?: Criterion[] | undefined; applicationsCloseAt?: string | undefined }): Promise<string> {
  if (p.ctx.session.kind !== 'roadshow') throw new AppError(409, 'not_a_roadshow_session', '只有“路演”类型的场次可以设置路演');
  const app = p.req.server;
  const id = newId();
  const now = nowIso(app.clock.now());
  const criteria = p.criteria ?? DEFAULT_CRITERIA;
  try {
    await app.database.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roadshows')
        .values({
          id,
          session_id: p.ctx.session.id,
          title: p.title ?? p.ctx.session.title,
          criteria: json.stringify(criteria),
          status: 'collecting',
          applications_close_at: p.applicationsCloseAt ? toUtcField(p.applicationsCloseAt, 'applicationsCloseAt') : null,
          scoring_opened_at: null,
          closed_at: null,
          created_at: now,
          updated_at: now,
        })
        .execute();
      await audit(trx, p.req.ctx, { entityType: 'roadshow', entityId: id, action: 'create', after: { sessionId: p.ctx.session.id, criteria } });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'roadshow_exists', '该场次已设置路演');
    throw err;
  }
  return id;
}

/** Edits title, criteria and the application deadline; criteria are frozen once scoring opens. */
export async function updateRoadshow(p: { req: FastifyRequest; roadshow: RoadshowRow; title?: string | undefined; criteria?: Criterion[] | undefined; applicationsCloseAt?: string | undefined }): Promise<void> {
  const r = p.roadshow;
  if (p.criteria && r.status !== 'collecting') throw new AppError(409, 'invalid_criteria', '评分开始后不能再修改评分标准');
  if (r.status === 'closed') throw new AppError(409, 'invalid_state', '路演已结束');
  const set = {
    ...(p.title ? { title: p.title } : {}),
    ...(p.criteria ? { criteria: json.stringify(p.criteria) } : {}),
    ...(p.applicationsCloseAt ? { applications_close_at: toUtcField(p.applicationsCloseAt, 'applicationsCloseAt') } : {}),
    updated_at: nowIso(p.req.server.clock.now()),
  };
  await p.req.server.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('roadshows').set(set).where('id', '=', r.id).execute();
    await audit(trx, p.req.ctx, { entityType: 'roadshow', entityId: r.id, action: 'update', before: { title: r.title, criteria: parseCriteria(r), applicationsCloseAt: r.applications_close_at }, after: set });
  });
}

/** True when the buffer starts with the PDF magic bytes `%PDF-` (the file name and declared type are not trusted). */
export const isPdf = (buf: Buffer): boolean => buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-';

/** Files a project: stores the PDF under the upload dir (named by id, never by the client's file name). */
export async function applyProject(p: {
  req: FastifyRequest;
  roadshow: RoadshowRow;
  fields: { name: string; team: string; organisationName: string; field: string; stage: string; financingNeedWan: number; summary?: string | undefined };
  file: { name: string; data: Buffer };
}): Promise<string> {
  const app = p.req.server;
  const now = app.clock.now();
  const r = p.roadshow;
  if (r.status !== 'collecting' || (r.applications_close_at && now.toISOString() > r.applications_close_at)) {
    throw new AppError(409, 'applications_closed', '路演项目征集已结束');
  }
  const id = newId();
  const rel = join('roadshows', r.id, `${id}.pdf`);
  const abs = join(uploadDir(p.req), rel);
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, p.file.data);
  const f = p.fields;
  await app.database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('roadshow_projects')
      .values({
        id,
        roadshow_id: r.id,
        applicant_user_id: p.req.actor!.userId,
        organisation_id: p.req.actor!.organisationId,
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
    await audit(trx, p.req.ctx, { entityType: 'roadshow_project', entityId: id, action: 'apply', after: { ...f, bpSize: p.file.data.length } });
  });
  return id;
}

/** Accepts or rejects a project while applications are being collected; the applicant is told. */
export async function screenProject(p: { req: FastifyRequest; roadshow: RoadshowRow; project: ProjectRow; decision: 'accept' | 'reject'; note?: string | undefined }): Promise<void> {
  if (p.roadshow.status !== 'collecting') throw new AppError(409, 'project_not_screenable', '评分开始后不能再筛选项目');
  const app = p.req.server;
  const status = p.decision === 'accept' ? 'accepted' : 'rejected';
  const now = app.clock.now();
  await app.database.db.transaction().execute(async (trx) => {
    const max = await trx
      .selectFrom('roadshow_projects')
      .select((eb) => eb.fn.max('lineup_order').as('m'))
      .where('roadshow_id', '=', p.roadshow.id)
      .executeTakeFirst();
    const order = status === 'accepted' ? (p.project.lineup_order ?? Number(max?.m ?? 0) + 1) : null;
    await trx
      .updateTable('roadshow_projects')
      .set({ status, screening_note: p.note ?? null, lineup_order: order, updated_at: nowIso(now) })
      .where('id', '=', p.project.id)
      .execute();
    await audit(trx, p.req.ctx, { entityType: 'roadshow_project', entityId: p.project.id, action: p.decision, before: { status: p.project.status }, after: { status, note: p.note ?? null } });
    await notifyUsers(
      trx,
      [p.project.applicant_user_id],
      status === 'accepted'
        ? { kind: 'roadshow_project_accepted', title: `路演项目「${p.project.name}」已入选`, body: `您的项目已入选「${p.roadshow.title}」路演名单。${p.note ?? ''}`, link: roadshowLink(p.roadshow.id) }
        : { kind: 'roadshow_project_rejected', title: `路演项目「${p.project.name}」未入选`, body: p.note ? `原因：${p.note}` : '感谢参与，欢迎关注后续活动。', link: roadshowLink(p.roadshow.id) },
      now,
    );
  });
}

/** Sets the pitch order: exactly the accepted projects, each once. */
export async function setLineup(p: { req: FastifyRequest; roadshow: RoadshowRow; projectIds: string[] }): Promise<void> {
  if (p.roadshow.status === 'closed') throw new AppError(409, 'invalid_state', '路演已结束');
  const app = p.req.server;
  const accepted = await app.database.db.selectFrom('roadshow_projects').select('id').where('roadshow_id', '=', p.roadshow.id).where('status', '=', 'accepted').execute();
  const want = new Set(accepted.map((a) => a.id));
  const given = new Set(p.projectIds);
  if (given.size !== p.projectIds.length || given.size !== want.size || [...given].some((id) => !want.has(id))) {
    throw new AppError(400, 'invalid_lineup', '路演顺序须包含全部已入选项目，且每个项目只出现一次');
  }
  await app.database.db.transaction().execute(async (trx) => {
    let i = 1;
    for (const id of p.projectIds) {
      await trx.updateTable('roadshow_projects').set({ lineup_order: i++ }).where('id', '=', id).execute();
    }
    await audit(trx, p.req.ctx, { entityType: 'roadshow', entityId: p.roadshow.id, action: 'set_lineup', after: { projectIds: p.projectIds } });
  });
}

/**
 * Invites a judge: someone holding the expert or investor role (an investor may be flagged as the
 * guidance fund, 国家新兴产业创业投资引导基金). The judge is notified.
 */
export async function inviteJudge(p: { req: FastifyRequest; roadshow: RoadshowRow; userId: string; guidanceFund: boolean }): Promise<string> {
  if (p.roadshow.status === 'closed') throw new AppError(409, 'invalid_state', '路演已结束');
  const app = p.req.server;
  const db = app.database.db;
  const roles = await db.selectFrom('memberships').select(['role', 'organisation_id']).where('user_id', '=', p.userId).where('role', 'in', ['expert', 'investor']).orderBy('created_at').execute();
  if (!roles.length) throw new AppError(400, 'not_a_judge_candidate', '评委须为专家或投资机构人员', [{ field: 'userId', code: 'not_a_judge_candidate', message: '该用户不是专家或投资机构人员' }]);
  const investor = roles.find((r) => r.role === 'investor');
  if (p.guidanceFund && !investor) {
    throw new AppError(400, 'not_a_judge_candidate', '只有投资机构人员可以标记为引导基金', [{ field: 'guidanceFund', code: 'not_an_investor', message: '只有投资机构人员可以标记为引导基金' }]);
  }
  const chosen = p.guidanceFund ? investor! : roles[0]!;
  const id = newId();
  const now = app.clock.now();
  try {
    await db.transaction().execute(async (trx) => {
      await trx
        .insertInto('roadshow_judges')
        .values({ id, roadshow_id: p.roadshow.id, user_id: p.userId, organisation_id: chosen.organisation_id, kind: chosen.role, guidance_fund: p.guidanceFund ? 1 : 0, invited_at: nowIso(now) })
        .execute();
      await audit(trx, p.req.ctx, { entityType: 'roadshow_judge', entityId: id, action: 'invite', after: { roadshowId: p.roadshow.id, userId: p.userId, kind: chosen.role, guidanceFund: p.guidanceFund } });
      await notifyUsers(trx, [p.userId], { kind: 'roadshow_judge_invited', title: `邀请您担任「${p.roadshow.title}」路演评委`, body: '请在路演开始后用手机打开评分页面，为项目打分并填写投资意向。', link: roadshowLink(p.roadshow.id) }, now);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'already_judge', '该用户已受邀担任评委');
    throw err;
  }
  return id;
}

/** Opens or closes scoring. Closing publishes the results: applicants of accepted projects and judges are told. */
export async function setRoadshowStatus(p: { req: FastifyRequest; roadshow: RoadshowRow; to: 'scoring' | 'closed' }): Promise<void> {
  const app = p.req.server;
  const now = app.clock.now();
  const from = p.to === 'scoring' ? 'collecting' : 'scoring';
  if (p.roadshow.status !== from) {
    throw new AppError(409, 'invalid_state', p.to === 'scoring' ? '只有征集中的路演可以开始评分' : '只有评分中的路演可以结束评分并公布结果');
  }
  await app.database.db.transaction().execute(async (trx) => {
    const locked = await forUpdate(trx.selectFrom('roadshows').select(['id', 'status']).where('id', '=', p.roadshow.id), app.database.dialect).executeTakeFirst();
    if (!locked || locked.status !== from) throw new AppError(409, 'invalid_state', '路演状态已变化，请刷新');
    if (p.to === 'scoring') {
      const n = await trx.selectFrom('roadshow_projects').select((eb) => eb.fn.countAll<number>().as('n')).where('roadshow_id', '=', p.roadshow.id).where('status', '=', 'accepted').executeTakeFirstOrThrow();
      if (Number(n.n) === 0) throw new AppError(409, 'invalid_state', '尚无入选项目，不能开始评分');
    }
    await trx
      .updateTable('roadshows')
      .set(p.to === 'scoring' ? { status: 'scoring', scoring_opened_at: nowIso(now), updated_at: nowIso(now) } : { status: 'closed', closed_at: nowIso(now), updated_at: nowIso(now) })
      .where('id', '=', p.roadshow.id)
      .execute();
    await audit(trx, p.req.ctx, { entityType: 'roadshow', entityId: p.roadshow.id, action: p.to === 'scoring' ? 'open_scoring' : 'close_scoring', before: { status: from }, after: { status: p.to } });
    if (p.to === 'closed') {
      const applicants = await trx.selectFrom('roadshow_projects').select('applicant_user_id').where('roadshow_id', '=', p.roadshow.id).where('status', '=', 'accepted').execute();
      const judges = await trx.selectFrom('roadshow_judges').select('user_id').where('roadshow_id', '=', p.roadshow.id).execute();
      await notifyUsers(
        trx,
        [...applicants.map((a) => a.applicant_user_id), ...judges.map((j) => j.user_id)],
        { kind: 'roadshow_results_published', title: `「${p.roadshow.title}」路演结果已公布`, link: roadshowLink(p.roadshow.id) },
        now,
      );
    }
  });
}

/** Weighted mean of one judge's scores on the criteria (1..10 scale), rounded to two decimals. */
export function weighted(criteria: Criterion[], scores: Record<string, number>): number {
  let sum = 0;
  let w = 0;
  for (const c of criteria) {
    sum += c.weight * (scores[c.key] ?? 0);
    w += c.weight;
  }
  return Math.round((sum / w) * 100) / 100;
}

/** Every criterion scored once, integers within 1..10, no unknown keys. */
export function checkJudgeScores(criteria: Criterion[], scores: Record<string, number> | undefined): FieldError[] {
  const errors: FieldError[] = [];
  const s = scores ?? {};
  const known = new Set(criteria.map((c) => c.key));
  for (const k of Object.keys(s)) if (!known.has(k)) errors.push({ field: `scores.${k}`, code: 'unknown_criterion', message: `没有标识为「${k}」的评分项` });
  for (const c of criteria) {
    const v = s[c.key];
    if (v === undefined) errors.push({ field: `scores.${c.key}`, code: 'score_required', message: `请为「${c.name}」评分` });
    else if (!Number.isInteger(v) || v < SCORE_MIN || v > SCORE_MAX) {
      errors.push({ field: `scores.${c.key}`, code: 'score_out_of_range', message: `「${c.name}」的评分应为${SCORE_MIN}～${SCORE_MAX}的整数` });
    }
  }
  return errors;
}

/**
 * A judge's score for one project (upsert: a judge may correct it until scoring closes). With a declared
 * conflict of interest the scores are dropped and do not count; investment intent is kept either way.
 */
export async function saveScore(p: {
  req: FastifyRequest;
  roadshow: RoadshowRow;
  project: ProjectRow;
  judge: JudgeRow;
  body: { conflictOfInterest: boolean; conflictReason?: string | undefined; scores?: Record<string, number> | undefined; intent?: { minWan: number | null; maxWan: number | null; intentToSign: boolean } | undefined; comment?: string | undefined };
}): Promise<void> {
  if (p.roadshow.status !== 'scoring') throw new AppError(409, 'scoring_not_open', p.roadshow.status === 'closed' ? '评分已结束' : '评分尚未开始');
  if (p.project.status !== 'accepted') throw new AppError(409, 'project_not_in_lineup', '该项目不在路演名单中');
  const b = p.body;
  if (!b.conflictOfInterest) {
    const errors = checkJudgeScores(parseCriteria(p.roadshow), b.scores);
    if (errors.length) throw new AppError(400, 'invalid_scores', errors.map((e) => e.message).join('；'), errors);
  }
  const intent = b.intent;
  if (intent && intent.minWan != null && intent.maxWan != null && intent.minWan > intent.maxWan) {
    throw new AppError(400, 'invalid_intent', '意向投资金额下限不能高于上限', [{ field: 'intent.maxWan', code: 'invalid_intent', message: '意向投资金额下限不能高于上限' }]);
  }
  const app = p.req.server;
  const now = nowIso(app.clock.now());
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
  await app.database.db.transaction().execute(async (trx) => {
    const existing = await trx.selectFrom('roadshow_scores').select('id').where('project_id', '=', p.project.id).where('judge_id', '=', p.judge.id).executeTakeFirst();
    const id = existing?.id ?? newId();
    if (existing) await trx.updateTable('roadshow_scores').set(values).where('id', '=', id).execute();
    else await trx.insertInto('roadshow_scores').values({ id, roadshow_id: p.roadshow.id, project_id: p.project.id, judge_id: p.judge.id, created_at: now, ...values }).execute();
    await audit(trx, p.req.ctx, { entityType: 'roadshow_score', entityId: id, action: existing ? 'update' : 'score', after: { projectId: p.project.id, ...values } });
  });
}

/**
 * The ranking: per accepted project the mean over judges without a conflict of each judge's weighted score;
 * ties keep the lineup order. Investment intents are summed (count, 意向签约, guidance fund, amount range).
 */
export async function ranking(db: Executor, roadshow: RoadshowRow): Promise<Ranking> {
  const criteria = parseCriteria(roadshow);
  const projects = await db.selectFrom('roadshow_projects').selectAll().where('roadshow_id', '=', roadshow.id).where('status', '=', 'accepted').execute();
  const scores = await db
    .selectFrom('roadshow_scores as s')
    .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
    .selectAll('s')
    .select('j.guidance_fund')
    .where('s.roadshow_id', '=', roadshow.id)
    .execute();
  const judges = await db.selectFrom('roadshow_judges').select((eb) => eb.fn.countAll<number>().as('n')).where('roadshow_id', '=', roadshow.id).executeTakeFirstOrThrow();
  const items = projects.map((pr) => {
    const mine = scores.filter((s) => s.project_id === pr.id);
    const counted = mine.filter((s) => !Number(s.conflict) && s.scores);
    const parsed = counted.map((s) => json.parse<Record<string, number>>(s.scores, {}));
    const perCriterion: Record<string, number> = {};
    if (parsed.length) for (const c of criteria) perCriterion[c.key] = Math.round((parsed.reduce((a, s) => a + (s[c.key] ?? 0), 0) / parsed.length) * 100) / 100;
    const withIntent = mine.filter((s) => s.intent_min_wan != null || s.intent_max_wan != null || Number(s.intent_to_sign));
    return {
      rank: 0,
      projectId: pr.id,
      name: pr.name,
      organisationName: pr.organisation_name,
      lineupOrder: pr.lineup_order,
      average: parsed.length ? Math.round((parsed.reduce((a, s) => a + weighted(criteria, s), 0) / parsed.length) * 100) / 100 : null,
      perCriterion,
      judgesCounted: parsed.length,
      conflicts: mine.filter((s) => Number(s.conflict)).length,
      intents: {
        count: withIntent.length,
        intentToSign: mine.filter((s) => Number(s.intent_to_sign)).length,
        guidanceFund: withIntent.filter((s) => Number(s.guidance_fund)).length,
        minWan: withIntent.reduce((a, s) => a + Number(s.intent_min_wan ?? 0), 0),
        maxWan: withIntent.reduce((a, s) => a + Number(s.intent_max_wan ?? s.intent_min_wan ?? 0), 0),
      },
    };
  });
  items.sort((a, b) => (b.average ?? -1) - (a.average ?? -1) || (a.lineupOrder ?? 1e9) - (b.lineupOrder ?? 1e9));
  items.forEach((it, i) => (it.rank = i + 1));
  return { roadshowId: roadshow.id, status: roadshow.status as Ranking['status'], published: roadshow.status === 'closed', judges: Number(judges.n), items };
}


