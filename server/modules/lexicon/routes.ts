/**
 * /api/search/lexicon — the search lexicon's administration (issue 14), for the system administrator and
 * NDRC only (others 403). Added entries expand searches on this server at once and on the others within a
 * few seconds; the built-in entries are listed read-only.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { IdParams } from '../../../common/contracts/common.ts';
import { LexiconEntryBody, LexiconEntryView, LexiconList } from '../../../common/contracts/lexicon.ts';
import { LEXICON_VERSION } from '../../engines/search/lexicon/index.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { lexiconPolicy } from './policy.ts';
import { builtInViews, presentEntry } from './presenter.ts';
import { listEntries } from './repository.ts';
import { addLexiconEntry, removeLexiconEntry } from './service.ts';

const TAGS = ['search'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/search/lexicon',
    {
      schema: {
        tags: TAGS,
        summary: '检索词库：管理员添加的词条与内置词条（同义词、上下位词）',
        response: { 200: LexiconList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      authorize(lexiconPolicy.manage(requireActor(ctx)));
      const rows = await listEntries(ctx.db);
      return { version: LEXICON_VERSION, added: rows.map(presentEntry), builtIn: builtInViews() };
    },
  );

  app.post(
    '/search/lexicon',
    {
      schema: {
        tags: TAGS,
        summary: '添加检索词条（同义词组或上位词 → 下位词），立即用于检索扩展',
        body: LexiconEntryBody,
        response: { 201: LexiconEntryView },
      },
    },
    async (req, reply) => {
      const ctx = req.ctx;
      authorize(lexiconPolicy.manage(requireActor(ctx)));
      const row = await addLexiconEntry(ctx, { body: req.body });
      reply.code(201);
      return presentEntry({ ...row, created_by_name: ctx.actor?.name ?? null });
    },
  );

  app.delete(
    '/search/lexicon/:id',
    { schema: { tags: TAGS, summary: '删除管理员添加的检索词条（内置词条不能删除）', params: IdParams } },
    async (req, reply) => {
      const ctx = req.ctx;
      authorize(lexiconPolicy.manage(requireActor(ctx)));
      await removeLexiconEntry(ctx, { id: req.params.id });
      return reply.code(204).send();
    },
  );
};
export default routes;
