/**
 * What happened at the five 2020 theme days, so the third-party evaluation's participation, 1:1 meeting and
 * roadshow figures are not empty: per theme day an opening and a docking session with registrations (most
 * checked in), a published 1:1 meeting session whose meetings were held and have outcomes recorded, and for
 * 星河电力, 华晟通信 and 青禾医药 a closed roadshow with accepted projects and judges' intents to sign.
 *
 * The people are those the surveys demo invited to each theme day (server/demo/surveys.ts, which runs first):
 * a registration for every invitee, checked in when the invitation says so, meetings among them and roadshow
 * projects and judges drawn from them. The demo accounts that sign in (member@, investor@, expert@…) are left
 * out, so their workspaces show only the upcoming theme day the walkthroughs use. Everything is picked in name
 * order and spread by index: every fresh demo shows the same figures.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Insertable } from 'kysely';
import type { Outcome } from '../../common/contracts/meetings.ts';
import type { Stage } from '../../common/contracts/roadshows.ts';
import { addDays, shanghaiToUtc } from '../../common/time.ts';
import { json, type Executor } from '../db/index.ts';
import type { EventRegistrationTable } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import { demoPdf } from './roadshows.ts';

export interface History2020Context {
  now: Date;
  /** The 2020 theme days by their host base's key. */
  themeDays2020: Map<string, string>;
}

interface RoadshowSeed {
  title: string;
  /** [name, field, stage, financing need 万元, summary] of the accepted projects, then one declined. */
  projects: [string, string, Stage, number, string][];
  declined: [string, string, Stage, number, string, string];
}

interface DaySeed {
  opening: string;
  docking: string;
  meetings: string;
  venue: string;
  /** How many meetings to arrange. */
  meetingCount: number;
  roadshow?: RoadshowSeed;
}

const DAYS: Record<string, DaySeed> = {
  xinghe: {
    opening: '开幕式暨能源互联网融通创新成果发布',
    docking: '能源互联网供需对接会',
    meetings: '能源互联网一对一洽谈会',
    venue: '星河电力创新中心',
    meetingCount: 16,
    roadshow: {
      title: '能源互联网创新项目路演',
      projects: [
        [
          '分布式光伏智能运维机器人',
          '新能源装备',
          'startup',
          1200,
          '光伏板清洗与热斑巡检一体化机器人，已在两座电站试运行。',
        ],
        ['配电网故障精准定位终端', '智能电网', 'growth', 2500, '基于行波测距的配网故障定位，定位误差小于200米。'],
        ['工商业储能能量管理系统', '储能', 'startup', 1800, '峰谷套利与需量管理策略，已服务园区客户12家。'],
        [
          '电力设备局放在线监测传感器',
          '智能传感',
          'prototype',
          600,
          '高频局放传感与边缘诊断，适用于开关柜和电缆接头。',
        ],
      ],
      declined: [
        '家庭能源管理App',
        '互联网应用',
        'idea',
        300,
        '家庭用电分析。',
        '项目尚处构想阶段，建议完善样机后参加后续路演。',
      ],
    },
  },
  yunling: {
    opening: '开幕式暨航天技术民用转化成果发布',
    docking: '卫星应用供需对接会',
    meetings: '卫星应用与航天技术转化一对一洽谈会',
    venue: '云岭航天科技园',
    meetingCount: 10,
  },
  huasheng: {
    opening: '开幕式暨5G融通创新成果发布',
    docking: '5G+工业互联网供需对接会',
    meetings: '5G与工业互联网一对一洽谈会',
    venue: '华晟通信创新中心',
    meetingCount: 18,
    roadshow: {
      title: '5G与工业互联网创新项目路演（2020）',
      projects: [
        [
          '5G工业网关与协议转换套件',
          '5G 行业应用',
          'growth',
          2000,
          '支持主流PLC协议的5G工业网关，已在汽车零部件产线部署。',
        ],
        ['工业设备预测性维护SaaS', '工业互联网平台', 'startup', 1500, '振动与电流数据建模，提前7天预警轴承故障。'],
        ['5G+机器视觉质检系统', '机器视觉', 'startup', 1000, '云边协同的表面缺陷检测，漏检率低于0.5%。'],
      ],
      declined: ['短视频营销工具', '互联网应用', 'idea', 200, '面向商户的短视频营销。', '与本次主题关联度不高。'],
    },
  },
  changfeng: {
    opening: '开幕式暨智能网联汽车融通创新成果发布',
    docking: '智能网联汽车供应链对接会',
    meetings: '智能网联汽车一对一洽谈会',
    venue: '长风汽车研发中心',
    meetingCount: 12,
  },
  qinghe: {
    opening: '开幕式暨生物医药融通创新成果发布',
    docking: '创新药与医疗器械供需对接会',
    meetings: '生物医药一对一洽谈会',
    venue: '青禾医药创新园',
    meetingCount: 14,
    roadshow: {
      title: '生物医药创新项目路演',
      projects: [
        ['新型ADC抗体偶联药物平台', '创新药', 'prototype', 5000, '定点偶联技术平台，两个候选分子完成临床前药效研究。'],
        ['微流控即时检测芯片', '体外诊断', 'startup', 1500, '15分钟出结果的多联检芯片，已取得二类医疗器械注册证。'],
        ['植物源药用辅料规模化制备', '生物制造', 'growth', 2200, '以西岭农大菌种资源发酵制备药用辅料，成本降低30%。'],
        ['手术机器人力反馈器械', '高端医疗器械', 'prototype', 3000, '腔镜手术器械末端力感知，完成动物实验。'],
      ],
      declined: ['保健品电商平台', '互联网应用', 'startup', 800, '保健品线上销售。', '不属于创新药与医疗器械方向。'],
    },
  },
};

const CRITERIA = [
  { key: 'innovation', name: '技术创新性', weight: 30 },
  { key: 'market', name: '市场前景', weight: 25 },
  { key: 'team', name: '团队能力', weight: 20 },
  { key: 'business', name: '商业模式', weight: 15 },
  { key: 'social', name: '社会效益', weight: 10 },
];

const OUTCOME_NOTES: Record<Outcome, string> = {
  cooperation_possible: '双方同意会后安排技术交流，推进合作方案。',
  useful_no_cooperation: '了解了对方需求，暂无合作计划。',
  no_interest: '方向不匹配。',
  did_not_take_place: '对方未到场。',
};

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/** A check-in code derived from the registration's place (the seeded codes were used on the day). */
function code(seed: string): string {
  const h = createHash('sha256').update(seed).digest();
  return Array.from({ length: 10 }, (_, i) => CODE_ALPHABET[h[i]! % CODE_ALPHABET.length]).join('');
}

const byName = <T extends { name: string; orgName: string }>(a: T, b: T) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : a.orgName < b.orgName ? -1 : a.orgName > b.orgName ? 1 : 0;

interface Person {
  userId: string;
  name: string;
  orgId: string;
  orgName: string;
  kind: string;
  size: string | null;
  checkedIn: boolean;
}

/** 20-minute slots, 09:00–11:40 and 14:00–15:40 Beijing time, as the meetings demo lays them out. */
function slotsOf(date: string): { startsAt: string; endsAt: string }[] {
  const out: { startsAt: string; endsAt: string }[] = [];
  for (const [h0, count] of [
    [9, 8],
    [14, 6],
  ] as const)
    for (let i = 0; i < count; i++) {
      const m = i * 20;
      const start = shanghaiToUtc(
        `${date}T${String(h0 + Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`,
      );
      out.push({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 20 * 60_000).toISOString() });
    }
  return out;
}

/** Seeds the 2020 theme days' sessions, registrations, meetings and roadshows (after the surveys demo). */
export async function seedHistory2020(trx: Executor, ctx: History2020Context): Promise<void> {
  const ts = ctx.now.toISOString();
  const owner = await trx
    .selectFrom('users')
    .select('id')
    .where('email', '=', 'owner@demo.rongtong.cn')
    .executeTakeFirstOrThrow();
  const uploads = join(dirname(process.env.SQLITE_PATH ?? 'data/rongtong.db'), 'uploads');

  for (const [baseKey, day] of Object.entries(DAYS)) {
    const tdId = ctx.themeDays2020.get(baseKey);
    if (!tdId) continue;
    const td = await trx
      .selectFrom('theme_days as t')
      .innerJoin('bases as b', 'b.id', 't.base_id')
      .select(['t.start_date', 't.end_date', 'b.organisation_id', 'b.short_name'])
      .where('t.id', '=', tdId)
      .executeTakeFirstOrThrow();
    const hostAdmin = await trx
      .selectFrom('memberships')
      .select('user_id')
      .where('organisation_id', '=', td.organisation_id ?? '')
      .where('role', '=', 'base_admin')
      .orderBy('user_id')
      .executeTakeFirst();
    const staff = hostAdmin?.user_id ?? owner.id;

    // The people: the survey's invitees without a sign-in address, in name order.
    const invited = await trx
      .selectFrom('survey_invitations as i')
      .innerJoin('surveys as s', 's.id', 'i.survey_id')
      .innerJoin('users as u', 'u.id', 'i.user_id')
      .innerJoin('organisations as o', 'o.id', 'i.organisation_id')
      .select(['u.id', 'u.name', 'o.id as orgId', 'o.name as orgName', 'o.kind', 'o.size_class', 'i.sources'])
      .where('s.theme_day_id', '=', tdId)
      .where('u.email', 'is', null)
      .execute();
    const people: Person[] = invited
      .map((r) => ({
        userId: r.id,
        name: r.name,
        orgId: r.orgId,
        orgName: r.orgName,
        kind: r.kind,
        size: r.size_class,
        checkedIn: json.parse<string[]>(r.sources, []).includes('check_in'),
      }))
      .sort(byName);
    if (!people.length) continue;

    // Event sessions: the opening (everyone) on the first day, the docking session (every other one) on the last.
    const at = (date: string, hm: string) => shanghaiToUtc(`${date}T${hm}`).toISOString();
    type Kind = 'opening' | 'docking' | 'roadshow';
    const sessions: { title: string; kind: Kind; date: string; from: string; to: string; who: Person[] }[] = [
      { title: day.opening, kind: 'opening', date: td.start_date, from: '09:00', to: '10:00', who: people },
      {
        title: day.docking,
        kind: 'docking',
        date: td.end_date,
        from: '09:00',
        to: '12:00',
        who: people.filter((_, i) => i % 2 === 0),
      },
    ];
    if (day.roadshow)
      sessions.push({
        title: day.roadshow.title,
        kind: 'roadshow',
        date: td.start_date,
        from: '14:00',
        to: '17:00',
        who: people.filter((_, i) => i % 3 === 1),
      });
    let roadshowSessionId: string | null = null;
    for (const [si, s] of sessions.entries()) {
      const id = newId();
      if (s.kind === 'roadshow') roadshowSessionId = id;
      const startsAt = at(s.date, s.from);
      await trx
        .insertInto('event_sessions')
        .values({
          id,
          theme_day_id: tdId,
          title: s.title,
          kind: s.kind,
          mode: s.kind === 'docking' ? 'offline' : 'hybrid',
          description: `${td.short_name}融通创新主题日${s.kind === 'opening' ? '开幕式' : '活动'}（已举办）。`,
          starts_at: startsAt,
          ends_at: at(s.date, s.to),
          venue: `${day.venue}${s.kind === 'docking' ? '多功能厅' : '主会场'}`,
          venue_capacity: 300,
          capacity: 200,
          online_limit: s.kind === 'docking' ? null : 2000,
          online_channel: s.kind === 'docking' ? null : '融通创新云展厅直播',
          registration_opens_at: at(addDays(td.start_date, -30), '09:00'),
          registration_closes_at: at(addDays(td.start_date, -1), '18:00'),
          questions: '[]',
          next_seq: s.who.length + 1,
          created_by: staff,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      const regs: Insertable<EventRegistrationTable>[] = s.who.map((p, i) => {
        const online = s.kind !== 'docking' && !p.checkedIn;
        const created = at(addDays(td.start_date, -20 + Math.floor(i / 3)), '10:00');
        const checkedIn = p.checkedIn && (si === 0 || i % 5 !== 4);
        const checkedAt = new Date(new Date(startsAt).getTime() - (30 - (i % 25)) * 60_000).toISOString();
        return {
          id: newId(),
          session_id: id,
          user_id: p.userId,
          organisation_id: p.orgId,
          attendance: online ? 'online' : 'offline',
          status: 'registered',
          seq: i + 1,
          answers: '{}',
          code: code(`${tdId}:${si}:${i}`),
          checked_in_at: checkedIn ? checkedAt : null,
          checked_in_by: checkedIn ? staff : null,
          cancelled_at: null,
          created_at: created,
          updated_at: checkedIn ? checkedAt : created,
        };
      });
      if (regs.length) await trx.insertInto('event_registrations').values(regs).execute();
    }

    // The 1:1 meeting session on the last day, published; pairs of different organisations, spread by index.
    const date = td.end_date;
    const slots = slotsOf(date);
    const sessionId = newId();
    const published = at(addDays(date, -2), '18:00');
    await trx
      .insertInto('meeting_sessions')
      .values({
        id: sessionId,
        theme_day_id: tdId,
        title: day.meetings,
        mode: 'organiser',
        status: 'closed',
        date,
        slots: json.stringify(slots),
        morning_slots: 8,
        tables: 8,
        online_rooms: 0,
        online_url_template: null,
        venue: `${day.venue}洽谈区`,
        request_limit: 10,
        request_ttl_hours: 72,
        fairness: 2,
        published_at: published,
        created_by: staff,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    const members = people.filter((_, i) => i % 3 !== 2).slice(0, 16);
    const pid: string[] = [];
    for (const [i, p] of members.entries()) {
      const id = newId();
      const joined = at(addDays(date, -14 + Math.floor(i / 4)), '10:00');
      await trx
        .insertInto('meeting_participants')
        .values({
          id,
          session_id: sessionId,
          user_id: p.userId,
          organisation_id: p.orgId,
          unavailable_slots: '[]',
          request_limit: null,
          joined_at: joined,
          updated_at: joined,
          offer: null,
          seek: null,
        })
        .execute();
      pid.push(id);
    }
    const pairs: [number, number][] = [];
    for (let d = 1; d < members.length && pairs.length < day.meetingCount; d++)
      for (let i = 0; i < members.length && pairs.length < day.meetingCount; i++) {
        const j = (i + d) % members.length;
        if (members[i]!.orgId === members[j]!.orgId) continue;
        if (pairs.some(([a, b]) => (a === i && b === j) || (a === j && b === i))) continue;
        pairs.push([i, j]);
      }
    const busy = new Map<number, Set<number>>();
    for (const [k, [a, b]] of pairs.entries()) {
      let slot = 0;
      for (; slot < slots.length; slot++) {
        const taken = busy.get(slot) ?? new Set<number>();
        if (!taken.has(a) && !taken.has(b) && taken.size < 16) break;
      }
      if (slot === slots.length) continue;
      const taken = busy.get(slot) ?? new Set<number>();
      const location = taken.size / 2 + 1;
      taken.add(a).add(b);
      busy.set(slot, taken);
      const requested = at(addDays(date, -10 + (k % 7)), '15:00');
      const accepted = at(addDays(date, -9 + (k % 7)), '11:00');
      const requestId = newId();
      const [pa, pb] = [pid[a]!, pid[b]!];
      await trx
        .insertInto('meeting_requests')
        .values({
          id: requestId,
          session_id: sessionId,
          requester_id: pa,
          recipient_id: pb,
          message: `${members[a]!.orgName}希望与${members[b]!.orgName}洽谈合作。`,
          cited_type: null,
          cited_id: null,
          status: 'accepted',
          open_key: pa < pb ? `${pa}|${pb}` : `${pb}|${pa}`,
          expires_at: at(addDays(date, -7 + (k % 7)), '15:00'),
          responded_at: accepted,
          created_at: requested,
          updated_at: accepted,
        })
        .execute();
      const meetingId = newId();
      await trx
        .insertInto('meetings')
        .values({
          id: meetingId,
          session_id: sessionId,
          request_id: requestId,
          participant_a_id: pa,
          participant_b_id: pb,
          status: 'scheduled',
          slot_index: slot,
          location,
          online_link: null,
          fixed_slot: null,
          cancelled_by: null,
          cancelled_at: null,
          created_at: accepted,
          updated_at: published,
        })
        .execute();
      await trx
        .insertInto('meeting_occupancy')
        .values(
          [`loc:${location}`, `p:${pa}`, `p:${pb}`].map((holder) => ({
            id: newId(),
            session_id: sessionId,
            slot_index: slot,
            holder,
            meeting_id: meetingId,
          })),
        )
        .execute();
      // One in nine did not take place; the rest split between possible cooperation, useful talks and no interest.
      const outcome: Outcome =
        k % 9 === 8
          ? 'did_not_take_place'
          : k % 3 === 0
            ? 'cooperation_possible'
            : k % 3 === 1
              ? 'useful_no_cooperation'
              : 'no_interest';
      const recorded = new Date(new Date(slots[slot]!.endsAt).getTime() + (2 + (k % 5)) * 3_600_000).toISOString();
      // Both sides record, except every fourth meeting, where only the requester did.
      for (const participant of k % 4 === 3 ? [pa] : [pa, pb])
        await trx
          .insertInto('meeting_outcomes')
          .values({
            id: newId(),
            meeting_id: meetingId,
            participant_id: participant,
            outcome,
            note: OUTCOME_NOTES[outcome],
            recorded_at: recorded,
            updated_at: recorded,
          })
          .execute();
    }

    // The roadshow: closed, projects from the SMEs' and institutions' people, judged by investors and experts.
    if (day.roadshow && roadshowSessionId) {
      const rs = day.roadshow;
      const rsStart = at(td.start_date, '14:00');
      const rsEnd = at(td.start_date, '17:00');
      const roadshowId = newId();
      await trx
        .insertInto('roadshows')
        .values({
          id: roadshowId,
          session_id: roadshowSessionId,
          title: rs.title,
          criteria: json.stringify(CRITERIA),
          status: 'closed',
          applications_close_at: at(addDays(td.start_date, -7), '18:00'),
          scoring_opened_at: rsStart,
          closed_at: rsEnd,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      const applicants = people.filter((p) => p.kind !== 'investor' && p.orgId !== td.organisation_id);
      const judges = [
        ...people.filter((p) => p.kind === 'investor').slice(0, 2),
        ...people.filter((p) => p.kind === 'institute' || p.kind === 'university').slice(0, 1),
      ];
      const all = [...rs.projects.map((p) => [...p, null] as const), [...rs.declined] as const];
      const projectIds: string[] = [];
      for (const [i, [name, field, stage, need, summary, note]] of all.entries()) {
        const who = applicants[(i * 3) % applicants.length]!;
        const accepted = note === null;
        const id = newId();
        const rel = join('roadshows', roadshowId, `${id}.pdf`);
        const data = demoPdf(name);
        try {
          mkdirSync(dirname(join(uploads, rel)), { recursive: true });
          writeFileSync(join(uploads, rel), data);
        } catch {
          // A read-only data folder only loses the demo PDFs, not the demo.
        }
        const submitted = at(addDays(td.start_date, -12 + i), '16:00');
        await trx
          .insertInto('roadshow_projects')
          .values({
            id,
            roadshow_id: roadshowId,
            applicant_user_id: who.userId,
            organisation_id: who.orgId,
            name,
            team: `项目负责人${who.name.replace('（演示）', '')}，核心团队8—20人。`,
            organisation_name: who.orgName,
            field,
            stage,
            financing_need_wan: need,
            summary,
            bp_path: rel,
            bp_name: `${name}-商业计划书.pdf`,
            bp_size: data.length,
            status: accepted ? 'accepted' : 'rejected',
            screening_note: note ?? '符合本次路演主题，已列入路演名单。',
            lineup_order: accepted ? i + 1 : null,
            created_at: submitted,
            updated_at: submitted,
          })
          .execute();
        if (accepted) projectIds.push(id);
      }
      for (const [j, judge] of judges.entries()) {
        const judgeId = newId();
        const investor = judge.kind === 'investor';
        await trx
          .insertInto('roadshow_judges')
          .values({
            id: judgeId,
            roadshow_id: roadshowId,
            user_id: judge.userId,
            organisation_id: judge.orgId,
            kind: investor ? 'investor' : 'expert',
            guidance_fund: investor && j === 0 ? 1 : 0,
            invited_at: at(addDays(td.start_date, -5), '10:00'),
          })
          .execute();
        for (const [i, projectId] of projectIds.entries()) {
          const base = 6 + ((i * 2 + j) % 4);
          const scores = Object.fromEntries(CRITERIA.map((c, ci) => [c.key, Math.min(10, base + ((ci + i) % 3))]));
          // Investors sign up to the projects they scored best: about one project in two.
          const intent = investor && (i + j) % 2 === 0;
          const min = intent ? 200 * (1 + ((i + j) % 4)) : null;
          const scored = new Date(new Date(rsStart).getTime() + (20 + i * 15) * 60_000).toISOString();
          await trx
            .insertInto('roadshow_scores')
            .values({
              id: newId(),
              roadshow_id: roadshowId,
              project_id: projectId,
              judge_id: judgeId,
              scores: json.stringify(scores),
              conflict: 0,
              conflict_reason: null,
              intent_min_wan: min,
              intent_max_wan: min === null ? null : min * 2,
              intent_to_sign: intent ? 1 : 0,
              comment: intent ? '技术路线清晰，有意向进一步尽调并推进投资。' : '项目有一定基础，建议进一步验证市场。',
              created_at: scored,
              updated_at: scored,
            })
            .execute();
        }
      }
    }
  }
}
