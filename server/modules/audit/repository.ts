/** SQL of the audit log (written by lib/audit.ts; read here). */
import type { Executor } from '../../db/index.ts';
import { toCount } from '../../lib/sql.ts';
import type { AuditEventQuery } from '../../../common/contracts/audit.ts';

/** One page of audit events, newest first, filtered, with the actor's and organisation's names. */
export async function listAuditEvents(db: Executor, f: AuditEventQuery) {
  let q = db
    .selectFrom('audit_events as a')
    .leftJoin('users as u', 'u.id', 'a.actor_user_id')
    .leftJoin('organisations as o', 'o.id', 'a.organisation_id');
  if (f.entityType) q = q.where('a.entity_type', '=', f.entityType);
  if (f.entityId) q = q.where('a.entity_id', '=', f.entityId);
  if (f.action) q = q.where('a.action', '=', f.action);
  if (f.actorUserId) q = q.where('a.actor_user_id', '=', f.actorUserId);
  if (f.from) q = q.where('a.at', '>=', new Date(f.from).toISOString());
  if (f.to) q = q.where('a.at', '<=', new Date(f.to).toISOString());
  const [rows, total] = await Promise.all([
    q
      .select([
        'a.id',
        'a.at',
        'a.actor_user_id',
        'u.name as actor_name',
        'a.organisation_id',
        'o.name as org_name',
        'a.ip',
        'a.request_id',
        'a.entity_type',
        'a.entity_id',
        'a.action',
        'a.before',
        'a.after',
      ])
      .orderBy('a.at', 'desc')
      .orderBy('a.id')
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: toCount(total) };
}
export type AuditEventRow = Awaited<ReturnType<typeof listAuditEvents>>['rows'][number];
