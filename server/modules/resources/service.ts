/**
 * Open resources (417号 二(一) 创新资源开放共享: "大企业、高校和科研院所…开放应用场景、实验室、仪器设备…"): the
 * commands. The quota rule — approvals of one period never exceed the resource's quota, however many owners'
 * clicks arrive at once — rests on one row lock: approval locks the resource row (`forUpdate` on PostgreSQL;
 * SQLite's single writer serialises), then counts the period's approvals. Approved, used and closed requests
 * count (closed is reachable only from approved/used); declined and withdrawn ones do not.
 */
import { isRegionCode } from '../../../common/region.ts';
import {
  PRICE_MODEL_LABELS,
  PRICE_MODELS,
  QUOTA_PERIOD_LABELS,
  QUOTA_PERIODS,
  RESOURCE_IMPORT_HEADERS,
  RESOURCE_TYPE_LABELS,
  RESOURCE_TYPES,
  ResourceBody,
  type ImportResult,
  type RequestBody,
  type RequestStatus,
  type ResourceUpdateBody,
} from '../../../common/contracts/resources.ts';
import type { Executor } from '../../db/index.ts';
import type { OrgFacts } from '../../lib/acting.ts';
import { audit } from '../../lib/audit.ts';
import type { Actor, Ctx } from '../../lib/context.ts';
import { AppError, fieldError, invalidState, notFound, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { readXlsx } from '../../lib/xlsx.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { proposeFromResourceRequest } from '../projects/signals.ts';
import { getThemeDay } from '../themedays/repository.ts';
import {
  getRequest,
  insertRequest,
  insertResources,
  lockResource,
  moveResourceStatus,
  periodKeyOf,
  updateRequestRow,
  updateResourceRow,
  usedQuota,
  type RequestRow,
  type ResourceRow,
} from './repository.ts';
import { links } from '../../../common/links.ts';

const resourceLink = (id: string) => links.resource(id);

const IMPORT_MAX_ROWS = 1000;

function columns(b: ResourceUpdateBody): Partial<ResourceRow> {
  const c: Partial<ResourceRow> = {};
  if (b.type !== undefined) c.type = b.type;
  if (b.title !== undefined) c.title = b.title;
  if (b.description !== undefined) c.description = b.description;
  if (b.regionCode !== undefined) c.region_code = b.regionCode;
  if (b.location !== undefined) c.location = b.location || null;
  if (b.conditions !== undefined) c.conditions = b.conditions || null;
  if (b.priceModel !== undefined) c.price_model = b.priceModel;
  if (b.priceNote !== undefined) c.price_note = b.priceNote || null;
  if (b.quota !== undefined) c.quota = b.quota;
  if (b.quotaPeriod !== undefined) c.quota_period = b.quotaPeriod;
  if (b.graduateTeams !== undefined) c.graduate_teams = b.graduateTeams ? 1 : 0;
  if (b.themeDayId !== undefined) c.theme_day_id = b.themeDayId;
  return c;
}

/** A theme-day quota needs the theme day; the theme day must enable 创新资源开放共享. */
async function checkLinks(
  db: Executor,
  actor: Actor,
  r: Pick<ResourceRow, 'theme_day_id' | 'quota_period'>,
): Promise<void> {
  if (r.theme_day_id) await requireThemeDayArea(db, actor, r.theme_day_id, 'resource_sharing');
  if (r.quota_period === 'theme_day' && !r.theme_day_id) {
    throw fieldError(422, 'theme_day_required', 'quotaPeriod', '按主题日计的名额须选择所属主题日');
  }
}

function rowFor(actor: Actor, organisationId: string, b: ResourceBody, now: string): ResourceRow {
  return {
    id: newId(),
    organisation_id: organisationId,
    theme_day_id: b.themeDayId ?? null,
    type: b.type,
    title: b.title,
    description: b.description,
    region_code: b.regionCode ?? null,
    location: b.location || null,
    conditions: b.conditions || null,
    price_model: b.priceModel,
    price_note: b.priceNote || null,
    quota: b.quota ?? null,
    quota_period: b.quotaPeriod,
    graduate_teams: b.graduateTeams ? 1 : 0,
    status: 'draft',
    published_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
}

/** Creates a draft resource of the publishing organisation (region defaults to the organisation's). */
export async function createResource(
  ctx: Ctx,
  props: { organisation: Pick<OrgFacts, 'id' | 'region_code'>; body: ResourceBody },
): Promise<string> {
  const actor = requireActor(ctx);
  const { organisation: org, body } = props;
  const row = rowFor(
    actor,
    org.id,
    { ...body, regionCode: body.regionCode ?? org.region_code },
    nowIso(ctx.clock.now()),
  );
  return ctx.db.transaction().execute(async (trx) => {
    await checkLinks(trx, actor, row);
    await insertResources(trx, [row]);
    await audit(trx, ctx, { entityType: 'resource', entityId: row.id, action: 'create', after: row });
    return row.id;
  });
}

/** Edits a resource that is not closed. */
export async function updateResource(
  ctx: Ctx,
  props: { resource: ResourceRow; body: ResourceUpdateBody },
): Promise<void> {
  const actor = requireActor(ctx);
  const r = props.resource;
  if (r.status === 'closed') throw invalidState('已关闭的资源不能修改');
  const changes = columns(props.body);
  await ctx.db.transaction().execute(async (trx) => {
    await checkLinks(trx, actor, { ...r, ...changes });
    await updateResourceRow(trx, r.id, { ...changes, updated_at: nowIso(ctx.clock.now()) });
    await audit(trx, ctx, { entityType: 'resource', entityId: r.id, action: 'update', before: r, after: changes });
  });
}

/** draft → published, published → closed. */
export async function setResourceStatus(
  ctx: Ctx,
  props: { resource: ResourceRow; to: 'published' | 'closed' },
): Promise<void> {
  const { resource: r, to } = props;
  const from = to === 'published' ? 'draft' : 'published';
  if (r.status !== from) throw invalidState(to === 'published' ? '只有草稿可以发布' : '只有已发布的资源可以关闭');
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const moved = await moveResourceStatus(trx, r.id, from, to, {
      updated_at: now,
      ...(to === 'published' ? { published_at: now } : {}),
    });
    if (!moved) throw invalidState('资源状态已变化，请刷新');
    await audit(trx, ctx, {
      entityType: 'resource',
      entityId: r.id,
      action: to === 'published' ? 'publish' : 'close',
      before: { status: from },
      after: { status: to },
    });
  });
}

// ----- import from the .xlsx template ---------------------------------------------------------------------

const byLabel = <K extends string>(keys: readonly K[], labels: Record<K, string>): Map<string, K> =>
  new Map(keys.map((k) => [labels[k], k]));
const IMPORT_COLUMNS: Record<string, string> = {
  type: '资源类型',
  title: '名称',
  description: '简介',
  priceModel: '收费方式',
  quotaPeriod: '名额周期',
};

/**
 * Imports the filled-in template as drafts of the publishing organisation: every row is checked first, and
 * any bad row refuses the whole file (422 `import_rows_invalid`, one error per cell) — nothing is imported.
 */
export async function importResources(
  ctx: Ctx,
  props: { organisation: Pick<OrgFacts, 'id' | 'region_code'>; file: Buffer; themeDayId: string | null },
): Promise<ImportResult> {
  const actor = requireActor(ctx);
  const { organisation: org, themeDayId } = props;
  const rows = await readXlsx(props.file, RESOURCE_IMPORT_HEADERS, { maxRows: IMPORT_MAX_ROWS });
  if (rows.length === 0) throw new AppError(422, 'import_empty', '模板中没有数据行');
  return ctx.db.transaction().execute(async (trx) => {
    if (themeDayId) await requireThemeDayArea(trx, actor, themeDayId, 'resource_sharing');
    const types = byLabel(RESOURCE_TYPES, RESOURCE_TYPE_LABELS);
    const prices = byLabel(PRICE_MODELS, PRICE_MODEL_LABELS);
    const periods = byLabel(QUOTA_PERIODS, QUOTA_PERIOD_LABELS);
    const errors: FieldError[] = [];
    const bodies: ResourceBody[] = [];
    for (const { rowNumber, cells } of rows) {
      const err = (col: string, message: string) =>
        errors.push({
          field: `row${rowNumber}.${col}`,
          code: 'invalid_cell',
          message: `第${rowNumber}行「${col}」：${message}`,
        });
      const quotaText = cells['名额'] ?? '';
      const quota = quotaText === '' || quotaText === '不限' ? null : Number(quotaText);
      if (quota !== null && (!Number.isInteger(quota) || quota < 1)) err('名额', '应为正整数或留空（不限）');
      const region = cells['所在地区代码'] || null;
      if (region && !isRegionCode(region)) err('所在地区代码', '不是有效的六位行政区划代码');
      const flag = cells['面向高校毕业生创业团队'] ?? '';
      if (flag && !['是', '否'].includes(flag)) err('面向高校毕业生创业团队', '应填“是”或“否”');
      const candidate = {
        type: types.get(cells['资源类型'] ?? ''),
        title: cells['名称'],
        description: cells['简介'],
        regionCode: region ?? org.region_code,
        location: cells['具体地点'] || null,
        conditions: cells['开放条件'] || null,
        priceModel: prices.get(cells['收费方式'] ?? ''),
        priceNote: cells['收费说明'] || null,
        quota,
        quotaPeriod: cells['名额周期'] ? periods.get(cells['名额周期']) : 'total',
        graduateTeams: flag === '是',
        themeDayId,
      };
      const parsed = ResourceBody.safeParse(candidate);
      if (!parsed.success) {
        const given = new Map<string, unknown>(Object.entries(candidate));
        for (const i of parsed.error.issues) {
          const key = String(i.path[0] ?? '');
          err(IMPORT_COLUMNS[key] ?? key, given.get(key) === undefined ? '取值不在可选范围内' : i.message);
        }
      } else if (parsed.data.quotaPeriod === 'theme_day' && !themeDayId) {
        err('名额周期', '按主题日计的名额须在导入时选择所属主题日');
      } else bodies.push(parsed.data);
    }
    if (errors.length)
      throw new AppError(422, 'import_rows_invalid', `有${errors.length}处错误，未导入任何一行`, errors);
    const now = nowIso(ctx.clock.now());
    const created = bodies.map((b) => rowFor(actor, org.id, b, now));
    await insertResources(trx, created);
    const ids = created.map((row) => row.id);
    await audit(trx, ctx, {
      entityType: 'resource',
      entityId: null,
      action: 'import',
      after: { count: ids.length, ids },
    });
    return { created: ids.length, ids };
  });
}

// ----- requests to use a resource -------------------------------------------------------------------------

/**
 * An organisation applies to use a published resource. Refused when the dates are inverted, outside the
 * theme day (theme-day quotas), or the period's quota is already used up (409 `quota_exhausted` — the
 * binding check is at approval, under the row lock).
 */
export async function requestResource(
  ctx: Ctx,
  props: { organisation: Pick<OrgFacts, 'id'>; resource: ResourceRow; body: RequestBody },
): Promise<string> {
  const actor = requireActor(ctx);
  const { organisation: org, resource: r, body } = props;
  if (r.status !== 'published') throw new AppError(409, 'resource_not_open', '该资源未开放申请');
  if (r.organisation_id === org.id) throw new AppError(409, 'own_resource', '不能申请本单位开放的资源');
  if (body.endDate < body.startDate) throw fieldError(422, 'invalid_date_range', 'endDate', '结束日期不能早于开始日期');
  return ctx.db.transaction().execute(async (trx) => {
    if (r.quota_period === 'theme_day' && r.theme_day_id) {
      const td = await getThemeDay(trx, r.theme_day_id);
      if (td && (body.startDate < td.startDate || body.endDate > td.endDate)) {
        throw fieldError(
          422,
          'dates_outside_theme_day',
          'startDate',
          `使用日期须在主题日（${td.startDate}至${td.endDate}）内`,
        );
      }
    }
    const periodKey = periodKeyOf(r, body.startDate);
    if (r.quota != null && (await usedQuota(trx, r.id, periodKey)) >= r.quota) {
      throw new AppError(409, 'quota_exhausted', '该资源本期名额已满');
    }
    const now = nowIso(ctx.clock.now());
    const row: RequestRow = {
      id: newId(),
      resource_id: r.id,
      organisation_id: org.id,
      user_id: actor.userId,
      purpose: body.purpose,
      start_date: body.startDate,
      end_date: body.endDate,
      period_key: periodKey,
      status: 'pending',
      decision_reason: null,
      decided_by: null,
      decided_at: null,
      created_at: now,
      updated_at: now,
    };
    await insertRequest(trx, row);
    await audit(trx, ctx, { entityType: 'resource_request', entityId: row.id, action: 'create', after: row });
    const owners = await usersWithRole(trx, [r.organisation_id], ['member', 'base_admin']);
    await notifyUsers(
      trx,
      owners,
      {
        kind: 'resource_request',
        title: `资源使用申请：${r.title}`,
        body: body.purpose.slice(0, 200),
        link: resourceLink(r.id),
      },
      ctx.clock.now(),
    );
    return row.id;
  });
}

export type RequestTransition = 'approve' | 'decline' | 'mark_used' | 'close' | 'withdraw';
const FROM: Record<RequestTransition, readonly RequestStatus[]> = {
  approve: ['pending'],
  decline: ['pending'],
  mark_used: ['approved'],
  close: ['approved', 'used'],
  withdraw: ['pending', 'approved'],
};
const TO: Record<RequestTransition, RequestStatus> = {
  approve: 'approved',
  decline: 'declined',
  mark_used: 'used',
  close: 'closed',
  withdraw: 'withdrawn',
};
const LABEL: Record<RequestTransition, string> = {
  approve: '已同意',
  decline: '未同意',
  mark_used: '已使用',
  close: '已关闭',
  withdraw: '已撤回',
};

/**
 * Moves a request on. Approval locks the resource row, re-reads the request, and counts the period's
 * approvals before adding one: exactly `quota` approvals win under any concurrency, the rest get 409
 * `quota_exhausted`.
 */
export async function transitionRequest(
  ctx: Ctx,
  props: { requestId: string; transition: RequestTransition; reason: string | null },
): Promise<void> {
  const actor = requireActor(ctx);
  const { requestId, transition: t, reason } = props;
  const now = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (trx) => {
    const pre = await getRequest(trx, requestId);
    if (!pre) throw notFound();
    const resource = await lockResource(trx, ctx.dialect, pre.resource_id);
    if (!resource) throw notFound();
    const q = await getRequest(trx, requestId);
    if (!q) throw notFound();
    if (!FROM[t].includes(q.status)) throw invalidState(`申请当前状态（${q.status}）不能执行此操作`);
    if (t === 'approve') {
      if (resource.status !== 'published') throw new AppError(409, 'resource_not_open', '该资源已关闭，不能再同意申请');
      if (resource.quota != null && (await usedQuota(trx, resource.id, q.period_key)) >= resource.quota) {
        throw new AppError(409, 'quota_exhausted', `该资源本期名额（${resource.quota}）已满`);
      }
    }
    const decided = t === 'approve' || t === 'decline';
    await updateRequestRow(trx, q.id, {
      status: TO[t],
      updated_at: now,
      ...(decided ? { decided_by: actor.userId, decided_at: now } : {}),
      ...(reason != null ? { decision_reason: reason } : {}),
    });
    await audit(trx, ctx, {
      entityType: 'resource_request',
      entityId: q.id,
      action: t,
      before: { status: q.status },
      after: { status: TO[t], reason },
    });
    // Issue 10: a request marked used is a signal; a candidate cooperation project (once per request).
    if (TO[t] === 'used') await proposeFromResourceRequest(trx, ctx, { requestId: q.id });
    const users =
      t === 'withdraw' ? await usersWithRole(trx, [resource.organisation_id], ['member', 'base_admin']) : [q.user_id];
    await notifyUsers(
      trx,
      users,
      {
        kind: 'resource_request',
        title: `资源申请${LABEL[t]}：${resource.title}`,
        body: reason ?? '',
        link: resourceLink(resource.id),
      },
      ctx.clock.now(),
    );
  });
}
