/**
 * "What awaits me": the workspace to-do list and its "due soon" view (MISSION: deadlines in the next
 * 14 days), for the caller's active organisation and roles.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { TodoList, TodoQuery } from '../../../common/contracts/todo.ts';
import { requireActor } from '../../lib/policy.ts';
import { DUE_SOON_DAYS, todoList } from './service.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/todo',
    {
      schema: {
        tags: ['todo'],
        summary: '我的待办（含近期到期事项）',
        description:
          '不带 dueWithinDays 时返回全部待办（含无截止时间的事项）；带 dueWithinDays（默认14）时只返回截止时间在现在至N天内的事项。dueSoon 始终为14天内到期的事项数。',
        querystring: TodoQuery,
        response: { 200: TodoList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      requireActor(ctx);
      const raw = req.query.dueWithinDays;
      return todoList(ctx, { dueWithinDays: raw === '' ? DUE_SOON_DAYS : raw });
    },
  );
};
export default routes;
