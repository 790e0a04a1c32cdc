/**
 * Roadshows (创新团队对接路演) on a session of kind `roadshow`. The business-plan upload is multipart, parsed
 * by @fastify/multipart registered inside this plugin only, with a 10 MB limit and a %PDF- sniff.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import moreRoutes from './more-routes.ts';
import { formatShanghai } from '../../../common/time.ts';
import { json, type Executor } from '../../db/index.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { getSessionContext, type SessionContext } from '../events/repository.ts';
import { canSeeSession, isSessionStaff } from '../events/policy.ts';
import { attachment, toCsv } from '../events/csv.ts';
import {
  IdParams,
  InviteJudgeBody,
  JudgeList,
  JudgeView,
  LineupBody,
  ProjectFields,
  ProjectList,
  ProjectListQuery,
  ProjectView,
  Ranking,
  RoadshowCreateBody,
  RoadshowUpdateBody,
  RoadshowView,
  SCORE_MAX,
  SCORE_MIN,
  STAGE_LABELS,
  ScoreBody,
  ScreenBody,
} from '../../../common/contracts/roadshows.ts';
import {
  BP_MAX_BYTES,
  applyProject,
  createRoadshow,
  getJudge,
  getProject,
  getRoadshow,
  getRoadshowBySession,
  inviteJudge,
  isPdf,
  parseCriteria,
  ranking,
  saveScore,
  screenProject,
  setLineup,
  setRoadshowStatus,
  updateRoadshow,
  uploadDir,
  weighted,
  type JudgeRow,
  type ProjectRow,
  type RoadshowRow,
} from './service.ts';
import type { Actor } from '../../lib/context.ts';

const TAGS = ['roadshows'];

interface Loaded {
  scope: Actor;
  ctx: SessionContext;
  roadshow: RoadshowRow;
  staff: boolean;
  judge: JudgeRow | undefined;
}

async function presentRoadshow(db: Executor, l: Loaded): Promise<RoadshowView> {
  const r = l.roadshow;
  const counts = await db
    .selectFrom('roadshow_projects')
    .select((eb) => ['status', eb.fn.countAll<number>().as('n')])
    .where('roadshow_id', '=', r.id)
    .groupBy('status')
    .execute();
  const judges = await db.selectFrom('roadshow_judges').select((eb) => eb.fn.countAll<number>().as('n')).where('roadshow_id', '=', r.id).executeTakeFirstOrThrow();
  const n = (s: string) => Number(counts.find((c) => c.status === s)?.n ?? 0);
  const collecting = r.status === 'collecting';
  return {
    id: r.id,
    sessionId: r.session_id,
    title: r.title,
    status: r.status as RoadshowView['status'],
    criteria: parseCriteria(r),
    scoreMin: SCORE_MIN,
    scoreMax: SCORE_MAX,
    applicationsCloseAt: r.applications_close_at,
    scoringOpenedAt: r.scoring_opened_at,
    closedAt: r.closed_at,
    counts: { submitted: n('submitted'), accepted: n('accepted'), rejected: n('rejected'), judges: Number(judges.n) },
    myJudge: l.judge ? { id: l.judge.id, kind: l.judge.kind as 'expert' | 'investor', guidanceFund: !!Number(l.judge.guidance_fund) } : null,
    abilities: {
      edit: l.staff && r.status !== 'closed',
      apply: collecting,
      screen: l.staff && collecting,
      setLineup: l.staff && r.status !== 'closed',
      inviteJudges: l.staff && r.status !== 'closed',
      openScoring: l.staff && collecting,
      score: !!l.judge && r.status === 'scoring',
      viewRanking: l.staff || r.status === 'closed',
      close: l.staff && r.status === 'scoring',
      export: l.staff,
    },
  };
}

function presentProject(l: Loaded, p: ProjectRow & { applicant_name: string }, myScore: ProjectView['myScore']): ProjectView {
  const own = p.applicant_user_id === l.scope.userId;
  const judgeSees = !!l.judge && p.status === 'accepted';
  return {
    id: p.id,
    roadshowId: p.roadshow_id,
    name: p.name,
    team: p.team,
    organisationName: p.organisation_name,
    field: p.field,
    stage: p.stage as ProjectView['stage'],
    stageLabel: STAGE_LABELS[p.stage as keyof typeof STAGE_LABELS] ?? p.stage,
    financingNeedWan: Number(p.financing_need_wan),
    summary: p.summary,
    businessPlan: { name: p.bp_name, size: Number(p.bp_size), url: `/api/roadshow-projects/${p.id}/business-plan` },
    status: p.status as ProjectView['status'],
    screeningNote: l.staff || own ? p.screening_note : null,
    lineupOrder: p.status === 'accepted' ? p.lineup_order : null,
    applicant: { id: p.applicant_user_id, name: p.applicant_name },
    createdAt: p.created_at,
    myScore,
    abilities: {
      screen: l.staff && l.roadshow.status === 'collecting',
      score: judgeSees && l.roadshow.status === 'scoring',
      downloadBusinessPlan: l.staff || own || judgeSees,
    },
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await app.register(multipart, { limits: { fileSize: BP_MAX_BYTES, files: 1, fields: 20, fieldSize: 20_000, parts: 30 } });
  await app.register(moreRoutes);

  async function loadBySession(req: FastifyRequest, sessionId: string) {
    const scope = requireActor(req.ctx);
    const ctx = ensureVisible(await getSessionContext(db, sessionId), (c) => canSeeSession(scope, c));
    return { scope, ctx, staff: isSessionStaff(scope, ctx) };
  }

  /** The roadshow with its session; 404 unless the caller may see the session. */
  async function load(req: FastifyRequest, id: string): Promise<Loaded> {
    const roadshow = await getRoadshow(db, id);
    if (!roadshow) throw notFound();
    const { scope, ctx, staff } = await loadBySession(req, roadshow.session_id);
    return { scope, ctx, roadshow, staff, judge: await getJudge(db, roadshow.id, scope.userId) };
  }

  /** A project: staff see all, the applicant their own, judges and everyone else the accepted ones. */
  async function loadProject(req: FastifyRequest, id: string) {
    const project = await getProject(db, id);
    if (!project) throw notFound();
    const l = await load(req, project.roadshow_id);
    if (!(l.staff || project.applicant_user_id === l.scope.userId || project.status === 'accepted')) throw notFound();
    return { l, project };
  }

  async function myScores(l: Loaded): Promise<Map<string, ProjectView['myScore']>> {
    if (!l.judge) return new Map();
    const criteria = parseCriteria(l.roadshow);
    const rows = await db.selectFrom('roadshow_scores').selectAll().where('judge_id', '=', l.judge.id).execute();
    return new Map(
      rows.map((s) => {
        const scores = s.scores ? json.parse<Record<string, number>>(s.scores, {}) : null;
        return [
          s.project_id,
          {
            scores,
            weighted: scores ? weighted(criteria, scores) : null,
            conflictOfInterest: !!Number(s.conflict),
            conflictReason: s.conflict_reason,
            intent: s.intent_min_wan != null || s.intent_max_wan != null || Number(s.intent_to_sign) ? { minWan: s.intent_min_wan, maxWan: s.intent_max_wan, intentToSign: !!Number(s.intent_to_sign) } : null,
            comment: s.comment,
            updatedAt: s.updated_at,
          },
        ];
      }),
    );
  }

  const projectQuery = () => db.selectFrom('roadshow_projects as p').innerJoin('users as u', 'u.id', 'p.applicant_user_id').selectAll('p').select('u.name as applicant_name');

  app.post(
    '/event-sessions/:id/roadshow',
    { schema: { tags: TAGS, summary: '为路演场次设置路演（评分标准默认五项加权）', params: IdParams, body: RoadshowCreateBody, response: { 201: RoadshowView } } },
    async (req, reply) => {
      const { scope, ctx, staff } = await loadBySession(req, req.params.id);
      authorize(staff, '只有承办基地或其委托的支撑机构可以设置路演');
      const id = await createRoadshow({ req, ctx, title: req.body.title, criteria: req.body.criteria, applicationsCloseAt: req.body.applicationsCloseAt });
      return reply.code(201).send(await presentRoadshow(db, { scope, ctx, staff, roadshow: (await getRoadshow(db, id))!, judge: undefined }));
    },
  );

  app.get(
    '/event-sessions/:id/roadshow',
    { schema: { tags: TAGS, summary: '场次的路演', params: IdParams, response: { 200: RoadshowView } } },
    async (req) => {
      await loadBySession(req, req.params.id);
      const r = await getRoadshowBySession(db, req.params.id);
      if (!r) throw notFound('该场次尚未设置路演');
      return presentRoadshow(db, await load(req, r.id));
    },
  );

  app.get('/roadshows/:id', { schema: { tags: TAGS, summary: '路演详情', params: IdParams, response: { 200: RoadshowView } } }, async (req) =>
    presentRoadshow(db, await load(req, req.params.id)),
  );

  app.patch(
    '/roadshows/:id',
    { schema: { tags: TAGS, summary: '修改路演（评分开始后评分标准不可改）', params: IdParams, body: RoadshowUpdateBody, response: { 200: RoadshowView } } },
    async (req) => {
      const l = await load(req, req.params.id);
      authorize(l.staff, '只有承办基地或其委托的支撑机构可以修改路演');
      await updateRoadshow({ req, roadshow: l.roadshow, title: req.body.title, criteria: req.body.criteria, applicationsCloseAt: req.body.applicationsCloseAt });
      return presentRoadshow(db, await load(req, req.params.id));
    },
  );

  app.post(
    '/roadshows/:id/projects',
    {
      schema: {
        tags: TAGS,
        summary: '申报路演项目（multipart/form-data：项目信息 + businessPlan PDF，≤10MB）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ProjectView },
      },
    },
    async (req, reply) => {
      const l = await load(req, req.params.id);
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式提交项目信息和商业计划书');
      const fields: Record<string, string> = {};
      let file: { name: string; data: Buffer } | null = null;
      try {
        for await (const part of req.parts()) {
          if (part.type === 'file') {
            const data = await part.toBuffer();
            if (part.fieldname === 'businessPlan') file = { name: part.filename, data };
          } else {
            fields[part.fieldname] = String(part.value);
          }
        }
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) {
          throw new AppError(413, 'business_plan_too_large', `商业计划书不能超过${BP_MAX_BYTES / 1024 / 1024}MB`);
        }
        throw err;
      }
      const parsed = ProjectFields.safeParse(fields);
      if (!parsed.success) {
        const errors = parsed.error.issues.map((i) => ({ field: i.path.join('.'), code: 'invalid', message: i.message }));
        throw new AppError(400, 'validation_failed', errors.map((e) => e.message).join('；'), errors);
      }
      if (!file || file.data.length === 0) throw new AppError(400, 'business_plan_required', '请上传商业计划书（PDF）', [{ field: 'businessPlan', code: 'required', message: '请上传商业计划书（PDF）' }]);
      if (!isPdf(file.data)) throw new AppError(415, 'business_plan_not_pdf', '商业计划书须为 PDF 文件（按文件内容识别，不看扩展名）', [{ field: 'businessPlan', code: 'not_pdf', message: '商业计划书须为 PDF 文件' }]);
      const id = await applyProject({ req, roadshow: l.roadshow, fields: parsed.data, file });
      const row = (await projectQuery().where('p.id', '=', id).executeTakeFirst())!;
      return reply.code(201).send(presentProject(l, row, null));
    },
  );

  app.get(
    '/roadshows/:id/projects',
    { schema: { tags: TAGS, summary: '路演项目（工作人员看全部，申报人看自己的，评委和其他人看入选项目）', params: IdParams, querystring: ProjectListQuery, response: { 200: ProjectList } } },
    async (req) => {
      const l = await load(req, req.params.id);
      const q = req.query;
      let qb = db.selectFrom('roadshow_projects as p').where('p.roadshow_id', '=', l.roadshow.id);
      if (!l.staff) qb = qb.where((eb) => eb.or([eb('p.status', '=', 'accepted'), eb('p.applicant_user_id', '=', l.scope.userId)]));
      if (q.status) qb = qb.where('p.status', '=', q.status);
      if (q.mine === 'true') qb = qb.where('p.applicant_user_id', '=', l.scope.userId);
      const col = { lineupOrder: 'p.lineup_order', createdAt: 'p.created_at', name: 'p.name', financingNeedWan: 'p.financing_need_wan' } as const;
      const [rows, total, mine] = await Promise.all([
        qb.innerJoin('users as u', 'u.id', 'p.applicant_user_id').selectAll('p').select('u.name as applicant_name')
          .orderBy(col[q.sort], q.order).orderBy('p.created_at').orderBy('p.id')
          .limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
        myScores(l),
      ]);
      return { items: rows.map((p) => presentProject(l, p, mine.get(p.id) ?? null)), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/roadshow-projects/:id/business-plan',
    { schema: { tags: TAGS, summary: '下载商业计划书（工作人员、申报人、评委）', params: IdParams, produces: ['application/pdf'] } },
    async (req, reply) => {
      const { l, project } = await loadProject(req, req.params.id);
      authorize(l.staff || project.applicant_user_id === l.scope.userId || (!!l.judge && project.status === 'accepted'), '只有工作人员、申报人和评委可以查看商业计划书');
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="business-plan.pdf"; filename*=UTF-8''${encodeURIComponent(project.bp_name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(join(uploadDir(req), project.bp_path)));
    },
  );

  app.post(
    '/roadshow-projects/:id/screen',
    { schema: { tags: TAGS, summary: '筛选路演项目（入选/不入选，通知申报人）', params: IdParams, body: ScreenBody, response: { 200: ProjectView } } },
    async (req) => {
      const { l, project } = await loadProject(req, req.params.id);
      authorize(l.staff, '只有承办基地或其委托的支撑机构可以筛选项目');
      await screenProject({ req, roadshow: l.roadshow, project, decision: req.body.decision, note: req.body.note });
      const row = (await projectQuery().where('p.id', '=', project.id).executeTakeFirst())!;
      return presentProject(l, row, null);
    },
  );

  app.put(
    '/roadshows/:id/lineup',
    { schema: { tags: TAGS, summary: '设置路演顺序（全部入选项目，各一次）', params: IdParams, body: LineupBody, response: { 200: RoadshowView } } },
    async (req) => {
      const l = await load(req, req.params.id);
      authorize(l.staff, '只有承办基地或其委托的支撑机构可以设置路演顺序');
      await setLineup({ req, roadshow: l.roadshow, projectIds: req.body.projectIds });
      return presentRoadshow(db, l);
    },
  );

  app.post(
    '/roadshows/:id/judges',
    { schema: { tags: TAGS, summary: '邀请评委（专家或投资机构；可标记引导基金）', params: IdParams, body: InviteJudgeBody, response: { 201: JudgeView } } },
    async (req, reply) => {
      const l = await load(req, req.params.id);
      authorize(l.staff, '只有承办基地或其委托的支撑机构可以邀请评委');
      const id = await inviteJudge({ req, roadshow: l.roadshow, userId: req.body.userId, guidanceFund: req.body.guidanceFund });
      const list = await judgeList(l.roadshow.id);
      return reply.code(201).send(list.find((j) => j.id === id)!);
    },
  );

  async function judgeList(roadshowId: string): Promise<JudgeView[]> {
    const rows = await db
      .selectFrom('roadshow_judges as j')
      .innerJoin('users as u', 'u.id', 'j.user_id')
      .leftJoin('organisations as o', 'o.id', 'j.organisation_id')
      .select(['j.id', 'j.user_id', 'u.name', 'j.organisation_id', 'o.name as org_name', 'j.kind', 'j.guidance_fund', 'j.invited_at'])
      .select((eb) => eb.selectFrom('roadshow_scores as s').select((e) => e.fn.countAll<number>().as('n')).whereRef('s.judge_id', '=', 'j.id').as('scored'))
      .where('j.roadshow_id', '=', roadshowId)
      .orderBy('j.invited_at')
      .orderBy('j.id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      user: { id: r.user_id, name: r.name },
      organisation: r.organisation_id ? { id: r.organisation_id, name: r.org_name ?? '' } : null,
      kind: r.kind as 'expert' | 'investor',
      guidanceFund: !!Number(r.guidance_fund),
      invitedAt: r.invited_at,
      scored: Number(r.scored ?? 0),
    }));
  }

  app.get(
    '/roadshows/:id/judges',
    { schema: { tags: TAGS, summary: '评委名单与评分进度（工作人员）', params: IdParams, response: { 200: JudgeList } } },
    async (req) => {
      const l = await load(req, req.params.id);
      authorize(l.staff, '只有工作人员可以查看评委名单');
      const items = await judgeList(l.roadshow.id);
      return { items, total: items.length, page: 1, pageSize: items.length };
    },
  );

  for (const [path, to, summary] of [
    ['open-scoring', 'scoring', '开始评分'],
    ['close', 'closed', '结束评分并公布结果'],
  ] as const) {
    app.post(`/roadshows/:id/${path}`, { schema: { tags: TAGS, summary, params: IdParams, response: { 200: RoadshowView } } }, async (req) => {
      const l = await load(req, req.params.id);
      authorize(l.staff, '只有承办基地或其委托的支撑机构可以操作');
      await setRoadshowStatus({ req, roadshow: l.roadshow, to });
      return presentRoadshow(db, await load(req, req.params.id));
    });
  }

  app.put(
    '/roadshow-projects/:id/my-score',
    { schema: { tags: TAGS, summary: '评委评分（1–10分/项，可声明利益冲突，填写投资意向）', params: IdParams, body: ScoreBody, response: { 200: ProjectView } } },
    async (req) => {
      const { l, project } = await loadProject(req, req.params.id);
      authorize(!!l.judge, '只有受邀评委可以评分');
      await saveScore({ req, roadshow: l.roadshow, project, judge: l.judge!, body: req.body });
      const row = (await projectQuery().where('p.id', '=', project.id).executeTakeFirst())!;
      return presentProject(l, row, (await myScores(l)).get(project.id) ?? null);
    },
  );

  app.get(
    '/roadshows/:id/ranking',
    { schema: { tags: TAGS, summary: '实时排名（工作人员随时可看；结束评分后公布）', params: IdParams, response: { 200: Ranking } } },
    async (req) => {
      const l = await load(req, req.params.id);
      if (!l.staff && l.roadshow.status !== 'closed') throw new AppError(403, 'results_not_published', '路演结果将在评分结束后公布');
      return ranking(db, l.roadshow);
    },
  );

  app.get(
    '/roadshows/:id/scores.csv',
    { schema: { tags: TAGS, summary: '导出评分明细（CSV，UTF-8）', params: IdParams, produces: ['text/csv'] } },
    async (req, reply) => {
      const l = await load(req, req.params.id);
      authorize(l.staff, '只有工作人员可以导出评分');
      const criteria = parseCriteria(l.roadshow);
      const rows = await db
        .selectFrom('roadshow_scores as s')
        .innerJoin('roadshow_projects as p', 'p.id', 's.project_id')
        .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
        .innerJoin('users as u', 'u.id', 'j.user_id')
        .select(['p.name as project', 'p.lineup_order', 'u.name as judge', 'j.kind', 'j.guidance_fund', 's.scores', 's.conflict', 's.conflict_reason', 's.intent_min_wan', 's.intent_max_wan', 's.intent_to_sign', 's.comment', 's.updated_at'])
        .where('s.roadshow_id', '=', l.roadshow.id)
        .orderBy('p.lineup_order')
        .orderBy('u.name')
        .execute();
      const header = ['路演顺序', '项目', '评委', '评委类型', '引导基金', ...criteria.map((c) => `${c.name}（权重${c.weight}）`), '加权得分', '利益冲突', '冲突说明', '意向投资下限（万元）', '意向投资上限（万元）', '意向签约', '评语', '评分时间'];
      const data = rows.map((r) => {
        const s = r.scores ? json.parse<Record<string, number>>(r.scores, {}) : null;
        return [
          r.lineup_order ?? '',
          r.project,
          r.judge,
          r.kind === 'investor' ? '投资机构' : '专家',
          !!Number(r.guidance_fund),
          ...criteria.map((c) => (s ? (s[c.key] ?? '') : '')),
          s ? weighted(criteria, s) : '不计分',
          !!Number(r.conflict),
          r.conflict_reason ?? '',
          r.intent_min_wan ?? '',
          r.intent_max_wan ?? '',
          !!Number(r.intent_to_sign),
          r.comment ?? '',
          formatShanghai(r.updated_at),
        ];
      });
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', attachment(`${l.roadshow.title}-评分明细.csv`))
        .header('cache-control', 'no-store')
        .send(toCsv(header, data));
    },
  );
};
export default routes;
