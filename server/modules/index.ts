/**
 * The route modules, each an encapsulated Fastify plugin registered under /api. Add a module here.
 */
import type { FastifyPluginAsync } from 'fastify';
import system from './system/routes.ts';
import auth from './auth/routes.ts';
import accounts from './accounts/plugin.ts';
import notifications from './notifications/plugin.ts';
import auditRoutes from './audit/routes.ts';
import programmes from './programmes/routes.ts';
import plans from './plans/routes.ts';
import reviews from './reviews/routes.ts';
import themeDays from './themedays/routes.ts';
import activityPlans from './activity-plans/routes.ts';
import publicRoutes from './public/routes.ts';
import todo from './todo/routes.ts';
import organisations from './organisations/routes.ts';
import bases from './bases/routes.ts';
import users from './users/routes.ts';
import meetings from './meetings/routes.ts';
import events from './events/routes.ts';
import roadshows from './roadshows/routes.ts';
import resources from './resources/routes.ts';
import results from './results/routes.ts';
import demands from './demands/routes.ts';
import docking from './docking/routes.ts';
import exhibition from './exhibition/routes.ts';
import search from './search/plugin.ts';
import projects from './projects/plugin.ts';
import surveys from './surveys/routes.ts';
import publicity from './publicity/plugin.ts';
import evaluation from './evaluation/routes.ts';
import drafts from './drafts/routes.ts';
import lexicon from './lexicon/routes.ts';
import reminders from './reminders/plugin.ts';
import invitations from './invitations/routes.ts';
import bulkImport from './bulk-import/routes.ts';
import onboarding from './onboarding/routes.ts';
import coorganisers from './coorganisers/routes.ts';

export const modules: { name: string; plugin: FastifyPluginAsync }[] = [
  { name: 'system', plugin: system },
  { name: 'auth', plugin: auth },
  { name: 'accounts', plugin: accounts },
  { name: 'notifications', plugin: notifications },
  { name: 'audit', plugin: auditRoutes },
  { name: 'programmes', plugin: programmes },
  { name: 'plans', plugin: plans },
  { name: 'reviews', plugin: reviews },
  { name: 'theme-days', plugin: themeDays },
  { name: 'activity-plans', plugin: activityPlans },
  { name: 'public', plugin: publicRoutes },
  { name: 'todo', plugin: todo },
  { name: 'organisations', plugin: organisations },
  { name: 'bases', plugin: bases },
  { name: 'users', plugin: users },
  { name: 'meetings', plugin: meetings },
  { name: 'events', plugin: events },
  { name: 'roadshows', plugin: roadshows },
  { name: 'resources', plugin: resources },
  { name: 'results', plugin: results },
  { name: 'demands', plugin: demands },
  { name: 'docking', plugin: docking },
  { name: 'exhibition', plugin: exhibition },
  { name: 'search', plugin: search },
  { name: 'projects', plugin: projects },
  { name: 'surveys', plugin: surveys },
  { name: 'publicity', plugin: publicity },
  { name: 'evaluation', plugin: evaluation },
  { name: 'drafts', plugin: drafts },
  { name: 'lexicon', plugin: lexicon },
  { name: 'reminders', plugin: reminders },
  { name: 'invitations', plugin: invitations },
  { name: 'bulk-import', plugin: bulkImport },
  { name: 'onboarding', plugin: onboarding },
  { name: 'coorganisers', plugin: coorganisers },
];
