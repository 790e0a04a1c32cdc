/** Turns resource and request rows into API payloads with explicit fields and the caller's abilities; the .xlsx export rows. */
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { orgRefs, themeDayRefs } from '../../lib/sql.ts';
import {
  PRICE_MODEL_LABELS,
  QUOTA_PERIOD_LABELS,
  RESOURCE_STATUS_LABELS,
  RESOURCE_TYPE_LABELS,
  type QuotaView,
  type RequestView,
  type ResourceView,
} from '../../../common/contracts/resources.ts';
import { requestAbilities, resourceAbilities } from './policy.ts';
import type { RequestJoined, ResourceRow } from './repository.ts';

/** Presents resources with two batched look-ups (organisation names, theme-day titles). */
export async function presentResources(
  db: Executor,
  actor: Actor | null,
  rows: ResourceRow[],
): Promise<ResourceView[]> {
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
  return rows.map((r) => ({
    id: r.id,
    organisation: orgs(r.organisation_id),
    themeDay: tds(r.theme_day_id),
    type: r.type,
    typeLabel: RESOURCE_TYPE_LABELS[r.type] ?? r.type,
    title: r.title,
    description: r.description,
    regionCode: r.region_code,
    location: r.location,
    conditions: r.conditions,
    priceModel: r.price_model,
    priceModelLabel: PRICE_MODEL_LABELS[r.price_model] ?? r.price_model,
    priceNote: r.price_note,
    quota: r.quota,
    quotaPeriod: r.quota_period,
    graduateTeams: r.graduate_teams === 1,
    status: r.status,
    publishedAt: r.published_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    abilities: resourceAbilities(actor, r),
  }));
}

export async function presentResource(db: Executor, actor: Actor | null, row: ResourceRow): Promise<ResourceView> {
  const [view] = await presentResources(db, actor, [row]);
  return view!;
}

/** What is left of the quota of the period `periodKey`, given `used` counted approvals. */
export const presentQuota = (
  r: Pick<ResourceRow, 'quota' | 'quota_period'>,
  periodKey: string,
  used: number,
): QuotaView => ({
  quota: r.quota,
  quotaPeriod: r.quota_period,
  periodKey,
  used,
  remaining: r.quota == null ? null : Math.max(0, r.quota - used),
});

export async function presentRequests(
  db: Executor,
  actor: Actor | null,
  rows: RequestJoined[],
): Promise<RequestView[]> {
  const orgs = await orgRefs(
    db,
    rows.flatMap((r) => [r.organisation_id, r.resource_org_id]),
  );
  return rows.map((q) => ({
    id: q.id,
    resource: {
      id: q.resource_id,
      title: q.resource_title,
      organisation: orgs(q.resource_org_id),
    },
    organisation: orgs(q.organisation_id),
    user: { id: q.user_id, name: q.user_name },
    purpose: q.purpose,
    startDate: q.start_date,
    endDate: q.end_date,
    periodKey: q.period_key,
    status: q.status,
    decisionReason: q.decision_reason,
    decidedAt: q.decided_at,
    createdAt: q.created_at,
    abilities: requestAbilities(actor, q),
  }));
}

export async function presentRequest(db: Executor, actor: Actor | null, row: RequestJoined): Promise<RequestView> {
  const [view] = await presentRequests(db, actor, [row]);
  return view!;
}

// ----- .xlsx export ---------------------------------------------------------------------------------------

export const RESOURCE_EXPORT_HEADER = [
  '名称',
  '资源类型',
  '开放单位',
  '所属主题日',
  '所在地区代码',
  '具体地点',
  '开放条件',
  '收费方式',
  '收费说明',
  '名额',
  '名额周期',
  '面向高校毕业生创业团队',
  '状态',
  '发布时间',
];

export const resourceExportRow = (v: ResourceView) => [
  v.title,
  v.typeLabel,
  v.organisation.name,
  v.themeDay?.title ?? '',
  v.regionCode,
  v.location,
  v.conditions,
  v.priceModelLabel,
  v.priceNote,
  v.quota ?? '不限',
  QUOTA_PERIOD_LABELS[v.quotaPeriod],
  v.graduateTeams,
  RESOURCE_STATUS_LABELS[v.status],
  v.publishedAt ?? '',
];
