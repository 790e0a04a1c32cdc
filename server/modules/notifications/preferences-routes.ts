/** /api/me/notification-preferences — the caller's own choices of e-mail and SMS per category. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  NotificationPreferences,
  NotificationPreferencesUpdate,
} from '../../../common/contracts/notification-preferences.ts';
import { getNotificationPreferences, updateNotificationPreferences } from './preferences.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: '我的通知设置',
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => getNotificationPreferences(req.ctx),
  );

  app.put(
    '/me/notification-preferences',
    {
      schema: {
        tags: ['notifications'],
        summary: '修改通知设置',
        body: NotificationPreferencesUpdate,
        response: { 200: NotificationPreferences },
      },
    },
    async (req) => updateNotificationPreferences(req.ctx, req.body),
  );
};
export default routes;
