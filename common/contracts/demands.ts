/**
 * Zod schemas of the demands API: innovation demands (创新需求清单) and new-technology catalogue items (新技术目录),
 * responses with attachments, and innovation consortia (创新联合体).
 */
import { z } from 'zod';
import { FieldCode } from './results.ts';
import { AttachmentView, CalendarDate, OrgRef, Paging, ThemeDayRef, listOf } from './common.ts';

export const DEMAND_KINDS = ['demand', 'technology'] as const;
export type DemandKind = (typeof DEMAND_KINDS)[number];
export const DEMAND_KIND_LABELS: Record<DemandKind, string> = { demand: '创新需求', technology: '新技术目录' };
export const COOPERATION_MODES = [
  'joint_rd',
  'commissioned_rd',
  'technology_transfer',
  'licensing',
  'equity',
  'other',
] as const;
export type CooperationMode = (typeof COOPERATION_MODES)[number];
export const COOPERATION_MODE_LABELS: Record<CooperationMode, string> = {
  joint_rd: '联合研发',
  commissioned_rd: '委托研发',
  technology_transfer: '技术转让',
  licensing: '技术许可',
  equity: '投资入股',
  other: '其他',
};
export const DEMAND_STATUSES = ['draft', 'published', 'closed'] as const;
export type DemandStatus = (typeof DEMAND_STATUSES)[number];
export const RESPONSE_STATUSES = ['submitted', 'shortlisted', 'accepted', 'declined', 'withdrawn'] as const;
export type ResponseStatus = (typeof RESPONSE_STATUSES)[number];
/** A consortium is a draft until every member has signed the current version. */
export const CONSORTIUM_STATUSES = ['draft', 'signed'] as const;
export type ConsortiumStatus = (typeof CONSORTIUM_STATUSES)[number];

const Wan = z.number().min(0).max(1e9);

export const DemandBody = z.object({
  kind: z.enum(DEMAND_KINDS).default('demand'),
  title: z.string().trim().min(2).max(200),
  fieldCode: FieldCode,
  description: z.string().trim().min(1).max(20_000),
  indicators: z.string().trim().max(10_000).nullable().optional(),
  budgetMinWan: Wan.nullable().optional(),
  budgetMaxWan: Wan.nullable().optional(),
  cooperationMode: z.enum(COOPERATION_MODES),
  /** Last day responses are accepted (Asia/Shanghai, inclusive). */
  deadline: CalendarDate,
  ipTerms: z.string().trim().max(5000).nullable().optional(),
  themeDayId: z.string().min(1).max(100).nullable().optional(),
});
export type DemandBody = z.infer<typeof DemandBody>;
/** What the web sends (`kind` may be left out: it defaults to `demand`). */
export type DemandInput = z.input<typeof DemandBody>;
export const DemandUpdateBody = DemandBody.partial();
export type DemandUpdateBody = z.infer<typeof DemandUpdateBody>;

export const DemandView = z.object({
  id: z.string(),
  kind: z.enum(DEMAND_KINDS),
  kindLabel: z.string(),
  organisation: OrgRef,
  themeDay: ThemeDayRef,
  title: z.string(),
  fieldCode: z.string(),
  fieldName: z.string().nullable(),
  description: z.string(),
  indicators: z.string().nullable(),
  budgetMinWan: z.number().nullable(),
  budgetMaxWan: z.number().nullable(),
  cooperationMode: z.enum(COOPERATION_MODES),
  cooperationModeLabel: z.string(),
  deadline: z.string(),
  /** True once the deadline (end of that day, Beijing time) has passed. */
  expired: z.boolean(),
  ipTerms: z.string().nullable(),
  status: z.enum(DEMAND_STATUSES),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  myResponseId: z.string().nullable(),
  abilities: z.object({
    edit: z.boolean(),
    publish: z.boolean(),
    close: z.boolean(),
    respond: z.boolean(),
    viewResponses: z.boolean(),
    formConsortium: z.boolean(),
  }),
});
export type DemandView = z.infer<typeof DemandView>;

export const DemandListQuery = z.object({
  /** Words in the title, description or indicators (plain substring; the ranked Chinese search is /search). */
  q: z.string().trim().max(100).optional(),
  kind: z.enum(DEMAND_KINDS).optional(),
  fieldCode: z.string().max(10).optional(),
  cooperationMode: z.enum(COOPERATION_MODES).optional(),
  /** The publishing organisation's region (and everything under it; a province's 320000 means 32…). */
  region: z
    .string()
    .regex(/^\d{2,6}$/)
    .optional(),
  themeDayId: z.string().max(100).optional(),
  organisationId: z.string().max(100).optional(),
  /** true: only demands still taking responses. */
  open: z.enum(['true', 'false']).optional(),
  mine: z.enum(['true', 'false']).optional(),
  status: z.enum(DEMAND_STATUSES).optional(),
  sort: z.enum(['publishedAt', 'deadline', 'createdAt', 'title']).default('publishedAt'),
  ...Paging,
});
export type DemandListQuery = z.infer<typeof DemandListQuery>;
export const DemandList = listOf(DemandView);
export type DemandList = z.infer<typeof DemandList>;

/** What the current user may do in this area (publish: for the active organisation; respond: as it). */
export const DemandAbilities = z.object({ publish: z.boolean(), respond: z.boolean() });
export type DemandAbilities = z.infer<typeof DemandAbilities>;

/** The import template's columns (Chinese headers; labels, not codes, in the cells). */
export const DEMAND_TEMPLATE_HEADERS = [
  '类别',
  '名称',
  '所属领域代码',
  '需求描述',
  '技术指标',
  '预算下限（万元）',
  '预算上限（万元）',
  '合作方式',
  '截止日期',
  '知识产权约定',
] as const;
export const DemandImportQuery = z.object({ themeDayId: z.string().max(100).optional() });
export type DemandImportQuery = z.infer<typeof DemandImportQuery>;
export const DemandImportResult = z.object({ created: z.number().int(), ids: z.array(z.string()) });
export type DemandImportResult = z.infer<typeof DemandImportResult>;

export const ResponseBody = z.object({ proposal: z.string().trim().min(1).max(20_000) });
export type ResponseBody = z.infer<typeof ResponseBody>;
export const NoteBody = z.object({ note: z.string().trim().max(2000).optional() });
export type NoteBody = z.infer<typeof NoteBody>;

export const AttachmentParams = z.object({ id: z.string().max(100), attachmentId: z.string().max(100) });
export type AttachmentParams = z.infer<typeof AttachmentParams>;
export const ResponseView = z.object({
  id: z.string(),
  demand: z.object({ id: z.string(), title: z.string(), kind: z.enum(DEMAND_KINDS), organisation: OrgRef }),
  organisation: OrgRef,
  user: z.object({ id: z.string(), name: z.string() }),
  proposal: z.string(),
  attachments: z.array(AttachmentView),
  status: z.enum(RESPONSE_STATUSES),
  decisionNote: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The 非涉密平台 notice, shown at the upload point. */
  notice: z.string(),
  abilities: z.object({
    upload: z.boolean(),
    withdraw: z.boolean(),
    shortlist: z.boolean(),
    accept: z.boolean(),
    decline: z.boolean(),
  }),
});
export type ResponseView = z.infer<typeof ResponseView>;
export const ResponseListQuery = z.object({
  box: z.enum(['mine', 'received']).default('mine'),
  demandId: z.string().max(100).optional(),
  status: z.enum(RESPONSE_STATUSES).optional(),
  sort: z.enum(['createdAt', 'updatedAt']).default('createdAt'),
  ...Paging,
});
export type ResponseListQuery = z.infer<typeof ResponseListQuery>;
export const ResponseList = listOf(ResponseView);
export type ResponseList = z.infer<typeof ResponseList>;

/** Shares in basis points (10000 = 100 %), so that 33.33 % + 33.33 % + 33.34 % sums exactly. */
const Bp = z.number().int('比例以万分比整数表示（10000 = 100%）').min(0).max(10_000);
export const ConsortiumMember = z.object({
  organisationId: z.string().min(1).max(100),
  role: z.string().trim().min(1).max(100),
  costShareBp: Bp,
  benefitShareBp: Bp,
});
export type ConsortiumMember = z.infer<typeof ConsortiumMember>;
export const ConsortiumBody = z.object({
  name: z.string().trim().min(2).max(200),
  ipTerms: z.string().trim().min(1).max(10_000),
  members: z.array(ConsortiumMember).min(2, '创新联合体至少包括牵头单位和一家成员单位').max(50),
});
export type ConsortiumBody = z.infer<typeof ConsortiumBody>;
export const ConsortiumUpdateBody = ConsortiumBody.partial();
export type ConsortiumUpdateBody = z.infer<typeof ConsortiumUpdateBody>;
export const SignBody = z.object({ version: z.number().int().min(1).optional() });
export type SignBody = z.infer<typeof SignBody>;

export const ConsortiumView = z.object({
  id: z.string(),
  demandId: z.string(),
  lead: OrgRef,
  name: z.string(),
  ipTerms: z.string(),
  status: z.enum(CONSORTIUM_STATUSES),
  /** Bumped by every edit; a signature applies to one version (edits clear signatures). */
  version: z.number().int(),
  signedAt: z.string().nullable(),
  members: z.array(
    z.object({
      organisation: OrgRef,
      role: z.string(),
      costShareBp: z.number().int(),
      benefitShareBp: z.number().int(),
      signedAt: z.string().nullable(),
    }),
  ),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), sign: z.boolean() }),
});
export type ConsortiumView = z.infer<typeof ConsortiumView>;
/** The consortia of one demand that the caller's organisation is in. */
export const DemandConsortia = z.object({ items: z.array(ConsortiumView) });
export type DemandConsortia = z.infer<typeof DemandConsortia>;

export const ConsortiumListItem = ConsortiumView.extend({ demand: z.object({ id: z.string(), title: z.string() }) });
export type ConsortiumListItem = z.infer<typeof ConsortiumListItem>;
export const ConsortiumListQuery = z.object({
  status: z.enum(CONSORTIUM_STATUSES).optional(),
  sort: z.enum(['createdAt', 'updatedAt']).default('updatedAt'),
  ...Paging,
});
export type ConsortiumListQuery = z.infer<typeof ConsortiumListQuery>;
export const ConsortiumList = listOf(ConsortiumListItem);
export type ConsortiumList = z.infer<typeof ConsortiumList>;

/** An organisation's public card (its page on the portal lists its published items by area). */
export const PublicOrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  kindLabel: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  sizeClass: z.string().nullable(),
  sizeLabel: z.string().nullable(),
  /** Published demands / technology entries (the other areas count through their own lists). */
  counts: z.object({ demands: z.number().int(), technologies: z.number().int() }),
});
export type PublicOrganisationView = z.infer<typeof PublicOrganisationView>;
