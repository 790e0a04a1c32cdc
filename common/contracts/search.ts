/**
 * Zod schemas of the search and recommendation API. The web pages call these endpoints with exactly this
 * contract (issue 3 items 5–7); fields may be added, never renamed.
 */
import { z } from 'zod';
import { OrgRef } from './common.ts';

/** The public kinds a search can return; `event` = docking sessions and alliances (创新主体深度对接). */
export const SEARCH_TYPES = ['resource', 'demand', 'technology', 'result', 'event'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  resource: '开放资源',
  demand: '创新需求',
  technology: '新技术目录',
  result: '科技成果',
  event: '深度对接',
};

const ORG_SIZES = ['large', 'medium', 'small', 'micro'] as const;

const splitList = (s: string): string[] => [
  ...new Set(
    s
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== ''),
  ),
];
const commaList = <T extends string>(values: readonly T[], message: string) =>
  z
    .string()
    .max(200)
    .refine((s) => splitList(s).every((p) => (values as readonly string[]).includes(p)), message)
    .transform((s) => splitList(s) as T[]);

export const SearchQuery = z.object({
  /** Free text; empty lists the filtered published items, newest first. */
  q: z.string().max(500).default(''),
  /** Comma-separated subset of resource,demand,technology,result,event (default: all). */
  type: commaList(
    SEARCH_TYPES,
    '类型应为 resource、demand、technology、result、event 中的一个或多个，用逗号分隔',
  ).optional(),
  /** GB/T 4754-2017 code, prefix match: C, C39, 39, C3911. */
  industry: z
    .string()
    .trim()
    .regex(/^([A-Ta-t]\d{0,4}|\d{2,4})$/, '行业应为国民经济行业分类代码，如 C 或 C39')
    .optional(),
  /** GB/T 2260 code or prefix: 32 / 320000 (province), 3205 / 320500 (city), 320506 (county). */
  region: z
    .string()
    .trim()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/, '地区应为行政区划代码或其前2、4位')
    .optional(),
  themeDayId: z.string().min(1).max(100).optional(),
  orgKind: z.string().min(1).max(40).optional(),
  orgSize: z.enum(ORG_SIZES).optional(),
  page: z.coerce.number().int().min(1).max(200).default(1),
  pageSize: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** A text with the spans to mark (UTF-16 offsets, half-open), as the search engine returns it. */
export const Highlight = z.object({
  text: z.string(),
  ranges: z.array(z.tuple([z.number().int(), z.number().int()]).readonly()),
  cutStart: z.boolean(),
  cutEnd: z.boolean(),
});
export type Highlight = z.infer<typeof Highlight>;

export const SearchItem = z.object({
  type: z.enum(SEARCH_TYPES),
  /** Chinese label of the type (开放资源, 创新需求, …). */
  typeLabel: z.string(),
  id: z.string(),
  title: Highlight,
  snippet: Highlight,
  matchedTerms: z.array(z.string()),
  score: z.number(),
  organisation: OrgRef.nullable(),
  industry: z.string().nullable(),
  region: z.string().nullable(),
  themeDayId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  /** The item's web route: /resources/{id}, /demands/{id}, /technologies/{id}, /results/{id}, /docking/{id}. */
  link: z.string(),
});
export type SearchItem = z.infer<typeof SearchItem>;

export const SearchResponse = z.object({
  items: z.array(SearchItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /**
   * The analysed query terms (after the domain dictionary; stopwords, filler words and stray single
   * characters dropped). Lexicon synonyms and narrower terms also search but are not listed here.
   */
  terms: z.array(z.string()),
  /**
   * The query with mistyped words corrected against the indexed vocabulary (pinyin and edit distance:
   * 碳纤为 → 碳纤维), or null when nothing looked mistyped; shown as 「您是不是要找」.
   */
  didYouMean: z.string().nullable(),
  /** true when the items were ranked with didYouMean's words (a confident correction, or too few literal hits). */
  corrected: z.boolean(),
});
export type SearchResponse = z.infer<typeof SearchResponse>;

export const REC_TYPES = ['resource', 'result', 'technology', 'organisation', 'demand'] as const;
export type RecType = (typeof REC_TYPES)[number];

export const Rec = z.object({
  type: z.enum(REC_TYPES),
  id: z.string(),
  title: z.string(),
  /** 0–1: text similarity dominates, industry/region/size/maturity re-order. */
  score: z.number(),
  /** e.g. 「共同关键词：工业互联网、边缘计算；同属C39；同省」 */
  reason: z.string(),
  /** /resources/{id}, /results/{id}, /technologies/{id}, /demands/{id}, /orgs/{id} */
  link: z.string(),
});
export type Rec = z.infer<typeof Rec>;

export const RecList = z.object({ items: z.array(Rec) });
export type RecList = z.infer<typeof RecList>;
export const ForMe = z.object({ demands: z.array(Rec), resources: z.array(Rec) });
export type ForMe = z.infer<typeof ForMe>;

/** What a viewer did after a recommendation was shown (issue 14: the acceptance rate). */
export const FOLLOW_KINDS = ['response', 'meeting_request', 'project'] as const;
export type FollowKind = (typeof FOLLOW_KINDS)[number];
export const FOLLOW_KIND_LABELS: Record<FollowKind, string> = {
  response: '响应需求',
  meeting_request: '洽谈邀约',
  project: '合作项目',
};

/** A recommendation counts as followed when the follow-up comes within this many days of it being shown. */
export const FOLLOW_WINDOW_DAYS = 30;

const StatRow = z.object({
  /** distinct recommendations shown (viewer, subject, item), each once however often it was shown */
  shown: z.number().int(),
  followed: z.number().int(),
  /** followed / shown, null when nothing was shown */
  rate: z.number().nullable(),
});

export const RecStats = StatRow.extend({
  byKind: z.array(z.object({ kind: z.enum(FOLLOW_KINDS), label: z.string(), followed: z.number().int() })),
  /** by the month (Asia/Shanghai) the recommendation was shown, oldest first */
  byMonth: z.array(StatRow.extend({ month: z.string() })),
});
export type RecStats = z.infer<typeof RecStats>;
