/**
 * Cooperation-project commands (issue 10; 417号 三(四) "促成合作项目的多少、搭建合作机制稳定程度"). Each opens its own
 * transaction with its audit and notifications, except `proposeFromSource`, which runs inside the transaction
 * of the signal that creates the candidate (e.g. a 1:1 meeting outcome).
 *
 * The handshake: a project is proposed with two or more parties; every party confirms (or declines with a
 * reason); only when all have confirmed does it leave `candidate` and count. One source record yields at most
 * one project: the unique (source_type, source_id) key with `on conflict do nothing`, so two parties proposing
 * the same source in the same second get the same project.
 */
import { PARTY_ACTING_ROLES } from './policy.ts';
import type {
  ConfirmBody,
  ConsentBody,
  FollowUpBody,
  ProjectBody,
  ProjectUpdateBody,
  SourceType,
  StageBody,
} from '../../../common/contracts/projects.ts';
import { PROJECT_STAGE_LABELS } from '../../../common/contracts/projects.ts';
import { links } from '../../../common/links.ts';
import { addDays, shanghaiToday } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import { forUpdate, json } from '../../db/index.ts';
import { join } from 'node:path';
import { sniffAttachment, storeUpload } from '../../lib/attachments.ts';
import { markFollowed } from '../search/impressions.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError, invalidState, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { getMeeting, getSession } from '../meetings/repository.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import {
  evidenceOf,
  getFollowUp,
  insertEvidence,
  getProject,
  insertFollowUps,
  insertParties,
  insertProjectOnce,
  meetingFacts,
  moveStage,
  orgFacts,
  partiesOf,
  projectBySource,
  recordReminder,
  remindersOf,
  themeDayFacts,
  unansweredFollowUpsDueBy,
  updateFollowUp,
  updateParty,
  updateProjectRow,
  type FollowUpRow,
  type PartyRow,
  type ProjectRow,
  type ThemeDayFacts,
} from './repository.ts';
import { followUpDueDate, rulesOf, windowOf } from './rules.ts';

const partyUsers = (db: Executor, orgIds: string[]) => usersWithRole(db, orgIds, PARTY_ACTING_ROLES);

interface PartySpec {
  organisationId: string;
  role: PartyRow['role'];
}

/** Checks the parties: distinct, known organisations, at least two, one lead. */
async function checkParties(db: Executor, parties: PartySpec[]): Promise<void> {
  const ids = parties.map((p) => p.organisationId);
  if (new Set(ids).size !== ids.length)
    throw fieldError(422, 'duplicate_party', 'parties', '同一单位不能重复列为合作方');
  if (ids.length < 2) throw fieldError(422, 'parties_too_few', 'parties', '合作项目至少需要两方');
  if (!parties.some((p) => p.role === 'lead'))
    throw fieldError(422, 'lead_required', 'parties', '请指定至少一个牵头单位');
  const known = await orgFacts(db, ids);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length) throw fieldError(422, 'unknown_organisation', 'parties', '合作方中有不存在的单位');
}

function checkAreas(themeDay: ThemeDayFacts | null, areas: string[]): void {
  const keys = new Set(rulesOf(themeDay?.rules).contentAreas.map((a) => a.key));
  const bad = areas.find((a) => !keys.has(a));
  if (bad) throw fieldError(422, 'unknown_content_area', 'contentAreas', `内容板块不存在：${bad}`);
}

function projectRow(p: {
  now: string;
  themeDayId: string | null;
  title: string;
  description?: string | null | undefined;
  type: ProjectRow['type'];
  contentAreas: string[];
  chain?: ProjectRow['chain'] | undefined;
  intendedAmount?: number | null | undefined;
  jobsCreated?: number | null | undefined;
  sourceType: SourceType;
  sourceId: string | null;
  proposedByOrgId: string | null;
  createdBy: string | null;
}): ProjectRow {
  return {
    id: newId(),
    theme_day_id: p.themeDayId,
    title: p.title,
    description: p.description ?? null,
    type: p.type,
    content_areas: json.stringify([...new Set(p.contentAreas)]),
    chain: p.chain ?? null,
    intended_amount: p.intendedAmount ?? null,
    contracted_amount: null,
    received_amount: null,
    jobs_created: p.jobsCreated ?? null,
    stage: 'candidate',
    intent_on: null,
    signed_on: null,
    started_on: null,
    completed_on: null,
    terminated_on: null,
    termination_reason: null,
    source_type: p.sourceType,
    source_id: p.sourceId,
    merged_into_id: null,
    proposed_by_org_id: p.proposedByOrgId,
    created_by: p.createdBy,
    created_at: p.now,
    updated_at: p.now,
  };
}

const partyRows = (
  projectId: string,
  parties: PartySpec[],
  now: string,
  confirmedOrg: string | null,
  userId: string | null,
): PartyRow[] =>
  parties.map((p) => ({
    id: newId(),
    project_id: projectId,
    organisation_id: p.organisationId,
    role: p.role,
    size_class: null,
    kind: null,
    confirmation: p.organisationId === confirmedOrg ? 'confirmed' : 'pending',
    decline_reason: null,
    confirmed_by: p.organisationId === confirmedOrg ? userId : null,
    confirmed_at: p.organisationId === confirmedOrg ? now : null,
    publish_consent: 0,
    amounts_consent: 0,
    created_at: now,
    updated_at: now,
  }));

async function notifyCandidate(
  db: Executor,
  ctx: Ctx,
  project: Pick<ProjectRow, 'id' | 'title'>,
  orgIds: string[],
): Promise<void> {
  if (!orgIds.length) return;
  await notifyUsers(
    db,
    await partyUsers(db, orgIds),
    {
      kind: 'project_candidate',
      title: `请确认合作项目：${project.title}`,
      body: '合作各方均确认后，该项目方计入主题日成果。',
      link: links.project(project.id),
    },
    ctx.clock.now(),
  );
}

/** Recommendations between two parties of a new project count as followed (issue 14). */
async function followedByProject(trx: Executor, ctx: Ctx, projectId: string, parties: PartySpec[]): Promise<void> {
  const orgs = parties.map((p) => p.organisationId);
  await markFollowed(trx, {
    kind: 'project',
    ref: projectId,
    now: ctx.clock.now(),
    viewerOrgIds: orgs,
    itemOrgIds: orgs,
  });
}

/**
 * Files a project by hand. A party files for itself (and is taken as confirmed); the host base's staff file
 * for its theme day's parties (every party confirms). `proposerOrgId` is the acting party, or null for host staff.
 */
export async function createProject(
  ctx: Ctx,
  props: { body: ProjectBody; themeDay: ThemeDayFacts | null; proposerOrgId: string | null },
): Promise<string> {
  const actor = requireActor(ctx);
  const { body, themeDay, proposerOrgId } = props;
  checkAreas(themeDay, body.contentAreas);
  const now = nowIso(ctx.clock.now());
  return ctx.db.transaction().execute(async (trx) => {
    await checkParties(trx, body.parties);
    const row = projectRow({
      ...body,
      now,
      themeDayId: themeDay?.id ?? null,
      sourceType: 'manual',
      sourceId: null,
      proposedByOrgId: proposerOrgId,
      createdBy: actor.userId,
    });
    await insertProjectOnce(trx, row);
    const parties = partyRows(row.id, body.parties, now, proposerOrgId, actor.userId);
    await insertParties(trx, parties);
    await followedByProject(trx, ctx, row.id, body.parties);
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: row.id,
      action: 'propose',
      after: { ...row, parties: body.parties },
    });
    await notifyCandidate(
      trx,
      ctx,
      row,
      parties.filter((p) => p.confirmation === 'pending').map((p) => p.organisation_id),
    );
    return row.id;
  });
}

/**
 * Turns a signal into a candidate for its parties, inside the caller's transaction. Idempotent per
 * (sourceType, sourceId): a second call (or a concurrent one) returns the existing project (followed through
 * a merge). Nobody is taken as confirmed: a signal is not a handshake.
 */
export async function proposeFromSource(
  trx: Executor,
  ctx: Ctx,
  props: {
    sourceType: Exclude<SourceType, 'manual'>;
    sourceId: string;
    themeDayId: string | null;
    title: string;
    type: ProjectRow['type'];
    contentAreas: string[];
    parties: PartySpec[];
  },
): Promise<{ id: string; created: boolean }> {
  const existing = await projectBySource(trx, props.sourceType, props.sourceId);
  if (existing) return { id: existing.merged_into_id ?? existing.id, created: false };
  const now = nowIso(ctx.clock.now());
  const row = projectRow({
    ...props,
    now,
    sourceId: props.sourceId,
    proposedByOrgId: null,
    createdBy: ctx.actor?.userId ?? null,
  });
  if (!(await insertProjectOnce(trx, row))) {
    const winner = await projectBySource(trx, props.sourceType, props.sourceId);
    if (!winner) throw new AppError(500, 'internal_error');
    return { id: winner.merged_into_id ?? winner.id, created: false };
  }
  await insertParties(trx, partyRows(row.id, props.parties, now, null, null));
  await followedByProject(trx, ctx, row.id, props.parties);
  await audit(trx, ctx, {
    entityType: 'cooperation_project',
    entityId: row.id,
    action: 'propose_from_source',
    after: { ...row, parties: props.parties },
  });
  await notifyCandidate(
    trx,
    ctx,
    row,
    props.parties.map((p) => p.organisationId),
  );
  return { id: row.id, created: true };
}

/**
 * The 1:1 meeting signal (一对一洽谈 "有合作可能"): a candidate for the two organisations that met. Called by the
 * meetings module where the outcome is recorded, and by `proposeSource` below. Null when the two participants
 * belong to the same organisation (nothing to broker).
 */
export async function proposeFromMeeting(
  trx: Executor,
  ctx: Ctx,
  props: { meetingId: string },
): Promise<{ id: string; created: boolean } | null> {
  const m = await meetingFacts(trx, props.meetingId);
  if (!m || m.org_a === m.org_b) return null;
  const names = await orgFacts(trx, [m.org_a, m.org_b]);
  const a = names.get(m.org_a)?.name ?? '';
  const b = names.get(m.org_b)?.name ?? '';
  return proposeFromSource(trx, ctx, {
    sourceType: 'meeting',
    sourceId: m.id,
    themeDayId: m.theme_day_id,
    // "…（华晟通信专场洽谈）", not "…洽谈会洽谈" when the session's own title already names the meeting.
    title: `${a}与${b}合作（${/洽谈(会)?$/.test(m.session_title) ? m.session_title : `${m.session_title}洽谈`}）`,
    type: 'other',
    contentAreas: ['deep_docking'],
    parties: [
      { organisationId: m.org_a, role: 'lead' },
      { organisationId: m.org_b, role: 'participant' },
    ],
  });
}

/** A party asks for the candidate of a signal it took part in (only the meeting signal today). */
export async function proposeSource(
  ctx: Ctx,
  props: { sourceType: SourceType; sourceId: string; actingOrgId: string },
): Promise<string> {
  if (props.sourceType !== 'meeting')
    throw fieldError(422, 'source_type_unsupported', 'sourceType', '暂不支持从该来源生成合作项目');
  return ctx.db.transaction().execute(async (trx) => {
    const m = await meetingFacts(trx, props.sourceId);
    // Not one of its meetings: it does not exist for this caller.
    if (!m || (m.org_a !== props.actingOrgId && m.org_b !== props.actingOrgId)) throw notFound();
    if (m.status !== 'scheduled') throw new AppError(409, 'source_not_eligible', '该洽谈未举行，不能生成合作项目');
    // Like the outcome itself (meetings module), only once the meeting is over.
    const meeting = await getMeeting(trx, m.id);
    const session = meeting ? await getSession(trx, meeting.sessionId) : undefined;
    const slot = meeting?.slotIndex != null ? session?.slots[meeting.slotIndex] : undefined;
    if (!slot || slot.endsAt > nowIso(ctx.clock.now()))
      throw new AppError(409, 'source_not_eligible', '洽谈结束后方可据此生成合作项目');
    const r = await proposeFromMeeting(trx, ctx, { meetingId: m.id });
    if (!r) throw new AppError(409, 'source_not_eligible', '同一单位之间的洽谈不能生成合作项目');
    return r.id;
  });
}

async function loadLive(db: Executor, id: string): Promise<ProjectRow> {
  const p = await getProject(db, id);
  if (!p) throw notFound();
  if (p.merged_into_id) throw new AppError(409, 'project_merged', '该项目已合并到另一个项目');
  return p;
}

/** A party confirms; when the last party confirms, the project leaves `candidate` (意向) and counts. */
export async function confirmProject(
  ctx: Ctx,
  props: { projectId: string; organisationId: string; body: ConfirmBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const now = nowIso(ctx.clock.now());
  const today = shanghaiToday(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const p = await loadLive(trx, props.projectId);
    if (p.stage !== 'candidate') throw new AppError(409, 'already_confirmed', '该项目已由各方确认');
    const parties = await partiesOf(trx, [p.id]);
    const mine = parties.find((x) => x.organisation_id === props.organisationId);
    if (!mine) throw notFound();
    if (mine.confirmation === 'confirmed') throw new AppError(409, 'already_confirmed', '本单位已确认该项目');
    await updateParty(trx, mine.id, {
      confirmation: 'confirmed',
      decline_reason: null,
      confirmed_by: actor.userId,
      confirmed_at: now,
      publish_consent: props.body.publishConsent ? 1 : 0,
      amounts_consent: props.body.amountsConsent ? 1 : 0,
      updated_at: now,
    });
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: p.id,
      action: 'confirm',
      before: { confirmation: mine.confirmation },
      after: { organisationId: mine.organisation_id, ...props.body },
    });
    const allConfirmed = parties.every((x) => x.id === mine.id || x.confirmation === 'confirmed');
    if (allConfirmed) {
      if (!(await moveStage(trx, p.id, 'candidate', { stage: 'intent', intent_on: today, updated_at: now })))
        throw invalidState('项目状态已变化，请刷新');
      await audit(trx, ctx, {
        entityType: 'cooperation_project',
        entityId: p.id,
        action: 'counted',
        before: { stage: 'candidate' },
        after: { stage: 'intent', intentOn: today },
      });
      await notifyUsers(
        trx,
        await partyUsers(
          trx,
          parties.map((x) => x.organisation_id),
        ),
        {
          kind: 'project_confirmed',
          title: `合作项目已由各方确认：${p.title}`,
          body: '签约后请及时更新项目阶段，并按节点填写跟踪回访。',
          link: links.project(p.id),
        },
        ctx.clock.now(),
      );
    }
  });
}

/** A party declines with a reason; the candidate stays uncounted, and the other parties are told. */
export async function declineProject(
  ctx: Ctx,
  props: { projectId: string; organisationId: string; reason: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const p = await loadLive(trx, props.projectId);
    if (p.stage !== 'candidate')
      throw new AppError(409, 'already_confirmed', '该项目已由各方确认，不能再拒绝；如合作终止，请将阶段改为已终止');
    const parties = await partiesOf(trx, [p.id]);
    const mine = parties.find((x) => x.organisation_id === props.organisationId);
    if (!mine) throw notFound();
    if (mine.confirmation === 'declined') throw new AppError(409, 'already_declined', '本单位已拒绝该项目');
    await updateParty(trx, mine.id, {
      confirmation: 'declined',
      decline_reason: props.reason,
      confirmed_by: actor.userId,
      confirmed_at: now,
      updated_at: now,
    });
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: p.id,
      action: 'decline',
      before: { confirmation: mine.confirmation },
      after: { organisationId: mine.organisation_id, reason: props.reason },
    });
    const others = parties.filter((x) => x.id !== mine.id).map((x) => x.organisation_id);
    await notifyUsers(
      trx,
      await partyUsers(trx, others),
      {
        kind: 'project_declined',
        title: `合作项目被拒绝：${p.title}`,
        body: props.reason,
        link: links.project(p.id),
      },
      ctx.clock.now(),
    );
  });
}

/** A party edits the record (amounts in whole yuan). */
export async function updateProject(
  ctx: Ctx,
  props: { project: ProjectRow; themeDay: ThemeDayFacts | null; body: ProjectUpdateBody },
): Promise<void> {
  const { project: p, body: b } = props;
  if (b.contentAreas) checkAreas(props.themeDay, b.contentAreas);
  const c: Partial<ProjectRow> = {};
  if (b.title !== undefined) c.title = b.title;
  if (b.description !== undefined) c.description = b.description;
  if (b.type !== undefined) c.type = b.type;
  if (b.contentAreas !== undefined) c.content_areas = json.stringify([...new Set(b.contentAreas)]);
  if (b.chain !== undefined) c.chain = b.chain;
  if (b.intendedAmount !== undefined) c.intended_amount = b.intendedAmount;
  if (b.contractedAmount !== undefined) c.contracted_amount = b.contractedAmount;
  if (b.receivedAmount !== undefined) c.received_amount = b.receivedAmount;
  if (b.jobsCreated !== undefined) c.jobs_created = b.jobsCreated;
  await ctx.db.transaction().execute(async (trx) => {
    await updateProjectRow(trx, p.id, { ...c, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, { entityType: 'cooperation_project', entityId: p.id, action: 'update', before: p, after: c });
  });
}

const STAGE_FROM: Record<StageBody['stage'], readonly ProjectRow['stage'][]> = {
  signed: ['intent'],
  in_progress: ['signed'],
  completed: ['signed', 'in_progress'],
  terminated: ['intent', 'signed', 'in_progress'],
};
const STAGE_DATE = {
  signed: 'signed_on',
  in_progress: 'started_on',
  completed: 'completed_on',
  terminated: 'terminated_on',
} as const;

/**
 * Moves a counted project on, with the date of the new stage (not in the future, not before the previous
 * stage). Signing copies each party's size class and kind from its organisation (later changes don't rewrite
 * history) and creates each party's follow-ups at the programme's points.
 */
export async function changeStage(ctx: Ctx, props: { project: ProjectRow; body: StageBody }): Promise<void> {
  const { project: p, body: b } = props;
  const today = shanghaiToday(ctx.clock.now());
  const now = nowIso(ctx.clock.now());
  if (!STAGE_FROM[b.stage].includes(p.stage)) {
    throw new AppError(
      409,
      'invalid_stage_transition',
      `项目当前阶段（${PROJECT_STAGE_LABELS[p.stage]}）不能改为${PROJECT_STAGE_LABELS[b.stage]}`,
    );
  }
  if (b.stage === 'terminated' && !b.reason) throw fieldError(422, 'reason_required', 'reason', '终止合作须说明原因');
  if (b.date > today) throw fieldError(422, 'date_in_future', 'date', '日期不能晚于今天');
  // Signing may predate the handshake (a cooperation filed afterwards); later stages follow the signing.
  const previous = p.started_on ?? p.signed_on;
  if (previous && b.date < previous)
    throw fieldError(422, 'date_before_previous_stage', 'date', `日期不能早于上一阶段的日期（${previous}）`);
  const changes: Partial<ProjectRow> = { stage: b.stage, [STAGE_DATE[b.stage]]: b.date, updated_at: now };
  if (b.stage === 'terminated') changes.termination_reason = b.reason ?? null;
  if (b.contractedAmount !== undefined) changes.contracted_amount = b.contractedAmount;
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await moveStage(trx, p.id, p.stage, changes))) throw invalidState('项目阶段已变化，请刷新');
    const parties = await partiesOf(trx, [p.id]);
    if (b.stage === 'signed') {
      const orgs = await orgFacts(
        trx,
        parties.map((x) => x.organisation_id),
      );
      for (const x of parties) {
        const o = orgs.get(x.organisation_id);
        await updateParty(trx, x.id, { size_class: o?.size_class ?? null, kind: o?.kind ?? null, updated_at: now });
      }
      const td = p.theme_day_id ? (await themeDayFacts(trx, [p.theme_day_id])).get(p.theme_day_id) : undefined;
      const points = rulesOf(td?.rules).followUpMonths;
      const rows: FollowUpRow[] = [];
      for (const months of points) {
        for (const x of parties) {
          rows.push({
            id: newId(),
            project_id: p.id,
            organisation_id: x.organisation_id,
            point_months: months,
            due_date: followUpDueDate(b.date, months),
            status: null,
            received_amount: null,
            jobs_created: null,
            milestones: null,
            problems: null,
            help_needed: '[]',
            help_note: null,
            answered_at: null,
            answered_by: null,
            created_at: now,
            updated_at: now,
          });
        }
      }
      await insertFollowUps(trx, rows);
    }
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: p.id,
      action: `stage_${b.stage}`,
      before: { stage: p.stage },
      after: changes,
    });
  });
}

/** A party's consent to publish the project (and its amounts) on the portal. */
export async function setConsent(
  ctx: Ctx,
  props: { projectId: string; organisationId: string; body: ConsentBody },
): Promise<void> {
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const p = await loadLive(trx, props.projectId);
    const mine = (await partiesOf(trx, [p.id])).find((x) => x.organisation_id === props.organisationId);
    if (!mine) throw notFound();
    await updateParty(trx, mine.id, {
      publish_consent: props.body.publishConsent ? 1 : 0,
      amounts_consent: props.body.amountsConsent ? 1 : 0,
      updated_at: now,
    });
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: p.id,
      action: 'consent',
      before: { publishConsent: mine.publish_consent === 1, amountsConsent: mine.amounts_consent === 1 },
      after: { organisationId: mine.organisation_id, ...props.body },
    });
  });
}

/**
 * Merges candidate `other` into candidate `survivor` (two candidates describing the same cooperation, e.g. one
 * filed by hand and one from a meeting). The survivor gains the other's parties it lacks (pending); the other
 * stays as a record pointing at the survivor, so its source still resolves to the survivor.
 */
export async function mergeProjects(ctx: Ctx, props: { survivorId: string; otherId: string }): Promise<void> {
  if (props.survivorId === props.otherId) throw fieldError(422, 'merge_same_project', 'otherId', '不能与自身合并');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const s = await loadLive(trx, props.survivorId);
    const o = await loadLive(trx, props.otherId);
    if (s.stage !== 'candidate' || o.stage !== 'candidate')
      throw new AppError(409, 'merge_not_candidates', '只能合并尚待确认的候选项目');
    if (s.theme_day_id !== o.theme_day_id)
      throw new AppError(409, 'merge_theme_day_mismatch', '两个项目属于不同的主题日，不能合并');
    const [sp, op] = [await partiesOf(trx, [s.id]), await partiesOf(trx, [o.id])];
    const have = new Set(sp.map((x) => x.organisation_id));
    if (!op.some((x) => have.has(x.organisation_id)))
      throw new AppError(409, 'merge_no_common_party', '两个项目没有共同的合作方，不能合并');
    const added = op.filter((x) => !have.has(x.organisation_id));
    await insertParties(
      trx,
      added.map((x) => ({
        ...x,
        id: newId(),
        project_id: s.id,
        confirmation: 'pending' as const,
        decline_reason: null,
        confirmed_by: null,
        confirmed_at: null,
        created_at: now,
        updated_at: now,
      })),
    );
    await updateProjectRow(trx, o.id, { merged_into_id: s.id, updated_at: now });
    await updateProjectRow(trx, s.id, { updated_at: now });
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: s.id,
      action: 'merge',
      after: { absorbed: o.id, addedParties: added.map((x) => x.organisation_id) },
    });
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: o.id,
      action: 'merged_into',
      after: { survivor: s.id },
    });
    await notifyCandidate(
      trx,
      ctx,
      s,
      added.map((x) => x.organisation_id),
    );
  });
}

/**
 * A party answers (or, within the window, corrects) its follow-up at one point. The window runs from 14 days
 * before the due date to 30 days after it (rules.ts); every change is audited with the previous answer.
 */
export async function answerFollowUp(
  ctx: Ctx,
  props: { project: ProjectRow; organisationId: string; point: number; body: FollowUpBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const { project: p, body: b } = props;
  const today = shanghaiToday(ctx.clock.now());
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const f = await getFollowUp(trx, p.id, props.organisationId, props.point);
    if (!f) throw new AppError(404, 'follow_up_not_found', '该回访节点不存在（项目签约后才生成回访节点）');
    const w = windowOf(f.due_date);
    if (today < w.opensOn) throw new AppError(409, 'follow_up_not_open', `该节点回访将于${w.opensOn}开放填写`);
    if (today > w.closesOn)
      throw new AppError(409, 'follow_up_window_closed', `该节点回访已于${w.closesOn}截止，不能再填写或更正`);
    const changes: Partial<FollowUpRow> = {
      status: b.status,
      received_amount: b.receivedAmount ?? null,
      jobs_created: b.jobsCreated ?? null,
      milestones: b.milestones ?? null,
      problems: b.problems ?? null,
      help_needed: json.stringify([...new Set(b.helpNeeded)]),
      help_note: b.helpNote ?? null,
      answered_at: now,
      answered_by: actor.userId,
      updated_at: now,
    };
    await updateFollowUp(trx, f.id, changes);
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: p.id,
      action: f.status ? 'correct_follow_up' : 'answer_follow_up',
      before: f.status ? f : undefined,
      after: { organisationId: props.organisationId, point: props.point, ...b },
    });
  });
}

const REMINDER_TEXT = {
  d14: (due: string) => `回访将于${due}到期（还有14天），请填写项目进展`,
  d1: (due: string) => `回访将于明天（${due}）到期，请尽快填写`,
  overdue: (due: string) => `回访已于${due}到期，尚未填写，请尽快补填`,
} as const;

/**
 * Sends follow-up reminders due by now: 14 days and 1 day before each due date and once overdue, each at most
 * once per follow-up (unique (follow-up, kind) key; `on conflict do nothing` keeps two app servers from both
 * sending). When a reminder is due late (the job did not run), only the latest kind goes out and the earlier
 * ones are recorded as passed. Returns how many reminders went out.
 */
export async function sendFollowUpReminders(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const today = shanghaiToday(now);
  let sent = 0;
  await ctx.db.transaction().execute(async (trx) => {
    const due = await unansweredFollowUpsDueBy(trx, addDays(today, 14));
    const done = await remindersOf(
      trx,
      due.map((f) => f.id),
    );
    for (const f of due) {
      const windowClosed = today > windowOf(f.due_date).closesOn;
      const kinds: ('d14' | 'd1' | 'overdue')[] = ['d14'];
      if (today >= addDays(f.due_date, -1)) kinds.push('d1');
      if (today > f.due_date) kinds.push('overdue');
      const latest = kinds[kinds.length - 1]!;
      if (done.has(`${f.id}:${latest}`) || windowClosed) continue;
      let won = false;
      for (const k of kinds) {
        if (done.has(`${f.id}:${k}`)) continue;
        const inserted = await recordReminder(trx, { id: newId(), follow_up_id: f.id, kind: k, sent_at: nowIso(now) });
        if (k === latest) won = inserted;
      }
      if (!won) continue;
      await notifyUsers(
        trx,
        await partyUsers(trx, [f.organisation_id]),
        {
          kind: 'project_follow_up',
          title: `合作项目${f.point_months}个月回访：${f.title}`,
          body: REMINDER_TEXT[latest](f.due_date),
          link: links.projectFollowUp(f.project_id, f.point_months),
        },
        now,
      );
      sent++;
    }
  });
  return sent;
}

/** At most this many evidence files per project. */
export const MAX_EVIDENCE = 30;

/**
 * A party attaches evidence (a contract page, an acceptance certificate, a photo) to the project or to one of
 * its follow-up points. The type is sniffed from the content: PDF, PNG or JPEG only (415 otherwise).
 */
export async function addEvidence(
  ctx: Ctx,
  props: {
    project: ProjectRow;
    organisationId: string;
    point: number | null;
    file: { name: string; data: Buffer } | null;
  },
): Promise<void> {
  const actor = requireActor(ctx);
  const { project: p, file, point } = props;
  if (!file || file.data.length === 0) throw fieldError(400, 'validation_failed', 'file', '请选择要上传的文件');
  const type = sniffAttachment(file.data);
  if (type !== 'pdf' && type !== 'png' && type !== 'jpeg') {
    throw new AppError(
      415,
      'evidence_type_not_allowed',
      '佐证材料须为 PDF、PNG 或 JPEG 文件（按文件内容识别，不看扩展名）',
      [{ field: 'file', code: 'evidence_type_not_allowed', message: '文件类型不允许' }],
    );
  }
  if (point !== null && !(await getFollowUp(ctx.db, p.id, props.organisationId, point)))
    throw new AppError(404, 'follow_up_not_found', '该回访节点不存在（项目签约后才生成回访节点）');
  const id = newId();
  const rel = join('projects', p.id, `${id}.${type === 'jpeg' ? 'jpg' : type}`);
  await storeUpload(ctx.uploadDir, rel, file.data);
  await ctx.db.transaction().execute(async (trx) => {
    // The project row's lock makes parallel uploads count one after another (PostgreSQL; SQLite serialises).
    await forUpdate(trx.selectFrom('cooperation_projects').select('id').where('id', '=', p.id), ctx.dialect).execute();
    if ((await evidenceOf(trx, p.id)).length >= MAX_EVIDENCE)
      throw new AppError(409, 'too_many_evidence_files', `每个项目最多${MAX_EVIDENCE}份佐证材料`);
    const row = {
      id,
      project_id: p.id,
      organisation_id: props.organisationId,
      point_months: point,
      name: file.name.slice(0, 200),
      type,
      size: file.data.length,
      path: rel,
      uploaded_by: actor.userId,
      created_at: nowIso(ctx.clock.now()),
    };
    await insertEvidence(trx, row);
    await audit(trx, ctx, {
      entityType: 'cooperation_project',
      entityId: p.id,
      action: 'attach_evidence',
      after: { id, name: row.name, type, size: row.size, point },
    });
  });
}
