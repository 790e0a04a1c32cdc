/**
 * Judging a roadshow: inviting judges (experts and investors, the guidance fund flagged) from the candidates,
 * the judges' scores, the live ranking (published on close) and the score exports for the staff (.csv and
 * the .xlsx the pages download).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AppError, ensure, forbidden } from '../../lib/errors.ts';
import { requireActor } from '../../lib/policy.ts';
import { XLSX_MIME, toWorkbook, xlsxAttachment } from '../../lib/xlsx.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  InviteJudgeBody,
  JudgeCandidateList,
  JudgeCandidateQuery,
  JudgeList,
  JudgeView,
  ProjectView,
  Ranking,
  ScoreBody,
} from '../../../common/contracts/roadshows.ts';
import { loadProject, loadRoadshow, requireStaff } from './access.ts';
import { canViewRanking } from './policy.ts';
import { myScores, presentJudge, presentJudgeCandidate, presentProject, ranking, scoresWorkbook } from './presenter.ts';
import {
  getProjectWithApplicant,
  judgeCandidates,
  judgeUserIds,
  listJudges,
  parseCriteria,
  scoreExportRows,
} from './repository.ts';
import { inviteJudge, saveScore } from './service.ts';

const TAGS = ['roadshows'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/roadshows/:id/judges',
    {
      schema: {
        tags: TAGS,
        summary: '邀请评委（专家或投资机构；可标记引导基金）',
        params: IdParams,
        body: InviteJudgeBody,
        response: { 201: JudgeView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      requireStaff(l, '只有承办基地或其委托的支撑机构可以邀请评委');
      const id = await inviteJudge(ctx, {
        roadshow: l.roadshow,
        userId: req.body.userId,
        guidanceFund: req.body.guidanceFund,
      });
      const judge = ensure((await listJudges(ctx.db, l.roadshow.id)).find((j) => j.id === id));
      return reply.code(201).send(presentJudge(judge));
    },
  );

  app.get(
    '/roadshows/:id/judges',
    {
      schema: { tags: TAGS, summary: '评委名单与评分进度（工作人员）', params: IdParams, response: { 200: JudgeList } },
    },
    async (req) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      requireStaff(l, '只有工作人员可以查看评委名单');
      const items = (await listJudges(ctx.db, l.roadshow.id)).map(presentJudge);
      return { items, total: items.length, page: 1, pageSize: items.length };
    },
  );

  app.get(
    '/roadshows/:id/judge-candidates',
    {
      schema: {
        tags: TAGS,
        summary: '可邀请的评委（专家、投资机构人员；工作人员）',
        params: IdParams,
        querystring: JudgeCandidateQuery,
        response: { 200: JudgeCandidateList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const l = await loadRoadshow(ctx, req.params.id);
      requireStaff(l, '只有承办基地或其委托的支撑机构可以邀请评委');
      const rows = await judgeCandidates(ctx.db, req.query.q);
      const invited = await judgeUserIds(ctx.db, l.roadshow.id);
      return { items: rows.map((r) => presentJudgeCandidate(r, invited.has(r.id))) };
    },
  );

  app.put(
    '/roadshow-projects/:id/my-score',
    {
      schema: {
        tags: TAGS,
        summary: '评委评分（1–10分/项，可声明利益冲突，填写投资意向）',
        params: IdParams,
        body: ScoreBody,
        response: { 200: ProjectView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { l, project } = await loadProject(ctx, req.params.id);
      const judge = l.judge;
      if (!judge) throw forbidden('只有受邀评委可以评分');
      await saveScore(ctx, { roadshow: l.roadshow, project, judge, body: req.body });
      const row = ensure(await getProjectWithApplicant(ctx.db, project.id));
      return presentProject(l.actor, l, row, (await myScores(ctx.db, l)).get(project.id) ?? null);
    },
  );

  app.get(
    '/roadshows/:id/ranking',
    {
      schema: {
        tags: TAGS,
        summary: '实时排名（工作人员随时可看；结束评分后公布）',
        params: IdParams,
        response: { 200: Ranking },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const l = await loadRoadshow(ctx, req.params.id);
      if (!canViewRanking(l.staff, l.roadshow))
        throw new AppError(403, 'results_not_published', '路演结果将在评分结束后公布');
      return ranking(ctx.db, l.roadshow);
    },
  );

  app.get(
    '/roadshows/:id/scores.xlsx',
    {
      schema: { tags: TAGS, summary: '导出评分明细与排名（.xlsx，工作人员）', params: IdParams, produces: [XLSX_MIME] },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const { roadshow, access } = await loadRoadshow(ctx, req.params.id);
      requireStaff({ access }, '只有工作人员可以导出评分');
      const rows = await scoreExportRows(ctx.db, roadshow.id);
      const buf = await toWorkbook(
        scoresWorkbook(roadshow, parseCriteria(roadshow), await ranking(ctx.db, roadshow), rows, ctx.clock.now()),
      );
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment(`${roadshow.title}-评分.xlsx`))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );
};
export default routes;
