/**
 * Demo satisfaction surveys (满意度调查, issue 11 §1), so the results pages show full figures on a fresh
 * `npm start`:
 *
 * - each of the five 2020 theme days has a survey of the core instrument v1, sent to the people who took part
 *   (30–60 invitations: SMEs dominant, some large enterprises, universities, institutes and investors) and
 *   answered by 21–40 of them — mostly satisfied, some not; 云岭航天's is anonymous (its answers carry no
 *   organisation); four are closed after their 14 days;
 * - 华晟通信's (host@'s) survey is still open, with two questions of the host's own after the core ones, and
 *   member@ (智芯微电子) has an unused invitation: the link is in its notifications, so a newcomer can answer.
 *
 * The participants are demo people written here (one to three per organisation, no e-mail or mobile, a
 * password nobody knows) plus member@, investor@ and expert@. Rows are written as the service leaves them:
 * invitations store only the SHA-256 of their token (the tokens of the seeded answers are thrown away), an
 * answered invitation is `used` with no time, and anonymous answers have no organisation. Answers are drawn
 * from a seeded generator, so every fresh demo shows the same figures.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { SizeClass } from '../../common/contracts/organisations.ts';
import type { ParticipationKind, Question } from '../../common/contracts/surveys.ts';
import { links } from '../../common/links.ts';
import type { OrgKind } from '../../common/roles.ts';
import { CORE_INSTRUMENT_V1 } from '../../common/survey-instrument.ts';
import { addDays, endOfShanghaiDay, formatShanghai, shanghaiToUtc, shanghaiToday } from '../../common/time.ts';
import { json, type Executor } from '../db/index.ts';
import type { SurveyAnswerTable, SurveyInvitationTable } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import { hashPassword } from '../lib/passwords.ts';
import { notifyUsers } from '../modules/notifications/service.ts';
import { createRng } from '../../common/rng.ts';

export interface SurveysDemoContext {
  now: Date;
  /** The 2020 theme days by their host base's key ('xinghe', 'yunling', 'huasheng', 'changfeng', 'qinghe'). */
  themeDays2020: Map<string, string>;
}

interface Plan {
  invited: number;
  answered: number;
  anonymous?: boolean;
  /** Still open (the one member@ can answer). */
  open?: boolean;
  /** Share of satisfied answers (overall 4–5), roughly. */
  mood: number;
  hostQuestions?: Question[];
}

const PLANS: Record<string, Plan> = {
  xinghe: { invited: 52, answered: 38, mood: 0.86 },
  yunling: { invited: 36, answered: 24, anonymous: true, mood: 0.78 },
  huasheng: {
    invited: 60,
    answered: 40,
    open: true,
    mood: 0.83,
    hostQuestions: [
      {
        key: 'host_5g_demo',
        type: 'rating',
        text: '您对本次5G专网与工业互联网应用场景现场演示是否满意？',
        hint: '未参观演示区的可不填。',
        required: false,
      },
      {
        key: 'host_next_topics',
        type: 'multiple',
        text: '您希望下次主题日重点安排哪些内容？（最多选两项）',
        required: false,
        maxChoices: 2,
        options: [
          { key: 'scenes', label: '更多应用场景开放' },
          { key: 'testing', label: '测试验证与检测服务' },
          { key: 'finance', label: '投融资对接' },
          { key: 'talent', label: '人才与培训合作' },
        ],
      },
    ],
  },
  changfeng: { invited: 30, answered: 21, mood: 0.7 },
  qinghe: { invited: 44, answered: 29, mood: 0.8 },
};

const SUGGESTIONS = [
  '建议提前发布需求清单，便于中小企业提前准备对接材料。',
  '一对一洽谈时间偏短，希望每场延长到30分钟。',
  '希望活动后继续组织小范围的专题对接会。',
  '线上直播画面和声音效果有待改进。',
  '建议增加面向初创企业的政策解读环节。',
  '希望大企业明确采购和合作的具体流程及联系人。',
  '路演评审反馈很有价值，希望能提供书面意见。',
  '签到入场排队时间较长，建议分时段入场。',
  '希望开放实验室设备的预约渠道更便捷。',
  '活动组织有序，对接效率高，希望每年都能参加。',
  '会后跟踪服务及时，帮助我们推进了合作协议的签订。',
  '希望增加省外基地和企业的参与。',
];
const HOST_NOTE = '（演示）';
const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾';
const GIVEN = [
  '伟',
  '敏',
  '静',
  '磊',
  '洋',
  '婷',
  '强',
  '军',
  '杰',
  '娜',
  '涛',
  '明',
  '超',
  '霞',
  '平',
  '刚',
  '华',
  '芳',
];

interface Person {
  userId: string;
  orgId: string;
  kind: OrgKind;
  size: SizeClass | null;
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const clampInt = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

/** One respondent's answers to the core questions (and the host's), around an overall score. */
function answersFor(r: () => number, mood: number, host: Question[]): Record<string, unknown> {
  const x = r();
  const overall = x < mood ? (r() < 0.55 ? 5 : 4) : x < mood + (1 - mood) * 0.6 ? 3 : r() < 0.6 ? 2 : 1;
  const near = () => clampInt(overall + (r() < 0.6 ? 0 : r() < 0.5 ? -1 : 1), 1, 5);
  const a: Record<string, unknown> = {
    participation_mode: r() < 0.6 ? 'offline' : r() < 0.6 ? 'both' : 'online',
    organisation: near(),
    matchmaking_value: near(),
    overall,
    recommend:
      overall === 5
        ? clampInt(8.6 + r() * 2, 7, 10)
        : overall === 4
          ? clampInt(6.5 + r() * 3.5, 5, 10)
          : clampInt(1 + r() * 6, 0, 7),
  };
  for (const k of [
    'resource_docking',
    'demand_docking',
    'result_docking',
    'meetings',
    'roadshows',
    'follow_up_support',
  ])
    if (r() < 0.65) a[k] = near();
  if (r() < 0.85) {
    const gains =
      overall >= 4
        ? ['partner_found', 'intent_reached', 'agreement_signed', 'financing', 'technology', 'policy_info']
        : ['policy_info', 'none'];
    const picked = gains.filter(() => r() < 0.4);
    a.gains = picked.length ? (picked.includes('none') ? ['none'] : picked) : [gains[Math.floor(r() * gains.length)]!];
  }
  if (r() < 0.35) a.suggestions = SUGGESTIONS[Math.floor(r() * SUGGESTIONS.length)]!;
  for (const q of host) {
    if (r() < 0.3) continue;
    if (q.type === 'rating') a[q.key] = near();
    if (q.type === 'multiple' && q.options) {
      const opts = q.options.map((o) => o.key).filter(() => r() < 0.35);
      a[q.key] = (opts.length ? opts : [q.options[0]!.key]).slice(0, q.maxChoices ?? 12);
    }
  }
  return a;
}

/** Why a participant was invited: registered (most checked in), plus some 1:1 meetings, responses, pitches, visits. */
function sourcesFor(r: () => number): ParticipationKind[] {
  const out: ParticipationKind[] = [r() < 0.8 ? 'check_in' : 'registration'];
  if (r() < 0.35) out.push('meeting');
  if (r() < 0.2) out.push('demand_response');
  if (r() < 0.1) out.push('roadshow');
  if (r() < 0.25) out.push('booth_visit');
  return out;
}

/** Seeds the demo surveys (inside the seed's transaction, after the 2020 theme days and the projects demo). */
export async function seedSurveysDemo(trx: Executor, ctx: SurveysDemoContext): Promise<void> {
  const ts = ctx.now.toISOString();
  const today = shanghaiToday(ctx.now);
  // The seed of the draw: one under which every survey shows at least two size groups and the enterprises' split
  // (server/demo/surveys.test.ts checks it; a change to the demo organisations may need another seed).
  const r = createRng(4); // seeded: the same demo every time

  // The participants: demo people of the enterprises, universities, institutes and investors.
  const orgs = await trx
    .selectFrom('organisations')
    .select(['id', 'name', 'kind', 'size_class'])
    .where('kind', 'in', ['enterprise', 'university', 'institute', 'investor'])
    .execute();
  // By name, in code-unit order: the seed creates them within one millisecond with random ids, and the
  // databases' collations differ, so neither created_at nor an ORDER BY on name would repeat everywhere.
  orgs.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const hash = await hashPassword(randomBytes(24).toString('base64url'));
  const people: Person[] = [];
  let n = 0;
  for (const o of orgs) {
    const count = o.kind === 'enterprise' ? (o.size_class && o.size_class !== 'large' ? 3 : 1) : 2;
    for (let i = 0; i < count; i++) {
      const id = newId();
      const name = `${SURNAMES[n % SURNAMES.length]}${GIVEN[(n * 7) % GIVEN.length]}${HOST_NOTE}`;
      n++;
      await trx
        .insertInto('users')
        .values({
          id,
          name,
          email: null,
          mobile: null,
          password_hash: hash,
          locked_until: null,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      await trx
        .insertInto('memberships')
        .values({ id: newId(), user_id: id, organisation_id: o.id, role: 'member', created_at: ts })
        .execute();
      people.push({ userId: id, orgId: o.id, kind: o.kind, size: o.size_class });
    }
  }
  // The demo accounts that took part as participants.
  const named = await trx
    .selectFrom('users as u')
    .innerJoin('memberships as m', 'm.user_id', 'u.id')
    .innerJoin('organisations as o', 'o.id', 'm.organisation_id')
    .select(['u.id', 'u.email', 'o.id as orgId', 'o.kind', 'o.size_class'])
    .where('u.email', 'in', ['member@demo.rongtong.cn', 'investor@demo.rongtong.cn', 'expert@demo.rongtong.cn'])
    .execute();
  const demoPeople = named.map((u) => ({ userId: u.id, orgId: u.orgId, kind: u.kind, size: u.size_class }));
  const member = named.find((u) => u.email === 'member@demo.rongtong.cn');

  const opener = await trx
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'owner@demo.rongtong.cn')
    .executeTakeFirstOrThrow();

  for (const [baseKey, plan] of Object.entries(PLANS)) {
    const tdId = ctx.themeDays2020.get(baseKey);
    if (!tdId) continue;
    const td = await trx
      .selectFrom('theme_days as t')
      .innerJoin('bases as b', 'b.id', 't.base_id')
      .select(['t.title', 't.end_date', 'b.organisation_id'])
      .where('t.id', '=', tdId)
      .executeTakeFirstOrThrow();
    const host = await trx
      .selectFrom('users as u')
      .innerJoin('memberships as m', 'm.user_id', 'u.id')
      .select('u.id')
      .where('m.organisation_id', '=', td.organisation_id ?? '')
      .where('m.role', '=', 'base_admin')
      .executeTakeFirst();

    // Who took part: the demo accounts first, then a draw of the others (the host's own people excluded).
    const pool = people.filter((p) => p.orgId !== td.organisation_id);
    for (let i = pool.length - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1));
      [pool[i], pool[j]] = [pool[j]!, pool[i]!];
    }
    const invitees = [...demoPeople.filter((p) => p.orgId !== td.organisation_id), ...pool].slice(0, plan.invited);

    const opensOn = plan.open ? addDays(today, -5) : addDays(td.end_date, 2);
    const lastDay = plan.open ? addDays(today, 14) : addDays(opensOn, 14);
    const closesAt = endOfShanghaiDay(lastDay).toISOString();
    const surveyId = newId();
    const hostQuestions = plan.hostQuestions ?? [];
    await trx
      .insertInto('surveys')
      .values({
        id: surveyId,
        theme_day_id: tdId,
        core_version: CORE_INSTRUMENT_V1.version,
        host_questions: json.stringify(hostQuestions),
        anonymous: plan.anonymous ? 1 : 0,
        status: plan.open ? 'open' : 'closed',
        opens_at: shanghaiToUtc(`${opensOn}T10:00`).toISOString(),
        closes_at: closesAt,
        closed_at: plan.open ? null : closesAt,
        opened_by: host?.id ?? opener.id,
        created_at: ts,
        updated_at: ts,
      })
      .execute();

    // member@ leaves its invitation to the open survey unused; everyone else answers in draw order.
    const answering = invitees.filter((p) => !(plan.open && p.userId === member?.id)).slice(0, plan.answered);
    const answered = new Set(answering.map((p) => p.userId));
    const invitations: Insertable<SurveyInvitationTable>[] = [];
    let memberToken: string | null = null;
    for (const p of invitees) {
      const token = randomBytes(32).toString('base64url');
      if (plan.open && p.userId === member?.id) memberToken = token;
      invitations.push({
        id: newId(),
        survey_id: surveyId,
        user_id: p.userId,
        organisation_id: p.orgId,
        token_hash: sha256(token),
        sources: json.stringify(sourcesFor(r)),
        expires_at: closesAt,
        used: answered.has(p.userId) ? 1 : 0,
        created_at: shanghaiToUtc(`${opensOn}T10:00`).toISOString(),
      });
    }
    for (let i = 0; i < invitations.length; i += 200)
      await trx
        .insertInto('survey_invitations')
        .values(invitations.slice(i, i + 200))
        .execute();

    const answers: Insertable<SurveyAnswerTable>[] = answering.map((p, i) => ({
      id: newId(),
      survey_id: surveyId,
      core_version: CORE_INSTRUMENT_V1.version,
      answered_on: addDays(opensOn, Math.min(plan.open ? 5 : 13, Math.floor(i / 4))),
      organisation_id: plan.anonymous ? null : p.orgId,
      size_class: p.size,
      org_kind: p.kind,
      answers: json.stringify(answersFor(r, plan.mood, hostQuestions)),
    }));
    for (let i = 0; i < answers.length; i += 200)
      await trx
        .insertInto('survey_answers')
        .values(answers.slice(i, i + 200))
        .execute();

    if (memberToken && member)
      await notifyUsers(
        trx,
        [member.id],
        {
          kind: 'survey_invitation',
          title: `${td.title}满意度调查`,
          body:
            `感谢贵单位参加${td.title}。为做好活动第三方评估、持续改进主题日工作，请于${formatShanghai(closesAt, 'date')}前填写满意度问卷，约需3分钟。` +
            '本链接为您专属，仅可提交一次，请勿转发。',
          link: links.surveyAnswer(memberToken),
        },
        ctx.now,
      );
  }
}
