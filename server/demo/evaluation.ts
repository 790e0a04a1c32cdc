/**
 * The demo's third-party evaluation (第三方评估, issue 11 §2): NDRC (owner@) has commissioned 明鉴评估咨询 to
 * evaluate the five 2020 theme days and last year's theme day (华晟通信's, three weeks ahead, with its
 * registrations, meetings and roadshow under way) against the notice's three measures (the default
 * indicators) — two programme years, so the cross-year comparison has something to compare. The evaluator
 * (evaluator@) is at work: 星河电力's and 云岭航天's indicators are scored with comments, 华晟通信's 2020 day
 * partly, the others not yet, and the conclusions are a draft — so a newcomer sees the full dashboards, can
 * score the rest and download the report on a fresh `npm start`. Rows are written as the service leaves them
 * (status `in_progress`, one score per theme day and indicator).
 */
import { DEFAULT_INDICATORS } from '../../common/contracts/evaluation.ts';
import { addDays } from '../../common/time.ts';
import { json, type Executor } from '../db/index.ts';
import { newId, nowIso } from '../lib/ids.ts';

export interface EvaluationDemoContext {
  now: Date;
  /** The 2020 theme days by their host base's key, in the order they were held. */
  themeDays2020: Map<string, string>;
  /** Last year's theme day (the upcoming one the walkthroughs use) and its first day. */
  later: { themeDayId: string; start: string };
  orgId: Map<string, string>;
}

const SCORES: Record<string, Record<string, [number, string]>> = {
  xinghe: {
    projects: [88, '签约项目数量多、覆盖研发合作与成果转化，合同金额较大，能源互联网场景开放成效明显。'],
    stability: [82, '3个月、6个月跟踪回访完成率高，多数项目按计划推进，个别项目进度滞后。'],
    satisfaction: [86, '参与企业满意度较高，中小企业对场景开放和检测设备共享评价积极。'],
  },
  yunling: {
    projects: [80, '航天技术民用转化项目落地较快，但单个项目金额偏小。'],
    stability: [76, '部分项目6个月回访显示合作暂停，需加强后续服务。'],
    satisfaction: [78, '匿名调查满意度总体良好，对需求对接环节的组织建议进一步细化。'],
  },
  huasheng: {
    projects: [85, '5G与工业互联网领域合作项目较多，带动产业链上下游中小企业参与。'],
  },
};

export async function seedEvaluationDemo(trx: Executor, c: EvaluationDemoContext): Promise<string> {
  const user = async (email: string) =>
    (await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirstOrThrow()).id;
  const ownerId = await user('owner@demo.rongtong.cn');
  const evaluatorId = await user('evaluator@demo.rongtong.cn');
  const commissioned = '2021-01-05T02:00:00.000Z';
  const now = nowIso(c.now);
  const id = newId();
  const laterYear = (
    await trx
      .selectFrom('theme_days as t')
      .innerJoin('programmes as p', 'p.id', 't.programme_id')
      .select('p.year')
      .where('t.id', '=', c.later.themeDayId)
      .executeTakeFirstOrThrow()
  ).year;
  await trx
    .insertInto('evaluations')
    .values({
      id,
      title: `2020—${laterYear}年融通创新主题日活动第三方评估`,
      evaluator_organisation_id: c.orgId.get('mingjian')!,
      period_start: '2020-09-01',
      period_end: addDays(c.later.start, 90),
      indicators: json.stringify(DEFAULT_INDICATORS),
      status: 'in_progress',
      conclusions:
        '（初稿）2020年各主题日活动组织有序，合作项目数量和质量总体良好，中小企业参与积极、满意度较高。' +
        '建议进一步加强签约项目的跟踪服务，提高合作机制的稳定性。',
      commissioned_by: ownerId,
      submitted_by: null,
      submitted_at: null,
      accepted_by: null,
      accepted_at: null,
      created_at: commissioned,
      updated_at: now,
    })
    .execute();
  await trx
    .insertInto('evaluation_theme_days')
    .values(
      [...c.themeDays2020.values(), c.later.themeDayId].map((t, i) => ({
        evaluation_id: id,
        theme_day_id: t,
        position: i,
      })),
    )
    .execute();
  for (const [base, scores] of Object.entries(SCORES))
    for (const [key, [score, comment]] of Object.entries(scores))
      await trx
        .insertInto('evaluation_scores')
        .values({
          id: newId(),
          evaluation_id: id,
          theme_day_id: c.themeDays2020.get(base)!,
          indicator_key: key,
          score,
          comment,
          updated_by: evaluatorId,
          updated_at: now,
        })
        .execute();
  return id;
}
