/**
 * Open resources (创新资源开放共享): publish, browse, request under a quota, decide; .xlsx export and import.
 * Lists and published resources are public (no sign-in); drafts and requests exist only for their parties.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError, notFound, type FieldError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import { nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { isRegionCode } from '../../../common/region.ts';
import { shanghaiToday } from '../../../common/time.ts';
import {
  ImportResult,
  OptionalReasonBody,
  PRICE_MODEL_LABELS,
  QUOTA_PERIOD_LABELS,
  QuotaQuery,
  QuotaView,
  ReasonBody,
  RequestBody,
  RequestList,
  RequestListQuery,
  RequestView,
  RESOURCE_TYPE_LABELS,
  ResourceBody,
  ResourceList,
  ResourceListQuery,
  ResourceUpdateBody,
  ResourceView,
} from '../../../common/contracts/resources.ts';
import {
  canSeeRequest,
  canSeeResource,
  createRequest,
  createResource,
  getResource,
  isResourceOwner,
  listResources,
  periodKeyOf,
  presentRequests,
  presentResources,
  requestQuery,
  rowFor,
  setResourceStatus,
  transitionRequest,
  updateResource,
  usedQuota,
} from './service.ts';
import { actsFor } from '../../lib/policy.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { XLSX_MIME, readXlsx, toXlsx, xlsxAttachment } from '../../lib/xlsx.ts';
import { requireActingOrg, requirePublisher } from '../../lib/acting.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';

const TAGS = ['resources'];
const IMPORT_MAX_BYTES = 5 * 1024 * 1024;
const IMPORT_MAX_ROWS = 1000;

/** The import template's columns, in order (Chinese headers; labels, not codes, in the cells). */
export const TEMPLATE_HEADERS = ['资源类型', '名称', '简介', '所在地区代码', '具体地点', '开放条件', '收费方式', '收费说明', '名额', '名额周期', '面向高校毕业生创业团队'] as const;

const reverse = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await app.register(multipart, { limits: { fileSize: IMPORT_MAX_BYTES, files: 1, fields: 5, parts: 10 } });

  async function loadResource(req: FastifyRequest, id: string) {
    const actor = req.ctx.actor;
    const r = await getResource(db, id);
    if (!r || !canSeeResource(actor, r)) throw notFound();
    return { actor, r };
  }
  const present = async (req: FastifyRequest, id: string) => (await presentResources(db, req.ctx.actor, [(await getResource(db, id))!]))[0]!;

  app.get(
    '/resources',
    { schema: { tags: TAGS, summary: '开放资源列表（公开列表只含已发布的；mine=true 为本单位全部）', querystring: ResourceListQuery, response: { 200: ResourceList } } },
    async (req) => {
      const q = req.query;
      const actor = req.ctx.actor;
      const { items, total } = await listResources(db, actor, q);
      return { items: await presentResources(db, actor, items), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/resources.xlsx',
    { schema: { tags: TAGS, summary: '导出开放资源列表（.xlsx，筛选条件同列表）', querystring: ResourceListQuery, produces: [XLSX_MIME] } },
    async (req, reply) => {
      const actor = req.ctx.actor;
      const { items } = await listResources(db, actor, { ...req.query, page: 1, pageSize: 100_000 });
      const views = await presentResources(db, actor, items);
      const header = ['名称', '资源类型', '开放单位', '所属主题日', '所在地区代码', '具体地点', '开放条件', '收费方式', '收费说明', '名额', '名额周期', '面向高校毕业生创业团队', '状态', '发布时间'];
      const STATUS = { draft: '草稿', published: '已发布', closed: '已关闭' };
      const rows = views.map((v) => [
        v.title, v.typeLabel, v.organisation.name, v.themeDay?.title ?? '', v.regionCode, v.location, v.conditions, v.priceModelLabel, v.priceNote,
        v.quota ?? '不限', QUOTA_PERIOD_LABELS[v.quotaPeriod], v.graduateTeams, STATUS[v.status], v.publishedAt ?? '',
      ]);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', xlsxAttachment('开放资源.xlsx')).header('cache-control', 'no-store').send(await toXlsx('开放资源', header, rows));
    },
  );

  app.get(
    '/resources/import-template.xlsx',
    { schema: { tags: TAGS, summary: '下载开放资源导入模板（.xlsx，中文表头，含示例行）', produces: [XLSX_MIME] } },
    async (_req, reply) => {
      const example = ['应用场景', '智能工厂质检场景开放', '开放汽车焊装车间视觉质检场景，供中小企业验证算法。', '370211', '青岛市黄岛区', '须签署保密协议', '免费', '', '3', '每月', '是'];
      const buf = await toXlsx('开放资源导入', [...TEMPLATE_HEADERS], [example]);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', xlsxAttachment('开放资源导入模板.xlsx')).send(buf);
    },
  );

  app.post(
    '/resources/import',
    {
      schema: {
        tags: TAGS,
        summary: '从模板导入开放资源（multipart：file=.xlsx；全部行校验通过才一次性导入为草稿，否则逐行报错、一条不导入）',
        consumes: ['multipart/form-data'],
        querystring: z.object({ themeDayId: z.string().max(100).optional() }),
        response: { 201: ImportResult },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const org = await requirePublisher(db, actor, true);
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传 .xlsx 文件');
      let file: Buffer | null = null;
      try {
        for await (const part of req.parts()) if (part.type === 'file') file = await part.toBuffer();
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) throw new AppError(413, 'import_file_too_large', `导入文件不能超过${IMPORT_MAX_BYTES / 1024 / 1024}MB`);
        throw err;
      }
      if (!file) throw new AppError(400, 'import_file_invalid', '请上传 .xlsx 文件');
      const rows = await readXlsx(file, TEMPLATE_HEADERS);
      if (rows.length === 0) throw new AppError(422, 'import_empty', '模板中没有数据行');
      if (rows.length > IMPORT_MAX_ROWS) throw new AppError(422, 'import_too_many_rows', `一次最多导入${IMPORT_MAX_ROWS}行`);
      const themeDayId = req.query.themeDayId ?? null;
      if (themeDayId) await requireThemeDayArea(db, actor, themeDayId, 'resource_sharing');
      const types = reverse(RESOURCE_TYPE_LABELS);
      const prices = reverse(PRICE_MODEL_LABELS);
      const periods = reverse(QUOTA_PERIOD_LABELS);
      const errors: FieldError[] = [];
      const bodies: ResourceBody[] = [];
      for (const { rowNumber, cells } of rows) {
        const err = (col: string, message: string) => errors.push({ field: `row${rowNumber}.${col}`, code: 'invalid_cell', message: `第${rowNumber}行「${col}」：${message}` });
        const quotaText = cells['名额'] ?? '';
        const quota = quotaText === '' || quotaText === '不限' ? null : Number(quotaText);
        if (quota !== null && (!Number.isInteger(quota) || quota < 1)) err('名额', '应为正整数或留空（不限）');
        const region = cells['所在地区代码'] || null;
        if (region && !isRegionCode(region)) err('所在地区代码', '不是有效的六位行政区划代码');
        const flag = cells['面向高校毕业生创业团队'] ?? '';
        if (flag && !['是', '否'].includes(flag)) err('面向高校毕业生创业团队', '应填“是”或“否”');
        const candidate = {
          type: types.get(cells['资源类型'] ?? ''),
          title: cells['名称'],
          description: cells['简介'],
          regionCode: region ?? org.region_code,
          location: cells['具体地点'] || null,
          conditions: cells['开放条件'] || null,
          priceModel: prices.get(cells['收费方式'] ?? ''),
          priceNote: cells['收费说明'] || null,
          quota,
          quotaPeriod: cells['名额周期'] ? periods.get(cells['名额周期']) : 'total',
          graduateTeams: flag === '是',
          themeDayId,
        };
        const parsed = ResourceBody.safeParse(candidate);
        if (!parsed.success) {
          for (const i of parsed.error.issues) {
            const key = String(i.path[0] ?? '');
            const col = { type: '资源类型', title: '名称', description: '简介', priceModel: '收费方式', quotaPeriod: '名额周期' }[key] ?? key;
            err(col, candidate[key as keyof typeof candidate] === undefined ? '取值不在可选范围内' : i.message);
          }
        } else if (parsed.data.quotaPeriod === 'theme_day' && !themeDayId) {
          err('名额周期', '按主题日计的名额须在导入时选择所属主题日');
        } else bodies.push(parsed.data);
      }
      if (errors.length) throw new AppError(422, 'import_rows_invalid', `有${errors.length}处错误，未导入任何一行`, errors);
      const now = nowIso(app.clock.now());
      const ids: string[] = [];
      await db.transaction().execute(async (trx) => {
        for (const b of bodies) {
          const row = rowFor(actor, org.id, b, now);
          await trx.insertInto('resources').values(row).execute();
          ids.push(row.id);
        }
        await audit(trx, req.ctx, { entityType: 'resource', entityId: null, action: 'import', after: { count: ids.length, ids } });
      });
      return reply.code(201).send({ created: ids.length, ids });
    },
  );

  app.post(
    '/resources',
    { schema: { tags: TAGS, summary: '新建开放资源（草稿；大型企业、高校和科研院所）', body: ResourceBody, response: { 201: ResourceView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const org = await requirePublisher(db, actor, true);
      const id = await createResource(req, actor, org, req.body);
      return reply.code(201).send(await present(req, id));
    },
  );

  app.get('/resources/:id', { schema: { tags: TAGS, summary: '开放资源详情', params: IdParams, response: { 200: ResourceView } } }, async (req) => {
    const { r } = await loadResource(req, req.params.id);
    return present(req, r.id);
  });

  app.get(
    '/resources/:id/quota',
    { schema: { tags: TAGS, summary: '某日期所在周期的剩余名额（默认今天，北京时间）', params: IdParams, querystring: QuotaQuery, response: { 200: QuotaView } } },
    async (req) => {
      const { r } = await loadResource(req, req.params.id);
      const periodKey = periodKeyOf(r, req.query.date ?? shanghaiToday(app.clock.now()));
      const used = await usedQuota(db, r.id, periodKey);
      return {
        quota: r.quota,
        quotaPeriod: r.quota_period as 'month' | 'theme_day' | 'total',
        periodKey,
        used,
        remaining: r.quota == null ? null : Math.max(0, r.quota - used),
      };
    },
  );

  app.patch(
    '/resources/:id',
    { schema: { tags: TAGS, summary: '修改开放资源', params: IdParams, body: ResourceUpdateBody, response: { 200: ResourceView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { r } = await loadResource(req, req.params.id);
      authorize(isResourceOwner(actor, r), '只有开放单位可以修改');
      await updateResource(req, actor, r, req.body);
      return present(req, r.id);
    },
  );

  for (const [path, to, summary] of [
    ['publish', 'published', '发布开放资源'],
    ['close', 'closed', '关闭开放资源（不再受理申请）'],
  ] as const) {
    app.post(`/resources/:id/${path}`, { schema: { tags: TAGS, summary, params: IdParams, response: { 200: ResourceView } } }, async (req) => {
      const actor = requireActor(req.ctx);
      const { r } = await loadResource(req, req.params.id);
      authorize(isResourceOwner(actor, r), '只有开放单位可以操作');
      await setResourceStatus(req, r, to);
      return present(req, r.id);
    });
  }

  const presentRequest = async (req: FastifyRequest, id: string) =>
    (await presentRequests(db, req.ctx.actor, [(await requestQuery(db).where('q.id', '=', id).executeTakeFirst())!]))[0]!;

  app.post(
    '/resources/:id/requests',
    { schema: { tags: TAGS, summary: '申请使用开放资源（用途、使用日期）', params: IdParams, body: RequestBody, response: { 201: RequestView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const { r } = await loadResource(req, req.params.id);
      const org = await requireActingOrg(db, actor);
      const id = await createRequest(req, actor, org, r, req.body);
      return reply.code(201).send(await presentRequest(req, id));
    },
  );

  app.get(
    '/resource-requests',
    { schema: { tags: TAGS, summary: '资源申请（box=mine 我单位提交的；received 我单位资源收到的）', querystring: RequestListQuery, response: { 200: RequestList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      const orgId = actor.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__';
      let qb = requestQuery(db).where(q.box === 'mine' ? 'q.organisation_id' : 'r.organisation_id', '=', orgId);
      if (q.status) qb = qb.where('q.status', '=', q.status);
      if (q.resourceId) qb = qb.where('q.resource_id', '=', q.resourceId);
      const countQ = db
        .selectFrom('resource_requests as q')
        .innerJoin('resources as r', 'r.id', 'q.resource_id')
        .where(q.box === 'mine' ? 'q.organisation_id' : 'r.organisation_id', '=', orgId)
        .$if(!!q.status, (b) => b.where('q.status', '=', q.status!))
        .$if(!!q.resourceId, (b) => b.where('q.resource_id', '=', q.resourceId!));
      const [rows, total] = await Promise.all([
        qb.orderBy(q.sort === 'startDate' ? 'q.start_date' : 'q.created_at', q.order).orderBy('q.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        countQ.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: await presentRequests(db, actor, rows), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  );

  async function loadRequest(req: FastifyRequest, id: string) {
    const actor = requireActor(req.ctx);
    const row = await requestQuery(db).where('q.id', '=', id).executeTakeFirst();
    if (!row || !canSeeRequest(actor, row, { organisation_id: row.resource_org_id })) throw notFound();
    return { actor, row };
  }

  app.get('/resource-requests/:id', { schema: { tags: TAGS, summary: '资源申请详情', params: IdParams, response: { 200: RequestView } } }, async (req) => {
    const { row } = await loadRequest(req, req.params.id);
    return presentRequest(req, row.id);
  });

  const decisions = [
    ['approve', OptionalReasonBody, 'owner', '同意申请（名额按期计，已满时 409 quota_exhausted）'],
    ['decline', ReasonBody, 'owner', '不同意申请（须说明理由）'],
    ['mark-used', OptionalReasonBody, 'owner', '标记为已使用'],
    ['close', OptionalReasonBody, 'owner', '关闭申请'],
    ['withdraw', OptionalReasonBody, 'requester', '撤回申请（申请单位）'],
  ] as const;
  for (const [path, body, who, summary] of decisions) {
    app.post(`/resource-requests/:id/${path}`, { schema: { tags: TAGS, summary, params: IdParams, body, response: { 200: RequestView } } }, async (req) => {
      const { actor, row } = await loadRequest(req, req.params.id);
      authorize(who === 'owner' ? actsFor(actor, row.resource_org_id) : actsFor(actor, row.organisation_id), who === 'owner' ? '只有开放单位可以处理申请' : '只有申请单位可以撤回');
      const reason = (req.body as { reason?: string }).reason ?? null;
      await transitionRequest(req, row.id, path === 'mark-used' ? 'mark_used' : path, reason);
      return presentRequest(req, row.id);
    });
  }
};
export default routes;
