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

/** The owning organisation and status of records an audit page mentions (absent when deleted). */
export type RecordFacts = Map<string, { organisationId: string | null; status: string }>;

/**
 * Owner and current status of the records of one draft-capable entity type, by id. Types without drafts
 * owned by an organisation answer an empty map.
 */
export async function draftRecordFacts(db: Executor, entityType: string, ids: string[]): Promise<RecordFacts> {
  const out: RecordFacts = new Map();
  if (!ids.length) return out;
  const put = (rows: { id: string; organisation_id: string | null; status: string }[]) => {
    for (const r of rows) out.set(r.id, { organisationId: r.organisation_id, status: r.status });
  };
  switch (entityType) {
    case 'demand':
      put(await db.selectFrom('demands').select(['id', 'organisation_id', 'status']).where('id', 'in', ids).execute());
      break;
    case 'resource':
      put(
        await db.selectFrom('resources').select(['id', 'organisation_id', 'status']).where('id', 'in', ids).execute(),
      );
      break;
    case 'result':
      put(await db.selectFrom('results').select(['id', 'organisation_id', 'status']).where('id', 'in', ids).execute());
      break;
    case 'consortium':
      put(
        await db.selectFrom('consortia').select(['id', 'organisation_id', 'status']).where('id', 'in', ids).execute(),
      );
      break;
    case 'news':
      put(
        await db
          .selectFrom('news')
          .select(['id', 'author_org_id as organisation_id', 'status'])
          .where('id', 'in', ids)
          .execute(),
      );
      break;
    case 'preliminary_plan':
      put(
        await db
          .selectFrom('preliminary_plans as p')
          .innerJoin('bases as b', 'b.id', 'p.base_id')
          .select(['p.id', 'b.organisation_id', 'p.status'])
          .where('p.id', 'in', ids)
          .execute(),
      );
      break;
    case 'activity_plan':
      put(
        await db
          .selectFrom('activity_plans as ap')
          .innerJoin('theme_days as td', 'td.id', 'ap.theme_day_id')
          .innerJoin('bases as b', 'b.id', 'td.base_id')
          .select(['ap.id', 'b.organisation_id', 'ap.status'])
          .where('ap.id', 'in', ids)
          .execute(),
      );
      break;
  }
  return out;
}
