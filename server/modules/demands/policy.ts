/**
 * Who may see and do what in the demands area. A person acts for their active organisation (lib/policy.ts
 * `actsFor`): the publishing organisation edits, publishes and closes its demands, sees every response to
 * them and leads consortia; a responding organisation sees and withdraws its own response. Drafts,
 * responses and consortia the caller may not see are 404, never 403.
 */
import { shanghaiToday } from '../../../common/time.ts';
import type { Actor } from '../../lib/context.ts';
import { isLargeOrResearch, type OrgFacts } from '../../lib/acting.ts';
import { actsFor } from '../../lib/policy.ts';
import type { ConsortiumMemberRow, ConsortiumRow, DemandRow, ResponseJoined, ResponseRow } from './repository.ts';

/** At most this many attachments per response. */
export const MAX_ATTACHMENTS = 5;

/** The organisation the actor acts for (their active one, with an acting role there), or null. */
export const actingOrgId = (a: Actor | null): string | null =>
  a?.organisationId && actsFor(a, a.organisationId) ? a.organisationId : null;

export const isPublisher = (a: Actor | null, d: Pick<DemandRow, 'organisation_id'>): boolean =>
  actsFor(a, d.organisation_id);

/** Published and closed demands are public; a draft is its publisher's own. */
export const canSeeDemand = (a: Actor | null, d: Pick<DemandRow, 'status' | 'organisation_id'>): boolean =>
  d.status !== 'draft' || isPublisher(a, d);

/** The deadline is a Beijing calendar date, inclusive: from the next day on the demand is expired. */
export const isExpired = (d: Pick<DemandRow, 'deadline'>, now: Date): boolean => shanghaiToday(now) > d.deadline;

/** A response is seen by the responding organisation and the publisher; everyone else gets 404. */
export const canSeeResponse = (
  a: Actor | null,
  r: Pick<ResponseJoined, 'organisation_id' | 'demand_org_id'>,
): boolean => isResponder(a, r) || isResponsePublisher(a, r);

/** Acts for the organisation that sent the response. */
export const isResponder = (a: Actor | null, r: Pick<ResponseRow, 'organisation_id'>): boolean =>
  actsFor(a, r.organisation_id);

/** Acts for the organisation that published the demand the response answers. */
export const isResponsePublisher = (a: Actor | null, r: Pick<ResponseJoined, 'demand_org_id'>): boolean =>
  actsFor(a, r.demand_org_id);

/** Visible to the organisations in it (the publisher leads it and is always a member). */
export const canSeeConsortium = (
  a: Actor | null,
  members: readonly Pick<ConsortiumMemberRow, 'organisation_id'>[],
): boolean => members.some((m) => actsFor(a, m.organisation_id));

/** The lead organisation edits the consortium. */
export const isConsortiumLead = (a: Actor | null, c: Pick<ConsortiumRow, 'organisation_id'>): boolean =>
  actsFor(a, c.organisation_id);

// ----- abilities ------------------------------------------------------------------------------------------

/** What the caller may do in the area: publish for the active organisation (large firms, universities, institutes), respond as it. */
export function areaAbilities(a: Actor | null, activeOrg: Pick<OrgFacts, 'id' | 'kind' | 'size_class'> | undefined) {
  const acting = !!activeOrg && actingOrgId(a) === activeOrg.id;
  return { publish: acting && isLargeOrResearch(activeOrg), respond: acting };
}

/** `responded`: the caller's organisation has already responded to the demand. */
export function demandAbilities(
  a: Actor | null,
  d: Pick<DemandRow, 'organisation_id' | 'status'>,
  facts: { expired: boolean; responded: boolean },
) {
  const pub = isPublisher(a, d);
  return {
    edit: pub && d.status !== 'closed',
    publish: pub && d.status === 'draft',
    close: pub && d.status === 'published',
    respond:
      !!a?.organisationId &&
      !pub &&
      d.status === 'published' &&
      !facts.expired &&
      !facts.responded &&
      actsFor(a, a.organisationId),
    viewResponses: pub,
    formConsortium: pub && d.status !== 'draft',
  };
}

/** `attachments`: how many files the response already has. */
export function responseAbilities(
  a: Actor | null,
  r: Pick<ResponseJoined, 'organisation_id' | 'demand_org_id' | 'status' | 'demand_deadline'>,
  attachments: number,
  now: Date,
) {
  const pub = isResponsePublisher(a, r);
  const mine = isResponder(a, r);
  const open = r.status === 'submitted' || r.status === 'shortlisted';
  return {
    upload:
      mine &&
      r.status === 'submitted' &&
      !isExpired({ deadline: r.demand_deadline }, now) &&
      attachments < MAX_ATTACHMENTS,
    withdraw: mine && open,
    shortlist: pub && r.status === 'submitted',
    accept: pub && open,
    decline: pub && open,
  };
}

export function consortiumAbilities(
  a: Actor | null,
  c: Pick<ConsortiumRow, 'organisation_id' | 'status'>,
  members: readonly Pick<ConsortiumMemberRow, 'organisation_id' | 'signed_at'>[],
) {
  const mineUnsigned = members.some((m) => actsFor(a, m.organisation_id) && !m.signed_at);
  return { edit: isConsortiumLead(a, c) && c.status === 'draft', sign: c.status === 'draft' && mineUnsigned };
}
