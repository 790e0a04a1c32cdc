/**
 * Publicity commands (issue 11 §3): images, news delegations, news and its review, success cases and the
 * parties' consent, benchmark enterprises, nominations. Each command is one transaction with its audit row
 * (and notifications); status moves are conditional updates, so of two concurrent moves one wins and the
 * other gets 409.
 */
import { join } from 'node:path';
import {
  IMAGE_MAX_BYTES,
  NEWS_STATUS_LABELS,
  NOMINATION_STATUS_LABELS,
  NOMINATION_TRANSITIONS,
  SHOWCASE_EVENT_LABELS,
  type CaseFigure,
  type CaseStatus,
  type NewsAuthorKind,
  type NewsStatus,
  type NominationStatus,
  type ShowcaseEvent,
} from '../../../common/contracts/publicity.ts';
import { links } from '../../../common/links.ts';
import { json, type Executor } from '../../db/index.ts';
import { sniffImage, storeUpload } from '../../lib/attachments.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError, notFound } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { authorize, requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRole, usersWithRoleAnywhere } from '../notifications/service.ts';
import {
  getProject,
  partiesOf,
  supportOrgsOf,
  themeDayFacts,
  type ProjectRow,
  type ThemeDayFacts,
} from '../projects/repository.ts';
import {
  actingPartyOrg,
  authorKindFor,
  newsDelegationRefusal,
  canConsent,
  canDelegate,
  canEditCase,
  canNameBenchmarks,
  canNominate,
  canProposeCase,
  canPublishCase,
  canUnpublishCase,
  checkNewsAction,
  isCountedLive,
  managesNews,
  nextNominationStatuses,
  type CaseProjectFacts,
  type NewsAction,
  type NewsFacts,
  type NewsScope,
} from './policy.ts';
import {
  caseOfProject,
  consentsOf,
  delegatesOf,
  deleteBenchmark,
  getCase,
  imagesByIds,
  insertBenchmarkOnce,
  insertCaseOnce,
  insertConsents,
  insertImage,
  insertNews,
  insertNominationOnce,
  reopenWithdrawnNomination,
  moveNomination,
  orgKind,
  replaceDelegates,
  resetConsents,
  updateCase,
  updateConsent,
  updateNewsFrom,
  type BenchmarkRow,
  type CaseRow,
  type ImageRow,
  type NewsRow,
  type NominationRow,
} from './repository.ts';
import { sanitizeRichText } from './sanitize.ts';
import { delegationRows } from '../coorganisers/repository.ts';
import { partRefusal } from '../coorganisers/access.ts';

// ----- loading facts ---------------------------------------------------------------------------------------------

/** The theme day of a piece (404 when it does not exist), its delegates and explicit delegations at `now`. */
export async function newsScope(db: Executor, themeDayId: string | null, now: Date = new Date()): Promise<NewsScope> {
  if (!themeDayId) return { themeDay: null, delegates: [] };
  const td = (await themeDayFacts(db, [themeDayId])).get(themeDayId);
  if (!td) throw notFound();
  const delegations = (await delegationRows(db, themeDayId)).map((d) => ({
    organisationId: d.organisation_id,
    scopes: d.scopes,
    expiresAt: d.expires_at,
    revokedAt: d.revoked_at,
  }));
  return { themeDay: td, delegates: await delegatesOf(db, themeDayId), delegations, now };
}

export async function newsFacts(db: Executor, n: NewsRow, now: Date = new Date()): Promise<NewsFacts> {
  return { ...(await newsScope(db, n.theme_day_id, now)), news: n };
}

/** A project's facts for cases and nominations. */
export async function projectFacts(db: Executor, p: ProjectRow): Promise<CaseProjectFacts> {
  const td = p.theme_day_id ? ((await themeDayFacts(db, [p.theme_day_id])).get(p.theme_day_id) ?? null) : null;
  const parties = await partiesOf(db, [p.id]);
  return {
    stage: p.stage,
    merged: p.merged_into_id !== null,
    themeDay: td,
    partyOrgIds: parties.map((x) => x.organisation_id),
  };
}

/** Host staff of a theme day (for notifications). */
const hostUsers = (db: Executor, td: ThemeDayFacts | null) =>
  td?.hostOrganisationId ? usersWithRole(db, [td.hostOrganisationId], ['base_admin']) : Promise.resolve([]);

// ----- images ------------------------------------------------------------------------------------------------------

/** Stores a cover or photo: PNG, JPEG or WebP by its first bytes, at most IMAGE_MAX_BYTES. */
export async function uploadImage(ctx: Ctx, props: { file: { data: Buffer } | null }): Promise<ImageRow> {
  const actor = requireActor(ctx);
  authorize(
    actor.roles.some((r) => ['programme_owner', 'base_admin', 'support_org', 'member'].includes(r)),
    '当前身份不能上传宣传图片',
  );
  const data = props.file?.data;
  if (!data || data.length === 0) throw fieldError(400, 'validation_failed', 'file', '请选择要上传的图片');
  if (data.length > IMAGE_MAX_BYTES)
    throw fieldError(413, 'image_too_large', 'file', `图片不能超过${IMAGE_MAX_BYTES / 1024 / 1024}MB`);
  const type = sniffImage(data);
  if (!type)
    throw fieldError(
      415,
      'image_type_not_allowed',
      'file',
      '图片须为 PNG、JPEG 或 WebP 格式（按文件内容识别，不看扩展名）',
    );
  const id = newId();
  const rel = join('publicity', `${id}.${type === 'jpeg' ? 'jpg' : type}`);
  await storeUpload(ctx.uploadDir, rel, data);
  const row: ImageRow = {
    id,
    type,
    size: data.length,
    path: rel,
    organisation_id: actor.organisationId,
    uploaded_by: actor.userId,
    created_at: nowIso(ctx.clock.now()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertImage(trx, row);
    await audit(trx, ctx, {
      entityType: 'publicity_image',
      entityId: id,
      action: 'upload',
      after: { type, size: row.size },
    });
  });
  return row;
}

async function checkImages(db: Executor, ids: (string | null)[], field: string): Promise<void> {
  const wanted = ids.filter((x): x is string => !!x);
  const found = await imagesByIds(db, wanted);
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length) throw fieldError(400, 'image_not_found', field, '图片不存在，请重新上传');
}

// ----- delegations -------------------------------------------------------------------------------------------------

/** The host (or NDRC) names which of the activity plan's support organisations write news for the theme day. */
export async function setDelegates(
  ctx: Ctx,
  props: { themeDay: ThemeDayFacts; organisationIds: string[] },
): Promise<void> {
  const actor = requireActor(ctx);
  authorize(canDelegate(actor, props.themeDay), '只有承办基地或国家发展改革委可以委托支撑机构发布新闻');
  const td = props.themeDay;
  const ids = [...new Set(props.organisationIds)];
  const allowed = (await supportOrgsOf(ctx.db, [td.id])).get(td.id) ?? [];
  const stray = ids.filter((o) => !allowed.includes(o));
  if (stray.length)
    throw fieldError(400, 'not_a_support_organisation', 'organisationIds', '只能委托活动方案中列明的支撑机构');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await delegatesOf(trx, td.id);
    await replaceDelegates(trx, td.id, ids, actor.userId, nowIso(ctx.clock.now()));
    await audit(trx, ctx, { entityType: 'theme_day', entityId: td.id, action: 'news_delegates', before, after: ids });
  });
}

// ----- news ----------------------------------------------------------------------------------------------------------

interface NewsFields {
  title: string;
  summary: string;
  coverImageId: string | null;
  body: string;
}

export async function createNews(ctx: Ctx, props: { scope: NewsScope; fields: NewsFields }): Promise<string> {
  const actor = requireActor(ctx);
  const kind: NewsAuthorKind | null = authorKindFor(actor, props.scope);
  const refusal = kind === null ? newsDelegationRefusal(actor, props.scope) : null;
  if (refusal) throw partRefusal(refusal);
  // A support organisation writes for the host: its audit rows say so (issue 12 §3).
  if (kind === 'support') ctx.actingForOrganisationId = props.scope.themeDay?.hostOrganisationId ?? null;
  authorize(
    kind !== null,
    props.scope.themeDay
      ? '只有国家发展改革委、承办基地和受委托的支撑机构可以为该主题日撰写新闻'
      : '只有国家发展改革委可以发布全局新闻',
  );
  await checkImages(ctx.db, [props.fields.coverImageId], 'coverImageId');
  const now = nowIso(ctx.clock.now());
  const id = newId();
  const row: NewsRow = {
    id,
    theme_day_id: props.scope.themeDay?.id ?? null,
    title: props.fields.title,
    summary: props.fields.summary,
    cover_image_id: props.fields.coverImageId,
    body: sanitizeRichText(props.fields.body),
    status: 'draft',
    author_kind: kind!,
    author_org_id: actor.organisationId!,
    return_reason: null,
    created_by: actor.userId,
    reviewed_by: null,
    reviewed_at: null,
    published_by: null,
    published_at: null,
    created_at: now,
    updated_at: now,
  };
  await ctx.db.transaction().execute(async (trx) => {
    await insertNews(trx, row);
    await audit(trx, ctx, {
      entityType: 'news',
      entityId: id,
      action: 'create',
      after: { title: row.title, themeDayId: row.theme_day_id, authorKind: row.author_kind },
    });
  });
  return id;
}

function newsRefusal(result: 'forbidden' | 'invalid_state', status: NewsStatus): AppError {
  return result === 'forbidden'
    ? new AppError(403, 'forbidden', '您无权进行此操作')
    : new AppError(409, 'news_transition_invalid', `新闻当前状态为“${NEWS_STATUS_LABELS[status]}”，不能进行此操作`);
}

/**
 * Edits a piece. The stored body is the sanitised HTML. A support organisation's edit of an approved or
 * taken-down piece sends it back to draft: what goes out is what the host reviewed.
 */
export async function updateNews(
  ctx: Ctx,
  props: { news: NewsRow; facts: NewsFacts; fields: NewsFields },
): Promise<void> {
  requireActor(ctx);
  const r = checkNewsAction(ctx.actor, props.facts, 'edit');
  if (r !== 'ok') throw newsRefusal(r, props.news.status);
  await checkImages(ctx.db, [props.fields.coverImageId], 'coverImageId');
  const n = props.news;
  const backToDraft = n.author_kind === 'support' && (n.status === 'approved' || n.status === 'unpublished');
  const changes: Partial<NewsRow> = {
    title: props.fields.title,
    summary: props.fields.summary,
    cover_image_id: props.fields.coverImageId,
    body: sanitizeRichText(props.fields.body),
    updated_at: nowIso(ctx.clock.now()),
  };
  if (backToDraft && !managesNews(ctx.actor, props.facts)) changes.status = 'draft';
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateNewsFrom(trx, n.id, n.status, changes)))
      throw new AppError(409, 'news_changed', '新闻状态已变化，请刷新后重试');
    await audit(trx, ctx, {
      entityType: 'news',
      entityId: n.id,
      action: 'update',
      before: { title: n.title, status: n.status },
      after: { title: changes.title, status: changes.status ?? n.status },
    });
  });
}

const NEXT_STATUS: Record<NewsAction, NewsStatus | null> = {
  edit: null,
  submit: 'submitted',
  approve: 'approved',
  return: 'returned',
  publish: 'published',
  unpublish: 'unpublished',
};

/** submit / approve / return (with a reason) / publish / unpublish. */
export async function moveNews(
  ctx: Ctx,
  props: { news: NewsRow; facts: NewsFacts; action: Exclude<NewsAction, 'edit'>; reason?: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const n = props.news;
  const r = checkNewsAction(actor, props.facts, props.action);
  if (r !== 'ok') throw newsRefusal(r, n.status);
  const to = NEXT_STATUS[props.action]!;
  const now = ctx.clock.now();
  const changes: Partial<NewsRow> = { status: to, updated_at: nowIso(now) };
  if (props.action === 'approve' || props.action === 'return') {
    changes.reviewed_by = actor.userId;
    changes.reviewed_at = nowIso(now);
    changes.return_reason = props.action === 'return' ? (props.reason ?? null) : null;
  }
  if (props.action === 'submit') changes.return_reason = null;
  if (props.action === 'publish') {
    changes.published_by = actor.userId;
    changes.published_at = nowIso(now);
  }
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await updateNewsFrom(trx, n.id, n.status, changes)))
      throw new AppError(409, 'news_changed', '新闻状态已变化，请刷新后重试');
    await audit(trx, ctx, {
      entityType: 'news',
      entityId: n.id,
      action: props.action,
      before: { status: n.status },
      after: { status: to, ...(props.reason ? { reason: props.reason } : {}) },
    });
    const link = links.myNews(n.id);
    if (props.action === 'submit')
      await notifyUsers(
        trx,
        await hostUsers(trx, props.facts.themeDay),
        {
          kind: 'news_submitted',
          title: `新闻稿待审核：${n.title}`,
          body: '支撑机构提交了新闻稿，请审核后发布。',
          link,
        },
        now,
      );
    if (n.author_kind === 'support' && (props.action === 'approve' || props.action === 'return'))
      await notifyUsers(
        trx,
        [n.created_by],
        props.action === 'approve'
          ? { kind: 'news_approved', title: `新闻稿审核通过：${n.title}`, body: '承办方已审核通过，可以发布。', link }
          : { kind: 'news_returned', title: `新闻稿被退回：${n.title}`, body: `退回原因：${props.reason ?? ''}`, link },
        now,
      );
  });
}

// ----- success cases -------------------------------------------------------------------------------------------

interface CaseFields {
  title: string;
  summary: string;
  story: string;
  figures: CaseFigure[];
  photoIds: string[];
}

/** A party, the host's staff or NDRC proposes a counted project as a success case; every party is asked. */
export async function proposeCase(ctx: Ctx, props: { projectId: string; fields: CaseFields }): Promise<string> {
  const actor = requireActor(ctx);
  const p = await getProject(ctx.db, props.projectId);
  if (!p) throw fieldError(404, 'not_found', 'projectId', '合作项目不存在');
  const f = await projectFacts(ctx.db, p);
  if (!canProposeCase(actor, f)) throw fieldError(404, 'not_found', 'projectId', '合作项目不存在');
  if (!isCountedLive(f))
    throw fieldError(409, 'project_not_counted', 'projectId', '只有各方已确认且未终止的合作项目可以作为成功案例');
  await checkImages(ctx.db, props.fields.photoIds, 'photoIds');
  const now = ctx.clock.now();
  const id = newId();
  const row: CaseRow = {
    id,
    project_id: p.id,
    title: props.fields.title,
    summary: props.fields.summary,
    story: sanitizeRichText(props.fields.story),
    figures: json.stringify(props.fields.figures),
    photo_ids: json.stringify([...new Set(props.fields.photoIds)]),
    status: 'proposed',
    proposed_by: actor.userId,
    proposed_by_org_id: actor.organisationId,
    published_by: null,
    published_at: null,
    created_at: nowIso(now),
    updated_at: nowIso(now),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertCaseOnce(trx, row))) {
      const existing = await caseOfProject(trx, p.id);
      throw new AppError(409, 'case_exists', '该合作项目已有成功案例', undefined, { caseId: existing?.id ?? null });
    }
    const mine = actingPartyOrg(actor, f);
    await insertConsents(
      trx,
      f.partyOrgIds.map((o) => ({
        id: newId(),
        case_id: id,
        organisation_id: o,
        // The proposing party agrees by proposing.
        decision: o === mine ? ('agreed' as const) : ('pending' as const),
        reason: null,
        decided_by: o === mine ? actor.userId : null,
        decided_at: o === mine ? nowIso(now) : null,
      })),
    );
    const status = await recomputeCaseStatus(trx, id, 'proposed');
    await audit(trx, ctx, {
      entityType: 'success_case',
      entityId: id,
      action: 'propose',
      after: { projectId: p.id, title: row.title, status },
    });
    const others = f.partyOrgIds.filter((o) => o !== mine);
    await notifyUsers(
      trx,
      await usersWithRole(trx, others, ['member', 'base_admin']),
      {
        kind: 'case_consent_requested',
        title: `成功案例待贵单位同意：${row.title}`,
        body: `合作项目“${p.title}”拟作为融通创新成功案例对外宣传，须经各合作方同意。`,
        link: links.myCase(id),
      },
      now,
    );
  });
  return id;
}

/** The status the consents lead to (a published case stays published while every party agrees). */
async function recomputeCaseStatus(trx: Executor, caseId: string, current: CaseStatus): Promise<CaseStatus> {
  const consents = await consentsOf(trx, [caseId]);
  let next: CaseStatus;
  if (consents.some((c) => c.decision === 'declined')) next = 'declined';
  else if (consents.length > 0 && consents.every((c) => c.decision === 'agreed'))
    next = current === 'published' || current === 'unpublished' ? current : 'agreed';
  else next = 'proposed';
  if (next !== current) await updateCase(trx, caseId, { status: next });
  return next;
}

/** Edits the case; the parties agreed to the old text, so every consent is asked again. */
export async function editCase(
  ctx: Ctx,
  props: { row: CaseRow; facts: CaseProjectFacts; fields: CaseFields },
): Promise<void> {
  const actor = requireActor(ctx);
  if (!canEditCase(actor, props.facts, props.row.status))
    throw props.row.status === 'published'
      ? new AppError(409, 'case_published', '已发布的案例请先撤下再修改')
      : new AppError(403, 'forbidden', '您无权修改该案例');
  await checkImages(ctx.db, props.fields.photoIds, 'photoIds');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    await updateCase(trx, props.row.id, {
      title: props.fields.title,
      summary: props.fields.summary,
      story: sanitizeRichText(props.fields.story),
      figures: json.stringify(props.fields.figures),
      photo_ids: json.stringify([...new Set(props.fields.photoIds)]),
      updated_at: nowIso(now),
    });
    await resetConsents(trx, props.row.id);
    const mine = actingPartyOrg(actor, props.facts);
    if (mine) {
      const c = (await consentsOf(trx, [props.row.id])).find((x) => x.organisation_id === mine);
      if (c) await updateConsent(trx, c.id, { decision: 'agreed', decided_by: actor.userId, decided_at: nowIso(now) });
    }
    const status = await recomputeCaseStatus(
      trx,
      props.row.id,
      props.row.status === 'unpublished' ? 'proposed' : props.row.status,
    );
    await audit(trx, ctx, {
      entityType: 'success_case',
      entityId: props.row.id,
      action: 'update',
      before: { title: props.row.title, status: props.row.status },
      after: { title: props.fields.title, status },
    });
  });
}

/** A party agrees or declines; declining a published case takes it down at once. */
export async function consentCase(
  ctx: Ctx,
  props: { row: CaseRow; facts: CaseProjectFacts; agree: boolean; reason?: string },
): Promise<void> {
  const actor = requireActor(ctx);
  if (!canConsent(actor, props.facts)) throw new AppError(403, 'not_a_party', '只有合作方可以表态');
  const org = actingPartyOrg(actor, props.facts)!;
  if (!props.agree && !props.reason) throw fieldError(400, 'validation_failed', 'reason', '请填写不同意的原因');
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const row = (await getCase(trx, props.row.id))!;
    const c = (await consentsOf(trx, [row.id])).find((x) => x.organisation_id === org);
    if (!c) throw new AppError(403, 'not_a_party', '只有合作方可以表态');
    await updateConsent(trx, c.id, {
      decision: props.agree ? 'agreed' : 'declined',
      reason: props.agree ? null : (props.reason ?? null),
      decided_by: actor.userId,
      decided_at: nowIso(now),
    });
    const status = await recomputeCaseStatus(trx, row.id, row.status);
    if (status !== row.status) await updateCase(trx, row.id, { updated_at: nowIso(now) });
    await audit(trx, ctx, {
      entityType: 'success_case',
      entityId: row.id,
      action: props.agree ? 'consent' : 'decline',
      after: { organisationId: org, status, ...(props.reason ? { reason: props.reason } : {}) },
    });
    if (status === 'agreed' && row.status !== 'agreed')
      await notifyUsers(
        trx,
        await usersWithRoleAnywhere(trx, ['programme_owner']),
        {
          kind: 'case_agreed',
          title: `成功案例待发布：${row.title}`,
          body: '各合作方均已同意对外宣传。',
          link: links.myCase(row.id),
        },
        now,
      );
  });
}

export async function publishCase(ctx: Ctx, props: { row: CaseRow; publish: boolean }): Promise<void> {
  const actor = requireActor(ctx);
  const { row } = props;
  const ok = props.publish ? canPublishCase(actor, row.status) : canUnpublishCase(actor, row.status);
  if (!ok) {
    authorize(actor.roles.includes('programme_owner'), '成功案例由国家发展改革委发布');
    if (props.publish && (row.status === 'proposed' || row.status === 'declined'))
      throw new AppError(409, 'case_consent_missing', '须经全部合作方同意后才能发布');
    throw new AppError(409, 'case_transition_invalid', '案例当前状态不能进行此操作');
  }
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    // Re-check the consents inside the transaction: a party may have just declined.
    const consents = await consentsOf(trx, [row.id]);
    if (props.publish && !consents.every((c) => c.decision === 'agreed'))
      throw new AppError(409, 'case_consent_missing', '须经全部合作方同意后才能发布');
    await updateCase(trx, row.id, {
      status: props.publish ? 'published' : 'unpublished',
      ...(props.publish ? { published_by: actor.userId, published_at: now } : {}),
      updated_at: now,
    });
    await audit(trx, ctx, {
      entityType: 'success_case',
      entityId: row.id,
      action: props.publish ? 'publish' : 'unpublish',
      before: { status: row.status },
    });
  });
}

// ----- benchmark enterprises -----------------------------------------------------------------------------------

export async function nameBenchmark(
  ctx: Ctx,
  props: { year: number; organisationId: string; reason: string },
): Promise<string> {
  const actor = requireActor(ctx);
  authorize(canNameBenchmarks(actor), '融通创新标杆企业由国家发展改革委确定');
  const org = await orgKind(ctx.db, props.organisationId);
  if (!org) throw fieldError(404, 'not_found', 'organisationId', '单位不存在');
  if (org.kind !== 'enterprise')
    throw fieldError(400, 'not_an_enterprise', 'organisationId', '融通创新标杆企业须为企业');
  const row: BenchmarkRow = {
    id: newId(),
    year: props.year,
    organisation_id: org.id,
    reason: props.reason,
    named_by: actor.userId,
    named_at: nowIso(ctx.clock.now()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await insertBenchmarkOnce(trx, row)))
      throw fieldError(409, 'benchmark_exists', 'organisationId', `该企业已是${props.year}年度融通创新标杆企业`);
    await audit(trx, ctx, {
      entityType: 'benchmark_enterprise',
      entityId: row.id,
      action: 'name',
      after: { year: row.year, organisationId: org.id, reason: row.reason },
    });
  });
  return row.id;
}

export async function removeBenchmark(ctx: Ctx, props: { row: BenchmarkRow }): Promise<void> {
  const actor = requireActor(ctx);
  authorize(canNameBenchmarks(actor), '融通创新标杆企业由国家发展改革委确定');
  await ctx.db.transaction().execute(async (trx) => {
    await deleteBenchmark(trx, props.row.id);
    await audit(trx, ctx, {
      entityType: 'benchmark_enterprise',
      entityId: props.row.id,
      action: 'remove',
      before: { year: props.row.year, organisationId: props.row.organisation_id },
    });
  });
}

// ----- nominations -------------------------------------------------------------------------------------------------

/**
 * NDRC nominates a counted project (status nominated); the host of its theme day proposes one (proposed, for
 * NDRC to decide). One per project, event and year: the unique key decides between parallel requests.
 */
export async function nominate(
  ctx: Ctx,
  props: { projectId: string; event: ShowcaseEvent; year: number; reason: string },
): Promise<string> {
  const actor = requireActor(ctx);
  const p = await getProject(ctx.db, props.projectId);
  if (!p) throw fieldError(404, 'not_found', 'projectId', '合作项目不存在');
  const f = await projectFacts(ctx.db, p);
  const mode = canNominate(actor, f.themeDay);
  if (!mode) {
    if (actingPartyOrg(actor, f)) throw new AppError(403, 'forbidden', '项目由国家发展改革委或承办基地推荐');
    throw fieldError(404, 'not_found', 'projectId', '合作项目不存在');
  }
  if (!isCountedLive(f))
    throw fieldError(409, 'project_not_counted', 'projectId', '只有各方已确认且未终止的合作项目可以推荐');
  const now = ctx.clock.now();
  const row: NominationRow = {
    id: newId(),
    project_id: p.id,
    event: props.event,
    year: props.year,
    reason: props.reason,
    status: mode === 'nominate' ? 'nominated' : 'proposed',
    note: null,
    proposed_by: actor.userId,
    proposed_by_org_id: actor.organisationId!,
    decided_by: mode === 'nominate' ? actor.userId : null,
    created_at: nowIso(now),
    updated_at: nowIso(now),
  };
  return ctx.db.transaction().execute(async (trx) => {
    const id = (await insertNominationOnce(trx, row)) ? row.id : await reopenWithdrawnNomination(trx, row);
    if (!id)
      throw new AppError(
        409,
        'nomination_exists',
        `该项目已推荐参加${props.year}年${SHOWCASE_EVENT_LABELS[props.event]}`,
      );
    await audit(trx, ctx, {
      entityType: 'nomination',
      entityId: id,
      action: mode,
      after: { projectId: p.id, event: row.event, year: row.year, status: row.status, reason: row.reason },
    });
    if (mode === 'propose')
      await notifyUsers(
        trx,
        await usersWithRoleAnywhere(trx, ['programme_owner']),
        {
          kind: 'nomination_proposed',
          title: `承办方推荐项目参加${SHOWCASE_EVENT_LABELS[props.event]}：${p.title}`,
          link: links.nominations(),
        },
        now,
      );
    return id;
  });
}

/** Moves a nomination along NOMINATION_TRANSITIONS; anything else is 409 `nomination_transition_invalid`. */
export async function changeNominationStatus(
  ctx: Ctx,
  props: { row: NominationRow; themeDay: ThemeDayFacts | null; to: NominationStatus; note?: string },
): Promise<void> {
  const actor = requireActor(ctx);
  const { row, to } = props;
  if (!NOMINATION_TRANSITIONS[row.status].includes(to))
    throw new AppError(
      409,
      'nomination_transition_invalid',
      `推荐状态不能从“${NOMINATION_STATUS_LABELS[row.status]}”改为“${NOMINATION_STATUS_LABELS[to]}”`,
    );
  authorize(nextNominationStatuses(actor, props.themeDay, row.status).includes(to), '推荐状态由国家发展改革委确定');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await moveNomination(trx, row.id, row.status, {
      status: to,
      note: props.note ?? row.note,
      decided_by: actor.userId,
      updated_at: now,
    });
    if (!moved) throw new AppError(409, 'nomination_changed', '推荐状态已变化，请刷新后重试');
    await audit(trx, ctx, {
      entityType: 'nomination',
      entityId: row.id,
      action: 'status',
      before: { status: row.status },
      after: { status: to, ...(props.note ? { note: props.note } : {}) },
    });
  });
}
