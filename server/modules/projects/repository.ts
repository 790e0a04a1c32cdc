/**
 * SQL of cooperation projects, their parties, follow-ups and reminders. Every function takes `db | trx` first.
 */
import type { SourceType } from '../../../common/contracts/projects.ts';
import type { Executor } from '../../db/index.ts';
import type { OrgFacts } from '../../lib/acting.ts';
import type { Selectable } from 'kysely';
import type {
  CooperationProjectTable,
  ProjectEvidenceTable,
  ProjectFollowUpTable,
  ProjectPartyTable,
} from '../../db/schema.ts';
import { json } from '../../db/index.ts';

export type ProjectRow = Selectable<CooperationProjectTable>;
export type PartyRow = Selectable<ProjectPartyTable>;
export type FollowUpRow = Selectable<ProjectFollowUpTable>;

/** pg returns bigint as Number (server/db/index.ts); SQLite returns integers as numbers already. */
const int = (v: number | string | null): number | null => (v === null ? null : Number(v));

function normalise(r: ProjectRow): ProjectRow {
  return {
    ...r,
    intended_amount: int(r.intended_amount),
    contracted_amount: int(r.contracted_amount),
    received_amount: int(r.received_amount),
    jobs_created: int(r.jobs_created),
  };
}
function normaliseFollowUp(r: FollowUpRow): FollowUpRow {
  return {
    ...r,
    point_months: Number(r.point_months),
    received_amount: int(r.received_amount),
    jobs_created: int(r.jobs_created),
  };
}
function normaliseParty(r: PartyRow): PartyRow {
  return { ...r, publish_consent: Number(r.publish_consent), amounts_consent: Number(r.amounts_consent) };
}

export const contentAreasOf = (r: Pick<ProjectRow, 'content_areas'>): string[] =>
  json.parse<string[]>(r.content_areas, []);

export async function getProject(db: Executor, id: string): Promise<ProjectRow | undefined> {
  const r = await db.selectFrom('cooperation_projects').selectAll().where('id', '=', id).executeTakeFirst();
  return r ? normalise(r) : undefined;
}

export async function projectBySource(
  db: Executor,
  sourceType: SourceType,
  sourceId: string,
): Promise<ProjectRow | undefined> {
  const r = await db
    .selectFrom('cooperation_projects')
    .selectAll()
    .where('source_type', '=', sourceType)
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return r ? normalise(r) : undefined;
}

/**
 * Inserts a project unless one with the same source exists (`on conflict do nothing`, which on PostgreSQL
 * waits for a concurrent insert of the same key and does not abort the surrounding transaction). True when
 * this call inserted the row.
 */
export async function insertProjectOnce(db: Executor, row: ProjectRow): Promise<boolean> {
  const r = await db
    .insertInto('cooperation_projects')
    .values(row)
    .onConflict((oc) => oc.columns(['source_type', 'source_id']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function updateProjectRow(db: Executor, id: string, changes: Partial<ProjectRow>): Promise<void> {
  await db.updateTable('cooperation_projects').set(changes).where('id', '=', id).execute();
}

/** Moves the stage only from `from` (a guard against two concurrent transitions); true when moved. */
export async function moveStage(
  db: Executor,
  id: string,
  from: ProjectRow['stage'],
  changes: Partial<ProjectRow>,
): Promise<boolean> {
  const r = await db
    .updateTable('cooperation_projects')
    .set(changes)
    .where('id', '=', id)
    .where('stage', '=', from)
    .where('merged_into_id', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function insertParties(db: Executor, rows: PartyRow[]): Promise<void> {
  if (rows.length) await db.insertInto('project_parties').values(rows).execute();
}

export async function partiesOf(db: Executor, projectIds: string[]): Promise<PartyRow[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('project_parties')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('created_at')
    .orderBy('role')
    .orderBy('id')
    .execute();
  return rows.map(normaliseParty);
}

export async function updateParty(db: Executor, id: string, changes: Partial<PartyRow>): Promise<void> {
  await db.updateTable('project_parties').set(changes).where('id', '=', id).execute();
}

export async function deletePartiesOf(db: Executor, projectId: string): Promise<void> {
  await db.deleteFrom('project_parties').where('project_id', '=', projectId).execute();
}

export async function followUpsOf(db: Executor, projectIds: string[]): Promise<FollowUpRow[]> {
  if (!projectIds.length) return [];
  const rows = await db
    .selectFrom('project_follow_ups')
    .selectAll()
    .where('project_id', 'in', projectIds)
    .orderBy('point_months')
    .orderBy('organisation_id')
    .execute();
  return rows.map(normaliseFollowUp);
}

export async function insertFollowUps(db: Executor, rows: FollowUpRow[]): Promise<void> {
  if (rows.length) await db.insertInto('project_follow_ups').values(rows).execute();
}

export async function getFollowUp(
  db: Executor,
  projectId: string,
  organisationId: string,
  point: number,
): Promise<FollowUpRow | undefined> {
  const r = await db
    .selectFrom('project_follow_ups')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('organisation_id', '=', organisationId)
    .where('point_months', '=', point)
    .executeTakeFirst();
  return r ? normaliseFollowUp(r) : undefined;
}

export async function updateFollowUp(db: Executor, id: string, changes: Partial<FollowUpRow>): Promise<void> {
  await db.updateTable('project_follow_ups').set(changes).where('id', '=', id).execute();
}

/** The facts of a theme day the scoping needs: host organisation, region, supervising department, programme. */
export interface ThemeDayFacts {
  id: string;
  title: string;
  programmeId: string;
  year: number;
  rules: string;
  hostBaseId: string;
  hostName: string;
  hostOrganisationId: string | null;
  hostRegionCode: string;
  hostDepartment: string | null;
}

export async function themeDayFacts(db: Executor, ids: Iterable<string | null>): Promise<Map<string, ThemeDayFacts>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (!list.length) return new Map();
  const rows = await db
    .selectFrom('theme_days as t')
    .innerJoin('bases as b', 'b.id', 't.base_id')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .select([
      't.id',
      't.title',
      't.programme_id',
      'p.year',
      'p.rules',
      'b.id as base_id',
      'b.short_name',
      'b.organisation_id',
      'b.region_code',
      'b.supervising_department',
    ])
    .where('t.id', 'in', list)
    .execute();
  return new Map(
    rows.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        programmeId: r.programme_id,
        year: Number(r.year),
        rules: r.rules,
        hostBaseId: r.base_id,
        hostName: r.short_name,
        hostOrganisationId: r.organisation_id,
        hostRegionCode: r.region_code,
        hostDepartment: r.supervising_department,
      },
    ]),
  );
}

/** Support organisations named by the activity plans of these theme days. */
export async function supportOrgsOf(db: Executor, themeDayIds: string[]): Promise<Map<string, string[]>> {
  if (!themeDayIds.length) return new Map();
  const rows = await db
    .selectFrom('activity_plans')
    .select(['theme_day_id', 'content'])
    .where('theme_day_id', 'in', themeDayIds)
    .execute();
  return new Map(
    rows.map((r) => {
      const c = json.parse<{ supportOrganisationIds?: unknown }>(r.content, {});
      const ids = Array.isArray(c.supportOrganisationIds)
        ? c.supportOrganisationIds.filter((x): x is string => typeof x === 'string')
        : [];
      return [r.theme_day_id, ids];
    }),
  );
}

/** The party organisations' facts (name, kind, size class, region), by id. */
export async function orgFacts(db: Executor, ids: Iterable<string>): Promise<Map<string, OrgFacts>> {
  const list = [...new Set(ids)];
  if (!list.length) return new Map();
  const rows = await db
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'size_class', 'region_code'])
    .where('id', 'in', list)
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** The department code of an organisation (a department reviewer's remit). */
export async function departmentOf(db: Executor, organisationId: string | null): Promise<string | null> {
  if (!organisationId) return null;
  const r = await db
    .selectFrom('organisations')
    .select('department_code')
    .where('id', '=', organisationId)
    .executeTakeFirst();
  return r?.department_code ?? null;
}

export interface ProjectFilter {
  themeDayId?: string | undefined;
  programmeId?: string | undefined;
  year?: number | undefined;
  stage?: ProjectRow['stage'] | undefined;
  type?: ProjectRow['type'] | undefined;
  /** Only projects in which this organisation is a party. */
  partyOrganisationId?: string | undefined;
}

/**
 * Every project (not merged away) matching the filter, newest first. Scoping by what the caller may see
 * happens in code on these rows (policy.ts), the same for lists and for the numbers.
 */
export async function findProjects(
  db: Executor,
  f: ProjectFilter,
  order: 'asc' | 'desc' = 'desc',
): Promise<ProjectRow[]> {
  let q = db.selectFrom('cooperation_projects as c').selectAll('c').where('c.merged_into_id', 'is', null);
  if (f.themeDayId) q = q.where('c.theme_day_id', '=', f.themeDayId);
  if (f.programmeId || f.year !== undefined) {
    const { programmeId, year } = f;
    q = q.where((eb) => {
      let sub = eb
        .selectFrom('theme_days as t')
        .innerJoin('programmes as p', 'p.id', 't.programme_id')
        .select('t.id')
        .whereRef('t.id', '=', 'c.theme_day_id');
      if (programmeId) sub = sub.where('t.programme_id', '=', programmeId);
      if (year !== undefined) sub = sub.where('p.year', '=', year);
      return eb.exists(sub);
    });
  }
  if (f.stage) q = q.where('c.stage', '=', f.stage);
  if (f.type) q = q.where('c.type', '=', f.type);
  if (f.partyOrganisationId) {
    const org = f.partyOrganisationId;
    q = q.where((eb) =>
      eb.exists(
        eb
          .selectFrom('project_parties as pp')
          .select('pp.id')
          .whereRef('pp.project_id', '=', 'c.id')
          .where('pp.organisation_id', '=', org),
      ),
    );
  }
  const rows = await q.orderBy('c.created_at', order).orderBy('c.id', order).execute();
  return rows.map(normalise);
}

/** Unanswered follow-ups of live projects due on or before `until` (Shanghai date), with their project's title. */
export async function unansweredFollowUpsDueBy(db: Executor, until: string) {
  const rows = await db
    .selectFrom('project_follow_ups as f')
    .innerJoin('cooperation_projects as c', 'c.id', 'f.project_id')
    .select(['f.id', 'f.project_id', 'f.organisation_id', 'f.point_months', 'f.due_date', 'c.title', 'c.theme_day_id'])
    .where('f.status', 'is', null)
    .where('f.due_date', '<=', until)
    .where('c.merged_into_id', 'is', null)
    .orderBy('f.due_date')
    .orderBy('f.id')
    .execute();
  return rows.map((r) => ({ ...r, point_months: Number(r.point_months) }));
}

export async function remindersOf(db: Executor, followUpIds: string[]): Promise<Set<string>> {
  if (!followUpIds.length) return new Set();
  const rows = await db
    .selectFrom('project_follow_up_reminders')
    .select(['follow_up_id', 'kind'])
    .where('follow_up_id', 'in', followUpIds)
    .execute();
  return new Set(rows.map((r) => `${r.follow_up_id}:${r.kind}`));
}

/** Records that a reminder was sent; false when it had been recorded already (by this or another app server). */
export async function recordReminder(
  db: Executor,
  row: { id: string; follow_up_id: string; kind: 'd14' | 'd1' | 'overdue'; sent_at: string },
): Promise<boolean> {
  const r = await db
    .insertInto('project_follow_up_reminders')
    .values(row)
    .onConflict((oc) => oc.columns(['follow_up_id', 'kind']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

/** Meeting participants' organisations and the session's theme day (the meeting signal). */
export async function meetingFacts(db: Executor, meetingId: string) {
  const m = await db
    .selectFrom('meetings as m')
    .innerJoin('meeting_sessions as s', 's.id', 'm.session_id')
    .innerJoin('meeting_participants as a', 'a.id', 'm.participant_a_id')
    .innerJoin('meeting_participants as b', 'b.id', 'm.participant_b_id')
    .select([
      'm.id',
      'm.status',
      's.theme_day_id',
      's.title as session_title',
      'a.organisation_id as org_a',
      'b.organisation_id as org_b',
    ])
    .where('m.id', '=', meetingId)
    .executeTakeFirst();
  return m;
}

export type EvidenceRow = Selectable<ProjectEvidenceTable>;

export async function evidenceOf(db: Executor, projectId: string): Promise<EvidenceRow[]> {
  const rows = await db
    .selectFrom('project_evidence')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    ...r,
    size: Number(r.size),
    point_months: r.point_months === null ? null : Number(r.point_months),
  }));
}

export async function insertEvidence(db: Executor, row: EvidenceRow): Promise<void> {
  await db.insertInto('project_evidence').values(row).execute();
}

// ----- signal facts (issue 10): what a candidate needs from each source record, read inside its transaction -----

export async function demandResponseFacts(db: Executor, responseId: string) {
  return db
    .selectFrom('demand_responses as r')
    .innerJoin('demands as d', 'd.id', 'r.demand_id')
    .select([
      'r.id',
      'r.status',
      'r.organisation_id as responder_org',
      'd.organisation_id as publisher_org',
      'd.title',
      'd.theme_day_id',
      'd.cooperation_mode',
    ])
    .where('r.id', '=', responseId)
    .executeTakeFirst();
}

export async function consortiumFacts(db: Executor, consortiumId: string) {
  const c = await db
    .selectFrom('consortia as c')
    .innerJoin('demands as d', 'd.id', 'c.demand_id')
    .select(['c.id', 'c.status', 'c.name', 'c.organisation_id as lead_org', 'd.theme_day_id'])
    .where('c.id', '=', consortiumId)
    .executeTakeFirst();
  if (!c) return undefined;
  const members = await db
    .selectFrom('consortium_members')
    .select('organisation_id')
    .where('consortium_id', '=', consortiumId)
    .orderBy('id')
    .execute();
  return { ...c, member_orgs: members.map((m) => m.organisation_id) };
}

export async function resultApplicationFacts(db: Executor, applicationId: string) {
  return db
    .selectFrom('result_applications as a')
    .innerJoin('results as r', 'r.id', 'a.result_id')
    .select([
      'a.id',
      'a.status',
      'a.organisation_id as applicant_org',
      'r.organisation_id as owner_org',
      'r.title',
      'r.theme_day_id',
      'r.transfer_mode',
    ])
    .where('a.id', '=', applicationId)
    .executeTakeFirst();
}

export async function resourceRequestFacts(db: Executor, requestId: string) {
  return db
    .selectFrom('resource_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .select([
      'q.id',
      'q.status',
      'q.organisation_id as requester_org',
      'r.organisation_id as owner_org',
      'r.title',
      'r.theme_day_id',
    ])
    .where('q.id', '=', requestId)
    .executeTakeFirst();
}

export async function roadshowIntentFacts(db: Executor, scoreId: string) {
  const r = await db
    .selectFrom('roadshow_scores as s')
    .innerJoin('roadshow_judges as j', 'j.id', 's.judge_id')
    .innerJoin('roadshow_projects as p', 'p.id', 's.project_id')
    .innerJoin('roadshows as r', 'r.id', 's.roadshow_id')
    .innerJoin('event_sessions as e', 'e.id', 'r.session_id')
    .select([
      's.id',
      's.intent_to_sign',
      'j.organisation_id as investor_org',
      'p.organisation_id as project_org',
      'p.name',
      'e.theme_day_id',
    ])
    .where('s.id', '=', scoreId)
    .executeTakeFirst();
  return r ? { ...r, intent_to_sign: Number(r.intent_to_sign) } : undefined;
}

export async function boothContactFacts(db: Executor, requestId: string) {
  return db
    .selectFrom('exhibition_contact_requests as q')
    .innerJoin('exhibition_booths as b', 'b.id', 'q.booth_id')
    .select([
      'q.id',
      'q.status',
      'q.requester_organisation_id as requester_org',
      'b.organisation_id as exhibitor_org',
      'b.title',
      'b.theme_day_id',
    ])
    .where('q.id', '=', requestId)
    .executeTakeFirst();
}
