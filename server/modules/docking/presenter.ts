/** Turns alliance and docking-session rows into API payloads with explicit fields and the caller's abilities. */
import {
  ALLIANCE_MEMBER_STATUS_LABELS,
  DOCKING_KIND_LABELS,
  type AgendaItem,
  type AllianceView,
  type DockingView,
} from '../../../common/contracts/docking.ts';
import { json, type Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { orgRefs, themeDayRefs } from '../../lib/sql.ts';
import { allianceAbilities, sessionAbilities } from './policy.ts';
import { canManagePart } from '../themedays/policy.ts';
import { getThemeDay } from '../themedays/repository.ts';
import { loadPartFacts } from '../coorganisers/repository.ts';

/** The theme days (of `ids`) whose docking part the actor manages besides being an organiser (host, co-organiser). */
async function docksThemeDays(
  db: Executor,
  actor: Actor | null,
  ids: (string | null)[],
  now: Date,
): Promise<Set<string>> {
  const out = new Set<string>();
  if (!actor) return out;
  for (const id of new Set(ids.filter((x): x is string => !!x))) {
    const td = await getThemeDay(db, id);
    if (td && canManagePart(actor, td, 'docking', await loadPartFacts(db, td, now))) out.add(id);
  }
  return out;
}
import { allianceMembers, type AllianceRow, type DockingSessionRow } from './repository.ts';

/**
 * Presents alliances with their accepted members (founder first, then in joining order) in three batched
 * look-ups; the founder also sees its pending and declined invitations, an invited organisation its own.
 */
export async function presentAlliances(
  db: Executor,
  actor: Actor | null,
  rows: AllianceRow[],
): Promise<AllianceView[]> {
  const members = await allianceMembers(
    db,
    rows.map((r) => r.id),
  );
  const [orgs, tds] = await Promise.all([
    orgRefs(db, [...rows.map((r) => r.organisation_id), ...members.map((m) => m.organisation_id)]),
    themeDayRefs(
      db,
      rows.map((r) => r.theme_day_id),
    ),
  ]);
  return rows.map((a) => {
    const all = members.filter((m) => m.alliance_id === a.id);
    const mine = actor?.organisationId ? all.find((m) => m.organisation_id === actor.organisationId) : undefined;
    const abilities = allianceAbilities(actor, a, mine?.status);
    return {
      id: a.id,
      founder: orgs(a.organisation_id),
      themeDay: tds(a.theme_day_id),
      name: a.name,
      fieldCode: a.field_code,
      charter: a.charter,
      // An invitation is not a membership: only accepted members show.
      members: all
        .filter((m) => m.status === 'accepted')
        .sort(
          (x, y) => Number(y.organisation_id === a.organisation_id) - Number(x.organisation_id === a.organisation_id),
        )
        .map((m) => ({
          organisation: orgs(m.organisation_id),
          role: m.role,
          joinedAt: m.joined_at,
        })),
      invitations: abilities.manageMembers
        ? all.flatMap((m) =>
            m.status === 'accepted'
              ? []
              : [
                  {
                    organisation: orgs(m.organisation_id),
                    role: m.role,
                    status: m.status,
                    statusLabel: ALLIANCE_MEMBER_STATUS_LABELS[m.status],
                    invitedAt: m.joined_at,
                    respondedAt: m.responded_at,
                  },
                ],
          )
        : [],
      myInvitation: mine?.status === 'invited' ? { role: mine.role, invitedAt: mine.joined_at } : null,
      createdAt: a.created_at,
      updatedAt: a.updated_at,
      abilities,
    };
  });
}

export async function presentAlliance(db: Executor, actor: Actor | null, row: AllianceRow): Promise<AllianceView> {
  const [view] = await presentAlliances(db, actor, [row]);
  return view!;
}

export async function presentSessions(
  db: Executor,
  actor: Actor | null,
  rows: DockingSessionRow[],
  now: Date = new Date(),
): Promise<DockingView[]> {
  const docks = await docksThemeDays(
    db,
    actor,
    rows.map((r) => r.theme_day_id),
    now,
  );
  const [orgs, tds] = await Promise.all([
    orgRefs(
      db,
      rows.map((r) => r.organisation_id),
    ),
    themeDayRefs(
      db,
      rows.map((r) => r.theme_day_id),
    ),
  ]);
  return rows.map((s) => ({
    id: s.id,
    organiser: orgs(s.organisation_id),
    themeDay: tds(s.theme_day_id),
    kind: s.kind,
    kindLabel: DOCKING_KIND_LABELS[s.kind] ?? s.kind,
    title: s.title,
    description: s.description,
    agenda: json.parse<AgendaItem[]>(s.agenda, []),
    startsAt: s.starts_at,
    endsAt: s.ends_at,
    venue: s.venue,
    onlineLink: s.online_link,
    registration: s.event_session_id
      ? { eventSessionId: s.event_session_id, path: `/api/event-sessions/${s.event_session_id}/registrations` }
      : null,
    createdAt: s.created_at,
    updatedAt: s.updated_at,
    abilities: sessionAbilities(actor, s, !!s.theme_day_id && docks.has(s.theme_day_id)),
  }));
}

export async function presentSession(
  db: Executor,
  actor: Actor | null,
  row: DockingSessionRow,
  now: Date = new Date(),
): Promise<DockingView> {
  const [view] = await presentSessions(db, actor, [row], now);
  return view!;
}
