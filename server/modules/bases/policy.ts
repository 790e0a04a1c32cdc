/**
 * Who may do what with a demonstration base. The directory is public (the portal shows it and plan
 * editors pick partner bases from it). NDRC's programme owner and the system administrator keep the
 * register; the short name stays with them because it is printed in every plan title (发改办高技〔2020〕
 * 417号: "XXX（示范基地简称）融通创新主题日活动方案"); a base's own administrator keeps its description.
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole, isLocalDrcFor, isOwner } from '../../lib/policy.ts';
import { isOrgManager } from '../organisations/policy.ts';

/** The record-side facts the rules look at. */
interface BaseFacts {
  organisation_id: string | null;
  region_code?: string;
  supervisor_organisation_id?: string | null;
}

/**
 * A person of the base's supervising department (基地主管部门, role base_supervisor) acting in that department:
 * they follow the base's plans, theme days and results (issue 12 §3). Takes any base shape that carries the
 * supervising organisation (plans' and theme days' base records).
 */
export const isSupervisorOf = (
  a: Actor | null | undefined,
  b: { supervisorOrganisationId?: string | null | undefined },
): boolean => hasRole(a, 'base_supervisor') && !!a?.organisationId && b.supervisorOrganisationId === a.organisationId;

/** A base administrator acting in the organisation that runs the base. */
export const isBaseAdminOf = (a: Actor | null, b: BaseFacts): boolean =>
  !!a && !!b.organisation_id && a.organisationId === b.organisation_id && hasRole(a, 'base_admin');

/** The local DRC of the base's province or its supervising department: they assist and remind the base. */
export const assistsBase = (a: Actor | null, b: BaseFacts): boolean =>
  isLocalDrcFor(a, b.region_code) || isSupervisorOf(a, { supervisorOrganisationId: b.supervisor_organisation_id });

export const basePolicy = {
  list: (_a: Actor | null) => true,
  view: (_a: Actor | null) => true,
  create: (a: Actor | null) => isOrgManager(a),
  /** Every field: name, short name, kind, batch, region, department, organisation. */
  edit: (a: Actor | null) => isOrgManager(a),
  editShortName: (a: Actor | null) => isOrgManager(a),
  editDescription: (a: Actor | null, b: BaseFacts) => isOrgManager(a) || isBaseAdminOf(a, b),
  /** 督促提醒 (issue 12 §3); anyone else gets 404 from the reminder routes. */
  remind: (a: Actor | null, b: BaseFacts) => assistsBase(a, b),
  /** The supervision overview: plans, theme days, results of the base. */
  follow: (a: Actor | null, b: BaseFacts) => isOwner(a) || hasRole(a, 'system_admin') || assistsBase(a, b),
};

export function baseAbilities(a: Actor | null, b: BaseFacts) {
  return {
    edit: basePolicy.edit(a),
    editShortName: basePolicy.editShortName(a),
    editDescription: basePolicy.editDescription(a, b),
    remind: basePolicy.remind(a, b),
    follow: basePolicy.follow(a, b),
  };
}
