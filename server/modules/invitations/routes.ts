/**
 * Invitations to a theme day: the host's staff list, invite (one, or an .xlsx upload) and revoke; anyone with
 * the link looks it up; a signed-in person accepts it. The token travels in request bodies, never in a URL the
 * server logs.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import {
  InvitationAccepted,
  InvitationBody,
  InvitationCreated,
  InvitationImportResult,
  InvitationLanding,
  InvitationList,
  InvitationTokenBody,
} from '../../../common/contracts/invitations.ts';
import type { Ctx } from '../../lib/context.ts';
import { ensure } from '../../lib/errors.ts';
import { XLSX_MIME, xlsxAttachment } from '../../lib/xlsx.ts';
import { invitationTemplate } from '../bulk-import/templates.ts';
import { IMPORT_MULTIPART_LIMITS, readXlsxUpload } from '../bulk-import/upload.ts';
import { presentInvitation } from './presenter.ts';
import { getInvitationWithNames, listInvitations } from './repository.ts';
import {
  acceptInvitation,
  importInvitations,
  invite,
  lookupInvitation,
  requireStaffThemeDay,
  revokeInvitation,
} from './service.ts';

const TAGS = ['invitations'];
/** The list shows the newest invitations of a theme day (a theme day invites hundreds, not tens of thousands). */
const LIST_LIMIT = 2000;

const invitationView = async (ctx: Ctx, id: string) =>
  presentInvitation(ensure(await getInvitationWithNames(ctx.db, id)), ctx.clock.now());

const routes: FastifyPluginAsyncZod = async (app) => {
  await app.register(multipart, { limits: IMPORT_MULTIPART_LIMITS });

  app.get(
    '/theme-days/:id/invitations',
    {
      schema: {
        tags: TAGS,
        summary: '主题日的参会邀请（主办基地及其支撑机构）',
        params: IdParams,
        response: { 200: InvitationList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const { td } = await requireStaffThemeDay(ctx, req.params.id);
      const now = ctx.clock.now();
      const rows = await listInvitations(ctx.db, td.id, LIST_LIMIT);
      return {
        themeDay: { id: td.id, title: td.title, startDate: td.startDate, endDate: td.endDate },
        items: rows.map((r) => presentInvitation(r, now)),
        abilities: { invite: true },
      };
    },
  );

  app.post(
    '/theme-days/:id/invitations',
    {
      schema: {
        tags: TAGS,
        summary: '邀请一人参会（手机号或邮箱；同一地址已有待接受的邀请时不重复发送）',
        params: IdParams,
        body: InvitationBody,
        response: { 200: InvitationCreated, 201: InvitationCreated },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      const r = await invite(ctx, { themeDayId: req.params.id, ...req.body });
      return reply
        .code(r.created ? 201 : 200)
        .send({ invitation: await invitationView(ctx, r.id), created: r.created });
    },
  );

  app.get(
    '/theme-days/:id/invitations/template.xlsx',
    { schema: { tags: TAGS, summary: '下载邀请名单模板（.xlsx）', params: IdParams, produces: [XLSX_MIME] } },
    async (req, reply) => {
      await requireStaffThemeDay(req.ctx, req.params.id);
      return reply
        .header('content-type', XLSX_MIME)
        .header('content-disposition', xlsxAttachment('邀请名单模板.xlsx'))
        .send(await invitationTemplate());
    },
  );

  app.post(
    '/theme-days/:id/invitations/import',
    {
      schema: {
        tags: TAGS,
        summary: '按名单批量邀请（multipart：file=.xlsx，≤2MB，≤500行；全部行校验通过才发送，否则逐行报错、一条不发）',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: InvitationImportResult },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      // The theme day and the caller's right come first: a stranger learns nothing from the file's checks.
      await requireStaffThemeDay(ctx, req.params.id);
      const file = await readXlsxUpload(app, req);
      return reply.code(201).send(await importInvitations(ctx, { themeDayId: req.params.id, file }));
    },
  );

  app.post(
    '/invitations/:id/revoke',
    {
      schema: {
        tags: TAGS,
        summary: '撤销待接受的邀请（链接随即失效）',
        params: IdParams,
        response: { 200: InvitationList.shape.items.element },
      },
    },
    async (req) => {
      await revokeInvitation(req.ctx, { id: req.params.id });
      return invitationView(req.ctx, req.params.id);
    },
  );

  app.post(
    '/invitations/lookup',
    {
      schema: {
        tags: TAGS,
        summary: '按邀请链接查看邀请（无需登录）',
        body: InvitationTokenBody,
        response: { 200: InvitationLanding },
      },
    },
    async (req) => lookupInvitation(req.ctx, req.body),
  );

  app.post(
    '/invitations/accept',
    {
      schema: {
        tags: TAGS,
        summary: '接受邀请（需登录；重复接受无副作用）',
        body: InvitationTokenBody,
        response: { 200: InvitationAccepted },
      },
    },
    async (req) => acceptInvitation(req.ctx, req.body),
  );
};

export default routes;
