/**
 * Who may do what with an organisation. The directory (name, credit code, kind, region, industry, size
 * class, department) is visible to every signed-in user, because plan editors, reviewers and members
 * need to know who is who; the figures behind the size class (employees, revenue, assets) are business
 * data and stay with the organisation's own people and the platform managers.
 */
import type { UsccStoredStatus } from '../../../common/contracts/organisations.ts';
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/policy.ts';

/** The record-side facts the rules look at. */
interface OrgFacts {
  id: string;
}

/** NDRC's programme owner and the system administrator keep the organisation register. */
export const isOrgManager = (a: Actor | null): boolean => hasRole(a, 'system_admin', 'programme_owner');

/** A base administrator acting in the organisation itself (its active organisation). */
export const isOwnOrgAdmin = (a: Actor | null, org: OrgFacts): boolean =>
  !!a && a.organisationId === org.id && hasRole(a, 'base_admin');

/** Anyone belonging to the organisation in any role. */
export const belongsTo = (a: Actor | null, org: OrgFacts): boolean =>
  !!a && a.memberships.some((m) => m.organisationId === org.id);

export const organisationPolicy = {
  list: (a: Actor | null) => !!a,
  view: (a: Actor | null) => !!a,
  create: (a: Actor | null) => isOrgManager(a),
  /** Profile fields: name, region, industry, size figures. */
  edit: (a: Actor | null, org: OrgFacts) => isOrgManager(a) || isOwnOrgAdmin(a, org),
  /** Identity fields: credit code, kind, 指导部门 code — and confirming a manually verified code. */
  editIdentity: (a: Actor | null) => isOrgManager(a),
  verifyUscc: (a: Actor | null, org: { usccStatus: UsccStoredStatus }) =>
    isOrgManager(a) && org.usccStatus === 'needs_manual_verification',
  viewFigures: (a: Actor | null, org: OrgFacts) => isOrgManager(a) || belongsTo(a, org),
  viewMembers: (a: Actor | null) => isOrgManager(a),
};

/** The abilities sent with each organisation payload. */
export function organisationAbilities(a: Actor | null, org: OrgFacts & { usccStatus: UsccStoredStatus }) {
  return {
    edit: organisationPolicy.edit(a, org),
    editIdentity: organisationPolicy.editIdentity(a),
    verifyUscc: organisationPolicy.verifyUscc(a, org),
    viewMembers: organisationPolicy.viewMembers(a),
  };
}
