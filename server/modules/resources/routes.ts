/**
 * Open resources (创新资源开放共享): publish, browse, request under a quota, decide; .xlsx export and import.
 * Lists and published resources are public (no sign-in); drafts and requests exist only for their parties.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  ImportResult,
  OptionalReasonBody,
  QuotaQuery,
  QuotaView,
  ReasonBody,
  RequestBody,
  RequestList,
  RequestListQuery,
  RequestView,
  RESOURCE_IMPORT_HEADERS,
  ResourceBody,
  ResourceImportQuery,
  ResourceList,
  ResourceListQuery,
  ResourceUpdateBody,
  ResourceView,
} from '../../../common/contracts/resources.ts';
import { shanghaiToday } from '../../../common/time.ts';
import type { Ctx } from '../../lib/context.ts';
import { requireActingOrg, requirePublisher } from '../../lib/acting.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { lastFile, readMultipart } from '../../lib/multipart.ts';
import { authorize, ensureVisible, requireActor, verifiedOrgOnly } from '../../lib/policy.ts';
import { XLSX_MIME, toXlsx, xlsxAttachment } from '../../lib/xlsx.ts';
import {
  actingOrganisationId,
  canDecideRequest,
  canSeeRequest,
  canSeeResource,
  canWithdrawRequest,
  isResourceOwner,
} from './policy.ts';
import {
  presentQuota,
  presentRequest,
  presentRequests,
  presentResource,
  presentResources,
  RESOURCE_EXPORT_HEADER,
  resourceExportRow,
} from './presenter.ts';
import { getRequestJoined, getResource, listRequests, listResources, periodKeyOf, usedQuota } from './repository.ts';
import {
  createResource,
  importResources,
  requestResource,
  setResourceStatus,
  transitionRequest,
  updateResource,
} from './service.ts';

const TAGS = ['resources'];
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;

/** The resource, or 404 when it does not exist or the caller may not see it (another organisation's draft). */
const loadResource = async (ctx: Ctx, id: string) =>
  ensureVisible(await getResource(ctx.db, id), (r) => canSeeResource(ctx.actor, r));

/** The request, or 404 unless the caller's organisation made it or owns the resource. */
const loadRequest = async (ctx: Ctx, id: string) =>
  ensureVisible(await getRequestJoined(ctx.db, id), (q) => canSeeRequest(ctx.actor, q));

/** Fresh read after a command, presented for the caller. */
async function presentResourceById(ctx: Ctx, id: string): Promise<ResourceView> {
  const row = await getResource(ctx.db, id);
  if (!row) throw notFound();
  return presentResource(ctx.db, ctx.actor, row);
}
async function presentRequestById(ctx: Ctx, id: string): Promise<RequestView> {
  const row = await getRequestJoined(ctx.db, id);
  if (!row) throw notFound();
  return presentRequest(ctx.db, ctx.actor, row);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 10 } });

  app.get(
    '/resources',
    {
      schema: {
        tags: TAGS,
        summary: '开放资源列表（公开列表只含已发布的；mine=true 为本单位全部）',
        querystring: ResourceListQuery,
        response: { 200: ResourceList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const q = req.query;
      const { items, total } = await listResources(ctx.db, q, actingOrganisationId(ctx.actor));
      return { items: await presentResources(ctx.db, ctx.actor, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/resources.xlsx',
    {
      schema: {
        tags: TAGS,
        summary: '导出开放资源列表（.xlsx，筛选条件同列表）',
        querystring: ResourceListQuery,
        produces: [XLSX_MIME],
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { items } = await listResources(
        ctx.db,
        { ...req.query, page: 1, pageSize: 100_000 },
        actingOrganisationId(ctx.actor),
      );
      const views = await presentResources(ctx.db, ctx.actor, items);
      const buf = await toXlsx('开放资源', RESOURCE_EXPORT_HEADER, views.map(resourceExportRow));
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('开放资源.xlsx'))
        .header('cache-control', 'no-store')
        .send(buf);
    },
  );

  app.get(
    '/resources/import-template.xlsx',
    { schema: { tags: TAGS, summary: '下载开放资源导入模板（.xlsx，中文表头，含示例行）', produces: [XLSX_MIME] } },
    async (_req, reply) => {
      const example = [
        '应用场景',
        '智能工厂质检场景开放',
        '开放汽车焊装车间视觉质检场景，供中小企业验证算法。',
        '370211',
        '青岛市黄岛区',
        '须签署保密协议',
        '免费',
        '',
        '3',
        '每月',
        '是',
      ];
      const buf = await toXlsx('开放资源导入', [...RESOURCE_IMPORT_HEADERS], [example]);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('开放资源导入模板.xlsx'))
        .send(buf);
    },
  );

  app.post(
    '/resources/import',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary:
          '从模板导入开放资源（multipart：file=.xlsx；全部行校验通过才一次性导入为草稿，否则逐行报错、一条不导入）',
        consumes: ['multipart/form-data'],
        querystring: ResourceImportQuery,
        response: { 201: ImportResult },
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
          throw new AppError(413, 'import_file_too_large', `导入文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB`);
        throw err;
      }
      if (!file) throw new AppError(400, 'import_file_invalid', '请上传 .xlsx 文件');
      const result = await importResources(ctx, { organisation: org, file, themeDayId: req.query.themeDayId ?? null });
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/resources',
    {
      preValidation: verifiedOrgOnly,
      schema: {
        tags: TAGS,
        summary: '新建开放资源（草稿；大型企业、高校和科研院所）',
        body: ResourceBody,
        response: { 201: ResourceView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const org = await requirePublisher(ctx.db, requireActor(ctx), true);
      const id = await createResource(ctx, { organisation: org, body: req.body });
      return reply.code(201).send(await presentResourceById(ctx, id));
    },
  );

  app.get(
    '/resources/:id',
    { schema: { tags: TAGS, summary: '开放资源详情', params: IdParams, response: { 200: ResourceView } } },
    async (req) => {
      const r = await loadResource(req.ctx, req.params.id);
      return presentResource(req.ctx.db, req.ctx.actor, r);
    },
  );

  app.get(
    '/resources/:id/quota',
    {
      schema: {
        tags: TAGS,
        summary: '某日期所在周期的剩余名额（默认今天，北京时间）',
        params: IdParams,
        querystring: QuotaQuery,
        response: { 200: QuotaView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const r = await loadResource(ctx, req.params.id);
      const periodKey = periodKeyOf(r, req.query.date ?? shanghaiToday(ctx.clock.now()));
      return presentQuota(r, periodKey, await usedQuota(ctx.db, r.id, periodKey));
    },
  );

  app.patch(
    '/resources/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改开放资源',
        params: IdParams,
        body: ResourceUpdateBody,
        response: { 200: ResourceView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const r = await loadResource(ctx, req.params.id);
      authorize(isResourceOwner(actor, r), '只有开放单位可以修改');
      await updateResource(ctx, { resource: r, body: req.body });
      return presentResourceById(ctx, r.id);
    },
  );

  for (const [path, to, summary] of [
    ['publish', 'published', '发布开放资源'],
    ['close', 'closed', '关闭开放资源（不再受理申请）'],
  ] as const) {
    app.post(
      `/resources/:id/${path}`,
      {
        // Publishing is gated like creating (an unverified organisation may not publish).
        ...(path === 'publish' ? { preValidation: verifiedOrgOnly } : {}),
        schema: { tags: TAGS, summary, params: IdParams, response: { 200: ResourceView } },
      },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        const r = await loadResource(ctx, req.params.id);
        authorize(isResourceOwner(actor, r), '只有开放单位可以操作');
        await setResourceStatus(ctx, { resource: r, to });
        return presentResourceById(ctx, r.id);
      },
    );
  }

  app.post(
    '/resources/:id/requests',
    {
      schema: {
        tags: TAGS,
        summary: '申请使用开放资源（用途、使用日期）',
        params: IdParams,
        body: RequestBody,
        response: { 201: RequestView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const r = await loadResource(ctx, req.params.id);
      const org = await requireActingOrg(ctx.db, actor);
      const id = await requestResource(ctx, { organisation: org, resource: r, body: req.body });
      return reply.code(201).send(await presentRequestById(ctx, id));
    },
  );

  app.get(
    '/resource-requests',
    {
      schema: {
        tags: TAGS,
        summary: '资源申请（box=mine 我单位提交的；received 我单位资源收到的）',
        querystring: RequestListQuery,
        response: { 200: RequestList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const { items, total } = await listRequests(ctx.db, q, actingOrganisationId(actor));
      return { items: await presentRequests(ctx.db, actor, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/resource-requests/:id',
    { schema: { tags: TAGS, summary: '资源申请详情', params: IdParams, response: { 200: RequestView } } },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const row = await loadRequest(ctx, req.params.id);
      return presentRequest(ctx.db, ctx.actor, row);
    },
  );

  const decisions = [
    ['approve', 'approve', OptionalReasonBody, 'owner', '同意申请（名额按期计，已满时 409 quota_exhausted）'],
    ['decline', 'decline', ReasonBody, 'owner', '不同意申请（须说明理由）'],
    ['mark-used', 'mark_used', OptionalReasonBody, 'owner', '标记为已使用'],
    ['close', 'close', OptionalReasonBody, 'owner', '关闭申请'],
    ['withdraw', 'withdraw', OptionalReasonBody, 'requester', '撤回申请（申请单位）'],
  ] as const;
  for (const [path, transition, body, who, summary] of decisions) {
    app.post(
      `/resource-requests/:id/${path}`,
      { schema: { tags: TAGS, summary, params: IdParams, body, response: { 200: RequestView } } },
      async (req) => {
        const ctx = req.ctx;
        const actor = requireActor(ctx);
        const row = await loadRequest(ctx, req.params.id);
        authorize(
          who === 'owner' ? canDecideRequest(actor, row) : canWithdrawRequest(actor, row),
          who === 'owner' ? '只有开放单位可以处理申请' : '只有申请单位可以撤回',
        );
        await transitionRequest(ctx, { requestId: row.id, transition, reason: req.body.reason ?? null });
        return presentRequestById(ctx, row.id);
      },
    );
  }
};
export default routes;
