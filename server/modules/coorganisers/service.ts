/**
 * Commands of the coordinating roles (issue 12 §3): NDRC keeps the 双创示范基地联盟; the host (or NDRC) assigns
 * parts of a theme day to its partner bases and alliances, and grants or revokes support organisations'
 * delegations. Each runs in one transaction with its audit row.
 */
import {
  COORGANISER_PARTS,
  DELEGATION_SCOPES,
  type BaseAllianceBody,
  type CoorganiserBody,
  type DelegationBody,
} from '../../../common/contracts/coorganisers.ts';
import { endOfShanghaiDay, shanghaiToday } from '../../../common/time.ts';
import { links } from '../../../common/links.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { isUniqueViolation, json } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { canCoordinate } from '../themedays/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import { canManageAlliances } from './policy.ts';
import { coorganiserRows, delegationRows, getAlliance, replaceAllianceMembers } from './repository.ts';

// ----- alliances ---------------------------------------------------------------------------------------------------

/** Creates (no id) or edits an alliance with its member bases and staff; 409 `alliance_name_taken` on a duplicate name. */
export async function saveAlliance(ctx: Ctx, props: { id?: string; body: BaseAllianceBody }): Promise<string> {
  const actor = requireActor(ctx);
  authorize(canManageAlliances(actor), '只有国家发展改革委或系统管理员可以维护双创示范基地联盟');
  const b = props.body;
  const baseIds = [...new Set(b.baseIds)];
  const emails = [...new Set(b.staffEmails)];
  const now = nowIso(ctx.clock.now());
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const bases = baseIds.length
        ? await trx.selectFrom('bases').select('id').where('id', 'in', baseIds).execute()
        : [];
      if (bases.length !== baseIds.length) throw fieldError(422, 'base_not_found', 'baseIds', '所选示范基地不存在');
      const users = emails.length
        ? await trx.selectFrom('users').select(['id', 'email']).where('email', 'in', emails).execute()
        : [];
      const unknown = emails.filter((e) => !users.some((u) => u.email === e));
      if (unknown.length)
        throw fieldError(422, 'user_not_found', 'staffEmails', `以下邮箱没有对应的用户：${unknown.join('、')}`);
      const fields = { name: b.name, region_code: b.regionCode, description: b.description, updated_at: now };
      let id = props.id;
      const before = id ? await getAlliance(trx, id) : undefined;
      if (id) {
        if (!before) throw notFound();
        await trx.updateTable('base_alliances').set(fields).where('id', '=', id).execute();
      } else {
        id = newId();
        await trx
          .insertInto('base_alliances')
          .values({ id, ...fields, created_by: actor.userId, created_at: now })
          .execute();
      }
      await replaceAllianceMembers(
        trx,
        id,
        baseIds,
        users.map((u) => u.id),
      );
      await audit(trx, ctx, {
        entityType: 'base_alliance',
        entityId: id,
        action: props.id ? 'update' : 'create',
        before: before && { ...before, staff: before.staff.map((s) => s.id), bases: before.bases.map((x) => x.id) },
        after: { ...fields, baseIds, staffUserIds: users.map((u) => u.id) },
      });
      return id;
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw fieldError(409, 'alliance_name_taken', 'name', '已有同名的双创示范基地联盟');
    throw e;
  }
}

// ----- co-organisers -----------------------------------------------------------------------------------------------

/**
 * Gives a partner base of the approved activity plan, or an alliance, its parts of the theme day (an empty list
 * takes them all back). 422 `not_a_partner_base` / `alliance_not_found`.
 */
export async function setCoorganiserParts(
  ctx: Ctx,
  props: { themeDay: ThemeDayRecord; body: CoorganiserBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const td = props.themeDay;
  authorize(canCoordinate(actor, td), '只有承办基地或国家发展改革委可以分配协办分工');
  const { kind, partyId } = props.body;
  const parts = COORGANISER_PARTS.filter((p) => props.body.parts.includes(p));
  if (kind === 'base' && !td.partnerBaseIds.includes(partyId))
    throw fieldError(422, 'not_a_partner_base', 'partyId', '只能给已批准的活动方案中列明的协办基地分工');
  if (kind === 'alliance' && !(await getAlliance(ctx.db, partyId)))
    throw fieldError(422, 'alliance_not_found', 'partyId', '该双创示范基地联盟不存在');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await coorganiserRows(trx, td.id)).find((r) => r.party_kind === kind && r.party_id === partyId);
    const where = trx
      .deleteFrom('theme_day_coorganisers')
      .where('theme_day_id', '=', td.id)
      .where('party_kind', '=', kind)
      .where('party_id', '=', partyId);
    if (!parts.length) await where.execute();
    else
      await trx
        .insertInto('theme_day_coorganisers')
        .values({
          id: newId(),
          theme_day_id: td.id,
          party_kind: kind,
          party_id: partyId,
          parts: json.stringify(parts),
          updated_by: actor.userId,
          created_at: now,
          updated_at: now,
        })
        .onConflict((oc) =>
          oc
            .columns(['theme_day_id', 'party_kind', 'party_id'])
            .doUpdateSet({ parts: json.stringify(parts), updated_by: actor.userId, updated_at: now }),
        )
        .execute();
    await audit(trx, ctx, {
      entityType: 'theme_day',
      entityId: td.id,
      action: 'coorganiser_parts',
      before: { kind, partyId, parts: before?.parts ?? [] },
      after: { kind, partyId, parts },
    });
    const recipients =
      kind === 'alliance'
        ? (
            await trx.selectFrom('base_alliance_staff').select('user_id').where('alliance_id', '=', partyId).execute()
          ).map((r) => r.user_id)
        : await usersWithRole(
            trx,
            (await trx.selectFrom('bases').select('organisation_id').where('id', '=', partyId).execute())
              .map((b) => b.organisation_id)
              .filter((o): o is string => !!o),
            ['base_admin'],
          );
    await notifyUsers(
      trx,
      recipients,
      {
        kind: 'coorganiser_parts',
        title: parts.length
          ? `${td.title}：承办基地调整了您负责的协办板块`
          : `${td.title}：承办基地取消了您负责的协办板块`,
        link: links.coorganisation(td.id),
      },
      ctx.clock.now(),
    );
  });
}

// ----- delegations -------------------------------------------------------------------------------------------------

/**
 * Grants (or changes, or renews after a revocation) a support organisation's delegation for the theme day. One
 * row per theme day and organisation: parallel grants upsert the same row. 422 `not_a_support_organisation`,
 * `expiry_in_past`.
 */
export async function grantDelegation(
  ctx: Ctx,
  props: { themeDay: ThemeDayRecord; organisationId: string; body: DelegationBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const td = props.themeDay;
  authorize(canCoordinate(actor, td), '只有承办基地或国家发展改革委可以委托支撑机构');
  const org = await ctx.db
    .selectFrom('organisations')
    .select(['id', 'kind'])
    .where('id', '=', props.organisationId)
    .executeTakeFirst();
  if (!org) throw notFound();
  if (org.kind !== 'support_org') throw new AppError(422, 'not_a_support_organisation', '只能委托支撑机构类单位');
  const now = ctx.clock.now();
  if (props.body.expiresOn < shanghaiToday(now))
    throw fieldError(422, 'expiry_in_past', 'expiresOn', '委托截止日期不能早于今天');
  const scopes = DELEGATION_SCOPES.filter((s) => props.body.scopes.includes(s));
  const row = {
    scopes: json.stringify(scopes),
    expires_on: props.body.expiresOn,
    expires_at: endOfShanghaiDay(props.body.expiresOn).toISOString(),
    granted_by: actor.userId,
    granted_at: nowIso(now),
    revoked_by: null,
    revoked_at: null,
  };
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await delegationRows(trx, td.id)).find((d) => d.organisation_id === org.id);
    await trx
      .insertInto('support_delegations')
      .values({ id: newId(), theme_day_id: td.id, organisation_id: org.id, ...row })
      .onConflict((oc) => oc.columns(['theme_day_id', 'organisation_id']).doUpdateSet(row))
      .execute();
    await audit(trx, ctx, {
      entityType: 'theme_day',
      entityId: td.id,
      action: 'delegation_grant',
      before: before ?? null,
      after: { organisationId: org.id, scopes, expiresOn: props.body.expiresOn },
    });
    await notifyUsers(
      trx,
      await usersWithRole(trx, [org.id], ['support_org']),
      {
        kind: 'delegation_granted',
        title: `${td.title}：承办基地委托贵单位协助工作（至 ${props.body.expiresOn}）`,
        link: links.coorganisation(td.id),
      },
      now,
    );
  });
}

/** Revokes a delegation (kept as revoked: the organisation no longer acts for the host, not even by the plan). */
export async function revokeDelegation(
  ctx: Ctx,
  props: { themeDay: ThemeDayRecord; organisationId: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const td = props.themeDay;
  authorize(canCoordinate(actor, td), '只有承办基地或国家发展改革委可以撤销委托');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const before = (await delegationRows(trx, td.id)).find((d) => d.organisation_id === props.organisationId);
    if (!before) {
      // Named in the plan without an explicit delegation: revoking records a revoked, empty delegation.
      const org = await trx
        .selectFrom('organisations')
        .select(['id', 'kind'])
        .where('id', '=', props.organisationId)
        .executeTakeFirst();
      if (!org || org.kind !== 'support_org') throw notFound();
      await trx
        .insertInto('support_delegations')
        .values({
          id: newId(),
          theme_day_id: td.id,
          organisation_id: org.id,
          scopes: '[]',
          expires_on: shanghaiToday(ctx.clock.now()),
          expires_at: now,
          granted_by: actor.userId,
          granted_at: now,
          revoked_by: actor.userId,
          revoked_at: now,
        })
        .onConflict((oc) =>
          oc.columns(['theme_day_id', 'organisation_id']).doUpdateSet({ revoked_by: actor.userId, revoked_at: now }),
        )
        .execute();
    } else if (!before.revoked_at) {
      await trx
        .updateTable('support_delegations')
        .set({ revoked_by: actor.userId, revoked_at: now })
        .where('theme_day_id', '=', td.id)
        .where('organisation_id', '=', props.organisationId)
        .execute();
    }
    await audit(trx, ctx, {
      entityType: 'theme_day',
      entityId: td.id,
      action: 'delegation_revoke',
      before: before ?? null,
      after: { organisationId: props.organisationId, revoked: true },
    });
    await notifyUsers(
      trx,
      await usersWithRole(trx, [props.organisationId], ['support_org']),
      {
        kind: 'delegation_revoked',
        title: `${td.title}：承办基地已撤销对贵单位的委托`,
        link: links.coorganisation(td.id),
      },
      ctx.clock.now(),
    );
  });
}
