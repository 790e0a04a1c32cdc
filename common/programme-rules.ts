/**
 * A year's programme rules as data (MISSION: "The rules are data").
 *
 * Every number and name the notice 发改办高技〔2020〕417号 fixes for 2020 lives in a `ProgrammeRules`
 * record, not in code, so that a 2021 programme with other numbers is set up by NDRC without a release.
 * The same check functions run live in the web editor and again on the server, so the host sees exactly
 * the messages the server would return.
 */
import { z } from 'zod';
import { countZishu } from './zishu.ts';
import { isPastDeadline, shanghaiDeadlineInstant, shanghaiToUtc } from './time.ts';

import { BASE_KINDS, type BaseKind } from './roles.ts';

/** The kinds of demonstration base (双创示范基地): 区域 / 高校和科研院所 / 企业 — defined with the roles. */
export { BASE_KINDS, type BaseKind };

/** Short Chinese category names of the base kinds (区域类…), as rule messages word them. */
export const BASE_KIND_LABELS: Record<BaseKind, string> = {
  regional: '区域类',
  academic: '高校和科研院所类',
  enterprise: '企业类',
};

/** Placeholder for the base's short name (基地简称) in a title template. */
export const SHORT_NAME_PLACEHOLDER = '{简称}';

const KEY_RE = /^[a-z][a-z0-9_]*$/;
const LOCAL_DATETIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

const ContentArea = z.object({
  key: z.string().regex(KEY_RE, '键名须为小写字母、数字和下划线'),
  name: z.string().trim().min(1, '请填写内容板块名称'),
  nameEn: z.string().trim().min(1, '请填写内容板块英文名称'),
});

const ReviewCriterion = z.object({
  key: z.string().regex(KEY_RE, '键名须为小写字母、数字和下划线'),
  name: z.string().trim().min(1, '请填写评审因素名称'),
  weight: z.number().positive('权重必须大于0'),
});

const WEIGHT_EPSILON = 1e-6;

/**
 * The text fields of a preliminary plan that can count towards its 字数 (issue 12 §4: "the ~800字 target applies
 * to the whole plan as the notice means it"). `areas` is the descriptions of the content areas.
 */
export const ZISHU_FIELDS = ['theme', 'title', 'body', 'areas', 'epidemicMeasures'] as const;
export type ZishuField = (typeof ZISHU_FIELDS)[number];
export const ZISHU_FIELD_LABELS: Record<ZishuField, string> = {
  theme: '活动主题',
  title: '计划标题',
  body: '计划正文',
  areas: '内容板块说明',
  epidemicMeasures: '疫情防控措施',
};

/**
 * Zod schema (and type) of one year's programme rules. Cross-field checks: unique keys; minContentAreas
 * no larger than the number of areas; tolerance smaller than the target; a valid Shanghai deadline; the
 * title template contains {简称}; review weights sum to 1 (fractions) or to 100 (percent); scoreMin < scoreMax.
 */
export const ProgrammeRules = z
  .object({
    contentAreas: z.array(ContentArea).min(1, '至少需要一个内容板块'),
    minContentAreas: z.number().int().min(1, '至少应覆盖1个内容板块'),
    planLengthTarget: z.number().int().positive('字数目标必须大于0'),
    planLengthTolerance: z.number().int().min(0, '字数允许偏差不能为负'),
    planDeadline: z.string().regex(LOCAL_DATETIME_RE, '截止时间格式应为 YYYY-MM-DDTHH:mm:ss（北京时间）'),
    hostQuota: z.number().int().positive('承办基地名额必须大于0'),
    activityPlanLeadMonths: z.number().int().min(0, '提前月数不能为负'),
    titleTemplate: z.string().includes(SHORT_NAME_PLACEHOLDER, { message: '标题模板须包含占位符 {简称}' }),
    reviewCriteria: z.array(ReviewCriterion).min(1, '至少需要一个评审因素'),
    scoreMin: z.number(),
    scoreMax: z.number(),
    eligibleBaseKinds: z.array(z.enum(BASE_KINDS)).min(1, '至少允许一类基地承办'),
    /**
     * Follow-up points of a cooperation project, in calendar months after signing (issue 10; 417号 三(四)
     * "搭建合作机制稳定程度"). Rules stored before this field existed parse with the default.
     */
    followUpMonths: z
      .array(z.number().int().min(1, '回访节点须为正整数（月）').max(120, '回访节点不能超过120个月'))
      .min(1, '至少需要一个回访节点')
      .max(12, '回访节点不能超过12个')
      .refine((a) => a.every((m, i) => i === 0 || m > a[i - 1]!), '回访节点须按月数从小到大排列且不重复')
      .default([3, 6, 12]),
    /**
     * Submitted reviews a plan needs before its base may be selected as a host (issue 12 §4); selecting
     * with fewer needs an explicit override with a reason. Rules stored before this field parse with 3.
     */
    minReviews: z.number().int().min(0, '最少评审份数不能为负').max(20, '最少评审份数不能超过20').default(3),
    /**
     * Which fields the ~800字 target counts (issue 12 §4): by default the whole plan, every text field. Rules
     * stored before this field existed parse with all of them.
     */
    zishuFields: z
      .array(z.enum(ZISHU_FIELDS))
      .min(1, '至少选择一个计入字数的栏目')
      .refine((a) => new Set(a).size === a.length, '计入字数的栏目不能重复')
      .default([...ZISHU_FIELDS]),
    /** Partner bases (参与基地) a plan must name (417号 三(二) "参与基地"); rules stored before parse with 1. */
    minPartnerBases: z.number().int().min(0, '最少参与基地数不能为负').max(20, '最少参与基地数不能超过20').default(1),
  })
  .superRefine((r, ctx) => {
    const dup = (keys: string[]) => keys.filter((k, i) => keys.indexOf(k) !== i);
    for (const k of dup(r.contentAreas.map((a) => a.key))) {
      ctx.addIssue({ code: 'custom', path: ['contentAreas'], message: `内容板块键名重复：${k}` });
    }
    for (const k of dup(r.reviewCriteria.map((c) => c.key))) {
      ctx.addIssue({ code: 'custom', path: ['reviewCriteria'], message: `评审因素键名重复：${k}` });
    }
    if (r.minContentAreas > r.contentAreas.length) {
      ctx.addIssue({
        code: 'custom',
        path: ['minContentAreas'],
        message: `最少覆盖板块数（${r.minContentAreas}）不能超过板块总数（${r.contentAreas.length}）`,
      });
    }
    if (r.planLengthTolerance >= r.planLengthTarget) {
      ctx.addIssue({ code: 'custom', path: ['planLengthTolerance'], message: '字数允许偏差必须小于字数目标' });
    }
    try {
      shanghaiToUtc(r.planDeadline);
    } catch {
      ctx.addIssue({ code: 'custom', path: ['planDeadline'], message: `截止时间无效：${r.planDeadline}` });
    }
    const sum = r.reviewCriteria.reduce((s, c) => s + c.weight, 0);
    if (Math.abs(sum - 1) > WEIGHT_EPSILON && Math.abs(sum - 100) > WEIGHT_EPSILON) {
      ctx.addIssue({
        code: 'custom',
        path: ['reviewCriteria'],
        message: `评审因素权重之和应为1（或100%），当前为${Number(sum.toFixed(6))}`,
      });
    }
    if (!(r.scoreMin < r.scoreMax)) {
      ctx.addIssue({ code: 'custom', path: ['scoreMax'], message: '评分上限必须大于下限' });
    }
  });
export type ProgrammeRules = z.infer<typeof ProgrammeRules>;

/**
 * The 2020 rules, from 发改办高技〔2020〕417号:
 * - content areas: 二、主题内容 1–5, "至少包括以下5方面内容的4项" → minContentAreas 4;
 * - plan: "6月30日前…提交活动初步计划（字数控制在800字左右）" → deadline 2020-06-30 23:59:59 Beijing time
 *   (the platform reads "before 30 June" as "by the end of 30 June", as offices do in practice);
 *   "左右" is not quantified, so we accept ±25 % (600–1000 字): wide enough that no reviewer would send back
 *   a 950-字 plan, narrow enough to catch a one-paragraph note or a 3-page document;
 * - "选择5家左右的企业类示范基地" → hostQuota 5, eligibleBaseKinds ['enterprise'] ("承办主体为企业类双创示范基地");
 * - "于活动开始1个月前" → activityPlanLeadMonths 1; "统一以“XXX（示范基地简称）融通创新主题日活动方案”命名";
 * - review: "充分考虑活动内容特色、示范带动作用、项目对接周期等因素". The notice gives no weights; we weight
 *   content features 0.4 (the notice's "主题内容" section and the 4-of-5 rule are what it spells out in
 *   most detail), demonstration effect 0.3 and matchmaking cycle 0.3. NDRC can change them as data.
 * - scores on a 1–10 scale per criterion (a platform choice; the notice prescribes none).
 */
export const defaultRules2020: ProgrammeRules = {
  contentAreas: [
    { key: 'resource_sharing', name: '创新资源开放共享', nameEn: 'Open sharing of innovation resources' },
    { key: 'collaborative_rd', name: '创新项目协作攻关', nameEn: 'Collaborative R&D' },
    { key: 'joint_commercialisation', name: '创新成果联合转化', nameEn: 'Joint commercialisation of results' },
    { key: 'roadshow', name: '创新团队对接路演', nameEn: 'Innovation team roadshows' },
    { key: 'deep_docking', name: '创新主体深度对接', nameEn: 'Deep docking of innovation actors' },
  ],
  minContentAreas: 4,
  planLengthTarget: 800,
  planLengthTolerance: 200,
  planDeadline: '2020-06-30T23:59:59',
  hostQuota: 5,
  activityPlanLeadMonths: 1,
  titleTemplate: '{简称}融通创新主题日活动方案',
  reviewCriteria: [
    { key: 'content_features', name: '活动内容特色', weight: 0.4 },
    { key: 'demonstration_effect', name: '示范带动作用', weight: 0.3 },
    { key: 'docking_cycle', name: '项目对接周期', weight: 0.3 },
  ],
  scoreMin: 1,
  scoreMax: 10,
  eligibleBaseKinds: ['enterprise'],
  followUpMonths: [3, 6, 12],
  minReviews: 3,
  zishuFields: [...ZISHU_FIELDS],
  minPartnerBases: 1,
};

/**
 * The default name of a year's programme (issue 12 §4 "a new programme's name follows its year"), as the
 * notice names the activity: 「2027年融通创新主题日」. The server uses it when no name is given; the web form
 * keeps it in step with the year until the user types a name of their own.
 */
export const defaultProgrammeName = (year: number): string => `${year}年融通创新主题日`;

/** One problem found in a plan; `code` is stable (snake_case) for the API, `message` is shown to users. */
export interface PlanIssue {
  code: string;
  field?: string;
  message: string;
}

/** Fills a title template with the base's short name: fillTitle('{简称}融通创新主题日活动方案', '国网') → '国网融通创新主题日活动方案'. */
export function fillTitle(template: string, shortName: string): string {
  return template.split(SHORT_NAME_PLACEHOLDER).join(shortName.trim());
}

/** The instant the preliminary-plan call closes (end of the stated Shanghai second). */
export function planDeadlineInstant(rules: ProgrammeRules): Date {
  return shanghaiDeadlineInstant(rules.planDeadline);
}

/** Accepted 字数 range of a preliminary plan body: [target − tolerance, target + tolerance]. */
export function planLengthRange(rules: ProgrammeRules): { min: number; max: number } {
  return {
    min: Math.max(0, rules.planLengthTarget - rules.planLengthTolerance),
    max: rules.planLengthTarget + rules.planLengthTolerance,
  };
}

/**
 * 字数 of a plan over the fields the rules count (each field counted on its own, so words never join across
 * fields; areas: the sum of their descriptions).
 */
export function planZishu(
  rules: Pick<ProgrammeRules, 'zishuFields'>,
  plan: Pick<PreliminaryPlanInput, 'theme' | 'title' | 'body' | 'areas' | 'epidemicMeasures'>,
): number {
  let n = 0;
  for (const f of rules.zishuFields) {
    if (f === 'areas') for (const a of plan.areas) n += countZishu(a.description ?? '');
    else n += countZishu(plan[f] ?? '');
  }
  return n;
}

/** The counted fields in words, e.g. 「活动主题、计划标题、计划正文」. */
export const zishuFieldsText = (rules: Pick<ProgrammeRules, 'zishuFields'>): string =>
  rules.zishuFields.map((f) => ZISHU_FIELD_LABELS[f]).join('、');

/** A preliminary plan (活动初步计划) as filed by a base. */
export interface PreliminaryPlanInput {
  theme?: string;
  title?: string;
  body?: string;
  partnerBaseIds: string[];
  areas: { key: string; description: string }[];
  /** Months of the year (1–12) in which the theme day would roughly take place. */
  plannedMonths: number[];
  epidemicMeasures?: string;
}

/** Context of a check: the clock, whether the call is open, and the filing base's kind. */
export interface PreliminaryPlanContext {
  now: Date;
  callOpen: boolean;
  baseKind: string;
}

export interface PreliminaryPlanCheck {
  ok: boolean;
  /** 字数 of the plan over the fields the rules count (see zishu.ts and planZishu). */
  zishu: number;
  /** Number of distinct known content areas with a non-empty description. */
  areasCovered: number;
  issues: PlanIssue[];
}

const blank = (s: string | undefined): boolean => s === undefined || s.trim() === '';

const FIELD_LABELS = {
  theme: '活动主题',
  title: '计划标题',
  body: '计划正文',
  plannedMonths: '时间安排（计划月份）',
  epidemicMeasures: '疫情防控措施',
} as const;

/**
 * Checks a preliminary plan against the year's rules (417号 三(二): enterprise-type bases only, by the
 * deadline, ~800 字, a theme, the partner bases, the content, the rough timing and the epidemic measures;
 * 二: at least 4 of the 5 content areas). Returns every issue at once, each with a stable code:
 * call_not_open, deadline_passed, base_not_eligible, field_required (one per empty field), invalid_month,
 * unknown_area, too_few_areas, too_few_partner_bases, length_out_of_range. Used live in the editor and again on the server.
 */
export function checkPreliminaryPlan(
  rules: ProgrammeRules,
  plan: PreliminaryPlanInput,
  ctx: PreliminaryPlanContext,
): PreliminaryPlanCheck {
  const issues: PlanIssue[] = [];

  if (!ctx.callOpen) {
    issues.push({ code: 'call_not_open', message: '本年度活动初步计划征集尚未开放或已关闭' });
  }
  const deadline = planDeadlineInstant(rules);
  if (isPastDeadline(deadline, ctx.now)) {
    issues.push({
      code: 'deadline_passed',
      message: `活动初步计划提交截止时间（北京时间${formatLocalDeadline(rules.planDeadline)}）已过`,
    });
  }
  const eligible = (rules.eligibleBaseKinds as readonly string[]).includes(ctx.baseKind);
  if (!eligible) {
    const kinds = rules.eligibleBaseKinds.map((k) => BASE_KIND_LABELS[k]).join('、');
    issues.push({ code: 'base_not_eligible', message: `仅${kinds}双创示范基地可申请承办主题日` });
  }

  for (const field of ['theme', 'title', 'body'] as const) {
    if (blank(plan[field])) {
      issues.push({ code: 'field_required', field, message: `请填写${FIELD_LABELS[field]}` });
    }
  }
  if (plan.plannedMonths.length === 0) {
    issues.push({ code: 'field_required', field: 'plannedMonths', message: `请填写${FIELD_LABELS.plannedMonths}` });
  } else {
    const bad = plan.plannedMonths.filter((m) => !Number.isInteger(m) || m < 1 || m > 12);
    if (bad.length > 0) {
      issues.push({
        code: 'invalid_month',
        field: 'plannedMonths',
        message: `计划月份须为1至12之间的整数，以下取值无效：${bad.join('、')}`,
      });
    }
  }
  if (blank(plan.epidemicMeasures)) {
    issues.push({
      code: 'field_required',
      field: 'epidemicMeasures',
      message: `请填写${FIELD_LABELS.epidemicMeasures}`,
    });
  }

  const known = new Map(rules.contentAreas.map((a) => [a.key, a]));
  const covered = new Set<string>();
  const reportedUnknown = new Set<string>();
  for (const area of plan.areas) {
    if (!known.has(area.key)) {
      if (!reportedUnknown.has(area.key)) {
        reportedUnknown.add(area.key);
        issues.push({ code: 'unknown_area', field: 'areas', message: `未知的内容板块：${area.key}` });
      }
      continue;
    }
    if (!blank(area.description)) covered.add(area.key);
  }
  if (covered.size < rules.minContentAreas) {
    const missing = rules.contentAreas.filter((a) => !covered.has(a.key)).map((a) => a.name);
    issues.push({
      code: 'too_few_areas',
      field: 'areas',
      message:
        `内容板块至少覆盖${rules.minContentAreas}个，当前仅${covered.size}个` +
        (missing.length > 0 ? `（尚未填写：${missing.join('、')}）` : ''),
    });
  }

  if (plan.partnerBaseIds.length < rules.minPartnerBases) {
    issues.push({
      code: 'too_few_partner_bases',
      field: 'partnerBaseIds',
      message: `请至少填写${rules.minPartnerBases}个参与基地，当前${plan.partnerBaseIds.length}个`,
    });
  }

  const zishu = planZishu(rules, plan);
  if (!blank(plan.body)) {
    const { min, max } = planLengthRange(rules);
    if (zishu < min || zishu > max) {
      const whole = rules.zishuFields.length === 1 && rules.zishuFields[0] === 'body' ? '计划正文' : '计划全文';
      issues.push({
        code: 'length_out_of_range',
        field: 'body',
        message: `${whole}应为${rules.planLengthTarget}字左右（${min}～${max}字），当前${zishu}字（计入${zishuFieldsText(rules)}）`,
      });
    }
  }

  return { ok: issues.length === 0, zishu, areasCovered: covered.size, issues };
}

function formatLocalDeadline(local: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(local);
  if (!m) return local;
  return `${Number(m[1])}年${Number(m[2])}月${Number(m[3])}日 ${m[4]}:${m[5]}`;
}

/** Result of an activity-plan title check. */
export interface TitleCheck {
  ok: boolean;
  /** The title the rules require, e.g. "国网融通创新主题日活动方案". */
  expected: string;
  issues: PlanIssue[];
}

// Characters ignored when comparing titles: whitespace, book-title marks and quotation marks, so that
// 《国网“融通创新”主题日活动方案》 matches the template.
const TITLE_NOISE = /[\s\u3000《》〈〉“”"‘’'「」『』]/gu;

/**
 * Checks an activity plan's title against the template (417号 三(三): "统一以“XXX（示范基地简称）融通创新
 * 主题日活动方案”命名"). Whitespace, 《》 and quotation marks are ignored. Codes: field_required, title_mismatch.
 */
export function checkActivityPlanTitle(rules: ProgrammeRules, shortName: string, title: string): TitleCheck {
  const expected = fillTitle(rules.titleTemplate, shortName);
  const issues: PlanIssue[] = [];
  if (blank(title)) {
    issues.push({ code: 'field_required', field: 'title', message: `请填写方案标题，应为「${expected}」` });
  } else if (title.replace(TITLE_NOISE, '') !== expected.replace(TITLE_NOISE, '')) {
    issues.push({ code: 'title_mismatch', field: 'title', message: `方案标题应统一为「${expected}」` });
  }
  return { ok: issues.length === 0, expected, issues };
}

/**
 * A reviewer's weighted total on the score scale (scoreMin..scoreMax): Σ weight·score / Σ weight, so weights
 * may be fractions or percentages. Rounded to 2 decimals. Throws RangeError (Chinese message) when a
 * criterion is missing or a score is outside the scale; validate input with `checkScores` first.
 */
export function weightedTotal(rules: ProgrammeRules, scores: Record<string, number>): number {
  const problems = checkScores(rules, scores);
  if (problems.length > 0) throw new RangeError(problems.map((p) => p.message).join('；'));
  let sum = 0;
  let weights = 0;
  for (const c of rules.reviewCriteria) {
    sum += c.weight * (scores[c.key] as number);
    weights += c.weight;
  }
  return Math.round((sum / weights) * 100) / 100;
}

/** Validates a reviewer's scores: every criterion scored, each a number within the scale, no unknown keys. */
export function checkScores(rules: ProgrammeRules, scores: Record<string, number>): PlanIssue[] {
  const issues: PlanIssue[] = [];
  for (const c of rules.reviewCriteria) {
    const s = scores[c.key];
    if (s === undefined || s === null) {
      issues.push({ code: 'score_required', field: c.key, message: `请为「${c.name}」评分` });
    } else if (typeof s !== 'number' || !Number.isFinite(s) || s < rules.scoreMin || s > rules.scoreMax) {
      issues.push({
        code: 'score_out_of_range',
        field: c.key,
        message: `「${c.name}」的评分应在${rules.scoreMin}～${rules.scoreMax}分之间`,
      });
    }
  }
  const known = new Set(rules.reviewCriteria.map((c) => c.key));
  for (const k of Object.keys(scores)) {
    if (!known.has(k)) issues.push({ code: 'unknown_criterion', field: k, message: `未知的评审因素：${k}` });
  }
  return issues;
}
