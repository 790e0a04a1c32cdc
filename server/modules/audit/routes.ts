/** /api/audit-events — the audit log, for programme owners and system administrators only. Read-only by design. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEventList, AuditEventQuery } from '../../../common/contracts/audit.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { auditPolicy } from './policy.ts';
import { presentAuditEvent } from './presenter.ts';
import { listAuditEvents } from './repository.ts';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/audit-events',
    {
      schema: {
        tags: ['audit'],
        summary: '审计日志',
        querystring: AuditEventQuery,
        response: { 200: AuditEventList },
      },
    },
    async (req) => {
      const ctx = req.ctx;
      const actor = requireActor(ctx);
      authorize(auditPolicy.list(actor));
      const f = req.query;
      const { rows, total } = await listAuditEvents(ctx.db, f);
      return { items: rows.map(presentAuditEvent), total, page: f.page, pageSize: f.pageSize };
    },
  );
};
export default routes;
