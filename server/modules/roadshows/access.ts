/**
 * Loading a roadshow, its session or one of its projects together with the caller's part in it (staff of the
 * session, invited judge), shared by the roadshow route files. Records the caller may not see are 404.
 */
import type { Actor, Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { ensureVisible, requireActor } from '../../lib/policy.ts';
import { getSessionContext, type SessionContext } from '../events/repository.ts';
import { canSeeSession, partFactsOf } from '../events/policy.ts';
import { partAccess, type PartAccess } from '../themedays/policy.ts';
import { partRefusal } from '../coorganisers/access.ts';
import { getJudge, getProject, getRoadshow, type ProjectRow } from './repository.ts';
import { canSeeProject } from './policy.ts';
import type { LoadedRoadshow } from './presenter.ts';

/**
 * The signed-in caller and a session they may see, with whether they are its roadshow staff: whoever manages
 * the theme day's 'roadshows' part (the host, a co-organiser given it, a support organisation delegated 项目征集).
 * A co-organiser or delegate acting is noted on `ctx` for the audit ("X for host Y").
 */
export async function loadSession(
  ctx: Ctx,
  sessionId: string,
): Promise<{ actor: Actor; sc: SessionContext; staff: boolean; access: PartAccess }> {
  const actor = requireActor(ctx);
  const sc = ensureVisible(await getSessionContext(ctx.db, sessionId, ctx.clock.now()), (c) => canSeeSession(actor, c));
  const access = partAccess(actor, sc.themeDay, 'roadshows', partFactsOf(sc));
  if (access.ok && access.via !== 'host') ctx.actingForOrganisationId = access.actingFor;
  return { actor, sc, staff: access.ok, access };
}

/** Throws unless the caller is the roadshow staff: 404 for a co-organiser without the part, clear codes for a
 * delegation out of scope, expired or revoked, else 403 with `detail`. */
export function requireStaff(l: { access: PartAccess }, detail: string): void {
  if (!l.access.ok) throw partRefusal(l.access.refusal, detail);
}

/** The roadshow with its session; 404 unless the caller may see the session. */
export async function loadRoadshow(
  ctx: Ctx,
  id: string,
): Promise<LoadedRoadshow & { actor: Actor; access: PartAccess }> {
  const roadshow = await getRoadshow(ctx.db, id);
  if (!roadshow) throw notFound();
  const { actor, sc, staff, access } = await loadSession(ctx, roadshow.session_id);
  return { actor, sc, roadshow, staff, access, judge: await getJudge(ctx.db, roadshow.id, actor.userId) };
}

/** A project: staff see all, the applicant their own, judges and everyone else the accepted ones. */
export async function loadProject(
  ctx: Ctx,
  id: string,
): Promise<{ l: LoadedRoadshow & { actor: Actor; access: PartAccess }; project: ProjectRow }> {
  const project = await getProject(ctx.db, id);
  if (!project) throw notFound();
  const l = await loadRoadshow(ctx, project.roadshow_id);
  if (!canSeeProject(l.actor, l.staff, project)) throw notFound();
  return { l, project };
}
