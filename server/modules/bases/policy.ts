/**
 * Who may do what with a demonstration base. The directory is public (the portal shows it and plan
 * editors pick partner bases from it). NDRC's programme owner and the system administrator keep the
 * register; the short name stays with them because it is printed in every plan title (发改办高技〔2020〕
 * 417号: "XXX（示范基地简称）融通创新主题日活动方案"); a base's own administrator keeps its description.
 */
import type { Actor } from '../../lib/context.ts';
import { hasRole } from '../../lib/policy.ts';
import { isOrgManager } from '../organisations/policy.ts';

/** The record-side facts the rules look at. */
interface BaseFacts {
  organisation_id: string | null;
}

/** A base administrator acting in the organisation that runs the base. */
export const isBaseAdminOf = (a: Actor | null, b: BaseFacts): boolean =>
  !!a && !!b.organisation_id && a.organisationId === b.organisation_id && hasRole(a, 'base_admin');

export const basePolicy = {
  list: (_a: Actor | null) => true,
  view: (_a: Actor | null) => true,
  create: (a: Actor | null) => isOrgManager(a),
  /** Every field: name, short name, kind, batch, region, department, organisation. */
  edit: (a: Actor | null) => isOrgManager(a),
  editShortName: (a: Actor | null) => isOrgManager(a),
  editDescription: (a: Actor | null, b: BaseFacts) => isOrgManager(a) || isBaseAdminOf(a, b),
};

export function baseAbilities(a: Actor | null, b: BaseFacts) {
  return {
    edit: basePolicy.edit(a),
    editShortName: basePolicy.editShortName(a),
    editDescription: basePolicy.editDescription(a, b),
  };
}
