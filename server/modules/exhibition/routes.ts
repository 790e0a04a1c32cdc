/**
 * The virtual exhibition hall (云展厅) of a theme day: public list and detail of approved booths, the
 * exhibitor's booth (create, edit → back to review), the host staff's review, and contact requests
 * (visitor → exhibitor, who accepts or declines). Rules in ./policy.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Ctx } from '../../lib/context.ts';
import { AppError, ensure, notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { staffedThemeDayIds } from '../events/repository.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  BoothBody,
  BoothList,
  BoothListQuery,
  BoothUpdateBody,
  BoothView,
  ContactRequestBody,
  ContactRequestList,
  ContactRequestQuery,
  ContactRequestView,
  DecideBody,
  PublicBoothQuery,
  ReviewBody,
} from '../../../common/contracts/exhibition.ts';
import { canActAsExhibitor, canRequestContact, canSeeBooth, isExhibitor } from './policy.ts';
import { presentBooth, presentContactRequest } from './presenter.ts';
import {
  getBooth,
  getBoothWithOrg,
  getContactRequest,
  isThemeDayStaff,
  listBooths,
  listContactRequests,
} from './repository.ts';
import { createBooth, decideContact, requestContact, reviewBooth, updateBooth } from './service.ts';

const TAGS = ['exhibition'];
/** Published programmes' theme days are public; a draft programme's exist for nobody here. */
const publicThemeDay = (td: ThemeDayRecord) => td.programme.status !== 'draft';

/** A booth the caller may see (404 otherwise), with whether the caller is the theme day's staff. */
async function loadBooth(ctx: Ctx, id: string) {
  const actor = ctx.actor;
  const booth = await getBoothWithOrg(ctx.db, id);
  if (!booth) throw notFound();
  const td = await getThemeDay(ctx.db, booth.theme_day_id);
  if (!td || !publicThemeDay(td)) throw notFound();
  const staff = await isThemeDayStaff(ctx.db, actor, td);
  ensureVisible(booth, (b) => canSeeBooth(actor, b, staff));
  return { actor, booth, td, staff };
}

/** The booth as the caller sees it now (after a change). */
async function presentById(ctx: Ctx, id: string): Promise<BoothView> {
  const l = await loadBooth(ctx, id);
  return presentBooth(ctx.db, l.actor, l.booth, l.staff);
}

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/public/theme-days/:id/booths',
    {
      schema: {
        tags: TAGS,
        summary: '主题日云展厅：已上线的展位（无需登录，可搜索）',
        params: IdParams,
        querystring: PublicBoothQuery,
        response: { 200: BoothList },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const td = ensureVisible(await getThemeDay(ctx.db, req.params.id), publicThemeDay);
      const actor = ctx.actor;
      const staff = await isThemeDayStaff(ctx.db, actor, td);
      const q = req.query;
      const { items, total } = await listBooths(ctx.db, {
        themeDayId: td.id,
        status: 'approved',
        q: q.q,
        searchIntro: true,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
      });
      reply.header('cache-control', 'private, no-cache');
      return {
        items: await Promise.all(items.map((b) => presentBooth(ctx.db, actor, b, staff))),
        total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.get(
    '/public/booths/:id',
    {
      schema: {
        tags: TAGS,
        summary: '展位详情（联系人仅在联系请求被接受后可见）',
        params: IdParams,
        response: { 200: BoothView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const { actor, booth, staff } = await loadBooth(ctx, req.params.id);
      reply.header('cache-control', 'private, no-cache');
      return presentBooth(ctx.db, actor, booth, staff);
    },
  );

  app.get(
    '/exhibition/booths',
    {
      schema: {
        tags: TAGS,
        summary: '我的展位 / 待我审核的展位',
        querystring: BoothListQuery,
        response: { 200: BoothList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const filter = {
        themeDayId: q.themeDayId,
        status: q.status,
        q: q.q,
        page: q.page,
        pageSize: q.pageSize,
        sort: q.sort,
        order: q.order,
      };
      let staffIds: string[] = [];
      let page;
      if (q.scope === 'mine') {
        if (!canActAsExhibitor(actor) || !actor.organisationId)
          return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        page = await listBooths(ctx.db, { ...filter, organisationId: actor.organisationId });
      } else {
        staffIds = await staffedThemeDayIds(ctx.db, actor);
        if (!staffIds.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        page = await listBooths(ctx.db, { ...filter, themeDayIds: staffIds });
      }
      const staffSet = new Set(staffIds.length ? staffIds : await staffedThemeDayIds(ctx.db, actor));
      return {
        items: await Promise.all(page.items.map((b) => presentBooth(ctx.db, actor, b, staffSet.has(b.theme_day_id)))),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/theme-days/:id/booths',
    {
      schema: {
        tags: TAGS,
        summary: '为本单位设置云展厅展位（承办方审核后上线）',
        params: IdParams,
        body: BoothBody,
        response: { 201: BoothView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const td = ensureVisible(await getThemeDay(ctx.db, req.params.id), publicThemeDay);
      authorize(canActAsExhibitor(actor), '请以企业、机构成员身份设置展位');
      const id = await createBooth(ctx, { themeDay: td, body: req.body });
      return reply.code(201).send(await presentById(ctx, id));
    },
  );

  app.patch(
    '/exhibition/booths/:id',
    {
      schema: {
        tags: TAGS,
        summary: '修改展位（修改后重新提交审核）',
        params: IdParams,
        body: BoothUpdateBody,
        response: { 200: BoothView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { booth } = await loadBooth(ctx, req.params.id);
      authorize(isExhibitor(actor, booth), '只有展商本单位人员可以修改展位');
      await updateBooth(ctx, { booth, body: req.body });
      return presentById(ctx, req.params.id);
    },
  );

  app.post(
    '/exhibition/booths/:id/review',
    {
      schema: {
        tags: TAGS,
        summary: '审核展位（承办基地或其委托的支撑机构）',
        params: IdParams,
        body: ReviewBody,
        response: { 200: BoothView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const { booth, staff } = await loadBooth(ctx, req.params.id);
      authorize(staff, '只有承办基地或其委托的支撑机构可以审核展位');
      await reviewBooth(ctx, { booth, decision: req.body.decision, note: req.body.note });
      return presentById(ctx, req.params.id);
    },
  );

  app.post(
    '/exhibition/booths/:id/contact-requests',
    {
      schema: {
        tags: TAGS,
        summary: '联系展商（需登录；展商接受后可见联系人）',
        params: IdParams,
        body: ContactRequestBody,
        response: { 201: ContactRequestView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const { booth } = await loadBooth(ctx, req.params.id);
      if (booth.status !== 'approved') throw notFound();
      if (!canRequestContact(actor, booth)) throw new AppError(409, 'contact_own_booth', '不能联系本单位的展位');
      const id = await requestContact(ctx, { booth, message: req.body.message });
      return reply.code(201).send(presentContactRequest(actor, ensure(await getContactRequest(ctx.db, id))));
    },
  );

  app.get(
    '/exhibition/contact-requests',
    {
      schema: {
        tags: TAGS,
        summary: '收到的（展商）或我发出的联系请求',
        querystring: ContactRequestQuery,
        response: { 200: ContactRequestList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      const q = req.query;
      const paging = { status: q.status, page: q.page, pageSize: q.pageSize, order: q.order };
      let page;
      if (q.direction === 'incoming') {
        if (!canActAsExhibitor(actor) || !actor.organisationId)
          return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        page = await listContactRequests(ctx.db, { ...paging, boothOrganisationId: actor.organisationId });
      } else {
        page = await listContactRequests(ctx.db, { ...paging, requesterUserId: actor.userId });
      }
      return {
        items: page.items.map((r) => presentContactRequest(actor, r)),
        total: page.total,
        page: q.page,
        pageSize: q.pageSize,
      };
    },
  );

  app.post(
    '/exhibition/contact-requests/:id/decide',
    {
      schema: {
        tags: TAGS,
        summary: '展商接受或谢绝联系请求',
        params: IdParams,
        body: DecideBody,
        response: { 200: ContactRequestView },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      // Visible to the requester and the exhibitor's people only.
      const row = ensureVisible(
        await getContactRequest(ctx.db, req.params.id),
        (r) => r.requester_user_id === actor.userId || isExhibitor(actor, { organisation_id: r.booth_org_id }),
      );
      authorize(isExhibitor(actor, { organisation_id: row.booth_org_id }), '只有展商可以处理联系请求');
      const booth = ensure(await getBooth(ctx.db, row.booth_id));
      await decideContact(ctx, { request: row, booth, decision: req.body.decision });
      return presentContactRequest(actor, ensure(await getContactRequest(ctx.db, req.params.id)));
    },
  );
};
export default routes;
