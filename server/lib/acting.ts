/**
 * Acting for an organisation in the content areas (resources, demands, results, docking, roadshows).
 *
 * - A person acts for their ACTIVE organisation when they hold `member` or `base_admin` there
 *   (lib/policy.ts `actsFor`).
 * - Resources, demands and technology catalogues are published by "大企业、高校和科研院所" (417号 二(一)(二)):
 *   an organisation of kind university/institute, or one whose size class is `large` (GB 企业划型). Results
 *   may be published by any organisation.
 */
import type { SizeClass } from '../../common/contracts/organisations.ts';
import type { OrgKind } from '../../common/roles.ts';
import type { Executor } from '../db/index.ts';
import type { Actor } from './context.ts';
import { AppError } from './errors.ts';
import { actsFor } from './policy.ts';

export interface OrgFacts {
  id: string;
  name: string;
  kind: OrgKind;
  size_class: SizeClass | null;
  region_code: string | null;
}

export async function getOrg(db: Executor, id: string | null | undefined): Promise<OrgFacts | undefined> {
  if (!id) return undefined;
  return db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'size_class', 'region_code'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** 大企业、高校和科研院所 (see the module comment). */
export const isLargeOrResearch = (o: Pick<OrgFacts, 'kind' | 'size_class'>): boolean =>
  o.kind === 'university' || o.kind === 'institute' || o.size_class === 'large';

/**
 * The organisation the actor publishes for. 403 `not_acting_for_organisation` without an acting role;
 * 403 `publisher_not_eligible` when `largeOnly` and the organisation is not large / a university / an institute.
 */
export async function requirePublisher(db: Executor, actor: Actor, largeOnly: boolean): Promise<OrgFacts> {
  const org = actor.organisationId ? await getOrg(db, actor.organisationId) : undefined;
  if (!org || !actsFor(actor, org.id))
    throw new AppError(403, 'not_acting_for_organisation', '请以所在单位成员身份操作（切换到相应单位）');
  if (largeOnly && !isLargeOrResearch(org)) {
    throw new AppError(
      403,
      'publisher_not_eligible',
      '仅大型企业、高校和科研院所可以发布此类信息（417号文：大企业、高校和科研院所开放创新资源、发布创新需求）',
    );
  }
  return org;
}

/** The actor's active organisation for applying/responding (any acting role). */
export async function requireActingOrg(db: Executor, actor: Actor): Promise<OrgFacts> {
  return requirePublisher(db, actor, false);
}
