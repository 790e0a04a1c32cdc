/**
 * The route modules, each an encapsulated Fastify plugin registered under /api. Add a module here.
 */
import type { FastifyPluginAsync } from 'fastify';
import system from './system/routes.ts';
import auth from './auth/routes.ts';
import notifications from './notifications/routes.ts';
import auditRoutes from './audit/routes.ts';

export const modules: { name: string; plugin: FastifyPluginAsync }[] = [
  { name: 'system', plugin: system },
  { name: 'auth', plugin: auth },
  { name: 'notifications', plugin: notifications },
  { name: 'audit', plugin: auditRoutes },
];
