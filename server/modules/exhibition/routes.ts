/**
 * The virtual exhibition hall (云展厅) of a theme day: public list and detail of approved booths, the
 * exhibitor's booth (create, edit → back to review), the host staff's review, and contact requests
 * (visitor → exhibitor, who accepts or declines). Rules in ./policy.ts.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { authorize, ensureVisible, requireActor } from '../../lib/policy.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';
import { boothAbilities, canActAsExhibitor, canRequestContact, canSeeBooth, isExhibitor } from './policy.ts';
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
  IdParams,
  PublicBoothQuery,
  ReviewBody,
} from '../../../common/contracts/exhibition.ts';
import {
  createBooth,
  decideContact,
  getBooth,
  isThemeDayStaff,
  requestContact,
  resolveItems,
  reviewBooth,
  staffedThemeDayIds,
  updateBooth,
  type BoothRow,
  type ContactRequestRow,
  type ItemRef,
} from './service.ts';

const TAGS = ['exhibition'];
const optionalActor = (req: FastifyRequest): Actor | null => req.actor ?? null;
/** Published programmes' theme days are public; a draft programme's exist for nobody here. */
const publicThemeDay = (td: ThemeDayRecord) => td.programme.status !== 'draft';

type BoothWithOrg = BoothRow & { organisation_name: string; theme_day_title: string };

async function present(db: Executor, actor: Actor | null, b: BoothWithOrg, staff: boolean): Promise<BoothView> {
  const exhibitor = isExhibitor(actor, b);
  const mine = actor
    ? await db.selectFrom('exhibition_contact_requests').select(['id', 'status']).where('booth_id', '=', b.id).where('requester_user_id', '=', actor.userId).executeTakeFirst()
    : undefined;
  const items = (await resolveItems(db, json.parse<ItemRef[]>(b.items, []))).filter((i) => i.public || exhibitor || staff);
  const contactVisible = exhibitor || staff || mine?.status === 'accepted';
  return {
    id: b.id,
    themeDay: { id: b.theme_day_id, title: b.theme_day_title },
    organisation: { id: b.organisation_id, name: b.organisation_name },
    title: b.title,
    intro: b.intro,
    items: items.map((i) => ({ type: i.type, id: i.id, title: i.title, public: i.public })),
    status: b.status as BoothView['status'],
    reviewNote: exhibitor || staff ? b.review_note : null,
    contact: contactVisible ? { name: b.contact_name, phone: b.contact_phone, email: b.contact_email } : null,
    myRequest: mine ? { id: mine.id, status: mine.status as 'pending' | 'accepted' | 'declined' } : null,
    createdAt: b.created_at,
    updatedAt: b.updated_at,
    abilities: boothAbilities(actor, b, staff, mine ?? null),
  };
}

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;
  const boothQuery = () =>
    db
      .selectFrom('exhibition_booths as b')
      .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
      .innerJoin('theme_days as t', 't.id', 'b.theme_day_id')
      .selectAll('b')
      .select(['o.name as organisation_name', 't.title as theme_day_title']);

  /** A booth the caller may see (404 otherwise), with whether the caller is the theme day's staff. */
  async function load(req: FastifyRequest, id: string) {
    const actor = req.ctx.actor;
    const booth = await boothQuery().where('b.id', '=', id).executeTakeFirst();
    if (!booth) throw notFound();
    const td = await getThemeDay(db, booth.theme_day_id);
    if (!td || !publicThemeDay(td)) throw notFound();
    const staff = await isThemeDayStaff(db, actor, td);
    ensureVisible(booth, (b) => canSeeBooth(actor, b, staff));
    return { actor, booth, td, staff };
  }

  const sortCol = { title: 'b.title', createdAt: 'b.created_at', updatedAt: 'b.updated_at' } as const;

  app.get(
    '/public/theme-days/:id/booths',
    { schema: { tags: TAGS, summary: '主题日云展厅：已上线的展位（无需登录，可搜索）', params: IdParams, querystring: PublicBoothQuery, response: { 200: BoothList } } },
    async (req, reply) => {
      const td = ensureVisible(await getThemeDay(db, req.params.id), publicThemeDay);
      const actor = req.ctx.actor;
      const staff = await isThemeDayStaff(db, actor, td);
      const q = req.query;
      let qb = db
        .selectFrom('exhibition_booths as b')
        .innerJoin('organisations as o', 'o.id', 'b.organisation_id')
        .where('b.theme_day_id', '=', td.id)
        .where('b.status', '=', 'approved');
      if (q.q) {
        const like = `%${q.q.replace(/[%_\\]/g, '')}%`;
        qb = qb.where((eb) => eb.or([eb('b.title', 'like', like), eb('b.intro', 'like', like), eb('o.name', 'like', like)]));
      }
      const [rows, total] = await Promise.all([
        qb.innerJoin('theme_days as t', 't.id', 'b.theme_day_id').selectAll('b').select(['o.name as organisation_name', 't.title as theme_day_title'])
          .orderBy(sortCol[q.sort], q.order).orderBy('b.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      reply.header('cache-control', 'private, no-cache');
      return { items: await Promise.all(rows.map((b) => present(db, actor, b, staff))), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  );

  app.get('/public/booths/:id', { schema: { tags: TAGS, summary: '展位详情（联系人仅在联系请求被接受后可见）', params: IdParams, response: { 200: BoothView } } }, async (req, reply) => {
    const { actor, booth, staff } = await load(req, req.params.id);
    reply.header('cache-control', 'private, no-cache');
    return present(db, actor, booth, staff);
  });

  app.get(
    '/exhibition/booths',
    { schema: { tags: TAGS, summary: '我的展位 / 待我审核的展位', querystring: BoothListQuery, response: { 200: BoothList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      let qb = db.selectFrom('exhibition_booths as b').innerJoin('organisations as o', 'o.id', 'b.organisation_id');
      let staffIds: string[] = [];
      if (q.scope === 'mine') {
        if (!canActAsExhibitor(actor)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        qb = qb.where('b.organisation_id', '=', actor.organisationId!);
      } else {
        staffIds = await staffedThemeDayIds(db, actor);
        if (!staffIds.length) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        qb = qb.where('b.theme_day_id', 'in', staffIds);
      }
      if (q.themeDayId) qb = qb.where('b.theme_day_id', '=', q.themeDayId);
      if (q.status) qb = qb.where('b.status', '=', q.status);
      if (q.q) {
        const like = `%${q.q.replace(/[%_\\]/g, '')}%`;
        qb = qb.where((eb) => eb.or([eb('b.title', 'like', like), eb('o.name', 'like', like)]));
      }
      const [rows, total] = await Promise.all([
        qb.innerJoin('theme_days as t', 't.id', 'b.theme_day_id').selectAll('b').select(['o.name as organisation_name', 't.title as theme_day_title'])
          .orderBy(sortCol[q.sort], q.order).orderBy('b.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      const staffSet = new Set(staffIds.length ? staffIds : await staffedThemeDayIds(db, actor));
      return { items: await Promise.all(rows.map((b) => present(db, actor, b, staffSet.has(b.theme_day_id)))), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/theme-days/:id/booths',
    { schema: { tags: TAGS, summary: '为本单位设置云展厅展位（承办方审核后上线）', params: IdParams, body: BoothBody, response: { 201: BoothView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const td = ensureVisible(await getThemeDay(db, req.params.id), publicThemeDay);
      authorize(canActAsExhibitor(actor), '请以企业、机构成员身份设置展位');
      const id = await createBooth({ req, actor, themeDay: td, body: req.body });
      const { booth, staff } = await load(req, id);
      return reply.code(201).send(await present(db, actor, booth, staff));
    },
  );

  app.patch(
    '/exhibition/booths/:id',
    { schema: { tags: TAGS, summary: '修改展位（修改后重新提交审核）', params: IdParams, body: BoothUpdateBody, response: { 200: BoothView } } },
    async (req) => {
      requireActor(req.ctx);
      const { actor, booth } = await load(req, req.params.id);
      authorize(isExhibitor(actor, booth), '只有展商本单位人员可以修改展位');
      await updateBooth({ req, booth, body: req.body });
      const l = await load(req, req.params.id);
      return present(db, l.actor, l.booth, l.staff);
    },
  );

  app.post(
    '/exhibition/booths/:id/review',
    { schema: { tags: TAGS, summary: '审核展位（承办基地或其委托的支撑机构）', params: IdParams, body: ReviewBody, response: { 200: BoothView } } },
    async (req) => {
      requireActor(req.ctx);
      const { booth, staff } = await load(req, req.params.id);
      authorize(staff, '只有承办基地或其委托的支撑机构可以审核展位');
      await reviewBooth({ req, booth, decision: req.body.decision, note: req.body.note });
      const l = await load(req, req.params.id);
      return present(db, l.actor, l.booth, l.staff);
    },
  );

  const requestQuery = () =>
    db
      .selectFrom('exhibition_contact_requests as r')
      .innerJoin('exhibition_booths as b', 'b.id', 'r.booth_id')
      .innerJoin('organisations as bo', 'bo.id', 'b.organisation_id')
      .innerJoin('users as u', 'u.id', 'r.requester_user_id')
      .leftJoin('organisations as ro', 'ro.id', 'r.requester_organisation_id');
  type RequestJoined = ContactRequestRow & { booth_title: string; booth_org_id: string; booth_org_name: string; requester_name: string; requester_org_name: string | null };
  const presentRequest = (actor: Actor, r: RequestJoined): ContactRequestView => ({
    id: r.id,
    booth: { id: r.booth_id, title: r.booth_title, organisationName: r.booth_org_name },
    requester: { id: r.requester_user_id, name: r.requester_name, organisationName: r.requester_org_name },
    message: r.message,
    status: r.status as ContactRequestView['status'],
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    abilities: { decide: isExhibitor(actor, { organisation_id: r.booth_org_id }) && r.status === 'pending' },
  });
  const requestCols = ['b.title as booth_title', 'b.organisation_id as booth_org_id', 'bo.name as booth_org_name', 'u.name as requester_name', 'ro.name as requester_org_name'] as const;

  app.post(
    '/exhibition/booths/:id/contact-requests',
    { schema: { tags: TAGS, summary: '联系展商（需登录；展商接受后可见联系人）', params: IdParams, body: ContactRequestBody, response: { 201: ContactRequestView } } },
    async (req, reply) => {
      const actor = requireActor(req.ctx);
      const { booth } = await load(req, req.params.id);
      if (booth.status !== 'approved') throw notFound();
      if (!canRequestContact(actor, booth)) throw new AppError(409, 'contact_own_booth', '不能联系本单位的展位');
      const id = await requestContact({ req, actor, booth, message: req.body.message });
      const row = (await requestQuery().selectAll('r').select([...requestCols]).where('r.id', '=', id).executeTakeFirst())!;
      return reply.code(201).send(presentRequest(actor, row));
    },
  );

  app.get(
    '/exhibition/contact-requests',
    { schema: { tags: TAGS, summary: '收到的（展商）或我发出的联系请求', querystring: ContactRequestQuery, response: { 200: ContactRequestList } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const q = req.query;
      let qb = requestQuery();
      if (q.direction === 'incoming') {
        if (!canActAsExhibitor(actor)) return { items: [], total: 0, page: q.page, pageSize: q.pageSize };
        qb = qb.where('b.organisation_id', '=', actor.organisationId!);
      } else {
        qb = qb.where('r.requester_user_id', '=', actor.userId);
      }
      if (q.status) qb = qb.where('r.status', '=', q.status);
      const [rows, total] = await Promise.all([
        qb.selectAll('r').select([...requestCols]).orderBy('r.created_at', q.order).orderBy('r.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
        qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => presentRequest(actor, r)), total: Number(total.n), page: q.page, pageSize: q.pageSize };
    },
  );

  app.post(
    '/exhibition/contact-requests/:id/decide',
    { schema: { tags: TAGS, summary: '展商接受或谢绝联系请求', params: IdParams, body: DecideBody, response: { 200: ContactRequestView } } },
    async (req) => {
      const actor = requireActor(req.ctx);
      const row = await requestQuery().selectAll('r').select([...requestCols]).where('r.id', '=', req.params.id).executeTakeFirst();
      // Visible to the requester and the exhibitor's people only.
      ensureVisible(row, (r) => r.requester_user_id === actor.userId || isExhibitor(actor, { organisation_id: r.booth_org_id }));
      authorize(isExhibitor(actor, { organisation_id: row!.booth_org_id }), '只有展商可以处理联系请求');
      const booth = (await getBooth(db, row!.booth_id))!;
      await decideContact({ req, request: row!, booth, decision: req.body.decision });
      const after = (await requestQuery().selectAll('r').select([...requestCols]).where('r.id', '=', req.params.id).executeTakeFirst())!;
      return presentRequest(actor, after);
    },
  );
};
export default routes;
