/**
 * Innovation demands and technology catalogues: publish (large firms, universities, institutes), browse,
 * respond with a proposal and attachments (PDF/DOCX/PNG/JPEG sniffed by content, ≤10 MB, ≤5), shortlist and
 * accept, form and sign innovation consortia; .xlsx export.
 */
import { createReadStream } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { isUniqueViolation, json } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { ENTERPRISE_SIZE_LABELS, type EnterpriseSize } from '../../../common/enterprise-size.ts';
import { industryName } from '../../../common/industry.ts';
import { regionName } from '../../../common/region.ts';
import { ORG_KIND_LABELS, type OrgKind } from '../../../common/roles.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { uploadDir } from '../roadshows/service.ts';
import {
  COOPERATION_MODE_LABELS,
  DEMAND_KIND_LABELS,
  ConsortiumBody,
  ConsortiumList,
  ConsortiumListQuery,
  ConsortiumUpdateBody,
  ConsortiumView,
  DemandBody,
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
import {
  ATTACHMENT_MAX_BYTES,
  attachmentsOf,
  canSeeConsortium,
  canSeeDemand,
  canSeeResponse,
  consortiumMembers,
  createConsortium,
  createDemand,
  demandLink,
  ensureOpen,
  getDemand,
  isExpired,
  isPublisher,
  listDemands,
  MAX_ATTACHMENTS,
  presentConsortium,
  presentDemands,
  presentResponses,
  responseQuery,
  setDemandStatus,
  signConsortium,
  transitionResponse,
  updateConsortium,
  updateDemand,
  type StoredAttachment,
} from './service.ts';
import { actsFor } from '../../lib/policy.ts';
import { ATTACHMENT_MIME, sniffAttachment } from '../../lib/attachments.ts';
import { getOrg, isLargeOrResearch, requireActingOrg, requirePublisher } from '../../lib/acting.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import { XLSX_MIME, readXlsx, toXlsx, xlsxAttachment } from '../../lib/xlsx.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';
import { type FieldError } from '../../lib/errors.ts';

const TAGS = ['demands'];
const IMPORT_MAX_ROWS = 1000;

/** The import template's columns (Chinese headers; labels, not codes, in the cells). */
export const DEMAND_TEMPLATE_HEADERS = ['类别', '名称', '所属领域代码', '需求描述', '技术指标', '预算下限（万元）', '预算上限（万元）', '合作方式', '截止日期', '知识产权约定'] as const;
const reverse = <K extends string>(labels: Record<K, string>) => new Map(Object.entries(labels).map(([k, v]) => [v as string, k as K]));

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  await app.register(multipart, { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 5, parts: 10 } });
  const now = () => app.clock.now();

  async function load(req: FastifyRequest, id: string) {
    const actor = req.ctx.actor;
    const d = await getDemand(db, id);
    if (!d || !canSeeDemand(actor, d)) throw notFound();
    return { actor, d };
  }
  const present = async (req: FastifyRequest, id: string) => (await presentDemands(db, req.ctx.actor, [(await getDemand(db, id))!], now()))[0]!;

  app.get(
    '/demands',
    { schema: { tags: TAGS, summary: '创新需求与新技术目录列表（公开列表只含已发布的；mine=true 为本单位全部）', querystring: DemandListQuery, response: { 200: DemandList } } },
    async (req) => {
      const q = req.query;
      const actor = req.ctx.actor;
      const { items, total } = await listDemands(db, actor, q, now());
      return { items: await presentDemands(db, actor, items, now()), total, page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/demands.xlsx',
    { schema: { tags: TAGS, summary: '导出创新需求列表（.xlsx，筛选条件同列表）', querystring: DemandListQuery, produces: [XLSX_MIME] } },
    async (req, reply) => {
      const actor = req.ctx.actor;
      const { items } = await listDemands(db, actor, { ...req.query, page: 1, pageSize: 100_000 }, now());
      const views = await presentDemands(db, actor, items, now());
      const header = ['名称', '类别', '发布单位', '所属主题日', '所属领域', '技术指标', '预算下限（万元）', '预算上限（万元）', '合作方式', '截止日期', '知识产权约定', '发布时间'];
      const rows = views.map((v) => [
        v.title, v.kindLabel, v.organisation.name, v.themeDay?.title ?? '', `${v.fieldCode} ${v.fieldName ?? ''}`.trim(), v.indicators, v.budgetMinWan, v.budgetMaxWan,
        v.cooperationModeLabel, v.deadline, v.ipTerms, v.publishedAt ?? '',
      ]);
      return reply.header('content-type', XLSX_MIME).header('content-disposition', xlsxAttachment('创新需求清单.xlsx')).header('cache-control', 'no-store').send(await toXlsx('创新需求清单', header, rows));
    },
  );

  app.get(
    '/demands/abilities',
    {
      schema: {
        tags: TAGS,
        summary: '当前用户在本模块能做什么（publish：以当前单位发布需求和新技术目录；respond：以当前单位响应）',
        response: { 200: z.object({ publish: z.boolean(), respond: z.boolean() }) },
      },
    },
    async (req) => {
      const actor = req.ctx.actor;
      const org = actor?.organisationId && actsFor(actor, actor.organisationId) ? await getOrg(db, actor.organisationId) : undefined;
      return { publish: !!org && isLargeOrResearch(org), respond: !!org };
    },
  );

  app.get(
    '/demands/import-template.xlsx',
    { schema: { tags: TAGS, summary: '下载创新需求导入模板（.xlsx，中文表头，含示例行）', produces: [XLSX_MIME] } },
    async (_req, reply) => {
      const example = ['创新需求', '动力电池热失控预警传感芯片', 'C39', '面向动力电池热失控预警的专用传感芯片。', '温度精度±0.5℃', '200', '500', '联合研发', '2020-12-31', '新产生的知识产权共有'];
      return reply.header('content-type', XLSX_MIME).header('content-disposition', xlsxAttachment('创新需求导入模板.xlsx')).send(await toXlsx('创新需求导入', [...DEMAND_TEMPLATE_HEADERS], [example]));
    },
  );

  app.post(
    '/demands/import',
    {
      schema: {
        tags: TAGS,
        summary: '从模板导入创新需求（multipart：file=.xlsx；全部行校验通过才一次性导入为草稿，否则逐行报错、一条不导入）',
        consumes: ['multipart/form-data'],
        querystring: z.object({ themeDayId: z.string().max(100).optional() }),
        response: { 201: z.object({ created: z.number().int(), ids: z.array(z.string()) }) },
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
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) throw new AppError(413, 'import_file_too_large', '导入文件过大');
        throw err;
      }
      if (!file) throw new AppError(400, 'import_file_invalid', '请上传 .xlsx 文件');
      const rows = await readXlsx(file, DEMAND_TEMPLATE_HEADERS);
      if (rows.length === 0) throw new AppError(422, 'import_empty', '模板中没有数据行');
      if (rows.length > IMPORT_MAX_ROWS) throw new AppError(422, 'import_too_many_rows', `一次最多导入${IMPORT_MAX_ROWS}行`);
      const themeDayId = req.query.themeDayId ?? null;
      if (themeDayId) await requireThemeDayArea(db, actor, themeDayId, 'collaborative_rd');
      const kinds = reverse(DEMAND_KIND_LABELS);
      const modes = reverse(COOPERATION_MODE_LABELS);
      const COL: Record<string, string> = { kind: '类别', title: '名称', fieldCode: '所属领域代码', description: '需求描述', indicators: '技术指标', budgetMinWan: '预算下限（万元）', budgetMaxWan: '预算上限（万元）', cooperationMode: '合作方式', deadline: '截止日期', ipTerms: '知识产权约定' };
      const errors: FieldError[] = [];
      const bodies: DemandBody[] = [];
      for (const { rowNumber, cells } of rows) {
        const err = (col: string, message: string) => errors.push({ field: `row${rowNumber}.${col}`, code: 'invalid_cell', message: `第${rowNumber}行「${col}」：${message}` });
        const num = (col: string) => {
          const t = cells[col] ?? '';
          if (t === '') return null;
          const n = Number(t);
          if (!Number.isFinite(n)) err(col, '应为数字');
          return Number.isFinite(n) ? n : null;
        };
        const candidate = {
          kind: cells['类别'] ? kinds.get(cells['类别']) : 'demand',
          title: cells['名称'],
          fieldCode: cells['所属领域代码'],
          description: cells['需求描述'],
          indicators: cells['技术指标'] || null,
          budgetMinWan: num('预算下限（万元）'),
          budgetMaxWan: num('预算上限（万元）'),
          cooperationMode: modes.get(cells['合作方式'] ?? ''),
          deadline: cells['截止日期'],
          ipTerms: cells['知识产权约定'] || null,
          themeDayId,
        };
        const parsed = DemandBody.safeParse(candidate);
        if (!parsed.success) {
          for (const i of parsed.error.issues) {
            const key = String(i.path[0] ?? '');
            err(COL[key] ?? key, candidate[key as keyof typeof candidate] === undefined ? '取值不在可选范围内' : i.message);
          }
        } else if (parsed.data.budgetMinWan != null && parsed.data.budgetMaxWan != null && parsed.data.budgetMaxWan < parsed.data.budgetMinWan) {
          err('预算上限（万元）', '不能低于预算下限');
        } else bodies.push(parsed.data);
      }
      if (errors.length) throw new AppError(422, 'import_rows_invalid', `有${errors.length}处错误，未导入任何一行`, errors);
      const t = nowIso(now());
      const ids: string[] = [];
      await db.transaction().execute(async (trx) => {
        for (const b of bodies) {
          const id = newId();
          await trx
            .insertInto('demands')
            .values({
              id, kind: b.kind, organisation_id: org.id, theme_day_id: themeDayId, title: b.title, field_code: b.fieldCode, description: b.description,
              indicators: b.indicators || null, budget_min_wan: b.budgetMinWan ?? null, budget_max_wan: b.budgetMaxWan ?? null, cooperation_mode: b.cooperationMode,
              deadline: b.deadline, ip_terms: b.ipTerms || null, status: 'draft', published_at: null, created_by: actor.userId, created_at: t, updated_at: t,
            })
            .execute();
          ids.push(id);
        }
        await audit(trx, req.ctx, { entityType: 'demand', entityId: null, action: 'import', after: { count: ids.length, ids } });
      });
      return reply.code(201).send({ created: ids.length, ids });
    },
  );

  app.post(
    '/demands',
    { schema: { tags: TAGS, summary: '新建创新需求或新技术目录条目（草稿；大型企业、高校和科研院所）', body: DemandBody, response: { 201: DemandView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const org = await requirePublisher(db, actor, true);
      const id = await createDemand(req, actor, org.id, req.body);
      return reply.code(201).send(await present(req, id));
    },
  );

  app.get('/demands/:id', { schema: { tags: TAGS, summary: '需求详情', params: IdParams, response: { 200: DemandView } } }, async (req) => {
    const { d } = await load(req, req.params.id);
    return present(req, d.id);
  });

  app.patch('/demands/:id', { schema: { tags: TAGS, summary: '修改需求', params: IdParams, body: DemandUpdateBody, response: { 200: DemandView } } }, async (req) => {
    const actor = requireActor(req.ctx);
    const { d } = await load(req, req.params.id);
    authorize(isPublisher(actor, d), '只有发布单位可以修改');
    await updateDemand(req, actor, d, req.body);
    return present(req, d.id);
  });

  for (const [path, to, summary] of [
    ['publish', 'published', '发布需求'],
    ['close', 'closed', '关闭需求（不再受理响应）'],
  ] as const) {
    app.post(`/demands/:id/${path}`, { schema: { tags: TAGS, summary, params: IdParams, response: { 200: DemandView } } }, async (req) => {
      const actor = requireActor(req.ctx);
      const { d } = await load(req, req.params.id);
      authorize(isPublisher(actor, d), '只有发布单位可以操作');
      await setDemandStatus(req, d, to);
      return present(req, d.id);
    });
  }

  // ----- responses ----------------------------------------------------------------------------------------

  const presentResponse = async (req: FastifyRequest, id: string) =>
    (await presentResponses(db, req.ctx.actor, [(await responseQuery(db).where('r.id', '=', id).executeTakeFirst())!], now()))[0]!;

  app.post(
    '/demands/:id/responses',
    { schema: { tags: TAGS, summary: '响应需求（方案说明；附件另行上传，截止日期当天24时前）', params: IdParams, body: ResponseBody, response: { 201: ResponseView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const { d } = await load(req, req.params.id);
      const org = await requireActingOrg(db, actor);
      ensureOpen(d, now());
      if (d.organisation_id === org.id) throw new AppError(409, 'own_demand', '不能响应本单位发布的需求');
      const id = newId();
      const t = nowIso(now());
      try {
        await db.transaction().execute(async (trx) => {
          const row = { id, demand_id: d.id, organisation_id: org.id, user_id: actor.userId, proposal: req.body.proposal, attachments: '[]', status: 'submitted', decision_note: null, created_at: t, updated_at: t };
          await trx.insertInto('demand_responses').values(row).execute();
          await audit(trx, req.ctx, { entityType: 'demand_response', entityId: id, action: 'create', after: row });
          await notifyUsers(trx, await usersWithRole(trx, [d.organisation_id], ['member', 'base_admin']), { kind: 'demand_response', title: `收到需求响应：${d.title}`, body: org.name, link: demandLink(d.id) }, now());
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw new AppError(409, 'already_responded', '本单位已响应过该需求');
        throw err;
      }
      return reply.code(201).send(await presentResponse(req, id));
    },
  );

  app.get(
    '/demand-responses',
    { schema: { tags: TAGS, summary: '需求响应（box=mine 我单位提交的；received 我单位需求收到的）', querystring: ResponseListQuery, response: { 200: ResponseList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      const orgId = actor.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__';
      let qb = responseQuery(db).where(q.box === 'mine' ? 'r.organisation_id' : 'd.organisation_id', '=', orgId);
      if (q.demandId) qb = qb.where('r.demand_id', '=', q.demandId);
      if (q.status) qb = qb.where('r.status', '=', q.status);
      const all = await qb.orderBy(q.sort === 'updatedAt' ? 'r.updated_at' : 'r.created_at', q.order).orderBy('r.id').execute();
      const page = all.slice((q.page - 1) * q.pageSize, q.page * q.pageSize);
      return { items: await presentResponses(db, actor, page, now()), total: all.length, page: q.page, pageSize: q.pageSize };
    },
  );

  async function loadResponse(req: FastifyRequest, id: string) {
    const actor = requireActor(req.ctx);
    const r = await responseQuery(db).where('r.id', '=', id).executeTakeFirst();
    if (!r || !canSeeResponse(actor, r, r.demand_org_id)) throw notFound();
    return { actor, r };
  }

  app.get('/demand-responses/:id', { schema: { tags: TAGS, summary: '响应详情（响应单位与需求发布单位）', params: IdParams, response: { 200: ResponseView } } }, async (req) => {
    const { r } = await loadResponse(req, req.params.id);
    return presentResponse(req, r.id);
  });

  app.post(
    '/demand-responses/:id/attachments',
    {
      schema: {
        tags: TAGS,
        summary: '上传响应附件（multipart：file；PDF/DOCX/PNG/JPEG，按文件内容识别，≤10MB，最多5个；本平台为非涉密平台，严禁上传涉密信息）',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 201: ResponseView },
      },
    },
    async (req, reply) => {
      const { actor, r } = await loadResponse(req, req.params.id);
      authorize(actsFor(actor, r.organisation_id), '只有响应单位可以上传附件');
      if (r.status !== 'submitted') throw new AppError(409, 'response_not_editable', '该响应已进入评选或已结束，不能再上传附件');
      if (isExpired({ deadline: r.demand_deadline }, now())) throw new AppError(409, 'deadline_passed', `响应截止日期（${r.demand_deadline}）已过`);
      if (attachmentsOf(r).length >= MAX_ATTACHMENTS) throw new AppError(409, 'too_many_attachments', `每个响应最多${MAX_ATTACHMENTS}个附件`);
      if (!req.isMultipart()) throw new AppError(415, 'unsupported_media_type', '请以 multipart/form-data 方式上传附件');
      let file: { name: string; data: Buffer } | null = null;
      try {
        for await (const part of req.parts()) if (part.type === 'file') file = { name: part.filename, data: await part.toBuffer() };
      } catch (err) {
        if (err instanceof app.multipartErrors.RequestFileTooLargeError) throw new AppError(413, 'attachment_too_large', `附件不能超过${ATTACHMENT_MAX_BYTES / 1024 / 1024}MB`);
        throw err;
      }
      if (!file || file.data.length === 0) throw new AppError(400, 'validation_failed', '请选择要上传的文件', [{ field: 'file', code: 'required', message: '请选择要上传的文件' }]);
      const type = sniffAttachment(file.data);
      if (!type) throw new AppError(415, 'attachment_type_not_allowed', '附件须为 PDF、Word（.docx）、PNG 或 JPEG 文件（按文件内容识别，不看扩展名）', [{ field: 'file', code: 'attachment_type_not_allowed', message: '文件类型不允许' }]);
      const attId = newId();
      const rel = join('demand-responses', r.id, `${attId}.${type === 'jpeg' ? 'jpg' : type}`);
      const abs = join(uploadDir(req), rel);
      await mkdir(dirname(abs), { recursive: true });
      await writeFile(abs, file.data);
      const stored: StoredAttachment = { id: attId, name: file.name.slice(0, 200), type, size: file.data.length, path: rel };
      await db.transaction().execute(async (trx) => {
        const cur = await trx.selectFrom('demand_responses').select('attachments').where('id', '=', r.id).executeTakeFirstOrThrow();
        const list = attachmentsOf(cur);
        if (list.length >= MAX_ATTACHMENTS) throw new AppError(409, 'too_many_attachments', `每个响应最多${MAX_ATTACHMENTS}个附件`);
        await trx.updateTable('demand_responses').set({ attachments: json.stringify([...list, stored]), updated_at: nowIso(now()) }).where('id', '=', r.id).execute();
        await audit(trx, req.ctx, { entityType: 'demand_response', entityId: r.id, action: 'attach', after: { id: attId, name: stored.name, type, size: stored.size } });
      });
      return reply.code(201).send(await presentResponse(req, r.id));
    },
  );

  app.get(
    '/demand-responses/:id/attachments/:attachmentId',
    { schema: { tags: TAGS, summary: '下载响应附件（响应单位与需求发布单位）', params: z.object({ id: z.string().max(100), attachmentId: z.string().max(100) }) } },
    async (req, reply) => {
      const { r } = await loadResponse(req, req.params.id);
      const a = attachmentsOf(r).find((x) => x.id === req.params.attachmentId);
      if (!a) throw notFound();
      return reply
        .header('content-type', ATTACHMENT_MIME[a.type])
        .header('content-disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(a.name)}`)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(createReadStream(join(uploadDir(req), a.path)));
    },
  );

  for (const [path, who, summary] of [
    ['shortlist', 'publisher', '响应入围'],
    ['accept', 'publisher', '采纳响应（可与其组建创新联合体）'],
    ['decline', 'publisher', '不采纳响应'],
    ['withdraw', 'responder', '撤回响应（响应单位）'],
  ] as const) {
    app.post(`/demand-responses/:id/${path}`, { schema: { tags: TAGS, summary, params: IdParams, body: NoteBody, response: { 200: ResponseView } } }, async (req) => {
      const { actor, r } = await loadResponse(req, req.params.id);
      authorize(who === 'publisher' ? actsFor(actor, r.demand_org_id) : actsFor(actor, r.organisation_id), who === 'publisher' ? '只有需求发布单位可以评选响应' : '只有响应单位可以撤回');
      await transitionResponse(req, r, path, req.body.note ?? null);
      return presentResponse(req, r.id);
    });
  }

  // ----- consortia ----------------------------------------------------------------------------------------

  app.post(
    '/demands/:id/consortia',
    { schema: { tags: TAGS, summary: '组建创新联合体（需求发布单位牵头，成员为响应被采纳的单位；成本分担、利益分享各合计100%）', params: IdParams, body: ConsortiumBody, response: { 201: ConsortiumView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const { d } = await load(req, req.params.id);
      authorize(isPublisher(actor, d), '只有需求发布单位可以牵头组建创新联合体');
      const id = await createConsortium(req, actor, d, req.body);
      const c = (await db.selectFrom('consortia').selectAll().where('id', '=', id).executeTakeFirst())!;
      return reply.code(201).send(await presentConsortium(db, actor, c));
    },
  );

  app.get(
    '/demands/:id/consortia',
    { schema: { tags: TAGS, summary: '该需求下我单位参与的创新联合体', params: IdParams, response: { 200: z.object({ items: z.array(ConsortiumView) }) } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const { d } = await load(req, req.params.id);
      const rows = await db.selectFrom('consortia').selectAll().where('demand_id', '=', d.id).orderBy('created_at').execute();
      const out = [];
      for (const c of rows) if (canSeeConsortium(actor, await consortiumMembers(db, c.id))) out.push(await presentConsortium(db, actor, c));
      return { items: out };
    },
  );

  app.get(
    '/consortia',
    { schema: { tags: TAGS, summary: '我单位参与的创新联合体（牵头或成员；待签署的在前可按状态筛选）', querystring: ConsortiumListQuery, response: { 200: ConsortiumList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      const orgId = actor.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__';
      let qb = db
        .selectFrom('consortia as c')
        .innerJoin('demands as d', 'd.id', 'c.demand_id')
        .where((eb) => eb.exists(eb.selectFrom('consortium_members as m').select('m.id').whereRef('m.consortium_id', '=', 'c.id').where('m.organisation_id', '=', orgId)));
      if (q.status) qb = qb.where('c.status', '=', q.status);
      const [rows, total] = await Promise.all([
        qb.selectAll('c').select('d.title as demand_title').orderBy(q.sort === 'createdAt' ? 'c.created_at' : 'c.updated_at', q.order).orderBy('c.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const items = [];
      for (const { demand_title, ...c } of rows) items.push({ ...(await presentConsortium(db, actor, c)), demand: { id: c.demand_id, title: demand_title } });
      return { items, total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  );

  app.get(
    '/public/organisations/:id',
    { schema: { tags: TAGS, summary: '机构公开名片（门户机构页：名称、类型、地区、行业、规模；无需登录）', params: IdParams, response: { 200: PublicOrganisationView } } },
    async (req) => {
      const o = await db
        .selectFrom('organisations')
        .select(['id', 'name', 'kind', 'region_code', 'industry_code', 'size_class'])
        .where('id', '=', req.params.id)
        .executeTakeFirst();
      if (!o) throw notFound();
      const counts = await db
        .selectFrom('demands')
        .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
        .where('organisation_id', '=', o.id)
        .where('status', '=', 'published')
        .groupBy('kind')
        .execute();
      const n = (k: string) => Number(counts.find((c) => c.kind === k)?.n ?? 0);
      return {
        id: o.id,
        name: o.name,
        kind: o.kind,
        kindLabel: ORG_KIND_LABELS[o.kind as OrgKind]?.zh ?? o.kind,
        regionCode: o.region_code,
        regionName: o.region_code ? (regionName(o.region_code) ?? null) : null,
        industryCode: o.industry_code,
        industryName: o.industry_code ? (industryName(o.industry_code) ?? null) : null,
        sizeClass: o.size_class,
        sizeLabel: o.size_class ? (ENTERPRISE_SIZE_LABELS[o.size_class as EnterpriseSize] ?? null) : null,
        counts: { demands: n('demand'), technologies: n('technology') },
      };
    },
  );

  async function loadConsortium(req: FastifyRequest, id: string) {
    const actor = requireActor(req.ctx);
    const c = await db.selectFrom('consortia').selectAll().where('id', '=', id).executeTakeFirst();
    if (!c || !canSeeConsortium(actor, await consortiumMembers(db, c.id))) throw notFound();
    return { actor, c };
  }

  app.get('/consortia/:id', { schema: { tags: TAGS, summary: '创新联合体详情（成员单位可见）', params: IdParams, response: { 200: ConsortiumView } } }, async (req) => {
    const { actor, c } = await loadConsortium(req, req.params.id);
    return presentConsortium(db, actor, c);
  });

  app.patch(
    '/consortia/:id',
    { schema: { tags: TAGS, summary: '修改创新联合体（牵头单位；任何修改都会清除已有签署）', params: IdParams, body: ConsortiumUpdateBody, response: { 200: ConsortiumView } } },
    async (req) => {
      const { actor, c } = await loadConsortium(req, req.params.id);
      authorize(actsFor(actor, c.organisation_id), '只有牵头单位可以修改');
      const d = (await getDemand(db, c.demand_id))!;
      await updateConsortium(req, c, d, req.body);
      return presentConsortium(db, actor, (await db.selectFrom('consortia').selectAll().where('id', '=', c.id).executeTakeFirst())!);
    },
  );

  app.post(
    '/consortia/:id/sign',
    { schema: { tags: TAGS, summary: '成员单位签署创新联合体协议（全体签署后生效）', params: IdParams, body: SignBody, response: { 200: ConsortiumView } } },
    async (req) => {
      const { actor, c } = await loadConsortium(req, req.params.id);
      await signConsortium(req, actor, c.id, req.body.version);
      return presentConsortium(db, actor, (await db.selectFrom('consortia').selectAll().where('id', '=', c.id).executeTakeFirst())!);
    },
  );
};
export default routes;
