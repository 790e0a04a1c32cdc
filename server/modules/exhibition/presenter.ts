/** Booth and contact-request rows → API payloads with explicit fields and the caller's abilities. */
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import {
  myContactRequest,
  resolveItems,
  type BoothWithOrg,
  type ContactRequestJoined,
  type ItemRef,
} from './repository.ts';
import { boothAbilities, canSeeBoothInternals, canSeeContact, isExhibitor } from './policy.ts';
import type { BoothView, ContactRequestView } from '../../../common/contracts/exhibition.ts';

/** A booth as the caller sees it; `staff` is whether they run its theme day. */
export async function presentBooth(
  db: Executor,
  actor: Actor | null,
  b: BoothWithOrg,
  staff: boolean,
): Promise<BoothView> {
  const internals = canSeeBoothInternals(actor, b, staff);
  const mine = actor ? ((await myContactRequest(db, b.id, actor.userId)) ?? null) : null;
  const items = (await resolveItems(db, json.parse<ItemRef[]>(b.items, []))).filter((i) => i.public || internals);
  return {
    id: b.id,
    themeDay: { id: b.theme_day_id, title: b.theme_day_title },
    organisation: { id: b.organisation_id, name: b.organisation_name },
    title: b.title,
    intro: b.intro,
    items: items.map((i) => ({ type: i.type, id: i.id, title: i.title, public: i.public })),
    status: b.status,
    reviewNote: internals ? b.review_note : null,
    contact: canSeeContact(actor, b, staff, mine)
      ? { name: b.contact_name, phone: b.contact_phone, email: b.contact_email }
      : null,
    myRequest: mine ? { id: mine.id, status: mine.status } : null,
    createdAt: b.created_at,
    updatedAt: b.updated_at,
    abilities: boothAbilities(actor, b, staff, mine),
  };
}

export function presentContactRequest(actor: Actor, r: ContactRequestJoined): ContactRequestView {
  return {
    id: r.id,
    booth: { id: r.booth_id, title: r.booth_title, organisationName: r.booth_org_name },
    requester: { id: r.requester_user_id, name: r.requester_name, organisationName: r.requester_org_name },
    message: r.message,
    status: r.status,
    decidedAt: r.decided_at,
    createdAt: r.created_at,
    abilities: { decide: isExhibitor(actor, { organisation_id: r.booth_org_id }) && r.status === 'pending' },
  };
}
