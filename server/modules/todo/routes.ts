/**
 * "What awaits me": the workspace to-do list and its "due soon" view (MISSION: deadlines in the next
 * 14 days), for the caller's active organisation and roles.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor } from '../../lib/policy.ts';
import { dueWithin, todoFor } from './service.ts';

const TodoItem = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  detail: z.string(),
  dueAt: z.string().nullable(),
  link: z.string(),
  severity: z.enum(['info', 'warning', 'danger']),
});

const DUE_SOON_DAYS = 14;

const routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.database.db;

  app.get(
    '/todo',
    {
      schema: {
        tags: ['todo'],
        summary: '我的待办（含近期到期事项）',
        description:
          '不带 dueWithinDays 时返回全部待办（含无截止时间的事项）；带 dueWithinDays（默认14）时只返回截止时间在现在至N天内的事项。dueSoon 始终为14天内到期的事项数。',
        querystring: z.object({
          dueWithinDays: z.union([z.literal(''), z.coerce.number().int().min(1).max(366)]).optional(),
        }),
        response: { 200: z.object({ items: z.array(TodoItem), total: z.number().int(), dueSoon: z.number().int() }) },
      },
    },
    async (req) => {
      const actor = requireActor(req.ctx);
      const now = app.clock.now();
      const raw = req.query.dueWithinDays;
      const within = raw === undefined ? undefined : raw === '' ? DUE_SOON_DAYS : raw;
      const all = await todoFor(db, actor, now);
      const items = within === undefined ? all : dueWithin(all, now, within);
      const soon = dueWithin(all, now, DUE_SOON_DAYS);
      return { items, total: items.length, dueSoon: soon.length };
    },
  );
};
export default routes;
