/**
 * Issue 12 §1 commands: a person registers their organisation (it starts unverified and they administer it),
 * a verifier approves or rejects it, a person asks to join an organisation and its administrators decide. Each
 * is one transaction with its audit events and notifications; two registrations by one person at once create
 * one organisation (the user row's lock, `claimRegistration`); concurrent decisions leave exactly one (the
 * status condition of the update decides), and a double-clicked join request inserts once (a partial unique
 * index on pending requests).
 */
import { normalizeUscc } from '../../../common/uscc.ts';
import { links } from '../../../common/links.ts';
import type {
  JoinRequestCreate,
  JoinRequestDecision,
  OrganisationRegistration,
  RegisteredOrganisation,
  ResubmittedOrganisation,
  VerificationDecision,
} from '../../../common/contracts/onboarding.ts';
import { forUpdate, isUniqueViolation, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { provinceOf } from '../../lib/policy.ts';
import { notifyUsers } from '../notifications/service.ts';
import { insertOrganisation, markUsccVerified, type OrganisationRow } from '../organisations/repository.ts';
import { duplicateUscc, validateProfile } from '../organisations/service.ts';
import {
  decideJoinRequest,
  decideVerification,
  orgAdminUserIds,
  resubmitRejected,
  verifierUserIds,
  type JoinRequestView,
} from './repository.ts';

const alreadyDecided = () => new AppError(409, 'already_decided', '该事项已由他人处理，请刷新后查看结果');

/** A person who already belongs to an organisation registers no second one (that is NDRC's or the administrator's). */
export const alreadyInOrganisation = () =>
  new AppError(409, 'already_in_organisation', '您已加入单位；如需登记其他单位，请联系国家发展改革委或系统管理员');

/**
 * Claims the person's one self-registration inside the caller's transaction: locks their user row (FOR UPDATE
 * on PostgreSQL; SQLite's single writer serialises the transaction) and then checks, with what is committed by
 * now, that they still belong to no organisation. Two registrations at once queue on the lock; the second sees
 * the first one's membership and is refused.
 */
async function claimRegistration(trx: Executor, ctx: Ctx, userId: string): Promise<void> {
  await forUpdate(trx.selectFrom('users').select('id').where('id', '=', userId), ctx.dialect).execute();
  const member = await trx.selectFrom('memberships').select('id').where('user_id', '=', userId).executeTakeFirst();
  if (member) throw alreadyInOrganisation();
}

/** The register's profile check (organisations/service.ts `validateProfile`) of a self-registration's details. */
function registrationProfile(input: OrganisationRegistration, current?: OrganisationRow) {
  return validateProfile(
    {
      name: input.name,
      uscc: input.uscc,
      kind: input.kind,
      regionCode: input.regionCode ?? null,
      industryCode: input.industryCode ?? null,
      employees: input.employees ?? null,
      revenueWan: input.revenueWan ?? null,
      assetsWan: input.assetsWan ?? null,
      departmentCode: null,
    },
    current,
  );
}

/**
 * Registers the caller's organisation: the profile is checked exactly as the register checks it
 * (organisations/service.ts `validateProfile`: credit code, region, industry, derived size class). The
 * organisation starts unverified; the caller becomes its member and administrator, and it becomes the
 * session's active organisation. Its verifiers (every programme owner, the province's local DRC) are notified.
 */
export async function registerOrganisation(
  ctx: Ctx,
  props: { actor: Actor; input: OrganisationRegistration },
): Promise<RegisteredOrganisation> {
  const { actor, input } = props;
  const now = ctx.clock.now();
  const profile = registrationProfile(input);
  const row: OrganisationRow = {
    id: newId(),
    ...profile,
    verification_status: 'unverified',
    registered_by: actor.userId,
    verified_by: null,
    verified_at: null,
    rejection_reason: null,
    created_at: nowIso(now),
    updated_at: nowIso(now),
  };
  const membershipId = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await claimRegistration(trx, ctx, actor.userId);
      await insertOrganisation(trx, row);
      await trx
        .insertInto('memberships')
        .values({
          id: membershipId,
          user_id: actor.userId,
          organisation_id: row.id,
          role: 'member',
          org_admin: 1,
          created_at: nowIso(now),
        })
        .execute();
      await trx
        .updateTable('sessions')
        .set({ membership_id: membershipId })
        .where('id', '=', actor.sessionId)
        .execute();
      await audit(trx, ctx, {
        entityType: 'organisation',
        entityId: row.id,
        organisationId: row.id,
        action: 'register',
        after: row,
      });
      await audit(trx, ctx, {
        entityType: 'membership',
        entityId: membershipId,
        organisationId: row.id,
        action: 'create',
        after: { userId: actor.userId, organisationId: row.id, role: 'member', orgAdmin: true },
      });
      await notifyUsers(
        trx,
        await verifierUserIds(trx, provinceOf(row.region_code)),
        {
          kind: 'organisation_to_verify',
          title: `新注册单位待审核：${row.name}`,
          body: `统一社会信用代码 ${row.uscc}`,
          link: links.orgVerification(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateUscc(row.uscc);
    throw err;
  }
  return { id: row.id, name: row.name, verificationStatus: 'unverified', membershipId };
}

/**
 * A rejected organisation's administrator corrects its details and resubmits it: the details are checked as on
 * registration (an unchanged credit code keeps its manual verification), it awaits verification again, the
 * rejection reason moves to the audit trail (event 'resubmit', `before`), and the verifiers of its (possibly
 * corrected) province are told again. Only a rejected organisation is resubmitted (409 not_rejected), also when
 * two resubmissions arrive at once (the status condition of the update decides).
 */
export async function resubmitOrganisation(
  ctx: Ctx,
  props: { org: OrganisationRow; input: OrganisationRegistration },
): Promise<ResubmittedOrganisation> {
  const { org, input } = props;
  const notRejected = () =>
    new AppError(409, 'not_rejected', `单位「${org.name}」不是“未通过审核”状态，无需重新提交；请刷新后查看`);
  if (org.verification_status !== 'rejected') throw notRejected();
  const now = ctx.clock.now();
  const profile = registrationProfile(input, org);
  const set = {
    ...profile,
    verification_status: 'unverified' as const,
    verified_by: null,
    verified_at: null,
    rejection_reason: null,
    updated_at: nowIso(now),
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      if (!(await resubmitRejected(trx, org.id, set))) throw notRejected();
      await audit(trx, ctx, {
        entityType: 'organisation',
        entityId: org.id,
        organisationId: org.id,
        action: 'resubmit',
        before: org,
        after: set,
      });
      await notifyUsers(
        trx,
        await verifierUserIds(trx, provinceOf(profile.region_code)),
        {
          kind: 'organisation_to_verify',
          title: `单位修改后重新提交审核：${profile.name}`,
          body: `统一社会信用代码 ${profile.uscc}；上次审核意见：${org.rejection_reason ?? ''}`,
          link: links.orgVerification(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateUscc(profile.uscc);
    throw err;
  }
  return { id: org.id, name: profile.name, verificationStatus: 'unverified' };
}

/**
 * Approves or rejects an organisation awaiting verification. Approving an organisation whose pilot-era credit
 * code awaits manual verification also records the code as manually verified: the verifier has checked the
 * organisation's registration, which is what the manual verification asks for.
 */
export async function decideOrganisation(
  ctx: Ctx,
  props: { actor: Actor; org: OrganisationRow; decision: VerificationDecision },
): Promise<void> {
  const { actor, org, decision } = props;
  if (org.verification_status !== 'unverified') throw alreadyDecided();
  const now = ctx.clock.now();
  const approve = decision.decision === 'approve';
  const reason = decision.decision === 'reject' ? decision.reason : null;
  await ctx.db.transaction().execute(async (trx) => {
    const won = await decideVerification(trx, org.id, {
      verification_status: approve ? 'verified' : 'rejected',
      verified_by: actor.userId,
      verified_at: nowIso(now),
      rejection_reason: reason,
      updated_at: nowIso(now),
    });
    if (!won) throw alreadyDecided();
    const usccVerified =
      approve && org.uscc_status === 'needs_manual_verification' && (await markUsccVerified(trx, org.id, nowIso(now)));
    await audit(trx, ctx, {
      entityType: 'organisation',
      entityId: org.id,
      action: approve ? 'verify' : 'reject',
      before: { verificationStatus: org.verification_status, usccStatus: org.uscc_status },
      after: {
        verificationStatus: approve ? 'verified' : 'rejected',
        ...(reason ? { rejectionReason: reason } : {}),
        ...(usccVerified ? { usccStatus: 'manually_verified' } : {}),
      },
    });
    await notifyUsers(
      trx,
      await orgAdminUserIds(trx, org.id),
      approve
        ? {
            kind: 'organisation_verified',
            title: `您注册的单位「${org.name}」已通过审核`,
            body: '现在可以发布需求、资源和成果，申请路演等。',
            link: links.onboarding(),
          }
        : {
            kind: 'organisation_rejected',
            title: `您注册的单位「${org.name}」未通过审核`,
            body: `审核意见：${reason ?? ''}`,
            link: links.onboarding(),
          },
      now,
    );
  });
}

/**
 * Asks to join an organisation. A member already is refused (409 already_member); a second pending request is
 * refused (409 join_request_pending), also when two arrive at once (the unique index decides).
 */
export async function requestToJoin(
  ctx: Ctx,
  props: { actor: Actor; org: { id: string; name: string }; input: JoinRequestCreate },
): Promise<string> {
  const { actor, org, input } = props;
  if (actor.memberships.some((m) => m.organisationId === org.id))
    throw new AppError(409, 'already_member', `您已是「${org.name}」的成员`);
  const pending = () => new AppError(409, 'join_request_pending', `您已申请加入「${org.name}」，请等待单位管理员处理`);
  const existing = await ctx.db
    .selectFrom('join_requests')
    .select('id')
    .where('organisation_id', '=', org.id)
    .where('user_id', '=', actor.userId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  if (existing) throw pending();
  const now = ctx.clock.now();
  const id = newId();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('join_requests')
        .values({
          id,
          organisation_id: org.id,
          user_id: actor.userId,
          message: input.message || null,
          status: 'pending',
          decided_by: null,
          decided_at: null,
          decision_note: null,
          created_at: nowIso(now),
        })
        .execute();
      await audit(trx, ctx, {
        entityType: 'join_request',
        entityId: id,
        organisationId: org.id,
        action: 'create',
        after: { organisationId: org.id, userId: actor.userId, message: input.message ?? null },
      });
      await notifyUsers(
        trx,
        await orgAdminUserIds(trx, org.id),
        {
          kind: 'join_request',
          title: `${actor.name}申请加入「${org.name}」`,
          ...(input.message ? { body: input.message } : {}),
          link: links.joinRequests(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw pending();
    throw err;
  }
  return id;
}

/** Approves (the requester becomes a member, role 'member') or declines a pending join request. */
export async function decideJoin(
  ctx: Ctx,
  props: { actor: Actor; request: JoinRequestView; decision: JoinRequestDecision },
): Promise<void> {
  const { actor, request, decision } = props;
  if (request.status !== 'pending') throw alreadyDecided();
  const now = ctx.clock.now();
  const approve = decision.decision === 'approve';
  await ctx.db.transaction().execute(async (trx) => {
    const won = await decideJoinRequest(trx, request.id, {
      status: approve ? 'approved' : 'declined',
      decided_by: actor.userId,
      decided_at: nowIso(now),
      decision_note: decision.note || null,
    });
    if (!won) throw alreadyDecided();
    if (approve) {
      const membershipId = newId();
      const r = await trx
        .insertInto('memberships')
        .values({
          id: membershipId,
          user_id: request.user_id,
          organisation_id: request.organisation_id,
          role: 'member',
          created_at: nowIso(now),
        })
        .onConflict((oc) => oc.columns(['user_id', 'organisation_id', 'role']).doNothing())
        .executeTakeFirst();
      if (Number(r.numInsertedOrUpdatedRows ?? 0) > 0)
        await audit(trx, ctx, {
          entityType: 'membership',
          entityId: membershipId,
          organisationId: request.organisation_id,
          action: 'create',
          after: { userId: request.user_id, organisationId: request.organisation_id, role: 'member' },
        });
    }
    await audit(trx, ctx, {
      entityType: 'join_request',
      entityId: request.id,
      organisationId: request.organisation_id,
      action: approve ? 'approve' : 'decline',
      before: { status: 'pending' },
      after: { status: approve ? 'approved' : 'declined', note: decision.note ?? null },
    });
    await notifyUsers(
      trx,
      [request.user_id],
      {
        kind: approve ? 'join_request_approved' : 'join_request_declined',
        title: approve
          ? `您已加入「${request.organisation_name}」`
          : `「${request.organisation_name}」未同意您的加入申请`,
        ...(decision.note ? { body: decision.note } : {}),
        link: approve ? links.workspace() : links.onboarding(),
      },
      now,
    );
  });
}

/** A normalised 18-character credit code in the search text, if it is one (exact-code search). */
export function usccIn(text: string): string | null {
  const n = normalizeUscc(text);
  return /^[0-9A-Z]{18}$/.test(n) ? n : null;
}
