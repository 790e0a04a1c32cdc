/** A base as everyone may see it, with what the caller may do with it. */
import { regionName } from '../../../common/region.ts';
import type { Base } from '../../../common/contracts/bases.ts';
import type { Actor } from '../../lib/context.ts';
import { baseAbilities } from './policy.ts';
import type { BaseRowWithOrg } from './repository.ts';

/** Public fields of a base, with what the caller may do with it. */
export function presentBase(actor: Actor | null, r: BaseRowWithOrg): Base {
  return {
    id: r.id,
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    batch: r.batch,
    regionCode: r.region_code,
    regionName: regionName(r.region_code) ?? null,
    provinceCode: `${r.region_code.slice(0, 2)}0000`,
    supervisingDepartment: r.supervising_department,
    organisationId: r.organisation_id,
    organisationName: r.organisation_name,
    supervisorOrganisationId: r.supervisor_organisation_id,
    supervisorOrganisationName: r.supervisor_organisation_name,
    description: r.description,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: baseAbilities(actor, r),
  };
}
