/**
 * Deny by default. A policy answers "may this actor do X to this record?" from small predicates;
 * `authorize` throws. Records the actor may not even see are reported as 404, never 403, so that
 * another organisation's draft simply does not exist for them.
 */
import type { Role } from '../../common/roles.ts';
import { AppError, notFound, unauthenticated } from './errors.ts';
import { hasRole, type Actor, type Ctx } from './context.ts';

export { hasRole };

/** The signed-in actor, or a 401 problem (`session_expired` when the session cookie had expired). */
export function requireActor(ctx: Pick<Ctx, 'actor' | 'sessionExpired'>): Actor {
  if (!ctx.actor) throw ctx.sessionExpired ? new AppError(401, 'session_expired') : unauthenticated();
  return ctx.actor;
}

// ----- predicates every module composes -------------------------------------------------------------------

/** NDRC, the programme owner (417号: 国家发展改革委). */
export const isOwner = (a: Actor | null | undefined): boolean => hasRole(a, 'programme_owner');

/** Province (省级) prefix of a GB/T 2260 region code: its first two digits. */
export const provinceOf = (regionCode: string | null | undefined): string | null =>
  regionCode && regionCode.length >= 2 ? regionCode.slice(0, 2) : null;

/** A local DRC whose province contains `regionCode`. */
export const isLocalDrcFor = (a: Actor | null | undefined, regionCode: string | null | undefined): boolean =>
  hasRole(a, 'local_drc') &&
  !!provinceOf(a?.organisationRegionCode) &&
  provinceOf(a?.organisationRegionCode) === provinceOf(regionCode);

/**
 * Roles with which a person acts for their ACTIVE organisation in the content areas (publish, respond,
 * apply); other roles (expert, evaluator, investor…) take part through their own modules.
 */
export const ACTING_ROLES: readonly Role[] = ['member', 'base_admin'];

/** True when the actor acts for `organisationId` (it is their active organisation and they hold an acting role there). */
export const actsFor = (a: Actor | null | undefined, organisationId: string | null | undefined): boolean =>
  !!a && !!organisationId && a.organisationId === organisationId && a.roles.some((r) => ACTING_ROLES.includes(r));

/**
 * Issue 12 §1: false when the actor acts for an organisation that is not (yet) verified — a self-registered one
 * awaiting NDRC's, the administrator's or its local DRC's verification, or one they rejected. Such an organisation
 * may register for events and answer surveys but not publish. Without an active organisation there is nothing to
 * verify (true): whether such an actor may act at all is the area's own rule.
 */
export const isVerifiedOrg = (a: Actor | null | undefined): boolean =>
  !a?.organisationId || a.organisationVerification === 'verified';

/** Throws 403 `organisation_unverified` unless `isVerifiedOrg`: the one gate of every publish/create command. */
export function ensureVerifiedOrg(a: Actor | null | undefined): void {
  if (isVerifiedOrg(a)) return;
  throw new AppError(
    403,
    'organisation_unverified',
    a?.organisationVerification === 'rejected'
      ? '您的单位未通过审核，暂不能发布信息；请根据审核意见联系审核部门'
      : '您的单位正在等待审核，审核通过后才能发布信息；在此期间可以报名参加活动、填写问卷',
  );
}

/**
 * The gate as a route's `preValidation` hook (`preValidation: verifiedOrgOnly`): it runs before the body is read,
 * so an unverified organisation's request is refused the same way whatever it carries.
 */
export async function verifiedOrgOnly(req: { actor: Actor | null }): Promise<void> {
  ensureVerifiedOrg(req.actor);
}

/** The actor administers `organisationId`: the membership's org-admin flag, or its base administrator. */
export const isOrgAdminOf = (a: Actor | null | undefined, organisationId: string | null | undefined): boolean =>
  !!a &&
  !!organisationId &&
  a.memberships.some((m) => m.organisationId === organisationId && (m.orgAdmin || m.role === 'base_admin'));

/** Throws 403 unless `allowed` (the actor can see the record but not do this to it). */
export function authorize(allowed: boolean, detail?: string): void {
  if (!allowed) throw new AppError(403, 'forbidden', detail);
}

/** Throws 404 unless `visible`. */
export function ensureVisible<T>(record: T | undefined | null, visible: (r: T) => boolean): T {
  if (!record || !visible(record)) throw notFound();
  return record;
}

/** Builds the abilities object that goes out with a payload, so the UI shows exactly the allowed buttons. */
export function abilities<K extends string>(map: Record<K, boolean>): Record<K, boolean> {
  return map;
}
