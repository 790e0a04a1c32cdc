/**
 * /api/audit-events — the audit log, for programme owners and system administrators only. Read-only by design;
 * another organisation's draft content is withheld (drafts.ts).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { AuditEventList, AuditEventQuery } from '../../../common/contracts/audit.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { loadRecordFacts, mustWithhold } from './drafts.ts';
import { auditPolicy } from './policy.ts';
import { presentAuditEvent } from './presenter.ts';
import { listAuditEvents, type RecordFacts } from './repository.ts';

const NO_FACTS: RecordFacts = new Map();

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
      const facts = await loadRecordFacts(ctx.db, rows);
      const items = rows.map((r) =>
        presentAuditEvent(r, mustWithhold(r, facts.get(r.entity_type) ?? NO_FACTS, actor.organisationId)),
      );
      return { items, total, page: f.page, pageSize: f.pageSize };
    },
  );
};
export default routes;
