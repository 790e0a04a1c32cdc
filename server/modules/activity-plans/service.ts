/**
 * The activity plan (活动方案, 417号 三(三)): "明确承办的基地要根据活动初步计划编制主题日活动方案，统一以“XXX
 * （示范基地简称）融通创新主题日活动方案”命名，并于活动开始1个月前，报国家发展改革委。" The host saves drafts,
 * submits (checked against the rules and the due date), and the owner approves or returns it with reasons.
 */
import {
  checkActivityPlanTitle,
  fillTitle,
  type PlanIssue,
  type ProgrammeRules,
} from '../../../common/programme-rules.ts';
import { activityPlanDueDate, formatShanghai, isPastDeadline, isValidDate } from '../../../common/time.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import { AppError, invalidState, notFound, validationFailed, type FieldError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers, usersWithRole, usersWithRoleAnywhere } from '../notifications/service.ts';
import { getBases, type ThemeDayRecord } from '../themedays/repository.ts';
import type { ActivityPlanBody, ActivityPlanContent } from '../../../common/contracts/activity-plans.ts';
import { lockActivityPlan, preliminaryPlanContent, supportOrganisationFacts } from './repository.ts';
import { links } from '../../../common/links.ts';

const EMPTY_CONTENT: ActivityPlanContent = {
  agenda: [],
  parts: [],
  partnerBaseIds: [],
  supportOrganisationIds: [],
  venue: '',
  headcountLimit: null,
  onlineChannel: '',
  epidemicMeasures: '',
  emergencyPlan: '',
};

/** Stored content, tolerant of fields missing from older rows. */
export function parseContent(text: string): ActivityPlanContent {
  return { ...EMPTY_CONTENT, ...json.parse<Partial<ActivityPlanContent>>(text, {}) };
}

/**
 * The skeleton a host starts from ("根据活动初步计划编制"): the template title with the base's 简称, the content
 * parts and epidemic measures of its preliminary plan, and the theme day's partner bases. Not saved.
 */
export async function skeleton(
  db: Executor,
  td: ThemeDayRecord,
): Promise<{ title: string; content: ActivityPlanContent }> {
  const plan = await preliminaryPlanContent(db, td.planId);
  const areas = json.parse<{ key?: unknown; description?: unknown }[]>(plan?.areas, []);
  return {
    title: fillTitle(td.programme.rules.titleTemplate, td.host.shortName),
    content: {
      ...EMPTY_CONTENT,
      parts: areas.flatMap((a) =>
        typeof a.key === 'string'
          ? [{ key: a.key, description: typeof a.description === 'string' ? a.description : '' }]
          : [],
      ),
      partnerBaseIds: [...td.partnerBaseIds],
      epidemicMeasures: plan?.epidemic_measures ?? '',
    },
  };
}

/** The due date of a theme day's activity plan ("于活动开始1个月前": calendar months, clamped to month end). */
export const dueOf = (td: ThemeDayRecord) =>
  activityPlanDueDate(td.startDate, td.programme.rules.activityPlanLeadMonths);

const blank = (s: string | null | undefined) => !s || s.trim() === '';

const REQUIRED_TEXT: { field: 'venue' | 'onlineChannel' | 'epidemicMeasures' | 'emergencyPlan'; label: string }[] = [
  { field: 'venue', label: '活动地点' },
  { field: 'onlineChannel', label: '线上渠道' },
  { field: 'epidemicMeasures', label: '疫情防控措施' },
  { field: 'emergencyPlan', label: '应急预案' },
];

/**
 * Everything submission would refuse, at once: the title (template with 简称, 417号 三(三)), at least
 * rules.minContentAreas content parts ("至少包括以下5方面内容的4项"), an agenda inside the theme day's dates, the
 * venue and offline head-count limit, the online channel, epidemic measures and an emergency plan
 * (三(五): "减少参加聚集性活动的人员…做好应急预案").
 */
export function checkActivityPlan(
  rules: ProgrammeRules,
  td: Pick<ThemeDayRecord, 'host' | 'startDate' | 'endDate'>,
  title: string,
  c: ActivityPlanContent,
): PlanIssue[] {
  const issues: PlanIssue[] = [...checkActivityPlanTitle(rules, td.host.shortName, title).issues];
  const known = new Map(rules.contentAreas.map((a) => [a.key, a]));
  const covered = new Set<string>();
  for (const p of c.parts) {
    if (!known.has(p.key)) {
      issues.push({ code: 'unknown_area', field: 'parts', message: `未知的内容板块：${p.key}` });
    } else if (!blank(p.description)) {
      covered.add(p.key);
    }
  }
  if (covered.size < rules.minContentAreas) {
    const missing = rules.contentAreas.filter((a) => !covered.has(a.key)).map((a) => a.name);
    issues.push({
      code: 'too_few_areas',
      field: 'parts',
      message: `活动内容至少包括${rules.minContentAreas}个板块，当前仅${covered.size}个（尚未填写：${missing.join('、')}）`,
    });
  }
  if (c.agenda.length === 0) {
    issues.push({ code: 'field_required', field: 'agenda', message: '请填写活动议程' });
  }
  c.agenda.forEach((a, i) => {
    if (a.date < td.startDate || a.date > td.endDate) {
      issues.push({
        code: 'agenda_date_out_of_range',
        field: `agenda.${i}.date`,
        message: `议程第${i + 1}项的日期（${a.date}）不在主题日日期（${td.startDate}至${td.endDate}）内`,
      });
    }
  });
  if (c.headcountLimit == null) {
    issues.push({ code: 'field_required', field: 'headcountLimit', message: '请填写线下参加人数上限' });
  }
  for (const { field, label } of REQUIRED_TEXT) {
    if (blank(c[field])) issues.push({ code: 'field_required', field, message: `请填写${label}` });
  }
  return issues;
}

/** Reference checks on save: partner bases exist, support organisations are support organisations, dates and areas are real. */
async function checkReferences(db: Executor, td: ThemeDayRecord, body: ActivityPlanBody): Promise<void> {
  const errors: FieldError[] = [];
  body.agenda.forEach((a, i) => {
    if (!isValidDate(a.date))
      errors.push({ field: `agenda.${i}.date`, code: 'invalid_date', message: `议程第${i + 1}项的日期无效` });
  });
  const known = new Set(td.programme.rules.contentAreas.map((a) => a.key));
  const seen = new Set<string>();
  body.parts.forEach((p, i) => {
    if (!known.has(p.key))
      errors.push({ field: `parts.${i}.key`, code: 'unknown_area', message: `未知的内容板块：${p.key}` });
    else if (seen.has(p.key))
      errors.push({ field: `parts.${i}.key`, code: 'duplicate_area', message: `内容板块重复：${p.key}` });
    seen.add(p.key);
  });
  const bases = await getBases(db, body.partnerBaseIds);
  body.partnerBaseIds.forEach((id, i) => {
    if (!bases.has(id)) errors.push({ field: `partnerBaseIds.${i}`, code: 'unknown_base', message: '参与基地不存在' });
    else if (id === td.host.id)
      errors.push({ field: `partnerBaseIds.${i}`, code: 'host_as_partner', message: '承办基地不能同时作为参与基地' });
  });
  if (body.supportOrganisationIds.length) {
    const orgs = await supportOrganisationFacts(db, body.supportOrganisationIds);
    const byId = new Map(orgs.map((o) => [o.id, o]));
    body.supportOrganisationIds.forEach((id, i) => {
      const o = byId.get(id);
      if (!o)
        errors.push({ field: `supportOrganisationIds.${i}`, code: 'unknown_organisation', message: '支撑机构不存在' });
      else if (o.kind !== 'support_org' && !o.has_support_role) {
        errors.push({ field: `supportOrganisationIds.${i}`, code: 'not_support_org', message: '该机构不是支撑机构' });
      }
    });
  }
  if (errors.length) throw validationFailed(errors);
}

const dedupe = <T>(xs: T[]) => [...new Set(xs)];

/** Saves the host's draft (creates it on first save). Only while draft or returned. */
export async function saveActivityPlan(
  ctx: Ctx,
  p: { themeDay: ThemeDayRecord; body: ActivityPlanBody },
): Promise<void> {
  const { themeDay: td } = p;
  const now = nowIso(ctx.clock.now());
  const body = {
    ...p.body,
    partnerBaseIds: dedupe(p.body.partnerBaseIds),
    supportOrganisationIds: dedupe(p.body.supportOrganisationIds),
  };
  await checkReferences(ctx.db, td, body);
  const { title, ...content } = body;
  await ctx.db.transaction().execute(async (trx) => {
    const existing = await lockActivityPlan(trx, ctx.dialect, td.id);
    if (!existing) {
      const id = newId();
      try {
        await trx
          .insertInto('activity_plans')
          .values({
            id,
            theme_day_id: td.id,
            status: 'draft',
            title,
            content: json.stringify(content),
            submitted_at: null,
            decided_at: null,
            return_reason: null,
            created_at: now,
            updated_at: now,
          })
          .execute();
      } catch (err) {
        // Another save created it a moment ago (PostgreSQL cannot lock a row that does not exist yet).
        if (isUniqueViolation(err)) throw new AppError(409, 'conflict', '活动方案刚被他人保存，请刷新后重试');
        throw err;
      }
      await audit(trx, ctx, {
        entityType: 'activity_plan',
        entityId: id,
        action: 'create',
        after: { themeDayId: td.id, title, ...content },
      });
      return;
    }
    if (existing.status !== 'draft' && existing.status !== 'returned') {
      throw invalidState(
        existing.status === 'approved' ? '活动方案已审核通过，不能再修改' : '活动方案已报送，等待审核期间不能修改',
      );
    }
    await trx
      .updateTable('activity_plans')
      .set({ title, content: json.stringify(content), updated_at: now })
      .where('id', '=', existing.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'activity_plan',
      entityId: existing.id,
      action: 'update',
      before: { title: existing.title, ...parseContent(existing.content) },
      after: { title, ...content },
    });
  });
}

/**
 * Submits the plan to NDRC. A first submission must arrive by the end of the due date (Asia/Shanghai);
 * a plan NDRC returned may be resubmitted after it, since NDRC asked for the revision. Every rule issue
 * is reported at once (422 activity_plan_incomplete); owners are notified.
 */
export async function submitActivityPlan(ctx: Ctx, p: { themeDay: ThemeDayRecord }): Promise<void> {
  const { themeDay: td } = p;
  const nowDate = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const ap = await lockActivityPlan(trx, ctx.dialect, td.id);
    if (!ap) throw invalidState('请先保存活动方案再报送');
    if (ap.status !== 'draft' && ap.status !== 'returned') {
      throw invalidState(ap.status === 'approved' ? '活动方案已审核通过' : '活动方案已报送，请等待审核');
    }
    const due = dueOf(td);
    if (ap.status === 'draft' && isPastDeadline(due.deadline, nowDate)) {
      throw new AppError(
        422,
        'deadline_passed',
        `活动方案应于活动开始${td.programme.rules.activityPlanLeadMonths}个月前报送，截止时间（北京时间${formatShanghai(due.dueDate, 'date')} 24:00）已过`,
        undefined,
        { dueDate: due.dueDate, deadline: due.deadline.toISOString() },
      );
    }
    const content = parseContent(ap.content);
    const issues = checkActivityPlan(td.programme.rules, td, ap.title, content);
    if (issues.length) {
      throw new AppError(
        422,
        'activity_plan_incomplete',
        issues.map((i) => i.message).join('；'),
        issues.map((i) => ({ field: i.field ?? 'plan', code: i.code, message: i.message })),
      );
    }
    const now = nowIso(nowDate);
    await trx
      .updateTable('activity_plans')
      .set({ status: 'submitted', submitted_at: now, updated_at: now })
      .where('id', '=', ap.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'activity_plan',
      entityId: ap.id,
      action: 'submit',
      before: { status: ap.status },
      after: { status: 'submitted', title: ap.title },
    });
    const owners = await usersWithRoleAnywhere(trx, ['programme_owner']);
    await notifyUsers(
      trx,
      owners,
      {
        kind: 'activity_plan_submitted',
        title: `${td.host.shortName}报送了活动方案，待审核`,
        body: `「${ap.title}」（主题日${td.startDate}至${td.endDate}）${ap.status === 'returned' ? '已修改后重新报送' : '已报送'}，请审核。`,
        link: links.activityPlan(td.id),
      },
      nowDate,
    );
  });
}

/** NDRC's decision on a submitted plan: approve, or return it to the host with reasons. */
export async function decideActivityPlan(
  ctx: Ctx,
  p: { themeDay: ThemeDayRecord; decision: 'approve' | 'return'; reason?: string },
): Promise<void> {
  const { themeDay: td } = p;
  const nowDate = ctx.clock.now();
  const now = nowIso(nowDate);
  await ctx.db.transaction().execute(async (trx) => {
    const ap = await lockActivityPlan(trx, ctx.dialect, td.id);
    if (!ap) throw notFound('该主题日尚未报送活动方案');
    if (ap.status !== 'submitted') throw invalidState('只能审核已报送、待审核的活动方案');
    const status = p.decision === 'approve' ? 'approved' : 'returned';
    const returnReason = p.decision === 'return' ? (p.reason ?? '') : null;
    await trx
      .updateTable('activity_plans')
      .set({ status, decided_at: now, return_reason: returnReason, updated_at: now })
      .where('id', '=', ap.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'activity_plan',
      entityId: ap.id,
      action: p.decision,
      before: { status: ap.status },
      after: { status, ...(returnReason ? { reason: returnReason } : {}) },
    });
    const hosts = td.host.organisationId ? await usersWithRole(trx, [td.host.organisationId], ['base_admin']) : [];
    await notifyUsers(
      trx,
      hosts,
      p.decision === 'approve'
        ? {
            kind: 'activity_plan_approved',
            title: '活动方案已审核通过',
            body: `「${ap.title}」已由国家发展改革委审核通过。`,
            link: links.activityPlan(td.id),
          }
        : {
            kind: 'activity_plan_returned',
            title: '活动方案被退回修改',
            body: `「${ap.title}」被退回，原因：${returnReason}`,
            link: links.activityPlan(td.id),
          },
      nowDate,
    );
    if (p.decision === 'approve') await adoptPartners(trx, ctx, td, parseContent(ap.content).partnerBaseIds, nowDate);
  });
}

/**
 * The approved plan's partner bases become the theme day's partners (the public page shows them); bases
 * newly brought in are told in the app, as at selection.
 */
async function adoptPartners(
  trx: Executor,
  ctx: Ctx,
  td: ThemeDayRecord,
  partnerBaseIds: string[],
  now: Date,
): Promise<void> {
  const before = td.partnerBaseIds;
  const same = before.length === partnerBaseIds.length && before.every((id, i) => id === partnerBaseIds[i]);
  if (same) return;
  await trx
    .updateTable('theme_days')
    .set({ partner_base_ids: json.stringify(partnerBaseIds), updated_at: nowIso(now) })
    .where('id', '=', td.id)
    .execute();
  await audit(trx, ctx, {
    entityType: 'theme_day',
    entityId: td.id,
    action: 'update_partners',
    before: { partnerBaseIds: before },
    after: { partnerBaseIds },
  });
  const added = partnerBaseIds.filter((id) => !before.includes(id));
  const bases = await getBases(trx, added);
  const orgs = [...bases.values()].map((b) => b.organisationId).filter((x): x is string => !!x);
  await notifyUsers(
    trx,
    await usersWithRole(trx, orgs, ['base_admin']),
    {
      kind: 'theme_day_partner',
      title: `贵基地受邀参与${td.host.shortName}“融通创新”主题日`,
      body: `主题日「${td.title}」安排在${td.startDate}至${td.endDate}，由${td.host.name}承办。`,
      link: links.themeDay(td.id),
    },
    now,
  );
}
