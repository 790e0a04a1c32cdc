/**
 * Innovation demands and new-technology catalogues (417号 二(二) 创新项目协作攻关: "牵头大企业通过多种方式发布新技术
 * 目录和创新需求清单，邀请中小企业深度参与合作研发，鼓励…形成大企业牵头的成本分担、利益共享的创新联合体"): the
 * commands on demands, responses and consortia. Each takes the request context and one props object, opens
 * its own transaction and writes its audit row (and notifications) in it.
 *
 * - The deadline is a Beijing calendar date, inclusive: responses (and attachment uploads) are refused from
 *   the next day on (409 `deadline_passed`).
 * - A consortium is formed by the publisher with organisations whose responses it accepted; cost and benefit
 *   shares are integer basis points and each set must sum to exactly 10000. Every member signs; the last
 *   signature makes it `signed`. Any edit bumps `version` and clears all signatures (everyone signed a text
 *   that no longer exists); a fully signed consortium is frozen.
 */
import { join } from 'node:path';
import {
  COOPERATION_MODE_LABELS,
  COOPERATION_MODES,
  DEMAND_KIND_LABELS,
  DEMAND_KINDS,
  DEMAND_TEMPLATE_HEADERS,
  DemandBody,
  type ConsortiumBody,
  type ConsortiumUpdateBody,
  type DemandImportResult,
  type DemandUpdateBody,
  type ResponseStatus,
} from '../../../common/contracts/demands.ts';
import { isUniqueViolation, type Executor } from '../../db/index.ts';
import { storeUpload, sniffAttachment } from '../../lib/attachments.ts';
import { markFollowed } from '../search/impressions.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, fieldError, invalidState, notFound, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { ACTING_ROLES, actsFor, requireActor } from '../../lib/policy.ts';
import { readXlsx } from '../../lib/xlsx.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { proposeFromConsortium, proposeFromDemandResponse } from '../projects/signals.ts';
import { isExpired, MAX_ATTACHMENTS } from './policy.ts';
import {
  acceptedOrganisations,
  attachmentsOf,
  clearSignatures,
  consortiumMembers,
  currentAttachments,
  insertConsortium,
  insertDemand,
  insertResponse,
  lockConsortium,
  replaceMembers,
  setAttachments,
  setResponseStatus,
  signMember,
  updateConsortiumRow,
  updateDemandRow,
  type ConsortiumRow,
  type DemandChanges,
  type DemandRow,
  type MemberInput,
  type NewDemand,
  type NewResponse,
  type ResponseJoined,
  type StoredAttachment,
} from './repository.ts';
import { links } from '../../../common/links.ts';

export const demandLink = (id: string) => links.demand(id);
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const IMPORT_MAX_ROWS = 1000;
/** Who hears about a response or a consortium on an organisation's side: those who act for it. */
const ACTING = [...ACTING_ROLES];

// ----- demands --------------------------------------------------------------------------------------------

function checkBudget(b: { budgetMinWan?: number | null | undefined; budgetMaxWan?: number | null | undefined }) {
  if (b.budgetMinWan != null && b.budgetMaxWan != null && b.budgetMaxWan < b.budgetMinWan) {
    throw fieldError(422, 'invalid_budget_range', 'budgetMaxWan', '预算上限不能低于下限');
  }
}

/** A draft row from a validated body. */
function draftRow(
  b: DemandBody,
  organisationId: string,
  themeDayId: string | null,
  userId: string,
  now: string,
): NewDemand {
  return {
    id: newId(),
    kind: b.kind,
    organisation_id: organisationId,
    theme_day_id: themeDayId,
    title: b.title,
    field_code: b.fieldCode,
    description: b.description,
    indicators: b.indicators || null,
    budget_min_wan: b.budgetMinWan ?? null,
    budget_max_wan: b.budgetMaxWan ?? null,
    cooperation_mode: b.cooperationMode,
    deadline: b.deadline,
    ip_terms: b.ipTerms || null,
    status: 'draft',
    published_at: null,
    created_by: userId,
    created_at: now,
    updated_at: now,
  };
}

/** A draft demand or technology item of `organisationId` (the caller's, checked as publisher). */
export async function createDemand(ctx: Ctx, props: { organisationId: string; body: DemandBody }): Promise<string> {
  const actor = requireActor(ctx);
  const b = props.body;
  checkBudget(b);
  if (b.themeDayId) await requireThemeDayArea(ctx.db, actor, b.themeDayId, 'collaborative_rd');
  const row = draftRow(b, props.organisationId, b.themeDayId ?? null, actor.userId, nowIso(ctx.clock.now()));
  await ctx.db.transaction().execute(async (trx) => {
    await insertDemand(trx, row);
    await audit(trx, ctx, { entityType: 'demand', entityId: row.id, action: 'create', after: row });
  });
  return row.id;
}

export async function updateDemand(ctx: Ctx, props: { demand: DemandRow; changes: DemandUpdateBody }): Promise<void> {
  const { demand: d, changes: b } = props;
  const actor = requireActor(ctx);
  if (d.status === 'closed') throw invalidState('已关闭的需求不能修改');
  checkBudget({
    budgetMinWan: b.budgetMinWan !== undefined ? b.budgetMinWan : d.budget_min_wan,
    budgetMaxWan: b.budgetMaxWan !== undefined ? b.budgetMaxWan : d.budget_max_wan,
  });
  if (b.themeDayId) await requireThemeDayArea(ctx.db, actor, b.themeDayId, 'collaborative_rd');
  const c: DemandChanges = {};
  if (b.kind !== undefined) c.kind = b.kind;
  if (b.title !== undefined) c.title = b.title;
  if (b.fieldCode !== undefined) c.field_code = b.fieldCode;
  if (b.description !== undefined) c.description = b.description;
  if (b.indicators !== undefined) c.indicators = b.indicators || null;
  if (b.budgetMinWan !== undefined) c.budget_min_wan = b.budgetMinWan;
  if (b.budgetMaxWan !== undefined) c.budget_max_wan = b.budgetMaxWan;
  if (b.cooperationMode !== undefined) c.cooperation_mode = b.cooperationMode;
  if (b.deadline !== undefined) c.deadline = b.deadline;
  if (b.ipTerms !== undefined) c.ip_terms = b.ipTerms || null;
  if (b.themeDayId !== undefined) c.theme_day_id = b.themeDayId;
  await ctx.db.transaction().execute(async (trx) => {
    await updateDemandRow(trx, d.id, { ...c, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, { entityType: 'demand', entityId: d.id, action: 'update', before: d, after: c });
  });
}

/** Publishes a draft or closes a published demand (a closed demand takes no more responses). */
export async function setDemandStatus(
  ctx: Ctx,
  props: { demand: DemandRow; to: 'published' | 'closed' },
): Promise<void> {
  const { demand: d, to } = props;
  const from = to === 'published' ? 'draft' : 'published';
  if (d.status !== from) throw invalidState(to === 'published' ? '只有草稿可以发布' : '只有已发布的需求可以关闭');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    await updateDemandRow(trx, d.id, {
      status: to,
      updated_at: now,
      ...(to === 'published' ? { published_at: now } : {}),
    });
    await audit(trx, ctx, {
      entityType: 'demand',
      entityId: d.id,
      action: to === 'published' ? 'publish' : 'close',
      before: { status: from },
      after: { status: to },
    });
  });
}

/** Code by label (the template's cells hold labels). */
const byLabel = <K extends string>(codes: readonly K[], labels: Record<K, string>): Map<string, K> =>
  new Map(codes.map((k) => [labels[k], k]));

/**
 * Imports the template's rows (.xlsx) as drafts of `organisationId`: every row is checked first, and one
 * wrong cell imports nothing (422 `import_rows_invalid` with an error per cell).
 */
export async function importDemands(
  ctx: Ctx,
  props: { organisationId: string; themeDayId: string | null; file: Buffer },
): Promise<DemandImportResult> {
  const actor = requireActor(ctx);
  const rows = await readXlsx(props.file, DEMAND_TEMPLATE_HEADERS, { maxRows: IMPORT_MAX_ROWS });
  if (rows.length === 0) throw new AppError(422, 'import_empty', '模板中没有数据行');
  const themeDayId = props.themeDayId;
  if (themeDayId) await requireThemeDayArea(ctx.db, actor, themeDayId, 'collaborative_rd');
  const kinds = byLabel(DEMAND_KINDS, DEMAND_KIND_LABELS);
  const modes = byLabel(COOPERATION_MODES, COOPERATION_MODE_LABELS);
  const COL: Record<string, string> = {
    kind: '类别',
    title: '名称',
    fieldCode: '所属领域代码',
    description: '需求描述',
    indicators: '技术指标',
    budgetMinWan: '预算下限（万元）',
    budgetMaxWan: '预算上限（万元）',
    cooperationMode: '合作方式',
    deadline: '截止日期',
    ipTerms: '知识产权约定',
  };
  const errors: FieldError[] = [];
  const bodies: DemandBody[] = [];
  for (const { rowNumber, cells } of rows) {
    const err = (col: string, message: string) =>
      errors.push({
        field: `row${rowNumber}.${col}`,
        code: 'invalid_cell',
        message: `第${rowNumber}行「${col}」：${message}`,
      });
    const num = (col: string) => {
      const t = cells[col] ?? '';
      if (t === '') return null;
      const n = Number(t);
      if (!Number.isFinite(n)) err(col, '应为数字');
      return Number.isFinite(n) ? n : null;
    };
    const candidate = {
      kind: cells['类别'] ? kinds.get(cells['类别']) : 'demand',
      title: cells['名称'],
      fieldCode: cells['所属领域代码'],
      description: cells['需求描述'],
      indicators: cells['技术指标'] || null,
      budgetMinWan: num('预算下限（万元）'),
      budgetMaxWan: num('预算上限（万元）'),
      cooperationMode: modes.get(cells['合作方式'] ?? ''),
      deadline: cells['截止日期'],
      ipTerms: cells['知识产权约定'] || null,
      themeDayId,
    };
    const parsed = DemandBody.safeParse(candidate);
    if (!parsed.success) {
      const given = new Map<string, unknown>(Object.entries(candidate));
      for (const i of parsed.error.issues) {
        const key = String(i.path[0] ?? '');
        err(COL[key] ?? key, given.get(key) === undefined ? '取值不在可选范围内' : i.message);
      }
    } else if (
      parsed.data.budgetMinWan != null &&
      parsed.data.budgetMaxWan != null &&
      parsed.data.budgetMaxWan < parsed.data.budgetMinWan
    ) {
      err('预算上限（万元）', '不能低于预算下限');
    } else bodies.push(parsed.data);
  }
  if (errors.length) throw new AppError(422, 'import_rows_invalid', `有${errors.length}处错误，未导入任何一行`, errors);
  const now = nowIso(ctx.clock.now());
  const ids: string[] = [];
  await ctx.db.transaction().execute(async (trx) => {
    for (const b of bodies) {
      const row = draftRow(b, props.organisationId, themeDayId, actor.userId, now);
      await insertDemand(trx, row);
      ids.push(row.id);
    }
    await audit(trx, ctx, {
      entityType: 'demand',
      entityId: null,
      action: 'import',
      after: { count: ids.length, ids },
    });
  });
  return { created: ids.length, ids };
}

// ----- responses ------------------------------------------------------------------------------------------

/** Checks that a demand takes responses now: published, before the end of its deadline day. */
export function ensureOpen(d: Pick<DemandRow, 'status' | 'deadline'>, now: Date): void {
  if (d.status !== 'published') throw new AppError(409, 'demand_not_open', '该需求未开放响应');
  if (isExpired(d, now)) throw new AppError(409, 'deadline_passed', `响应截止日期（${d.deadline}）已过`);
}

/** `organisation` (the caller's acting organisation) responds to the demand; one response per organisation. */
export async function respond(
  ctx: Ctx,
  props: { demand: DemandRow; organisation: { id: string; name: string }; proposal: string },
): Promise<string> {
  const actor = requireActor(ctx);
  const { demand: d, organisation: org } = props;
  const now = ctx.clock.now();
  ensureOpen(d, now);
  if (d.organisation_id === org.id) throw new AppError(409, 'own_demand', '不能响应本单位发布的需求');
  const id = newId();
  const t = nowIso(now);
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const row: NewResponse = {
        id,
        demand_id: d.id,
        organisation_id: org.id,
        user_id: actor.userId,
        proposal: props.proposal,
        attachments: '[]',
        status: 'submitted',
        decision_note: null,
        created_at: t,
        updated_at: t,
      };
      await insertResponse(trx, row);
      await audit(trx, ctx, { entityType: 'demand_response', entityId: id, action: 'create', after: row });
      // a recommendation of this demand to the responder counts as followed (issue 14)
      await markFollowed(trx, { kind: 'response', ref: id, now, viewerOrgIds: [org.id], itemId: d.id });
      await notifyUsers(
        trx,
        await usersWithRole(trx, [d.organisation_id], ACTING),
        { kind: 'demand_response', title: `收到需求响应：${d.title}`, body: org.name, link: demandLink(d.id) },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'already_responded', '本单位已响应过该需求');
    throw err;
  }
  return id;
}

/** Attachments go only to a submitted response, before the demand's deadline, up to MAX_ATTACHMENTS. */
export function ensureAttachable(r: ResponseJoined, now: Date): void {
  if (r.status !== 'submitted')
    throw new AppError(409, 'response_not_editable', '该响应已进入评选或已结束，不能再上传附件');
  if (isExpired({ deadline: r.demand_deadline }, now))
    throw new AppError(409, 'deadline_passed', `响应截止日期（${r.demand_deadline}）已过`);
  if (attachmentsOf(r).length >= MAX_ATTACHMENTS)
    throw new AppError(409, 'too_many_attachments', `每个响应最多${MAX_ATTACHMENTS}个附件`);
}

/**
 * Stores an uploaded file with the response. Its type is sniffed from the content (PDF/DOCX/PNG/JPEG; the
 * name is not trusted), the file goes under the uploads folder, and the list is re-read in the transaction
 * so two uploads at once cannot pass the limit together.
 */
export async function addResponseAttachment(
  ctx: Ctx,
  props: { response: ResponseJoined; file: { name: string; data: Buffer } | null },
): Promise<void> {
  const { response: r, file } = props;
  ensureAttachable(r, ctx.clock.now());
  if (!file || file.data.length === 0)
    throw new AppError(400, 'validation_failed', '请选择要上传的文件', [
      { field: 'file', code: 'required', message: '请选择要上传的文件' },
    ]);
  const { data } = file;
  const type = sniffAttachment(data);
  if (!type)
    throw new AppError(
      415,
      'attachment_type_not_allowed',
      '附件须为 PDF、Word（.docx）、PNG 或 JPEG 文件（按文件内容识别，不看扩展名）',
      [{ field: 'file', code: 'attachment_type_not_allowed', message: '文件类型不允许' }],
    );
  const attId = newId();
  const rel = join('demand-responses', r.id, `${attId}.${type === 'jpeg' ? 'jpg' : type}`);
  await storeUpload(ctx.uploadDir, rel, data);
  const stored: StoredAttachment = { id: attId, name: file.name.slice(0, 200), type, size: data.length, path: rel };
  await ctx.db.transaction().execute(async (trx) => {
    const list = await currentAttachments(trx, ctx.dialect, r.id);
    if (list.length >= MAX_ATTACHMENTS)
      throw new AppError(409, 'too_many_attachments', `每个响应最多${MAX_ATTACHMENTS}个附件`);
    await setAttachments(trx, r.id, [...list, stored], nowIso(ctx.clock.now()));
    await audit(trx, ctx, {
      entityType: 'demand_response',
      entityId: r.id,
      action: 'attach',
      after: { id: attId, name: stored.name, type, size: stored.size },
    });
  });
}

export type ResponseTransition = 'shortlist' | 'accept' | 'decline' | 'withdraw';
const R_FROM: Record<ResponseTransition, readonly ResponseStatus[]> = {
  shortlist: ['submitted'],
  accept: ['submitted', 'shortlisted'],
  decline: ['submitted', 'shortlisted'],
  withdraw: ['submitted', 'shortlisted'],
};
const R_TO: Record<ResponseTransition, ResponseStatus> = {
  shortlist: 'shortlisted',
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
};
const R_LABEL: Record<ResponseTransition, string> = {
  shortlist: '入围',
  accept: '被采纳',
  decline: '未被采纳',
  withdraw: '已撤回',
};

/** The publisher shortlists, accepts or declines a response; the responder withdraws it. The other side is told. */
export async function transitionResponse(
  ctx: Ctx,
  props: { response: ResponseJoined; transition: ResponseTransition; note: string | null },
): Promise<void> {
  const { response: r, transition: t, note } = props;
  if (!R_FROM[t].includes(r.status)) throw invalidState('该响应当前状态不能执行此操作');
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await setResponseStatus(trx, r.id, r.status, {
      status: R_TO[t],
      updated_at: nowIso(ctx.clock.now()),
      ...(note != null ? { decision_note: note } : {}),
    });
    if (!moved) throw invalidState('响应状态已变化，请刷新');
    await audit(trx, ctx, {
      entityType: 'demand_response',
      entityId: r.id,
      action: t,
      before: { status: r.status },
      after: { status: R_TO[t], note },
    });
    // Issue 10: an accepted response is a signal; a candidate cooperation project (once per response).
    if (R_TO[t] === 'accepted') await proposeFromDemandResponse(trx, ctx, { responseId: r.id });
    const to = t === 'withdraw' ? await usersWithRole(trx, [r.demand_org_id], ACTING) : [r.user_id];
    await notifyUsers(
      trx,
      to,
      {
        kind: 'demand_response',
        title: `需求响应${R_LABEL[t]}：${r.demand_title}`,
        body: note ?? '',
        link: demandLink(r.demand_id),
      },
      ctx.clock.now(),
    );
  });
}

// ----- consortia ------------------------------------------------------------------------------------------

/**
 * Validates the member list: no duplicates, the publisher included, every other member an organisation
 * whose response to this demand was accepted, and each set of shares summing to exactly 10000 basis points.
 * All problems come back at once (422 with field errors).
 */
async function checkMembers(db: Executor, d: DemandRow, members: readonly MemberInput[]): Promise<void> {
  const errors: FieldError[] = [];
  let code: string | null = null;
  const add = (c: string, field: string, message: string) => {
    code ??= c;
    errors.push({ field, code: c, message });
  };
  const seen = new Set<string>();
  members.forEach((m, i) => {
    if (seen.has(m.organisationId)) add('duplicate_member', `members.${i}.organisationId`, '成员单位重复');
    seen.add(m.organisationId);
  });
  if (!seen.has(d.organisation_id))
    add('publisher_not_in_consortium', 'members', '创新联合体须由需求发布单位牵头（成员中须包含发布单位）');
  const accepted = await acceptedOrganisations(db, d.id);
  members.forEach((m, i) => {
    if (m.organisationId !== d.organisation_id && !accepted.has(m.organisationId)) {
      add('consortium_member_not_eligible', `members.${i}.organisationId`, '成员须为响应已被采纳的单位');
    }
  });
  const cost = members.reduce((s, m) => s + m.costShareBp, 0);
  const benefit = members.reduce((s, m) => s + m.benefitShareBp, 0);
  if (cost !== 10_000) add('shares_not_100', 'members.costShareBp', `成本分担比例合计须为100%，当前为${cost / 100}%`);
  if (benefit !== 10_000)
    add('shares_not_100', 'members.benefitShareBp', `利益分享比例合计须为100%，当前为${benefit / 100}%`);
  if (code) throw new AppError(422, code, errors.map((e) => e.message).join('；'), errors);
}

/** The publisher forms a consortium on its (published) demand; the other members are asked to sign. */
export async function createConsortium(ctx: Ctx, props: { demand: DemandRow; body: ConsortiumBody }): Promise<string> {
  const actor = requireActor(ctx);
  const { demand: d, body: b } = props;
  if (d.status === 'draft') throw invalidState('需求发布后才能组建创新联合体');
  await checkMembers(ctx.db, d, b.members);
  const now = nowIso(ctx.clock.now());
  const id = newId();
  await ctx.db.transaction().execute(async (trx) => {
    await insertConsortium(trx, {
      id,
      demand_id: d.id,
      organisation_id: d.organisation_id,
      name: b.name,
      ip_terms: b.ipTerms,
      status: 'draft',
      version: 1,
      signed_at: null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await replaceMembers(trx, id, b.members);
    await audit(trx, ctx, { entityType: 'consortium', entityId: id, action: 'create', after: b });
    const others = b.members.map((m) => m.organisationId).filter((o) => o !== d.organisation_id);
    await notifyUsers(
      trx,
      await usersWithRole(trx, others, ACTING),
      { kind: 'consortium', title: `请签署创新联合体协议：${b.name}`, link: links.consortia() },
      ctx.clock.now(),
    );
  });
  return id;
}

/** Edits a draft consortium: bumps the version and clears every signature. A signed one is frozen. */
export async function updateConsortium(
  ctx: Ctx,
  props: { consortium: ConsortiumRow; demand: DemandRow; changes: ConsortiumUpdateBody },
): Promise<void> {
  const { consortium: c, demand: d, changes: b } = props;
  const current = await consortiumMembers(ctx.db, c.id);
  const members: MemberInput[] =
    b.members ??
    current.map((m) => ({
      organisationId: m.organisation_id,
      role: m.role,
      costShareBp: m.cost_share_bp,
      benefitShareBp: m.benefit_share_bp,
    }));
  if (b.members) await checkMembers(ctx.db, d, members);
  await ctx.db.transaction().execute(async (trx) => {
    const locked = await lockConsortium(trx, ctx.dialect, c.id);
    if (!locked) throw notFound();
    if (locked.status === 'signed') throw new AppError(409, 'consortium_signed', '协议已由全体成员签署，不能再修改');
    await updateConsortiumRow(trx, c.id, {
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.ipTerms !== undefined ? { ip_terms: b.ipTerms } : {}),
      version: locked.version + 1,
      updated_at: nowIso(ctx.clock.now()),
    });
    if (b.members) await replaceMembers(trx, c.id, members);
    else await clearSignatures(trx, c.id);
    await audit(trx, ctx, {
      entityType: 'consortium',
      entityId: c.id,
      action: 'update',
      before: { version: locked.version },
      after: { ...b, version: locked.version + 1, signaturesReset: true },
    });
  });
}

/**
 * The actor's organisation signs the current version. The consortium row is locked so that two last
 * signatures arriving together still produce exactly one `signed` transition.
 */
export async function signConsortium(
  ctx: Ctx,
  props: { consortiumId: string; version: number | undefined },
): Promise<void> {
  const actor = requireActor(ctx);
  const { version } = props;
  await ctx.db.transaction().execute(async (trx) => {
    const c = await lockConsortium(trx, ctx.dialect, props.consortiumId);
    if (!c) throw notFound();
    if (c.status === 'signed') throw new AppError(409, 'consortium_signed', '协议已由全体成员签署');
    if (version !== undefined && version !== c.version) throw invalidState('协议内容已修改，请查看最新版本后再签署');
    const members = await consortiumMembers(trx, c.id);
    const mine = members.find((m) => actsFor(actor, m.organisation_id));
    if (!mine) throw new AppError(403, 'not_consortium_member', '本单位不是联合体成员');
    if (mine.signed_at) throw new AppError(409, 'already_signed', '本单位已签署');
    const now = nowIso(ctx.clock.now());
    await signMember(trx, mine.id, now, actor.userId);
    const all = members.every((m) => m.id === mine.id || !!m.signed_at);
    if (all) await updateConsortiumRow(trx, c.id, { status: 'signed', signed_at: now, updated_at: now });
    await audit(trx, ctx, {
      entityType: 'consortium',
      entityId: c.id,
      action: 'sign',
      after: { organisationId: mine.organisation_id, version: c.version, complete: all },
    });
    // Issue 10: a fully signed consortium is a signal; a candidate with every member as a party (once).
    if (all) await proposeFromConsortium(trx, ctx, { consortiumId: c.id });
    if (all) {
      await notifyUsers(
        trx,
        await usersWithRole(
          trx,
          members.map((m) => m.organisation_id),
          ACTING,
        ),
        { kind: 'consortium', title: `创新联合体协议已全体签署：${c.name}`, link: links.consortia() },
        ctx.clock.now(),
      );
    }
  });
}
