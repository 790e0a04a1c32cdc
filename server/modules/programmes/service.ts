/**
 * Programme commands: create, edit (draft only), open and close the call. Each runs in one
 * transaction with its audit event and notifications.
 */
import {
  ProgrammeRules as RulesSchema,
  defaultProgrammeName,
  defaultRules2020,
  planDeadlineInstant,
  type ProgrammeRules,
} from '../../../common/programme-rules.ts';
import { formatShanghai, isPastDeadline } from '../../../common/time.ts';
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, invalidState, notFound, validationFailed, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import {
  findProgramme,
  organisationsRunningBasesOf,
  organisationsWithPlansIn,
  type ProgrammeRecord,
} from './repository.ts';
import type { RulesPatch } from '../../../common/contracts/programmes.ts';
import { links } from '../../../common/links.ts';

/**
 * The default rules for a year: the 2020 rules of 417号 with the plan deadline moved to 30 June of
 * that year (the notice's "6月30日前" is the only date in them).
 */
export function defaultRulesFor(year: number): ProgrammeRules {
  return { ...defaultRules2020, planDeadline: `${year}-06-30T23:59:59` };
}

/** Merges a partial rules object over `base` and validates the whole; 400 with one field error per issue. */
export function mergeRules(base: ProgrammeRules, patch: RulesPatch | undefined): ProgrammeRules {
  const merged = { ...base, ...(patch ?? {}) };
  const r = RulesSchema.safeParse(merged);
  if (r.success) return r.data;
  const errors: FieldError[] = r.error.issues.map((i) => ({
    field: ['rules', ...i.path.map(String)].join('.'),
    code: i.code,
    message: i.message,
  }));
  throw validationFailed(errors);
}

export async function createProgramme(
  ctx: Ctx,
  props: { year: number; name?: string | undefined; rules?: RulesPatch | undefined },
): Promise<ProgrammeRecord> {
  const rules = mergeRules(defaultRulesFor(props.year), props.rules);
  const id = newId();
  const ts = nowIso(ctx.clock.now());
  const row = {
    id,
    year: props.year,
    name: props.name ?? defaultProgrammeName(props.year),
    rules: json.stringify(rules),
    status: 'draft' as const,
    opened_at: null,
    closed_at: null,
    created_at: ts,
    updated_at: ts,
  };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await trx.insertInto('programmes').values(row).execute();
      await audit(trx, ctx, {
        entityType: 'programme',
        entityId: id,
        action: 'create',
        after: { year: row.year, name: row.name, rules },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(409, 'duplicate', `${props.year}年度方案已存在`, [
        { field: 'year', code: 'duplicate', message: `${props.year}年度方案已存在` },
      ]);
    }
    throw err;
  }
  return (await findProgramme(ctx.db, id))!;
}

/** Edits name and rules while the programme is a draft: once the call is open, bases rely on its rules. */
export async function updateProgramme(
  ctx: Ctx,
  props: { id: string; name?: string | undefined; rules?: RulesPatch | undefined },
): Promise<ProgrammeRecord> {
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findProgramme(trx, props.id, { dialect: ctx.dialect });
    if (!p) throw notFound();
    if (p.status !== 'draft') {
      throw new AppError(409, 'programme_not_editable', '年度方案已开放申报，规则不能再修改');
    }
    const rules = mergeRules(p.rules, props.rules);
    const name = props.name ?? p.name;
    await trx
      .updateTable('programmes')
      .set({ name, rules: json.stringify(rules), updated_at: nowIso(ctx.clock.now()) })
      .where('id', '=', p.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'programme',
      entityId: p.id,
      action: 'update',
      before: { name: p.name, rules: p.rules },
      after: { name, rules },
    });
  });
  return (await findProgramme(ctx.db, props.id))!;
}

/** The call's plan deadline, or 422 `deadline_passed` naming it when it has passed (`what`: the refused act). */
function deadlineAhead(p: ProgrammeRecord, now: Date, what: string): Date {
  const deadline = planDeadlineInstant(p.rules);
  if (isPastDeadline(deadline, now)) {
    throw new AppError(
      422,
      'deadline_passed',
      `计划提交截止时间（北京时间${formatShanghai(deadline)}）已过，不能${what}`,
    );
  }
  return deadline;
}

/** Tells the administrators of every base eligible for the call. */
async function notifyEligibleBaseAdmins(
  trx: Executor,
  p: ProgrammeRecord,
  n: Parameters<typeof notifyUsers>[2],
  now: Date,
): Promise<void> {
  const admins = await usersWithRole(trx, await organisationsRunningBasesOf(trx, p.rules.eligibleBaseKinds), [
    'base_admin',
  ]);
  await notifyUsers(trx, admins, n, now);
}

/**
 * Opens the call (draft → open) and tells the administrators of every eligible base (417号 三(二):
 * "有意愿承办主题日的企业类示范基地…提交活动初步计划"). A call whose deadline is already past is refused.
 */
export async function openProgramme(ctx: Ctx, props: { id: string }): Promise<ProgrammeRecord> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findProgramme(trx, props.id, { dialect: ctx.dialect });
    if (!p) throw notFound();
    if (p.status !== 'draft') throw invalidState(p.status === 'open' ? '申报已开放' : '申报已关闭，不能再次开放');
    const deadline = deadlineAhead(p, now, '开放申报');
    const ts = nowIso(now);
    await trx
      .updateTable('programmes')
      .set({ status: 'open', opened_at: ts, updated_at: ts })
      .where('id', '=', p.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'programme',
      entityId: p.id,
      action: 'open',
      before: { status: p.status },
      after: { status: 'open' },
    });
    await notifyEligibleBaseAdmins(
      trx,
      p,
      {
        kind: 'programme_opened',
        title: `${p.name}开放申报`,
        body: `请于北京时间${formatShanghai(deadline)}前提交活动初步计划（${p.rules.planLengthTarget}字左右，至少覆盖${p.rules.minContentAreas}个内容板块）。`,
        link: links.programmePlans(p.id),
      },
      now,
    );
  });
  return (await findProgramme(ctx.db, props.id))!;
}

/** Closes the call (open → closed) and tells the administrators of bases that have a plan in it. */
export async function closeProgramme(ctx: Ctx, props: { id: string }): Promise<ProgrammeRecord> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findProgramme(trx, props.id, { dialect: ctx.dialect });
    if (!p) throw notFound();
    if (p.status !== 'open') throw invalidState(p.status === 'draft' ? '申报尚未开放' : '申报已关闭');
    const ts = nowIso(now);
    await trx
      .updateTable('programmes')
      .set({ status: 'closed', closed_at: ts, updated_at: ts })
      .where('id', '=', p.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'programme',
      entityId: p.id,
      action: 'close',
      before: { status: p.status },
      after: { status: 'closed' },
    });
    const admins = await usersWithRole(trx, await organisationsWithPlansIn(trx, p.id), ['base_admin']);
    await notifyUsers(
      trx,
      admins,
      { kind: 'programme_closed', title: `${p.name}申报已关闭`, link: links.programmePlans(p.id) },
      now,
    );
  });
  return (await findProgramme(ctx.db, props.id))!;
}

/**
 * Reopens a closed call (closed → open) while its plan deadline has not passed (issue 12 §4: "a closed call
 * can be reopened before its deadline"); after it, 422 `deadline_passed` naming the date. The administrators of
 * eligible bases hear that submissions are possible again.
 */
export async function reopenProgramme(ctx: Ctx, props: { id: string }): Promise<ProgrammeRecord> {
  const now = ctx.clock.now();
  await ctx.db.transaction().execute(async (trx) => {
    const p = await findProgramme(trx, props.id, { dialect: ctx.dialect });
    if (!p) throw notFound();
    if (p.status !== 'closed') throw invalidState(p.status === 'open' ? '申报正在进行，无需重新开放' : '申报尚未开放');
    const deadline = deadlineAhead(p, now, '重新开放申报');
    const ts = nowIso(now);
    await trx
      .updateTable('programmes')
      .set({ status: 'open', closed_at: null, updated_at: ts })
      .where('id', '=', p.id)
      .execute();
    await audit(trx, ctx, {
      entityType: 'programme',
      entityId: p.id,
      action: 'reopen',
      before: { status: p.status, closedAt: p.closedAt },
      after: { status: 'open' },
    });
    await notifyEligibleBaseAdmins(
      trx,
      p,
      {
        kind: 'programme_opened',
        title: `${p.name}重新开放申报`,
        body: `请于北京时间${formatShanghai(deadline)}前提交活动初步计划。`,
        link: links.programmePlans(p.id),
      },
      now,
    );
  });
  return (await findProgramme(ctx.db, props.id))!;
}
