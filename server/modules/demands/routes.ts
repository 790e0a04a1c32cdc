/**
 * Innovation demands and technology catalogues: publish (large firms, universities, institutes), browse,
 * respond with a proposal and attachments (PDF/DOCX/PNG/JPEG sniffed by content, ≤10 MB, ≤5), shortlist and
 * accept, form and sign innovation consortia; .xlsx export and import.
 */
import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { shanghaiToday } from '../../../common/time.ts';
import { IdParams, pageSlice } from '../../../common/contracts/common.ts';
import {
  AttachmentParams,
  ConsortiumBody,
  ConsortiumList,
  ConsortiumListQuery,
  ConsortiumUpdateBody,
  ConsortiumView,
  DemandAbilities,
  DemandBody,
  DemandConsortia,
  DemandImportQuery,
  DemandImportResult,
  DemandList,
  DemandListQuery,
  DemandUpdateBody,
  DemandView,
  NoteBody,
  PublicOrganisationView,
  ResponseBody,
  ResponseList,
  ResponseListQuery,
  ResponseView,
  SignBody,
} from '../../../common/contracts/demands.ts';
import { getOrg, requireActingOrg, requirePublisher } from '../../lib/acting.ts';
import { ATTACHMENT_MIME } from '../../lib/attachments.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, ensure, notFound } from '../../lib/errors.ts';
import { lastFile, readMultipart } from '../../lib/multipart.ts';
import { uploadName } from '../../plugins/input-guard.ts';
import { authorize, ensureVisible, requireActor, verifiedOrgOnly } from '../../lib/policy.ts';
import { XLSX_MIME, xlsxAttachment } from '../../lib/xlsx.ts';
import {
  actingOrgId,
  areaAbilities,
  canSeeConsortium,
  canSeeDemand,
  canSeeResponse,
  isConsortiumLead,
  isPublisher,
  isResponder,
  isResponsePublisher,
} from './policy.ts';
import {
  demandsXlsx,
  importTemplateXlsx,
  presentConsortium,
  presentDemands,
  presentPublicOrganisation,
  presentResponses,
} from './presenter.ts';
import {
  attachmentsOf,
  consortiaOfDemand,
  consortiumMembers,
  getConsortium,
  getDemand,
  getPublicOrganisation,
  getResponse,
  listConsortiaOf,
  listDemands,
  listResponses,
  publishedCountsByKind,
} from './repository.ts';
import {
  addResponseAttachment,
  ATTACHMENT_MAX_BYTES,
  createConsortium,
  createDemand,
  ensureAttachable,
  importDemands,
  respond,
  setDemandStatus,
  signConsortium,
  transitionResponse,
  updateConsortium,
  updateDemand,
} from './service.ts';

const TAGS = ['demands'];

// ----- loaders: the record, or 404 when it does not exist or the caller may not see it ---------------------

const loadDemand = async (ctx: Ctx, id: string) =>
  ensureVisible(await getDemand(ctx.db, id), (d) => canSeeDemand(ctx.actor, d));

async function loadResponse(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  return { actor, r: ensureVisible(await getResponse(ctx.db, id), (r) => canSeeResponse(actor, r)) };
}

async function loadConsortium(ctx: Ctx, id: string) {
  const actor = requireActor(ctx);
  const c = await getConsortium(ctx.db, id);
  if (!c || !canSeeConsortium(actor, await consortiumMembers(ctx.db, c.id))) throw notFound();
  return { actor, c };
}

// ----- presenting one record after a command -------------------------------------------------------------

const demandView = async (ctx: Ctx, id: string) =>
  (await presentDemands(ctx.db, ctx.actor, [ensure(await getDemand(ctx.db, id))], ctx.clock.now()))[0]!;
const responseView = async (ctx: Ctx, id: string) =>
  (await presentResponses(ctx.db, ctx.actor, [ensure(await getResponse(ctx.db, id))], ctx.clock.now()))[0]!;
const consortiumView = async (ctx: Ctx, id: string) =>
  presentConsortium(ctx.db, ctx.actor, ensure(await getConsortium(ctx.db, id)));

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 10 } });

  app.get(
    '/demands',
    {
      schema: {
        tags: TAGS,
        summary: '创新需求与新技术目录列表（公开列表只含已发布的；mine=true 为本单位全部）',
        querystring: DemandListQuery,
        response: { 200: DemandList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const q = req.query;
      const now = ctx.clock.now();
      const { items, total } = await listDemands(ctx.db, q, actingOrgId(ctx.actor), shanghaiToday(now));
      return { items: await presentDemands(ctx.db, ctx.actor, items, now), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/demands.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出创新需求列表（.xlsx，筛选条件同列表）',
        querystring: DemandListQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const now = ctx.clock.now();
      const { items } = await listDemands(
        ctx.db,
        { ...req.query, page: 1, pageSize: 100_000 },
        actingOrgId(ctx.actor),
        shanghaiToday(now),
      );
      const views = await presentDemands(ctx.db, ctx.actor, items, now);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('创新需求清单.xlsx'))
        .header('cache-control', 'no-store')
        .send(await demandsXlsx(views));
    },
  );

  app.get(
    '/demands/abilities',
    {
      schema: {
        tags: TAGS,
        summary: '当前用户在本模块能做什么（publish：以当前单位发布需求和新技术目录；respond：以当前单位响应）',
        response: { 200: DemandAbilities },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const orgId = actingOrgId(ctx.actor);
      return areaAbilities(ctx.actor, orgId ? await getOrg(ctx.db, orgId) : undefined);
    },
  );

  app.get(
    '/demands/import-template.xlsx',
    { schema: { tags: TAGS, summary: '下载创新需求导入模板（.xlsx，中文表头，含示例行）', produces: [XLSX_MIME] } },
    async (_req, reply) =>
      reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('创新需求导入模板.xlsx'))
        .send(await importTemplateXlsx()),
  );

  app.post(
    '/demands/import',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary:
          '从模板导入创新需求（multipart：file=.xlsx；全部行校验通过才一次性导入为草稿，否则逐行报错、一条不导入）',
        consumes: ['multipart/form-data'],
        querystring: DemandImportQuery,
        response: { 201: DemandImportResult },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = await requirePublisher(ctx.db, actor, true);
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传 .xlsx 文件');
      let file: Buffer | null = null;
      try {
        file = lastFile(await readMultipart(req))?.data ?? null;
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError)
          throw new AppError(413, 'import_file_too_large', '导入文件过大');
        throw err;
      }
      if (!file) throw new AppError(400, 'import_file_invalid', '请上传 .xlsx 文件');
      const result = await importDemands(ctx, {
        organisationId: org.id,
        themeDayId: req.query.themeDayId ?? null,
        file,
      });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/demands',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: '新建创新需求或新技术目录条目（草稿；大型企业、高校和科研院所）',
        body: DemandBody,
        response: { 201: DemandView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const org = await requirePublisher(ctx.db, actor, true);
      const id = await createDemand(ctx, { organisationId: org.id, body: req.body });
      return reply.code(201).send(await demandView(ctx, id));
    },
  );

  app.get(
    '/demands/:id',
    { schema: { tags: TAGS, summary: '需求详情', params: IdParams, response: { 200: DemandView } } },
    async (req) => {
      const ctx = req.ctx;
      const d = await loadDemand(ctx, req.params.id);
      return demandView(ctx, d.id);
    },
  );

  app.patch(
    '/demands/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改需求',
        params: IdParams,
        body: DemandUpdateBody,
        response: { 200: DemandView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const d = await loadDemand(ctx, req.params.id);
      authorize(isPublisher(actor, d), '只有发布单位可以修改');
      await updateDemand(ctx, { demand: d, changes: req.body });
      return demandView(ctx, d.id);
    },
  );

  for (const [path, to, summary] of [
    ['publish', 'published', '发布需求'],
    ['close', 'closed', '关闭需求（不再受理响应）'],
  ] as const) {
    app.post(
      `/demands/:id/${path}`,
      {
        // Publishing is gated like creating (an unverified organisation may not publish).
        ...(path === 'publish' ? { preValidation: verifiedOrgOnly } : {}),
        schema: { tags: TAGS, summary, params: IdParams, response: { 200: DemandView } },
      },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        const d = await loadDemand(ctx, req.params.id);
        authorize(isPublisher(actor, d), '只有发布单位可以操作');
        await setDemandStatus(ctx, { demand: d, to });
        return demandView(ctx, d.id);
      },
    );
  }

  // ----- responses ----------------------------------------------------------------------------------------

  app.post(
    '/demands/:id/responses',
    {
      schema: {
        tags: TAGS,
        summary: '响应需求（方案说明；附件另行上传，截止日期当天24时前）',
        params: IdParams,
        body: ResponseBody,
        response: { 201: ResponseView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const d = await loadDemand(ctx, req.params.id);
      const org = await requireActingOrg(ctx.db, actor);
      const id = await respond(ctx, { demand: d, organisation: org, proposal: req.body.proposal });
      return reply.code(201).send(await responseView(ctx, id));
    },
  );

  app.get(
    '/demand-responses',
    {
      schema: {
        tags: TAGS,
        summary: '需求响应（box=mine 我单位提交的；received 我单位需求收到的）',
        querystring: ResponseListQuery,
        response: { 200: ResponseList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const all = await listResponses(ctx.db, q, actingOrgId(actor));
      return {
        items: await presentResponses(ctx.db, actor, pageSlice(all, q), ctx.clock.now()),
        total: all.length,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/demand-responses/:id',
    {
      schema: {
        tags: TAGS,
        summary: '响应详情（响应单位与需求发布单位）',
        params: IdParams,
        response: { 200: ResponseView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { r } = await loadResponse(ctx, req.params.id);
      return responseView(ctx, r.id);
    },
  );

  app.post(
    '/demand-responses/:id/attachments',
    {
      schema: {
        tags: TAGS,
        summary:
          '上传响应附件（multipart：file；PDF/DOCX/PNG/JPEG，按文件内容识别，≤10MB，最多5个；本平台为非涉密平台，严禁上传涉密信息）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ResponseView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, r } = await loadResponse(ctx, req.params.id);
      authorize(isResponder(actor, r), '只有响应单位可以上传附件');
      ensureAttachable(r, ctx.clock.now());
      if (!req.isMultipart())
        throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传附件');
      let file: { name: string; data: Buffer } | null = null;
      try {
        const f = lastFile(await readMultipart(req));
        if (f) file = { name: uploadName(f.filename), data: f.data };
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError)
          throw new AppError(413, 'attachment_too_large', `附件不能超过${ATTACHMENT_MAX_BYTES / 1024 / 1024}MB`);
        throw err;
      }
      await addResponseAttachment(ctx, { response: r, file });
      return reply.code(201).send(await responseView(ctx, r.id));
    },
  );

  app.get(
    '/demand-responses/:id/attachments/:attachmentId',
    { schema: { tags: TAGS, summary: '下载响应附件（响应单位与需求发布单位）', params: AttachmentParams } },
    async (req, reply) => {
      const ctx = req.ctx;
      const { r } = await loadResponse(ctx, req.params.id);
      const a = ensure(attachmentsOf(r).find((x) => x.id === req.params.attachmentId));
      return reply
        .header('content-type', ATTACHMENT_MIME[a.type])
        .header(
          'content-disposition',
          `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.name)}`,
        )
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(join(ctx.uploadDir, a.path)));
    },
  );

  for (const [path, who, summary] of [
    ['shortlist', 'publisher', '响应入围'],
    ['accept', 'publisher', '采纳响应（可与其组建创新联合体）'],
    ['decline', 'publisher', '不采纳响应'],
    ['withdraw', 'responder', '撤回响应（响应单位）'],
  ] as const) {
    app.post(
      `/demand-responses/:id/${path}`,
      { schema: { tags: TAGS, summary, params: IdParams, body: NoteBody, response: { 200: ResponseView } } },
      async (req) => {
        const ctx = req.ctx;
        const { actor, r } = await loadResponse(ctx, req.params.id);
        authorize(
          who === 'publisher' ? isResponsePublisher(actor, r) : isResponder(actor, r),
          who === 'publisher' ? '只有需求发布单位可以评选响应' : '只有响应单位可以撤回',
        );
        await transitionResponse(ctx, { response: r, transition: path, note: req.body.note ?? null });
        return responseView(ctx, r.id);
      },
    );
  }

  // ----- consortia ----------------------------------------------------------------------------------------

  app.post(
    '/demands/:id/consortia',
    {
      schema: {
        tags: TAGS,
        summary: '组建创新联合体（需求发布单位牵头，成员为响应被采纳的单位；成本分担、利益分享各合计100%）',
        params: IdParams,
        body: ConsortiumBody,
        response: { 201: ConsortiumView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const d = await loadDemand(ctx, req.params.id);
      authorize(isPublisher(actor, d), '只有需求发布单位可以牵头组建创新联合体');
      const id = await createConsortium(ctx, { demand: d, body: req.body });
      return reply.code(201).send(await consortiumView(ctx, id));
    },
  );

  app.get(
    '/demands/:id/consortia',
    {
      schema: {
        tags: TAGS,
        summary: '该需求下我单位参与的创新联合体',
        params: IdParams,
        response: { 200: DemandConsortia },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const d = await loadDemand(ctx, req.params.id);
      const out = [];
      for (const c of await consortiaOfDemand(ctx.db, d.id))
        if (canSeeConsortium(actor, await consortiumMembers(ctx.db, c.id)))
          out.push(await presentConsortium(ctx.db, actor, c));
      return { items: out };
    },
  );

  app.get(
    '/consortia',
    {
      schema: {
        tags: TAGS,
        summary: '我单位参与的创新联合体（牵头或成员；待签署的在前可按状态筛选）',
        querystring: ConsortiumListQuery,
        response: { 200: ConsortiumList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const { items: rows, total } = await listConsortiaOf(ctx.db, q, actingOrgId(actor));
      const items = [];
      for (const { demand_title, ...c } of rows)
        items.push({
          ...(await presentConsortium(ctx.db, actor, c)),
          demand: { id: c.demand_id, title: demand_title },
        });
      return { items, total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/public/organisations/:id',
    {
      schema: {
        tags: TAGS,
        summary: '机构公开名片（门户机构页：名称、类型、地区、行业、规模；无需登录）',
        params: IdParams,
        response: { 200: PublicOrganisationView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const o = ensure(await getPublicOrganisation(ctx.db, req.params.id));
      return presentPublicOrganisation(o, await publishedCountsByKind(ctx.db, o.id));
    },
  );

  app.get(
    '/consortia/:id',
    {
      schema: {
        tags: TAGS,
        summary: '创新联合体详情（成员单位可见）',
        params: IdParams,
        response: { 200: ConsortiumView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, c } = await loadConsortium(ctx, req.params.id);
      return presentConsortium(ctx.db, actor, c);
    },
  );

  app.patch(
    '/consortia/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改创新联合体（牵头单位；任何修改都会清除已有签署）',
        params: IdParams,
        body: ConsortiumUpdateBody,
        response: { 200: ConsortiumView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { actor, c } = await loadConsortium(ctx, req.params.id);
      authorize(isConsortiumLead(actor, c), '只有牵头单位可以修改');
      const d = ensure(await getDemand(ctx.db, c.demand_id));
      await updateConsortium(ctx, { consortium: c, demand: d, changes: req.body });
      return consortiumView(ctx, c.id);
    },
  );

  app.post(
    '/consortia/:id/sign',
    {
      schema: {
        tags: TAGS,
        summary: '成员单位签署创新联合体协议（全体签署后生效）',
        params: IdParams,
        body: SignBody,
        response: { 200: ConsortiumView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { c } = await loadConsortium(ctx, req.params.id);
      await signConsortium(ctx, { consortiumId: c.id, version: req.body.version });
      return consortiumView(ctx, c.id);
    },
  );
};
export default routes;
