/** /api/form-drafts/:key — the caller's own drafts of unsaved editor state (issue 15, safe forms). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { DraftBody, DraftKeyParams, DraftSaved, DraftView } from '../../../common/contracts/drafts.ts';
import { presentDraft, presentSaved } from './presenter.ts';
import { discardDraft, getDraft, saveDraft } from './service.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/form-drafts/:key',
    {
      schema: {
        tags: ['drafts'],
        summary: '读取我的表单草稿',
        params: DraftKeyParams,
        response: { 200: DraftView },
      },
    },
    async (req) => presentDraft(await getDraft(req.ctx, { key: req.params.key })),
  );

  app.put(
    '/form-drafts/:key',
    {
      schema: {
        tags: ['drafts'],
        summary: '保存我的表单草稿（未保存的修改，每隔几秒自动保存）',
        params: DraftKeyParams,
        body: DraftBody,
        response: { 200: DraftSaved },
      },
    },
    async (req) => presentSaved(await saveDraft(req.ctx, { key: req.params.key, data: req.body.data })),
  );

  app.delete(
    '/form-drafts/:key',
    {
      schema: { tags: ['drafts'], summary: '删除我的表单草稿', params: DraftKeyParams, response: { 204: z.null() } },
    },
    async (req, reply) => {
      await discardDraft(req.ctx, { key: req.params.key });
      return reply.status(204).send(null);
    },
  );
};
export default routes;
