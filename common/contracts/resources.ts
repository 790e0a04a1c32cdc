/** Zod schemas of the open-resources API (创新资源开放共享): resources, requests, lists, import. */
import { z } from 'zod';
import { isRegionCode } from '../region.ts';
import { CalendarDate, OrgRef, Paging, ThemeDayRef, listOf } from './common.ts';

export const RESOURCE_TYPES = ['scenario', 'lab', 'instrument', 'investment', 'training', 'supply_chain'] as const;
export type ResourceType = (typeof RESOURCE_TYPES)[number];
export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  scenario: '应用场景',
  lab: '实验室',
  instrument: '仪器设备',
  investment: '创业投资',
  training: '人才培训',
  supply_chain: '供应链开放',
};
export const PRICE_MODELS = ['free', 'paid', 'negotiable'] as const;
export type PriceModel = (typeof PRICE_MODELS)[number];
export const PRICE_MODEL_LABELS: Record<PriceModel, string> = { free: '免费', paid: '收费', negotiable: '面议' };
/** month: k approvals per calendar month of the requested start date; theme_day / total: k in all. */
export const QUOTA_PERIODS = ['month', 'theme_day', 'total'] as const;
export type QuotaPeriod = (typeof QUOTA_PERIODS)[number];
export const QUOTA_PERIOD_LABELS: Record<QuotaPeriod, string> = {
  month: '每月',
  theme_day: '主题日期间',
  total: '合计',
};
export const RESOURCE_STATUSES = ['draft', 'published', 'closed'] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];
export const RESOURCE_STATUS_LABELS: Record<ResourceStatus, string> = {
  draft: '草稿',
  published: '已发布',
  closed: '已关闭',
};
export const REQUEST_STATUSES = ['pending', 'approved', 'declined', 'used', 'closed', 'withdrawn'] as const;
export type RequestStatus = (typeof REQUEST_STATUSES)[number];

const RegionCode = z.string().refine(isRegionCode, '行政区划代码无效（GB/T 2260 六位代码）');

export const ResourceBody = z.object({
  type: z.enum(RESOURCE_TYPES),
  title: z.string().trim().min(2).max(200),
  description: z.string().trim().min(1).max(10_000),
  regionCode: RegionCode.nullable().optional(),
  location: z.string().trim().max(500).nullable().optional(),
  conditions: z.string().trim().max(5000).nullable().optional(),
  priceModel: z.enum(PRICE_MODELS),
  priceNote: z.string().trim().max(500).nullable().optional(),
  /** Approvals allowed per period; null: no limit. */
  quota: z.number().int().min(1).max(1_000_000).nullable().optional(),
  quotaPeriod: z.enum(QUOTA_PERIODS).default('total'),
  graduateTeams: z.boolean().default(false),
  themeDayId: z.string().min(1).max(100).nullable().optional(),
});
export type ResourceBody = z.infer<typeof ResourceBody>;
export type ResourceInput = z.input<typeof ResourceBody>;
export const ResourceUpdateBody = ResourceBody.partial();
export type ResourceUpdateBody = z.infer<typeof ResourceUpdateBody>;

export const ResourceView = z.object({
  id: z.string(),
  organisation: OrgRef,
  themeDay: ThemeDayRef,
  type: z.enum(RESOURCE_TYPES),
  typeLabel: z.string(),
  title: z.string(),
  description: z.string(),
  regionCode: z.string().nullable(),
  location: z.string().nullable(),
  conditions: z.string().nullable(),
  priceModel: z.enum(PRICE_MODELS),
  priceModelLabel: z.string(),
  priceNote: z.string().nullable(),
  quota: z.number().int().nullable(),
  quotaPeriod: z.enum(QUOTA_PERIODS),
  graduateTeams: z.boolean(),
  status: z.enum(RESOURCE_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    publish: z.boolean(),
    close: z.boolean(),
    request: z.boolean(),
    viewRequests: z.boolean(),
  }),
});
export type ResourceView = z.infer<typeof ResourceView>;

export const ResourceListQuery = z.object({
  /** Words in the title or description (case-insensitive contains). */
  q: z.string().trim().max(100).optional(),
  type: z.enum(RESOURCE_TYPES).optional(),
  /** Matches the region and everything under it (a province's 2-digit prefix works too). */
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  themeDayId: z.string().max(100).optional(),
  organisationId: z.string().max(100).optional(),
  priceModel: z.enum(PRICE_MODELS).optional(),
  graduateTeams: z.enum(['true', 'false']).optional(),
  /** true: my organisation's items in every status (drafts included). */
  mine: z.enum(['true', 'false']).optional(),
  status: z.enum(RESOURCE_STATUSES).optional(),
  sort: z.enum(['publishedAt', 'createdAt', 'title']).default('publishedAt'),
  ...Paging,
});
export type ResourceListQuery = z.infer<typeof ResourceListQuery>;
export const ResourceList = listOf(ResourceView);
export type ResourceList = z.infer<typeof ResourceList>;

export const RequestBody = z.object({
  purpose: z.string().trim().min(1).max(5000),
  startDate: CalendarDate,
  endDate: CalendarDate,
});
export type RequestBody = z.infer<typeof RequestBody>;

export const ReasonBody = z.object({ reason: z.string().trim().min(1).max(2000) });
export type ReasonBody = z.infer<typeof ReasonBody>;
export const OptionalReasonBody = z.object({ reason: z.string().trim().max(2000).optional() });
export type OptionalReasonBody = z.infer<typeof OptionalReasonBody>;

export const RequestView = z.object({
  id: z.string(),
  resource: z.object({ id: z.string(), title: z.string(), organisation: OrgRef }),
  organisation: OrgRef,
  user: z.object({ id: z.string(), name: z.string() }),
  purpose: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  periodKey: z.string(),
  status: z.enum(REQUEST_STATUSES),
  decisionReason: z.string().nullable(),
  decidedAt: z.string().nullable(),
  createdAt: z.string(),
  abilities: z.object({
    approve: z.boolean(),
    decline: z.boolean(),
    markUsed: z.boolean(),
    close: z.boolean(),
    withdraw: z.boolean(),
  }),
});
export type RequestView = z.infer<typeof RequestView>;

export const RequestListQuery = z.object({
  status: z.enum(REQUEST_STATUSES).optional(),
  resourceId: z.string().max(100).optional(),
  /** mine: requests my organisation made; received: requests for my organisation's resources. */
  box: z.enum(['mine', 'received']).default('mine'),
  sort: z.enum(['createdAt', 'startDate']).default('createdAt'),
  ...Paging,
});
export type RequestListQuery = z.infer<typeof RequestListQuery>;
export const RequestList = listOf(RequestView);
export type RequestList = z.infer<typeof RequestList>;

export const QuotaQuery = z.object({
  date: CalendarDate.optional(),
});
export type QuotaQuery = z.infer<typeof QuotaQuery>;
/** What is left of a resource's quota in the period a start date falls in (null: no limit). */
export const QuotaView = z.object({
  quota: z.number().int().nullable(),
  quotaPeriod: z.enum(QUOTA_PERIODS),
  periodKey: z.string(),
  used: z.number().int(),
  remaining: z.number().int().nullable(),
});
export type QuotaView = z.infer<typeof QuotaView>;

/** The import template's columns, in order (Chinese headers; labels, not codes, in the cells). */
export const RESOURCE_IMPORT_HEADERS = [
  '资源类型',
  '名称',
  '简介',
  '所在地区代码',
  '具体地点',
  '开放条件',
  '收费方式',
  '收费说明',
  '名额',
  '名额周期',
  '面向高校毕业生创业团队',
] as const;

/** Query of the import: the theme day every imported resource hangs on (optional). */
export const ResourceImportQuery = z.object({ themeDayId: z.string().max(100).optional() });
export type ResourceImportQuery = z.infer<typeof ResourceImportQuery>;

export const ImportResult = z.object({
  created: z.number().int(),
  ids: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;
