/**
 * Innovation demands and new-technology catalogues (417号 二(二) 创新项目协作攻关: "牵头大企业通过多种方式发布新技术
 * 目录和创新需求清单，邀请中小企业深度参与合作研发，鼓励…形成大企业牵头的成本分担、利益共享的创新联合体"): SQL,
 * presenters and commands for demands, responses and consortia.
 *
 * - The deadline is a Beijing calendar date, inclusive: responses (and attachment uploads) are refused from
 *   the next day on (409 `deadline_passed`).
 * - A consortium is formed by the publisher with organisations whose responses it accepted; cost and benefit
 *   shares are integer basis points and each set must sum to exactly 10000. Every member signs; the last
 *   signature makes it `signed`. Any edit bumps `version` and clears all signatures (everyone signed a text
 *   that no longer exists); a fully signed consortium is frozen.
 */
import type { FastifyRequest } from 'fastify';
import { industryName } from '../../../common/industry.ts';
import { shanghaiToday } from '../../../common/time.ts';
import { forUpdate, json, type Executor } from '../../db/index.ts';
import type { ConsortiumMemberTable, ConsortiumTable, DemandResponseTable, DemandTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, invalidState, notFound, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { normaliseField } from '../../../common/contracts/results.ts';
import {
  COOPERATION_MODE_LABELS,
  DEMAND_KIND_LABELS,
  type ConsortiumBody,
  type ConsortiumView,
  type DemandBody,
  type DemandListQuery,
  type DemandView,
  type ResponseView,
} from '../../../common/contracts/demands.ts';
import { containsText, orgNames, regionPrefix, themeDayTitles } from '../../lib/sql.ts';
import { actsFor } from '../../lib/policy.ts';
import { fieldError } from '../../lib/errors.ts';
import { type AttachmentType, NON_CLASSIFIED_NOTICE } from '../../lib/attachments.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';

export type DemandRow = DemandTable;
export type ResponseRow = DemandResponseTable;
export type ConsortiumRow = ConsortiumTable;
export interface StoredAttachment {
  id: string;
  name: string;
  type: AttachmentType;
  size: number;
  path: string;
}

export const demandLink = (id: string) => `/demands/${id}`;
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const MAX_ATTACHMENTS = 5;

// ----- policy ---------------------------------------------------------------------------------------------

export const canSeeDemand = (a: Actor | null, d: Pick<DemandRow, 'status' | 'organisation_id'>): boolean => d.status !== 'draft' || actsFor(a, d.organisation_id);
export const isPublisher = (a: Actor | null, d: Pick<DemandRow, 'organisation_id'>): boolean => actsFor(a, d.organisation_id);
export const isExpired = (d: Pick<DemandRow, 'deadline'>, now: Date): boolean => shanghaiToday(now) > d.deadline;
/** A response is seen by the responding organisation and the publisher; everyone else gets 404. */
export const canSeeResponse = (a: Actor | null, r: Pick<ResponseRow, 'organisation_id'>, demandOrgId: string): boolean =>
  actsFor(a, r.organisation_id) || actsFor(a, demandOrgId);

// ----- demands --------------------------------------------------------------------------------------------

export async function getDemand(db: Executor, id: string): Promise<DemandRow | undefined> {
  return db.selectFrom('demands').selectAll().where('id', '=', id).executeTakeFirst();
}

const SORT = { publishedAt: 'd.published_at', deadline: 'd.deadline', createdAt: 'd.created_at', title: 'd.title' } as const;

export async function listDemands(db: Executor, actor: Actor | null, q: DemandListQuery, now: Date) {
  let qb = db.selectFrom('demands as d').innerJoin('organisations as o', 'o.id', 'd.organisation_id');
  if (q.mine === 'true') {
    qb = qb.where('d.organisation_id', '=', actor?.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__');
    if (q.status) qb = qb.where('d.status', '=', q.status);
  } else {
    qb = qb.where('d.status', '=', q.status === 'closed' ? 'closed' : 'published');
  }
  if (q.kind) qb = qb.where('d.kind', '=', q.kind);
  if (q.fieldCode) qb = qb.where('d.field_code', '=', normaliseField(q.fieldCode));
  if (q.cooperationMode) qb = qb.where('d.cooperation_mode', '=', q.cooperationMode);
  if (q.region) qb = qb.where('o.region_code', 'like', `${regionPrefix(q.region) ?? q.region}%`);
  if (q.q) {
    const text = q.q;
    qb = qb.where((eb) => eb.or([containsText('d.title', text), containsText('d.description', text), containsText('d.indicators', text)]));
  }
  if (q.themeDayId) qb = qb.where('d.theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('d.organisation_id', '=', q.organisationId);
  if (q.open === 'true') qb = qb.where('d.deadline', '>=', shanghaiToday(now));
  const [items, total] = await Promise.all([
    qb.selectAll('d').orderBy(SORT[q.sort], q.order).orderBy('d.created_at', 'desc').orderBy('d.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

export async function presentDemands(db: Executor, actor: Actor | null, rows: DemandRow[], now: Date): Promise<DemandView[]> {
  const [orgs, tds] = await Promise.all([orgNames(db, rows.map((r) => r.organisation_id)), themeDayTitles(db, rows.map((r) => r.theme_day_id))]);
  const mine = new Map<string, string>();
  if (actor?.organisationId && rows.length) {
    const rs = await db
      .selectFrom('demand_responses')
      .select(['id', 'demand_id'])
      .where('organisation_id', '=', actor.organisationId)
      .where('demand_id', 'in', rows.map((r) => r.id))
      .execute();
    for (const r of rs) mine.set(r.demand_id, r.id);
  }
  return rows.map((d) => {
    const pub = isPublisher(actor, d);
    const expired = isExpired(d, now);
    return {
      id: d.id,
      kind: d.kind as DemandView['kind'],
      kindLabel: DEMAND_KIND_LABELS[d.kind as DemandView['kind']] ?? d.kind,
      organisation: { id: d.organisation_id, name: orgs.get(d.organisation_id) ?? '' },
      themeDay: d.theme_day_id ? { id: d.theme_day_id, title: tds.get(d.theme_day_id) ?? '' } : null,
      title: d.title,
      fieldCode: d.field_code,
      fieldName: industryName(d.field_code) ?? null,
      description: d.description,
      indicators: d.indicators,
      budgetMinWan: d.budget_min_wan,
      budgetMaxWan: d.budget_max_wan,
      cooperationMode: d.cooperation_mode as DemandView['cooperationMode'],
      cooperationModeLabel: COOPERATION_MODE_LABELS[d.cooperation_mode as DemandView['cooperationMode']] ?? d.cooperation_mode,
      deadline: d.deadline,
      expired,
      ipTerms: d.ip_terms,
      status: d.status as DemandView['status'],
      publishedAt: d.published_at,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
      myResponseId: mine.get(d.id) ?? null,
      abilities: {
        edit: pub && d.status !== 'closed',
        publish: pub && d.status === 'draft',
        close: pub && d.status === 'published',
        respond: !!actor?.organisationId && !pub && d.status === 'published' && !expired && !mine.has(d.id) && actsFor(actor, actor.organisationId),
        viewResponses: pub,
        formConsortium: pub && d.status !== 'draft',
      },
    };
  });
}

function checkBudget(b: { budgetMinWan?: number | null | undefined; budgetMaxWan?: number | null | undefined }) {
  if (b.budgetMinWan != null && b.budgetMaxWan != null && b.budgetMaxWan < b.budgetMinWan) {
    throw fieldError(422, 'invalid_budget_range', 'budgetMaxWan', '预算上限不能低于下限');
  }
}

export async function createDemand(req: FastifyRequest, actor: Actor, orgId: string, b: DemandBody): Promise<string> {
  const app = req.server;
  checkBudget(b);
  if (b.themeDayId) await requireThemeDayArea(app.database.db, actor, b.themeDayId, 'collaborative_rd');
  const now = nowIso(app.clock.now());
  const row: DemandRow = {
    id: newId(),
    kind: b.kind,
    organisation_id: orgId,
    theme_day_id: b.themeDayId ?? null,
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
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await app.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('demands').values(row).execute();
    await audit(trx, req.ctx, { entityType: 'demand', entityId: row.id, action: 'create', after: row });
  });
  return row.id;
}

export async function updateDemand(req: FastifyRequest, actor: Actor, d: DemandRow, b: Partial<DemandBody>): Promise<void> {
  if (d.status === 'closed') throw invalidState('已关闭的需求不能修改');
  const app = req.server;
  checkBudget({ budgetMinWan: b.budgetMinWan !== undefined ? b.budgetMinWan : d.budget_min_wan, budgetMaxWan: b.budgetMaxWan !== undefined ? b.budgetMaxWan : d.budget_max_wan });
  if (b.themeDayId) await requireThemeDayArea(app.database.db, actor, b.themeDayId, 'collaborative_rd');
  const c: Partial<DemandRow> = {};
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
  await app.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('demands').set({ ...c, updated_at: nowIso(app.clock.now()) }).where('id', '=', d.id).execute();
    await audit(trx, req.ctx, { entityType: 'demand', entityId: d.id, action: 'update', before: d, after: c });
  });
}

export async function setDemandStatus(req: FastifyRequest, d: DemandRow, to: 'published' | 'closed'): Promise<void> {
  const from = to === 'published' ? 'draft' : 'published';
  if (d.status !== from) throw invalidState(to === 'published' ? '只有草稿可以发布' : '只有已发布的需求可以关闭');
  const app = req.server;
  const now = nowIso(app.clock.now());
  await app.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('demands').set({ status: to, updated_at: now, ...(to === 'published' ? { published_at: now } : {}) }).where('id', '=', d.id).execute();
    await audit(trx, req.ctx, { entityType: 'demand', entityId: d.id, action: to === 'published' ? 'publish' : 'close', before: { status: from }, after: { status: to } });
  });
}

// ----- responses ------------------------------------------------------------------------------------------

export function responseQuery(db: Executor) {
  return db
    .selectFrom('demand_responses as r')
    .innerJoin('demands as d', 'd.id', 'r.demand_id')
    .innerJoin('users as u', 'u.id', 'r.user_id')
    .selectAll('r')
    .select(['d.title as demand_title', 'd.kind as demand_kind', 'd.organisation_id as demand_org_id', 'd.deadline as demand_deadline', 'u.name as user_name']);
}
export type ResponseJoined = NonNullable<Awaited<ReturnType<ReturnType<typeof responseQuery>['executeTakeFirst']>>>;

export const attachmentsOf = (r: Pick<ResponseRow, 'attachments'>): StoredAttachment[] => json.parse<StoredAttachment[]>(r.attachments, []);

export async function presentResponses(db: Executor, actor: Actor | null, rows: ResponseJoined[], now: Date): Promise<ResponseView[]> {
  const orgs = await orgNames(db, rows.flatMap((r) => [r.organisation_id, r.demand_org_id]));
  return rows.map((r) => {
    const pub = actsFor(actor, r.demand_org_id);
    const mine = actsFor(actor, r.organisation_id);
    const open = r.status === 'submitted' || r.status === 'shortlisted';
    return {
      id: r.id,
      demand: { id: r.demand_id, title: r.demand_title, kind: r.demand_kind as ResponseView['demand']['kind'], organisation: { id: r.demand_org_id, name: orgs.get(r.demand_org_id) ?? '' } },
      organisation: { id: r.organisation_id, name: orgs.get(r.organisation_id) ?? '' },
      user: { id: r.user_id, name: r.user_name },
      proposal: r.proposal,
      attachments: attachmentsOf(r).map((a) => ({ id: a.id, name: a.name, type: a.type, size: a.size })),
      status: r.status as ResponseView['status'],
      decisionNote: r.decision_note,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      notice: NON_CLASSIFIED_NOTICE,
      abilities: {
        upload: mine && r.status === 'submitted' && shanghaiToday(now) <= r.demand_deadline && attachmentsOf(r).length < MAX_ATTACHMENTS,
        withdraw: mine && open,
        shortlist: pub && r.status === 'submitted',
        accept: pub && open,
        decline: pub && open,
      },
    };
  });
}

/** Checks that a demand takes responses now: published, before the end of its deadline day. */
export function ensureOpen(d: Pick<DemandRow, 'status' | 'deadline'>, now: Date): void {
  if (d.status !== 'published') throw new AppError(409, 'demand_not_open', '该需求未开放响应');
  if (isExpired(d, now)) throw new AppError(409, 'deadline_passed', `响应截止日期（${d.deadline}）已过`);
}

type ResponseTransition = 'shortlist' | 'accept' | 'decline' | 'withdraw';
const R_FROM: Record<ResponseTransition, readonly string[]> = {
  shortlist: ['submitted'],
  accept: ['submitted', 'shortlisted'],
  decline: ['submitted', 'shortlisted'],
  withdraw: ['submitted', 'shortlisted'],
};
const R_TO: Record<ResponseTransition, string> = { shortlist: 'shortlisted', accept: 'accepted', decline: 'declined', withdraw: 'withdrawn' };
const R_LABEL: Record<ResponseTransition, string> = { shortlist: '入围', accept: '被采纳', decline: '未被采纳', withdraw: '已撤回' };

export async function transitionResponse(req: FastifyRequest, r: ResponseJoined, t: ResponseTransition, note: string | null): Promise<void> {
  if (!R_FROM[t].includes(r.status)) throw invalidState('该响应当前状态不能执行此操作');
  const app = req.server;
  await app.database.db.transaction().execute(async (trx) => {
    const n = await trx
      .updateTable('demand_responses')
      .set({ status: R_TO[t], updated_at: nowIso(app.clock.now()), ...(note != null ? { decision_note: note } : {}) })
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .executeTakeFirst();
    if (Number(n.numUpdatedRows) !== 1) throw invalidState('响应状态已变化，请刷新');
    await audit(trx, req.ctx, { entityType: 'demand_response', entityId: r.id, action: t, before: { status: r.status }, after: { status: R_TO[t], note } });
    const to = t === 'withdraw' ? await usersWithRole(trx, [r.demand_org_id], ['member', 'base_admin']) : [r.user_id];
    await notifyUsers(trx, to, { kind: 'demand_response', title: `需求响应${R_LABEL[t]}：${r.demand_title}`, body: note ?? '', link: demandLink(r.demand_id) }, app.clock.now());
  });
}

// ----- consortia ------------------------------------------------------------------------------------------

export async function consortiumMembers(db: Executor, consortiumId: string): Promise<ConsortiumMemberTable[]> {
  return db.selectFrom('consortium_members').selectAll().where('consortium_id', '=', consortiumId).orderBy('cost_share_bp', 'desc').orderBy('id').execute();
}

/** Visible to the organisations in it (the publisher leads it and is always a member). */
export const canSeeConsortium = (a: Actor | null, members: Pick<ConsortiumMemberTable, 'organisation_id'>[]): boolean => members.some((m) => actsFor(a, m.organisation_id));

export async function presentConsortium(db: Executor, actor: Actor | null, c: ConsortiumRow): Promise<ConsortiumView> {
  const members = await consortiumMembers(db, c.id);
  const orgs = await orgNames(db, [c.organisation_id, ...members.map((m) => m.organisation_id)]);
  const mineUnsigned = members.some((m) => actsFor(actor, m.organisation_id) && !m.signed_at);
  return {
    id: c.id,
    demandId: c.demand_id,
    lead: { id: c.organisation_id, name: orgs.get(c.organisation_id) ?? '' },
    name: c.name,
    ipTerms: c.ip_terms,
    status: c.status as 'draft' | 'signed',
    version: c.version,
    signedAt: c.signed_at,
    members: members.map((m) => ({
      organisation: { id: m.organisation_id, name: orgs.get(m.organisation_id) ?? '' },
      role: m.role,
      costShareBp: m.cost_share_bp,
      benefitShareBp: m.benefit_share_bp,
      signedAt: m.signed_at,
    })),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    abilities: { edit: actsFor(actor, c.organisation_id) && c.status === 'draft', sign: c.status === 'draft' && mineUnsigned },
  };
}

/**
 * Validates the member list: no duplicates, the publisher included, every other member an organisation
 * whose response to this demand was accepted, and each set of shares summing to exactly 10000 basis points.
 * All problems come back at once (422 with field errors).
 */
export async function checkMembers(db: Executor, d: DemandRow, members: ConsortiumBody['members']): Promise<void> {
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
  if (!seen.has(d.organisation_id)) add('publisher_not_in_consortium', 'members', '创新联合体须由需求发布单位牵头（成员中须包含发布单位）');
  const accepted = new Set(
    (await db.selectFrom('demand_responses').select('organisation_id').where('demand_id', '=', d.id).where('status', '=', 'accepted').execute()).map((r) => r.organisation_id),
  );
  members.forEach((m, i) => {
    if (m.organisationId !== d.organisation_id && !accepted.has(m.organisationId)) {
      add('consortium_member_not_eligible', `members.${i}.organisationId`, '成员须为响应已被采纳的单位');
    }
  });
  const cost = members.reduce((s, m) => s + m.costShareBp, 0);
  const benefit = members.reduce((s, m) => s + m.benefitShareBp, 0);
  if (cost !== 10_000) add('shares_not_100', 'members.costShareBp', `成本分担比例合计须为100%，当前为${cost / 100}%`);
  if (benefit !== 10_000) add('shares_not_100', 'members.benefitShareBp', `利益分享比例合计须为100%，当前为${benefit / 100}%`);
  if (code) throw new AppError(422, code, errors.map((e) => e.message).join('；'), errors);
}

async function writeMembers(trx: Executor, consortiumId: string, members: ConsortiumBody['members']) {
  await trx.deleteFrom('consortium_members').where('consortium_id', '=', consortiumId).execute();
  await trx
    .insertInto('consortium_members')
    .values(members.map((m) => ({ id: newId(), consortium_id: consortiumId, organisation_id: m.organisationId, role: m.role, cost_share_bp: m.costShareBp, benefit_share_bp: m.benefitShareBp, signed_at: null, signed_by: null })))
    .execute();
}

export async function createConsortium(req: FastifyRequest, actor: Actor, d: DemandRow, b: ConsortiumBody): Promise<string> {
  if (d.status === 'draft') throw invalidState('需求发布后才能组建创新联合体');
  const app = req.server;
  const db = app.database.db;
  await checkMembers(db, d, b.members);
  const now = nowIso(app.clock.now());
  const id = newId();
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('consortia')
      .values({ id, demand_id: d.id, organisation_id: d.organisation_id, name: b.name, ip_terms: b.ipTerms, status: 'draft', version: 1, signed_at: null, created_by: actor.userId, created_at: now, updated_at: now })
      .execute();
    await writeMembers(trx, id, b.members);
    await audit(trx, req.ctx, { entityType: 'consortium', entityId: id, action: 'create', after: b });
    const others = b.members.map((m) => m.organisationId).filter((o) => o !== d.organisation_id);
    await notifyUsers(trx, await usersWithRole(trx, others, ['member', 'base_admin']), { kind: 'consortium', title: `请签署创新联合体协议：${b.name}`, link: `/consortia/${id}` }, app.clock.now());
  });
  return id;
}

/** Edits a draft consortium: bumps the version and clears every signature. A signed one is frozen. */
export async function updateConsortium(req: FastifyRequest, c: ConsortiumRow, d: DemandRow, b: Partial<ConsortiumBody>): Promise<void> {
  const app = req.server;
  const db = app.database.db;
  const current = await consortiumMembers(db, c.id);
  const members =
    b.members ?? current.map((m) => ({ organisationId: m.organisation_id, role: m.role, costShareBp: m.cost_share_bp, benefitShareBp: m.benefit_share_bp }));
  if (b.members) await checkMembers(db, d, members);
  await db.transaction().execute(async (trx) => {
    const locked = await forUpdate(trx.selectFrom('consortia').selectAll().where('id', '=', c.id), app.database.dialect).executeTakeFirst();
    if (!locked) throw notFound();
    if (locked.status === 'signed') throw new AppError(409, 'consortium_signed', '协议已由全体成员签署，不能再修改');
    await trx
      .updateTable('consortia')
      .set({ ...(b.name !== undefined ? { name: b.name } : {}), ...(b.ipTerms !== undefined ? { ip_terms: b.ipTerms } : {}), version: locked.version + 1, updated_at: nowIso(app.clock.now()) })
      .where('id', '=', c.id)
      .execute();
    if (b.members) await writeMembers(trx, c.id, members);
    else await trx.updateTable('consortium_members').set({ signed_at: null, signed_by: null }).where('consortium_id', '=', c.id).execute();
    await audit(trx, req.ctx, { entityType: 'consortium', entityId: c.id, action: 'update', before: { version: locked.version }, after: { ...b, version: locked.version + 1, signaturesReset: true } });
  });
}

/**
 * The actor's organisation signs the current version. The consortium row is locked so that two last
 * signatures arriving together still produce exactly one `signed` transition.
 */
export async function signConsortium(req: FastifyRequest, actor: Actor, consortiumId: string, version: number | undefined): Promise<void> {
  const app = req.server;
  await app.database.db.transaction().execute(async (trx) => {
    const c = await forUpdate(trx.selectFrom('consortia').selectAll().where('id', '=', consortiumId), app.database.dialect).executeTakeFirst();
    if (!c) throw notFound();
    if (c.status === 'signed') throw new AppError(409, 'consortium_signed', '协议已由全体成员签署');
    if (version !== undefined && version !== c.version) throw invalidState('协议内容已修改，请查看最新版本后再签署');
    const members = await consortiumMembers(trx, c.id);
    const mine = members.find((m) => actsFor(actor, m.organisation_id));
    if (!mine) throw new AppError(403, 'not_consortium_member', '本单位不是联合体成员');
    if (mine.signed_at) throw new AppError(409, 'already_signed', '本单位已签署');
    const now = nowIso(app.clock.now());
    await trx.updateTable('consortium_members').set({ signed_at: now, signed_by: actor.userId }).where('id', '=', mine.id).execute();
    const all = members.every((m) => m.id === mine.id || !!m.signed_at);
    if (all) await trx.updateTable('consortia').set({ status: 'signed', signed_at: now, updated_at: now }).where('id', '=', c.id).execute();
    await audit(trx, req.ctx, { entityType: 'consortium', entityId: c.id, action: 'sign', after: { organisationId: mine.organisation_id, version: c.version, complete: all } });
    if (all) {
      await notifyUsers(trx, await usersWithRole(trx, members.map((m) => m.organisation_id), ['member', 'base_admin']), { kind: 'consortium', title: `创新联合体协议已全体签署：${c.name}`, link: `/consortia/${c.id}` }, app.clock.now());
    }
  });
}
