/**
 * Rows → views of cooperation projects, with the facts the policy needs loaded once for a whole list.
 */
import type { CellValue } from '../../lib/xlsx.ts';
import { CONFIRMATION_LABELS, PROJECT_STAGE_LABELS, PROJECT_TYPE_LABELS } from '../../../common/contracts/projects.ts';
import type {
  FollowUpListItem,
  FollowUpView,
  ProjectSummary,
  ProjectView,
  PublicProjectView,
} from '../../../common/contracts/projects.ts';
import { shanghaiToday } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import { json } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { projectAbilities, type ProjectFacts } from './policy.ts';
import {
  contentAreasOf,
  evidenceOf,
  followUpsOf,
  orgFacts,
  partiesOf,
  supportOrgsOf,
  themeDayFacts,
  type FollowUpRow,
  type PartyRow,
  type ProjectRow,
} from './repository.ts';
import { followUpState, windowOf } from './rules.ts';

/** Everything around a set of projects: parties, organisations, theme days, named support organisations. */
export interface Loaded {
  parties: Map<string, PartyRow[]>;
  orgs: Awaited<ReturnType<typeof orgFacts>>;
  themeDays: Awaited<ReturnType<typeof themeDayFacts>>;
  supportOrgs: Map<string, string[]>;
}

export async function loadAround(db: Executor, rows: ProjectRow[]): Promise<Loaded> {
  const ids = rows.map((r) => r.id);
  const parties = await partiesOf(db, ids);
  const byProject = new Map<string, PartyRow[]>();
  for (const p of parties) byProject.set(p.project_id, [...(byProject.get(p.project_id) ?? []), p]);
  const themeDayIds = [...new Set(rows.map((r) => r.theme_day_id).filter((x): x is string => !!x))];
  const [orgs, themeDays, supportOrgs] = await Promise.all([
    orgFacts(
      db,
      parties.map((p) => p.organisation_id),
    ),
    themeDayFacts(db, themeDayIds),
    supportOrgsOf(db, themeDayIds),
  ]);
  return { parties: byProject, orgs, themeDays, supportOrgs };
}

export function factsOf(r: ProjectRow, l: Loaded): ProjectFacts {
  const parties = l.parties.get(r.id) ?? [];
  return {
    project: r,
    parties,
    partyRegions: parties.map((p) => l.orgs.get(p.organisation_id)?.region_code ?? null),
    themeDay: r.theme_day_id ? (l.themeDays.get(r.theme_day_id) ?? null) : null,
    supportOrganisationIds: r.theme_day_id ? (l.supportOrgs.get(r.theme_day_id) ?? []) : [],
  };
}

const orgRef = (l: Loaded, id: string) => ({ id, name: l.orgs.get(id)?.name ?? '' });

function presentFollowUp(f: FollowUpRow, l: Loaded, today: string): FollowUpView {
  const w = windowOf(f.due_date);
  return {
    organisation: orgRef(l, f.organisation_id),
    point: f.point_months,
    dueDate: f.due_date,
    opensOn: w.opensOn,
    closesOn: w.closesOn,
    state: followUpState(f, today),
    status: f.status,
    receivedAmount: f.received_amount,
    jobsCreated: f.jobs_created,
    milestones: f.milestones,
    problems: f.problems,
    helpNeeded: json.parse<FollowUpView['helpNeeded']>(f.help_needed, []),
    helpNote: f.help_note,
    answeredAt: f.answered_at,
  };
}

function summary(actor: Actor | null, r: ProjectRow, l: Loaded): ProjectSummary {
  const f = factsOf(r, l);
  const parties = l.parties.get(r.id) ?? [];
  const td = f.themeDay;
  return {
    id: r.id,
    themeDay: td ? { id: td.id, title: td.title } : null,
    title: r.title,
    type: r.type,
    contentAreas: contentAreasOf(r),
    chain: r.chain,
    intendedAmount: r.intended_amount,
    contractedAmount: r.contracted_amount,
    receivedAmount: r.received_amount,
    jobsCreated: r.jobs_created,
    stage: r.stage,
    counted: r.stage !== 'candidate' && r.merged_into_id === null,
    declined: parties.some((p) => p.confirmation === 'declined'),
    dates: {
      intentOn: r.intent_on,
      signedOn: r.signed_on,
      startedOn: r.started_on,
      completedOn: r.completed_on,
      terminatedOn: r.terminated_on,
    },
    terminationReason: r.termination_reason,
    source: { type: r.source_type ?? 'manual', id: r.source_id },
    mergedIntoId: r.merged_into_id,
    parties: parties.map((p) => ({
      organisation: orgRef(l, p.organisation_id),
      role: p.role,
      sizeClass: p.size_class,
      kind: p.kind,
      confirmation: p.confirmation,
      declineReason: p.decline_reason,
      confirmedAt: p.confirmed_at,
      publishConsent: p.publish_consent === 1,
      amountsConsent: p.amounts_consent === 1,
    })),
    abilities: projectAbilities(actor, f),
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function presentSummaries(actor: Actor | null, rows: ProjectRow[], l: Loaded): ProjectSummary[] {
  return rows.map((r) => summary(actor, r, l));
}

export async function presentProject(
  db: Executor,
  actor: Actor | null,
  r: ProjectRow,
  now: Date,
): Promise<ProjectView> {
  const l = await loadAround(db, [r]);
  const followUps = await followUpsOf(db, [r.id]);
  const evidence = await evidenceOf(db, r.id);
  const today = shanghaiToday(now);
  return {
    ...summary(actor, r, l),
    description: r.description,
    followUps: followUps.map((f) => presentFollowUp(f, l, today)),
    evidence: evidence.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      size: e.size,
      organisation: orgRef(l, e.organisation_id),
      point: e.point_months,
      uploadedAt: e.created_at,
    })),
  };
}

/** The portal's summary: title, type, parties, stage; amounts only when every party agreed to publish them. */
export function presentPublic(r: ProjectRow, l: Loaded): PublicProjectView {
  const parties = l.parties.get(r.id) ?? [];
  const amounts = parties.every((p) => p.amounts_consent === 1);
  return {
    id: r.id,
    title: r.title,
    type: r.type,
    stage: r.stage,
    parties: parties.map((p) => ({ name: l.orgs.get(p.organisation_id)?.name ?? '', role: p.role })),
    amounts: amounts ? { intended: r.intended_amount, contracted: r.contracted_amount } : null,
  };
}

/** Published: counted, and every party agreed to publish. */
export const isPublished = (r: ProjectRow, l: Loaded): boolean =>
  r.stage !== 'candidate' &&
  r.merged_into_id === null &&
  (l.parties.get(r.id) ?? []).every((p) => p.publish_consent === 1);

/** Follow-ups of the given projects as list items, each with its project and theme day. */
export function presentFollowUpItems(
  rows: ProjectRow[],
  l: Loaded,
  followUps: FollowUpRow[],
  today: string,
): FollowUpListItem[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return followUps.flatMap((f) => {
    const r = byId.get(f.project_id);
    if (!r) return [];
    const td = r.theme_day_id ? l.themeDays.get(r.theme_day_id) : undefined;
    return [
      {
        ...presentFollowUp(f, l, today),
        project: { id: r.id, title: r.title },
        themeDay: td ? { id: td.id, title: td.title } : null,
      },
    ];
  });
}

/** One row of the .xlsx export (PROJECT_EXPORT_HEADER). */
export function projectExportRow(v: ProjectSummary): CellValue[] {
  const lead = v.parties.filter((p) => p.role === 'lead').map((p) => p.organisation.name);
  const others = v.parties.filter((p) => p.role !== 'lead').map((p) => p.organisation.name);
  return [
    v.title,
    v.themeDay?.title ?? '',
    PROJECT_TYPE_LABELS[v.type],
    PROJECT_STAGE_LABELS[v.stage],
    lead.join('、'),
    others.join('、'),
    v.intendedAmount ?? '',
    v.contractedAmount ?? '',
    v.receivedAmount ?? '',
    v.jobsCreated ?? '',
    v.dates.intentOn ?? '',
    v.dates.signedOn ?? '',
    v.parties.map((p) => `${p.organisation.name}：${CONFIRMATION_LABELS[p.confirmation]}`).join('；'),
  ];
}
