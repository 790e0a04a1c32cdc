/**
 * The supervision overview of a base (issue 12 §3): its plans, theme days with their activity plans' status and
 * results figures, and the reminders it received — read-only, for those who follow the base (basePolicy.follow).
 * Drafts are listed only for the base's assisting local DRC and supervising department (as plans/policy.ts).
 */
import type { BaseSupervision } from '../../../common/contracts/bases.ts';
import { shanghaiToday } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { computeIndicators } from '../evaluation/indicators.ts';
import { assistsBase } from './policy.ts';
import type { BaseRowWithOrg } from './repository.ts';
import { presentBase } from './presenter.ts';
import { listBaseReminders } from './reminders.ts';

export async function baseSupervision(
  db: Executor,
  actor: Actor,
  base: BaseRowWithOrg,
  now: Date,
): Promise<BaseSupervision> {
  let plansQ = db
    .selectFrom('preliminary_plans as pp')
    .innerJoin('programmes as p', 'p.id', 'pp.programme_id')
    .select([
      'pp.id',
      'pp.programme_id',
      'p.year',
      'p.name as programme_name',
      'pp.status',
      'pp.title',
      'pp.submitted_at',
      'pp.updated_at',
      (eb) =>
        eb
          .selectFrom('plan_comments as c')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('c.plan_id', '=', 'pp.id')
          .as('comments'),
    ])
    .where('pp.base_id', '=', base.id);
  if (!assistsBase(actor, base)) plansQ = plansQ.where('pp.status', '!=', 'draft');
  const plans = await plansQ.orderBy('p.year', 'desc').execute();

  const days = await db
    .selectFrom('theme_days as t')
    .innerJoin('programmes as p', 'p.id', 't.programme_id')
    .leftJoin('activity_plans as ap', 'ap.theme_day_id', 't.id')
    .select(['t.id', 't.title', 'p.year', 't.start_date', 't.end_date', 'ap.status as ap_status'])
    .where('t.base_id', '=', base.id)
    .where('p.status', '!=', 'draft')
    .orderBy('t.start_date', 'desc')
    .execute();
  const indicators = days.length
    ? await computeIndicators(
        db,
        days.map((d) => ({
          id: d.id,
          title: d.title,
          year: Number(d.year),
          start_date: d.start_date,
          end_date: d.end_date,
        })),
        shanghaiToday(now),
      )
    : null;
  const byDay = new Map((indicators?.themeDays ?? []).map((i) => [i.themeDayId, i]));

  return {
    base: presentBase(actor, base),
    plans: plans.map((p) => ({
      id: p.id,
      programmeId: p.programme_id,
      programmeYear: Number(p.year),
      programmeName: p.programme_name,
      status: p.status,
      title: p.title,
      submittedAt: p.submitted_at,
      updatedAt: p.updated_at,
      comments: Number(p.comments ?? 0),
    })),
    themeDays: days.map((d) => {
      const i = byDay.get(d.id);
      return {
        id: d.id,
        title: d.title,
        startDate: d.start_date,
        endDate: d.end_date,
        activityPlanStatus: d.ap_status ?? 'none',
        results: {
          projects: i?.projects.projects ?? 0,
          candidates: i?.projects.candidates ?? 0,
          registrations: i?.participation.registrations ?? 0,
          checkIns: i?.participation.checkIns ?? 0,
          meetingsHeld: i?.meetings.held ?? 0,
          csat: i?.satisfaction?.csat?.value ?? null,
        },
      };
    }),
    reminders: await listBaseReminders(db, base.id),
  };
}
