/**
 * 督促提醒 (issue 12 §3): the local DRC of a base's province, or its supervising department, reminds the base
 * (e.g. "please submit your plan"). The reminder goes to the base's administrators through the notifications
 * service (in-app, and e-mail: the kind ends in `_reminder`, a deadline, which users receive by e-mail unless
 * they opted out). One reminder per sender organisation, base and Beijing day: the unique index decides races
 * and a second one is refused with 429 `reminder_rate_limited`.
 */
import type { BaseReminder } from '../../../common/contracts/bases.ts';
import { links } from '../../../common/links.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { isUniqueViolation, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { isLocalDrcFor, requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import type { BaseRow } from './repository.ts';

/** The base's current plan (its latest programme's), to link the reminder to; null without one. */
async function latestPlanOf(db: Executor, baseId: string): Promise<string | null> {
  const r = await db
    .selectFrom('preliminary_plans as pp')
    .innerJoin('programmes as p', 'p.id', 'pp.programme_id')
    .select('pp.id')
    .where('pp.base_id', '=', baseId)
    .orderBy('p.year', 'desc')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** Sends a reminder; the caller checked basePolicy.remind (else 404). */
export async function sendBaseReminder(ctx: Ctx, props: { base: BaseRow; message: string }): Promise<string> {
  const actor = requireActor(ctx);
  const { base } = props;
  const now = ctx.clock.now();
  const id = newId();
  const role = isLocalDrcFor(actor, base.region_code) ? 'local_drc' : 'base_supervisor';
  const orgName = actor.memberships.find((m) => m.organisationId === actor.organisationId)?.organisationName ?? '';
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('base_reminders')
        .values({
          id,
          base_id: base.id,
          sender_user_id: actor.userId,
          sender_organisation_id: actor.organisationId!,
          sender_role: role,
          message: props.message,
          day: shanghaiToday(now),
          created_at: nowIso(now),
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'base',
        entityId: base.id,
        action: 'remind',
        after: { reminderId: id, role, message: props.message },
      });
      const planId = await latestPlanOf(trx, base.id);
      await notifyUsers(
        trx,
        await usersWithRole(trx, base.organisation_id ? [base.organisation_id] : [], ['base_admin']),
        {
          kind: 'base_reminder',
          title: `${orgName}督促提醒：${base.short_name}`,
          body: props.message,
          // The plan, when the base has one; else the base's programmes (its administrators see both).
          link: planId ? links.plan(planId) : links.workspace(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(429, 'reminder_rate_limited', `今天已向${base.short_name}发送过督促提醒，请明天再发送`);
    }
    throw err;
  }
  return id;
}

/** The reminders a base received, newest first, with how many administrators each reached. */
export async function listBaseReminders(db: Executor, baseId: string): Promise<BaseReminder[]> {
  const rows = await db
    .selectFrom('base_reminders as r')
    .leftJoin('users as u', 'u.id', 'r.sender_user_id')
    .innerJoin('organisations as o', 'o.id', 'r.sender_organisation_id')
    .select([
      'r.id',
      'r.base_id',
      'r.message',
      'r.sender_role',
      'r.sender_user_id',
      'r.sender_organisation_id',
      'r.created_at',
      'u.name as sender_name',
      'o.name as organisation_name',
    ])
    .where('r.base_id', '=', baseId)
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id')
    .limit(50)
    .execute();
  const base = await db.selectFrom('bases').select('organisation_id').where('id', '=', baseId).executeTakeFirst();
  const recipients = base?.organisation_id
    ? (await usersWithRole(db, [base.organisation_id], ['base_admin'])).length
    : 0;
  return rows.map((r) => ({
    id: r.id,
    baseId: r.base_id,
    message: r.message,
    senderRole: r.sender_role as BaseReminder['senderRole'],
    sender: { id: r.sender_user_id, name: r.sender_name },
    organisation: { id: r.sender_organisation_id, name: r.organisation_name },
    createdAt: r.created_at,
    recipients,
  }));
}
