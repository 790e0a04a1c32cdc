/**
 * Publicity and the national showcase (issue 11 §3; 417号 三(四): 宣传推广, 推荐参加全国双创活动周、央企熠星大赛、
 * "创客中国"; 形成一批融通创新标杆企业): news with a host review of support organisations' drafts, success cases
 * agreed by every party, benchmark enterprises named by NDRC, and nominations to the three national events.
 */
import { z } from 'zod';
import { OrgRef, ThemeDayRef, pagingQuery } from './common.ts';

// ----- images (covers, photos) -----------------------------------------------------------------------------------

/** Image types accepted for covers and photos, sniffed from the first bytes. */
export const IMAGE_TYPES = ['png', 'jpeg', 'webp'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];
/** Largest cover or photo accepted (bytes). */
export const IMAGE_MAX_BYTES = 5 * 1024 * 1024;
/** Where uploaded images are served from; rich text may only embed images from here. */
export const PUBLIC_IMAGE_PATH = '/api/public/images/';

export const ImageView = z.object({
  id: z.string(),
  type: z.enum(IMAGE_TYPES),
  size: z.number().int(),
  /** Relative URL to put in `<img src>` or show as a cover. */
  url: z.string(),
});
export type ImageView = z.infer<typeof ImageView>;

// ----- news -----------------------------------------------------------------------------------------------------

/**
 * draft → (a support organisation's draft) submitted → approved | returned (with a reason) → published ⇄
 * unpublished. NDRC and the host's staff publish their own (and approved) news directly.
 */
export const NEWS_STATUSES = ['draft', 'submitted', 'approved', 'returned', 'published', 'unpublished'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];
export const NEWS_STATUS_LABELS: Record<NewsStatus, string> = {
  draft: '草稿',
  submitted: '待承办方审核',
  approved: '审核通过',
  returned: '已退回',
  published: '已发布',
  unpublished: '已撤下',
};

/** Who wrote a piece: decides whether it needs the host's review. */
export const NEWS_AUTHOR_KINDS = ['ndrc', 'host', 'support'] as const;
export type NewsAuthorKind = (typeof NEWS_AUTHOR_KINDS)[number];
export const NEWS_AUTHOR_KIND_LABELS: Record<NewsAuthorKind, string> = {
  ndrc: '国家发展改革委',
  host: '承办基地',
  support: '支撑机构',
};

export const NEWS_TITLE_MAX = 80;
export const NEWS_SUMMARY_MAX = 300;
/** Rich text as sent (before sanitising), in characters. */
export const NEWS_BODY_MAX = 100_000;

export const NewsBody = z.object({
  /** Null: programme-wide news (NDRC only). */
  themeDayId: z.string().min(1).max(100).nullable().default(null),
  title: z.string().trim().min(1, '请填写标题').max(NEWS_TITLE_MAX, `标题不超过${NEWS_TITLE_MAX}字`),
  summary: z.string().trim().max(NEWS_SUMMARY_MAX, `摘要不超过${NEWS_SUMMARY_MAX}字`).default(''),
  coverImageId: z.string().min(1).max(100).nullable().default(null),
  /** HTML; sanitised on the server against an allow-list before it is stored. */
  body: z.string().max(NEWS_BODY_MAX, '正文过长').default(''),
});
export type NewsInput = z.input<typeof NewsBody>;
export type NewsBody = z.infer<typeof NewsBody>;
export const NewsUpdateBody = NewsBody.omit({ themeDayId: true });
export type NewsUpdateBody = z.infer<typeof NewsUpdateBody>;

export const ReturnBody = z.object({ reason: z.string().trim().min(1, '请填写退回原因').max(500) });

export const NewsAbilities = z.object({
  edit: z.boolean(),
  submit: z.boolean(),
  approve: z.boolean(),
  return: z.boolean(),
  publish: z.boolean(),
  unpublish: z.boolean(),
});
export type NewsAbilities = z.infer<typeof NewsAbilities>;

export const NewsView = z.object({
  id: z.string(),
  themeDay: ThemeDayRef,
  title: z.string(),
  summary: z.string(),
  cover: ImageView.nullable(),
  /** Sanitised HTML. */
  body: z.string(),
  status: z.enum(NEWS_STATUSES),
  authorKind: z.enum(NEWS_AUTHOR_KINDS),
  authorOrganisation: OrgRef,
  returnReason: z.string().nullable(),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: NewsAbilities,
});
export type NewsView = z.infer<typeof NewsView>;

export const NewsListQuery = z.object({
  ...pagingQuery({ maxPageSize: 100, order: 'desc' }),
  themeDayId: z.string().min(1).max(100).optional(),
  status: z.enum(NEWS_STATUSES).optional(),
  /** `review`: submitted drafts the caller reviews. */
  box: z.enum(['all', 'review']).default('all'),
});
export const NewsList = z.object({
  items: z.array(NewsView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});

/** Support organisations a theme day's host delegated to write news (from those in the activity plan). */
export const DelegatesBody = z.object({ organisationIds: z.array(z.string().min(1).max(100)).max(50) });
export const DelegatesView = z.object({
  themeDayId: z.string(),
  delegates: z.array(OrgRef),
  /** The support organisations named in the activity plan: the ones that may be delegated. */
  candidates: z.array(OrgRef),
  abilities: z.object({ edit: z.boolean() }),
});
export type DelegatesView = z.infer<typeof DelegatesView>;

export const PublicNewsQuery = z.object({
  ...pagingQuery({ maxPageSize: 50, order: 'desc' }),
  themeDayId: z.string().min(1).max(100).optional(),
});
export const PublicNewsItem = z.object({
  id: z.string(),
  themeDay: ThemeDayRef,
  title: z.string(),
  summary: z.string(),
  cover: ImageView.nullable(),
  authorOrganisation: OrgRef,
  publishedAt: z.string(),
});
export type PublicNewsItem = z.infer<typeof PublicNewsItem>;
export const PublicNewsList = z.object({
  items: z.array(PublicNewsItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const PublicNewsView = PublicNewsItem.extend({ body: z.string(), updatedAt: z.string() });
export type PublicNewsView = z.infer<typeof PublicNewsView>;

// ----- success cases --------------------------------------------------------------------------------------------

/** proposed (awaiting every party's consent) → agreed → published ⇄ unpublished; declined when a party says no. */
export const CASE_STATUSES = ['proposed', 'agreed', 'declined', 'published', 'unpublished'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  proposed: '待合作方同意',
  agreed: '各方已同意',
  declined: '合作方不同意',
  published: '已发布',
  unpublished: '已撤下',
};
export const CONSENT_DECISIONS = ['pending', 'agreed', 'declined'] as const;
export type ConsentDecision = (typeof CONSENT_DECISIONS)[number];
export const CONSENT_DECISION_LABELS: Record<ConsentDecision, string> = {
  pending: '待确认',
  agreed: '同意',
  declined: '不同意',
};

export const CaseFigure = z.object({
  label: z.string().trim().min(1, '请填写指标名称').max(30),
  value: z.string().trim().min(1, '请填写数值').max(30),
  unit: z.string().trim().max(10).default(''),
});
export type CaseFigure = z.infer<typeof CaseFigure>;

export const CaseBody = z.object({
  projectId: z.string().min(1).max(100),
  title: z.string().trim().min(1, '请填写案例标题').max(NEWS_TITLE_MAX, `标题不超过${NEWS_TITLE_MAX}字`),
  summary: z.string().trim().max(NEWS_SUMMARY_MAX).default(''),
  /** Rich text, sanitised like news. */
  story: z.string().max(NEWS_BODY_MAX).default(''),
  figures: z.array(CaseFigure).max(12).default([]),
  photoIds: z.array(z.string().min(1).max(100)).max(12).default([]),
});
export type CaseInput = z.input<typeof CaseBody>;
export const CaseUpdateBody = CaseBody.omit({ projectId: true });
export type CaseUpdateBody = z.infer<typeof CaseUpdateBody>;
export const ConsentBody = z.object({
  agree: z.boolean(),
  reason: z.string().trim().max(500).optional(),
});

export const CaseAbilities = z.object({
  edit: z.boolean(),
  consent: z.boolean(),
  publish: z.boolean(),
  unpublish: z.boolean(),
});
export const CaseView = z.object({
  id: z.string(),
  project: z.object({ id: z.string(), title: z.string() }),
  themeDay: ThemeDayRef,
  title: z.string(),
  summary: z.string(),
  story: z.string(),
  figures: z.array(CaseFigure),
  photos: z.array(ImageView),
  status: z.enum(CASE_STATUSES),
  consents: z.array(
    z.object({
      organisation: OrgRef,
      decision: z.enum(CONSENT_DECISIONS),
      reason: z.string().nullable(),
      decidedAt: z.string().nullable(),
    }),
  ),
  publishedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: CaseAbilities,
});
export type CaseView = z.infer<typeof CaseView>;
export const CaseList = z.object({
  items: z.array(CaseView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const CaseListQuery = z.object({
  ...pagingQuery({ maxPageSize: 100, order: 'desc' }),
  status: z.enum(CASE_STATUSES).optional(),
});

/**
 * A cooperation project's success case as its page needs it: the case the caller may open (if any) and whether
 * the caller may propose one now (a party, the host's staff or NDRC; the project counted and without a case).
 */
export const ProjectCaseView = z.object({
  case: z.object({ id: z.string(), status: z.enum(CASE_STATUSES) }).nullable(),
  abilities: z.object({ propose: z.boolean() }),
});
export type ProjectCaseView = z.infer<typeof ProjectCaseView>;

export const PublicCaseItem = z.object({
  id: z.string(),
  themeDay: ThemeDayRef,
  title: z.string(),
  summary: z.string(),
  cover: ImageView.nullable(),
  parties: z.array(OrgRef),
  figures: z.array(CaseFigure),
  publishedAt: z.string(),
});
export const PublicCaseList = z.object({
  items: z.array(PublicCaseItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const PublicCaseView = PublicCaseItem.extend({ story: z.string(), photos: z.array(ImageView) });
export const PublicCasesQuery = z.object({
  ...pagingQuery({ maxPageSize: 50, order: 'desc' }),
  themeDayId: z.string().min(1).max(100).optional(),
});

/**
 * A photo of a theme day for its public page: a cover or an image in the body of its published news, or a
 * photo of a published success case from it, with where it comes from (for the caption, the alt text and a link).
 */
export const PublicPhoto = z.object({
  image: ImageView,
  source: z.object({ kind: z.enum(['news', 'case']), id: z.string(), title: z.string() }),
  publishedAt: z.string(),
});
export type PublicPhoto = z.infer<typeof PublicPhoto>;
/** The most photos a theme day's page shows (newest published first). */
export const PUBLIC_PHOTOS_MAX = 24;
export const PublicPhotoList = z.object({ items: z.array(PublicPhoto) });
export type PublicPhotoList = z.infer<typeof PublicPhotoList>;

// ----- benchmark enterprises (融通创新标杆企业) -----------------------------------------------------------------

export const BenchmarkBody = z.object({
  year: z.coerce.number().int().min(2019).max(2100),
  organisationId: z.string().min(1).max(100),
  reason: z.string().trim().min(1, '请填写推选理由').max(1000, '推选理由不超过1000字'),
});
export const BenchmarkView = z.object({
  id: z.string(),
  year: z.number().int(),
  organisation: OrgRef,
  reason: z.string(),
  namedAt: z.string(),
});
export type BenchmarkView = z.infer<typeof BenchmarkView>;
export const BenchmarkQuery = z.object({ year: z.coerce.number().int().min(2019).max(2100).optional() });
export const BenchmarkList = z.object({
  items: z.array(BenchmarkView),
  /** Years that have any benchmark enterprise, newest first. */
  years: z.array(z.number().int()),
});

// ----- nominations to the national events ------------------------------------------------------------------------

export const SHOWCASE_EVENTS = ['innovation_week', 'yixing', 'maker_china'] as const;
export type ShowcaseEvent = (typeof SHOWCASE_EVENTS)[number];
export const SHOWCASE_EVENT_LABELS: Record<ShowcaseEvent, string> = {
  innovation_week: '全国双创活动周',
  yixing: '央企熠星大赛',
  maker_china: '创客中国',
};

/**
 * proposed (a host's proposal) → nominated (NDRC) | declined (NDRC) | withdrawn (the host);
 * nominated → accepted | rejected (the event's answer, recorded by NDRC) | withdrawn;
 * accepted → showcased | withdrawn. declined, rejected, showcased and withdrawn are final.
 */
export const NOMINATION_STATUSES = [
  'proposed',
  'nominated',
  'declined',
  'accepted',
  'rejected',
  'showcased',
  'withdrawn',
] as const;
export type NominationStatus = (typeof NOMINATION_STATUSES)[number];
export const NOMINATION_STATUS_LABELS: Record<NominationStatus, string> = {
  proposed: '承办方推荐，待国家发展改革委决定',
  nominated: '已推荐',
  declined: '未予推荐',
  accepted: '已入选',
  rejected: '未入选',
  showcased: '已参展',
  withdrawn: '已撤回',
};
/** The moves from each status (NDRC's, except a host withdrawing its own proposal). */
export const NOMINATION_TRANSITIONS: Record<NominationStatus, readonly NominationStatus[]> = {
  proposed: ['nominated', 'declined', 'withdrawn'],
  nominated: ['accepted', 'rejected', 'withdrawn'],
  accepted: ['showcased', 'withdrawn'],
  declined: [],
  rejected: [],
  showcased: [],
  withdrawn: [],
};
/** Statuses that go into the dossier sent to the event. */
export const DOSSIER_STATUSES: readonly NominationStatus[] = ['nominated', 'accepted', 'showcased'];

export const NominationBody = z.object({
  projectId: z.string().min(1).max(100),
  event: z.enum(SHOWCASE_EVENTS),
  year: z.coerce.number().int().min(2019).max(2100),
  reason: z.string().trim().min(1, '请填写推荐理由').max(1000, '推荐理由不超过1000字'),
});
export type NominationInput = z.input<typeof NominationBody>;
export const NominationStatusBody = z.object({
  status: z.enum(NOMINATION_STATUSES),
  note: z.string().trim().max(500).optional(),
});
export const NominationView = z.object({
  id: z.string(),
  project: z.object({ id: z.string(), title: z.string() }),
  themeDay: ThemeDayRef,
  event: z.enum(SHOWCASE_EVENTS),
  year: z.number().int(),
  reason: z.string(),
  status: z.enum(NOMINATION_STATUSES),
  note: z.string().nullable(),
  proposedBy: OrgRef,
  createdAt: z.string(),
  updatedAt: z.string(),
  /** The statuses the caller may move this nomination to. */
  nextStatuses: z.array(z.enum(NOMINATION_STATUSES)),
});
export type NominationView = z.infer<typeof NominationView>;
export const NominationListQuery = z.object({
  ...pagingQuery({ maxPageSize: 200, order: 'desc' }),
  event: z.enum(SHOWCASE_EVENTS).optional(),
  year: z.coerce.number().int().min(2019).max(2100).optional(),
  status: z.enum(NOMINATION_STATUSES).optional(),
});
export const NominationList = z.object({
  items: z.array(NominationView),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
});
export const DossierQuery = z.object({
  event: z.enum(SHOWCASE_EVENTS),
  year: z.coerce.number().int().min(2019).max(2100),
});

/** Columns of the dossier .xlsx (and the table in the .docx). */
export const DOSSIER_HEADER = [
  '序号',
  '项目名称',
  '合作类型',
  '所属主题日',
  '牵头单位',
  '参与单位',
  '签约金额（万元）',
  '项目阶段',
  '推荐理由',
  '推荐状态',
] as const;
