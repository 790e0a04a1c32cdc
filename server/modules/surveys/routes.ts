/**
 * Satisfaction surveys (满意度调查, issue 11 §1): the core instrument, a survey per theme day, answering by a
 * personal link without signing in, and the results. Handlers run validate → load → authorise → act → present.
 * A survey the caller may not see is 404.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  AnswerBody,
  AnswerReceipt,
  HostQuestionsBody,
  InstrumentBody,
  InstrumentList,
  InstrumentView,
  InviteResult,
  OpenSurveyBody,
  PublicSurveyView,
  SurveyList,
  SurveyListQuery,
  SurveyResults,
  SurveyView,
  ThemeDayParams,
  TokenParams,
} from '../../../common/contracts/surveys.ts';
import { CORE_INSTRUMENT_V1 } from '../../../common/survey-instrument.ts';
import { json } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { perAddressLimit } from '../../lib/rate-limit.ts';
import { requireActor } from '../../lib/policy.ts';
import { evaluatedThemeDayIds } from '../../lib/evaluated.ts';
import type { ThemeDayFacts } from '../projects/repository.ts';
import { canPublishInstrument, canSeeSurveys, type CallerFacts } from './policy.ts';
import { presentResults, presentSurveys } from './presenter.ts';
import { departmentOf, getSurvey, instrumentRows, listSurveys, themeDayOf, type SurveyRow } from './repository.ts';
import {
  answerByToken,
  closeSurvey,
  currentCoreVersion,
  inviteMore,
  openLink,
  openSurvey,
  publishInstrument,
  questionsOf,
  setHostQuestions,
} from './service.ts';
import type { Question } from '../../../common/contracts/surveys.ts';

const TAGS = ['surveys'];
/** Per IP and route: enough for a room of people behind one NAT answering at once, not for guessing tokens. */
/** Opening and answering by link, per client address and minute, shared by every app server. */
const linkLimit = perAddressLimit('survey-link', 60);

const callerFacts = async (ctx: Ctx): Promise<CallerFacts> => ({
  departmentCode: await departmentOf(ctx.db, ctx.actor?.organisationId ?? null),
  evaluatedThemeDayIds: await evaluatedThemeDayIds(ctx.db, ctx.actor),
});

/** The survey with its theme day, or 404 unless the caller may see it. */
async function loadSurvey(ctx: Ctx, id: string): Promise<{ row: SurveyRow; td: ThemeDayFacts; c: CallerFacts }> {
  requireActor(ctx);
  const row = await getSurvey(ctx.db, id);
  if (!row) throw notFound();
  const td = await themeDayOf(ctx.db, row.theme_day_id);
  const c = await callerFacts(ctx);
  if (!td || !canSeeSurveys(ctx.actor, td, c)) throw notFound();
  return { row, td, c };
}

async function present(ctx: Ctx, id: string): Promise<SurveyView> {
  const { row, td, c } = await loadSurvey(ctx, id);
  const [view] = await presentSurveys(ctx.db, ctx.actor, [{ row, td }], c);
  return view!;
}

const routes: FastifyPluginAsyncZod = async (app) => {
  // ----- the core instrument ------------------------------------------------------------------------------------

  app.get(
    '/surveys/instrument',
    {
      schema: {
        tags: TAGS,
        summary: '满意度调查核心问卷的各个版本（current 为新发起调查采用的版本）',
        response: { 200: InstrumentList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const current = await currentCoreVersion(ctx.db);
      const items: InstrumentView[] = [
        {
          version: CORE_INSTRUMENT_V1.version,
          questions: [...CORE_INSTRUMENT_V1.questions],
          note: CORE_INSTRUMENT_V1.note,
          publishedAt: null,
          current: current === CORE_INSTRUMENT_V1.version,
        },
        ...(await instrumentRows(ctx.db)).map((r) => ({
          version: r.version,
          questions: json.parse<Question[]>(r.questions, []),
          note: r.note,
          publishedAt: r.published_at,
          current: r.version === current,
        })),
      ];
      return { items, abilities: { publish: canPublishInstrument(actor) } };
    },
  );

  app.post(
    '/surveys/instrument',
    {
      schema: {
        tags: TAGS,
        summary: '发布核心问卷新版本（国家发展改革委；已发起的调查及其答卷保持原版本）',
        body: InstrumentBody,
        response: { 201: InstrumentView },
      },
    },
    async (req, reply) => {
      const version = await publishInstrument(req.ctx, { body: req.body });
      return reply.code(201).send({
        version,
        questions: req.body.questions,
        note: req.body.note,
        publishedAt: req.ctx.clock.now().toISOString(),
        current: true,
      });
    },
  );

  // ----- surveys --------------------------------------------------------------------------------------------------

  app.post(
    '/theme-days/:themeDayId/survey',
    {
      schema: {
        tags: TAGS,
        summary:
          '发起主题日满意度调查（承办基地或国家发展改革委，主题日最后一天起）：向全部参与者发送专属问卷链接（站内通知）',
        params: ThemeDayParams,
        body: OpenSurveyBody,
        response: { 201: SurveyView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const td = await themeDayOf(ctx.db, req.params.themeDayId);
      if (!td || !canSeeSurveys(ctx.actor, td, await callerFacts(ctx))) throw notFound();
      const { id } = await openSurvey(ctx, { themeDay: td, body: req.body });
      return reply.code(201).send(await present(ctx, id));
    },
  );

  app.get(
    '/surveys',
    {
      schema: {
        tags: TAGS,
        summary: '满意度调查列表（可按主题日筛选；仅含有权查看的）',
        querystring: SurveyListQuery,
        response: { 200: SurveyList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const c = await callerFacts(ctx);
      const visible: { row: SurveyRow; td: ThemeDayFacts }[] = [];
      for (const row of await listSurveys(ctx.db, { themeDayId: req.query.themeDayId })) {
        const td = await themeDayOf(ctx.db, row.theme_day_id);
        if (td && canSeeSurveys(ctx.actor, td, c)) visible.push({ row, td });
      }
      const items = await presentSurveys(ctx.db, ctx.actor, visible, c);
      return { items, total: items.length, page: 1, pageSize: Math.max(items.length, 1) };
    },
  );

  app.get(
    '/surveys/:id',
    { schema: { tags: TAGS, summary: '满意度调查详情', params: IdParams, response: { 200: SurveyView } } },
    async (req) => present(req.ctx, req.params.id),
  );

  app.put(
    '/surveys/:id/host-questions',
    {
      schema: {
        tags: TAGS,
        summary: '设置承办方自设题目（排在核心题目之后；收到第一份答卷前可改；标识以 host_ 开头）',
        params: IdParams,
        body: HostQuestionsBody,
        response: { 200: SurveyView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, td } = await loadSurvey(ctx, req.params.id);
      await setHostQuestions(ctx, { survey: row, themeDay: td, body: req.body });
      return present(ctx, row.id);
    },
  );

  app.post(
    '/surveys/:id/invite',
    {
      schema: {
        tags: TAGS,
        summary: '补发邀请：向发起调查后新增的参与者发送问卷链接（已邀请的人不重复发送）',
        params: IdParams,
        response: { 200: InviteResult },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, td } = await loadSurvey(ctx, req.params.id);
      const invited = await inviteMore(ctx, { survey: row, themeDay: td });
      return { invited, survey: await present(ctx, row.id) };
    },
  );

  app.post(
    '/surveys/:id/close',
    {
      schema: { tags: TAGS, summary: '结束问卷调查（链接随即失效）', params: IdParams, response: { 200: SurveyView } },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, td } = await loadSurvey(ctx, req.params.id);
      await closeSurvey(ctx, { survey: row, themeDay: td });
      return present(ctx, row.id);
    },
  );

  app.get(
    '/surveys/:id/results',
    {
      schema: {
        tags: TAGS,
        summary:
          '调查结果：回收率、满意率（CSAT）与净推荐值（NPS）及95%置信区间、各题分布，按企业规模和单位类型分组（少于5份显示“样本不足”）',
        params: IdParams,
        response: { 200: SurveyResults },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { row, td, c } = await loadSurvey(ctx, req.params.id);
      return presentResults(ctx.db, ctx.actor, row, td, c);
    },
  );

  // ----- answering by link (no sign-in; the token is the credential) -----------------------------------------------

  app.get(
    '/public/surveys/by-token/:token',
    {
      preHandler: linkLimit,
      schema: {
        tags: TAGS,
        summary: '打开专属问卷链接：题目（无需登录；链接仅可提交一次，过期失效）',
        params: TokenParams,
        response: { 200: PublicSurveyView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { survey } = await openLink(ctx, req.params.token);
      const td = await themeDayOf(ctx.db, survey.theme_day_id);
      const q = await questionsOf(ctx.db, survey);
      reply.header('cache-control', 'private, no-store').header('referrer-policy', 'no-referrer');
      return {
        themeDayTitle: td?.title ?? '',
        hostName: td?.hostName ?? '',
        anonymous: survey.anonymous === 1,
        closesAt: survey.closes_at,
        questions: [...q.core, ...q.host],
        coreCount: q.core.length,
      };
    },
  );

  app.post(
    '/public/surveys/by-token/:token',
    {
      preHandler: linkLimit,
      schema: {
        tags: TAGS,
        summary: '提交问卷（无需登录；每个链接仅可提交一次）',
        params: TokenParams,
        body: AnswerBody,
        response: { 201: AnswerReceipt },
      },
    },
    async (req, reply) => {
      await answerByToken(req.ctx, { token: req.params.token, answers: req.body.answers });
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ok: true as const, message: '提交成功，感谢您对“融通创新”主题日活动的支持！' });
    },
  );
};

export default routes;
