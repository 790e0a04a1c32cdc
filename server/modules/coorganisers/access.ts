/**
 * The route-side of `canManagePart`: refuses with the right problem and, when a co-organiser or a delegated
 * support organisation is allowed, records on the request which host it acts for, so every audit row the
 * command writes reads "X for host Y" (audit_events.acting_for_organisation_id).
 */
import type { ThemeDayPart } from '../../../common/contracts/coorganisers.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, forbidden, notFound } from '../../lib/errors.ts';
import { partAccess, type PartAccess, type PartFacts } from '../themedays/policy.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';

/** The problem for a refusal (`not_coorganiser` keeps the area's own 403 message). */
export function partRefusal(refusal: Extract<PartAccess, { ok: false }>['refusal'], detail?: string): AppError {
  switch (refusal) {
    case 'part_not_given':
      return notFound();
    case 'delegation_expired':
      return new AppError(403, 'delegation_expired', '承办基地给本单位的委托已过期，请联系承办基地续期');
    case 'delegation_revoked':
      return new AppError(403, 'delegation_revoked', '承办基地已撤销对本单位的委托');
    case 'delegation_out_of_scope':
      return new AppError(403, 'delegation_out_of_scope', '本单位的受托范围不包括此项工作');
    case 'not_coorganiser':
      return forbidden(detail);
  }
}

/** Throws unless the caller manages `part` of the theme day; notes the host it acts for on `ctx`. */
export function requirePart(
  ctx: Ctx,
  td: Pick<ThemeDayRecord, 'host'>,
  part: ThemeDayPart,
  facts: PartFacts,
  detail?: string,
): void {
  const r = partAccess(ctx.actor, td, part, facts);
  if (!r.ok) throw partRefusal(r.refusal, detail);
  if (r.actingFor && r.via !== 'host') ctx.actingForOrganisationId = r.actingFor;
}
