/**
 * Loading a roadshow, its session or one of its projects together with the caller's part in it (staff of the
 * session, invited judge), shared by the roadshow route files. Records the caller may not see are 404.
 */
import type { Actor, Ctx } from '../../lib/context.ts';
import { notFound } from '../../lib/errors.ts';
import { ensureVisible, requireActor } from '../../lib/policy.ts';
import { getSessionContext, type SessionContext } from '../events/repository.ts';
import { canSeeSession, isSessionStaff } from '../events/policy.ts';
import { getJudge, getProject, getRoadshow, type ProjectRow } from './repository.ts';
import { canSeeProject } from './policy.ts';
import type { LoadedRoadshow } from './presenter.ts';

/** The signed-in caller and a session they may see, with whether they are its staff. */
export async function loadSession(
  ctx: Ctx,
  sessionId: string,
): Promise<{ actor: Actor; sc: SessionContext; staff: boolean }> {
  const actor = requireActor(ctx);
  const sc = ensureVisible(await getSessionContext(ctx.db, sessionId), (c) => canSeeSession(actor, c));
  return { actor, sc, staff: isSessionStaff(actor, sc) };
}

/** The roadshow with its session; 404 unless the caller may see the session. */
export async function loadRoadshow(ctx: Ctx, id: string): Promise<LoadedRoadshow & { actor: Actor }> {
  const roadshow = await getRoadshow(ctx.db, id);
  if (!roadshow) throw notFound();
  const { actor, sc, staff } = await loadSession(ctx, roadshow.session_id);
  return { actor, sc, roadshow, staff, judge: await getJudge(ctx.db, roadshow.id, actor.userId) };
}

/** A project: staff see all, the applicant their own, judges and everyone else the accepted ones. */
export async function loadProject(
  ctx: Ctx,
  id: string,
): Promise<{ l: LoadedRoadshow & { actor: Actor }; project: ProjectRow }> {
  const project = await getProject(ctx.db, id);
  if (!project) throw notFound();
  const l = await loadRoadshow(ctx, project.roadshow_id);
  if (!canSeeProject(l.actor, l.staff, project)) throw notFound();
  return { l, project };
}
