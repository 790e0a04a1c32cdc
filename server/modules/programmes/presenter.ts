/** Programme records as API payloads: explicit fields, the deadline as an instant, the caller's abilities. */
import { planDeadlineInstant } from '../../../common/programme-rules.ts';
import type { ProgrammeDto } from '../../../common/contracts/programmes.ts';
import type { Actor } from '../../lib/context.ts';
import { programmeAbilities } from './policy.ts';
import type { ProgrammeRecord } from './repository.ts';

export function presentProgramme(
  actor: Actor | null,
  p: ProgrammeRecord,
  now: Date,
  adminBaseKinds: readonly string[],
): ProgrammeDto {
  return {
    id: p.id,
    year: p.year,
    name: p.name,
    status: p.status,
    rules: p.rules,
    planDeadlineAt: planDeadlineInstant(p.rules).toISOString(),
    openedAt: p.openedAt,
    closedAt: p.closedAt,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    abilities: programmeAbilities(actor, p, now, adminBaseKinds),
  };
}
