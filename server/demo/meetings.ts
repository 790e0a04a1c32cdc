/**
 * Demo data for 1:1 business meetings (一对一洽谈) on the upcoming demo theme day (华晟通信): one organiser-mode
 * session on the theme day's second morning and afternoon, a dozen participants from the demo organisations,
 * accepted meetings waiting for the scheduler and a few pending requests. member@ (智芯微电子) and investor@
 * (启明星投资) have not joined and the session is not scheduled yet, so a newcomer (and the browser test) can
 * walk the whole flow: join, request, accept, schedule, publish, agenda.
 */
import { addDays, shanghaiToUtc } from '../../common/time.ts';
import { json, type Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { hashPassword } from '../lib/passwords.ts';
import { DEMO_PASSWORD } from './seed.ts';
import type { DemoContext } from './areas.ts';

const HOUR = 3_600_000;

/** Contacts of organisations that have no demo account yet (they can sign in with the demo password). */
const CONTACTS: { key: string; email: string; name: string; org: string }[] = [
  {
    key: 'huasheng-buyer',
    email: 'sunli@huasheng.demo.rongtong.cn',
    name: '孙立（华晟通信采购总监）',
    org: 'huasheng',
  },
  { key: 'yunling', email: 'lihang@yunling.demo.rongtong.cn', name: '李航（云岭航天）', org: 'yunling' },
  { key: 'donghai', email: 'chenhaitao@donghai.demo.rongtong.cn', name: '陈海涛（东海重工）', org: 'donghai' },
  { key: 'qinghe', email: 'zhoumin@qinghe.demo.rongtong.cn', name: '周敏（青禾医药）', org: 'qinghe' },
  { key: 'xiling', email: 'zhaofeng@xiling.demo.rongtong.cn', name: '赵丰（西岭农业大学）', org: 'xiling' },
  { key: 'wutong', email: 'wangxiao@wutong.demo.rongtong.cn', name: '王晓（梧桐新区）', org: 'wutong' },
  { key: 'qingshan', email: 'liuzheng@qingshan.demo.rongtong.cn', name: '刘铮（青山经开区）', org: 'qingshan' },
];

/** Participants: existing demo accounts (with their organisation) and the contacts above. */
const PARTICIPANTS: { key: string; email: string; org: string; unavailable?: number[] }[] = [
  { key: 'xinghe', email: 'base@demo.rongtong.cn', org: 'xinghe' },
  { key: 'changfeng', email: 'base2@demo.rongtong.cn', org: 'changfeng', unavailable: [12, 13] },
  { key: 'beichen', email: 'base3@demo.rongtong.cn', org: 'beichen' },
  { key: 'nanhu', email: 'expert@demo.rongtong.cn', org: 'nanhu', unavailable: [0, 1] },
  { key: 'lanhai', email: 'multi@demo.rongtong.cn', org: 'lanhai' },
  ...CONTACTS.map((c) => ({
    key: c.key,
    email: c.email,
    org: c.org,
    ...(c.key === 'qinghe' ? { unavailable: [8, 9, 10, 11, 12, 13] } : {}),
  })),
];

/** What each participant offers and seeks (shown in the directory). */
const PROFILES: Record<string, [string, string]> = {
  xinghe: ['新型电力系统应用场景、储能电站测试平台', '电力电子器件、能源管理软件供应商'],
  changfeng: ['智能网联汽车测试场与整车验证机会', 'C-V2X模组、高精度定位、汽车芯片国产化'],
  beichen: ['电力电子与工业视觉实验室成果，毕业生创业团队项目', '产业化合作伙伴与应用场景'],
  nanhu: ['光电检测中试平台、光通信器件研发能力', '船舶、通信行业的联合攻关需求'],
  lanhai: ['工业数据中台、边缘数据平台（已在两家工厂落地）', '5G专网试点工厂、园区客户'],
  'huasheng-buyer': ['5G专网、工业互联网平台及供应链准入', '边缘计算、光器件、工业视觉供应商'],
  yunling: ['北斗/卫星高精度定位模组', '汽车、船舶行业应用伙伴'],
  donghai: ['船舶岸电与焊接产线应用场景', '在线检测、能源管理技术'],
  qinghe: ['生物医药原料采购需求', '农业微生物菌种资源'],
  xiling: ['农业微生物菌种资源库、遥感数据', '医药与农业科技企业合作'],
  wutong: ['智能制造园区与能源管理示范项目', '工业数据与能源服务企业入驻'],
  qingshan: ['汽车零部件产业集群配套资源', '整车企业配套订单与数字化服务商'],
};

type Cite = { type: 'demand' | 'resource' | 'result'; ofKey: string };
/** [requester, recipient, message, cited item] */
const ACCEPTED: [string, string, string, Cite?][] = [
  [
    'lanhai',
    'huasheng-buyer',
    '我们的边缘数据平台已在两家工厂落地，希望介绍与贵司5G专网的对接方案。',
    { type: 'demand', ofKey: 'huasheng' },
  ],
  ['beichen', 'xinghe', '北辰理工电力电子实验室希望与星河电力探讨联合攻关新型储能变流器。'],
  ['yunling', 'changfeng', '卫星高精度定位模组可用于智能网联汽车，希望洽谈样车测试。'],
  ['donghai', 'nanhu', '船舶焊接质量在线检测，想了解贵院的光电检测中试平台。', { type: 'resource', ofKey: 'nanhu' }],
  ['changfeng', 'huasheng-buyer', '车联网C-V2X模组联合验证。'],
  ['xiling', 'qinghe', '农业微生物菌种资源与生物医药原料合作。'],
  ['wutong', 'xinghe', '梧桐新区智能制造园区能源管理示范项目。'],
  ['qingshan', 'changfeng', '青山经开区汽车零部件企业配套对接。'],
  ['nanhu', 'huasheng-buyer', '光通信器件国产化替代交流。'],
  ['lanhai', 'wutong', '园区工业数据中台建设。'],
];
const PENDING: [string, string, string][] = [
  ['beichen', 'huasheng-buyer', '北辰理工毕业生创业团队研发的工业视觉质检系统，希望进入华晟供应商名录。'],
  ['donghai', 'xinghe', '船舶岸电系统合作。'],
  ['lanhai', 'qingshan', '为园区企业提供数据分析服务。'],
];

export async function seedMeetingsDemo(trx: Executor, ctx: DemoContext): Promise<void> {
  const ts = ctx.now.toISOString();
  const org = (k: string) => ctx.orgId.get(k)!;
  const hostId = ctx.userId.get('host@demo.rongtong.cn');
  if (!hostId) return;

  // Contacts: users with a member role in their organisation.
  const hash = await hashPassword(DEMO_PASSWORD);
  const userOf = new Map<string, string>();
  for (const c of CONTACTS) {
    const id = newId();
    await trx
      .insertInto('users')
      .values({
        id,
        name: c.name,
        email: c.email,
        mobile: null,
        password_hash: hash,
        locked_until: null,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await trx
      .insertInto('memberships')
      .values({ id: newId(), user_id: id, organisation_id: org(c.org), role: 'member', created_at: ts })
      .execute();
    userOf.set(c.email, id);
  }

  // The session: the theme day's second day, 20-minute slots, 09:00–11:40 and 14:00–15:40 Beijing time.
  const date = addDays(ctx.themeDayStart, 1);
  const local: string[] = [];
  for (let i = 0; i < 8; i++)
    local.push(
      `${date}T${String(9 + Math.floor((i * 20) / 60)).padStart(2, '0')}:${String((i * 20) % 60).padStart(2, '0')}`,
    );
  for (let i = 0; i < 6; i++)
    local.push(
      `${date}T${String(14 + Math.floor((i * 20) / 60)).padStart(2, '0')}:${String((i * 20) % 60).padStart(2, '0')}`,
    );
  const slots = local.map((l) => {
    const start = shanghaiToUtc(l);
    return { startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 20 * 60_000).toISOString() };
  });
  const sessionId = newId();
  await trx
    .insertInto('meeting_sessions')
    .values({
      id: sessionId,
      theme_day_id: ctx.themeDayId,
      title: '5G与工业互联网供需对接一对一洽谈会',
      mode: 'organiser',
      status: 'open',
      date,
      slots: json.stringify(slots),
      morning_slots: 8,
      tables: 8,
      online_rooms: 2,
      online_url_template: 'https://meeting.rongtong.cn/room/{room}?m={meeting}',
      venue: '华晟通信创新中心二层洽谈区',
      request_limit: 10,
      request_ttl_hours: 72,
      fairness: 2,
      published_at: null,
      created_by: hostId,
      created_at: ts,
      updated_at: ts,
    })
    .execute();

  const pid = new Map<string, string>();
  let minute = 0;
  for (const p of PARTICIPANTS) {
    const userId = ctx.userId.get(p.email) ?? userOf.get(p.email);
    if (!userId) continue;
    const id = newId();
    const joinedAt = new Date(ctx.now.getTime() - 3 * 24 * HOUR + minute++ * 37 * 60_000).toISOString();
    await trx
      .insertInto('meeting_participants')
      .values({
        id,
        session_id: sessionId,
        user_id: userId,
        organisation_id: org(p.org),
        unavailable_slots: json.stringify(p.unavailable ?? []),
        request_limit: null,
        joined_at: joinedAt,
        updated_at: joinedAt,
        offer: PROFILES[p.key]?.[0] ?? null,
        seek: PROFILES[p.key]?.[1] ?? null,
      })
      .execute();
    pid.set(p.key, id);
  }

  /** An item of the organisation to cite, when the content demo has one. */
  const orgOfKey = (k: string) => PARTICIPANTS.find((p) => p.key === k)?.org;
  const cite = async (c?: Cite): Promise<{ type: string; id: string } | null> => {
    if (!c) return null;
    const o = orgOfKey(c.ofKey);
    if (!o) return null;
    const table = c.type === 'demand' ? 'demands' : c.type === 'resource' ? 'resources' : 'results';
    const row = await trx
      .selectFrom(table)
      .select('id')
      .where('organisation_id', '=', org(o))
      .orderBy('created_at')
      .executeTakeFirst();
    return row ? { type: c.type, id: row.id } : null;
  };
  const pair = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  let n = 0;
  const request = async (
    from: string,
    to: string,
    message: string,
    status: 'pending' | 'accepted' | 'declined',
    c?: Cite,
  ) => {
    const a = pid.get(from);
    const b = pid.get(to);
    if (!a || !b) return;
    const created = new Date(ctx.now.getTime() - (48 - n++ * 3) * HOUR).toISOString();
    const responded = status === 'pending' ? null : new Date(new Date(created).getTime() + 2 * HOUR).toISOString();
    const cited = await cite(c);
    const id = newId();
    await trx
      .insertInto('meeting_requests')
      .values({
        id,
        session_id: sessionId,
        requester_id: a,
        recipient_id: b,
        message,
        cited_type: cited?.type ?? null,
        cited_id: cited?.id ?? null,
        status,
        open_key: status === 'declined' ? null : pair(a, b),
        // Pending requests stay answerable for a while after the seed.
        expires_at:
          status === 'pending'
            ? new Date(ctx.now.getTime() + (40 + n) * HOUR).toISOString()
            : new Date(new Date(created).getTime() + 72 * HOUR).toISOString(),
        responded_at: responded,
        created_at: created,
        updated_at: responded ?? created,
      })
      .execute();
    if (status === 'accepted') {
      await trx
        .insertInto('meetings')
        .values({
          id: newId(),
          session_id: sessionId,
          request_id: id,
          participant_a_id: a,
          participant_b_id: b,
          status: 'accepted',
          slot_index: null,
          location: null,
          online_link: null,
          fixed_slot: null,
          cancelled_by: null,
          cancelled_at: null,
          created_at: responded!,
          updated_at: responded!,
        })
        .execute();
    }
  };
  for (const [a, b, msg, c] of ACCEPTED) await request(a, b, msg, 'accepted', c);
  for (const [a, b, msg] of PENDING) await request(a, b, msg, 'pending');
  await request('xiling', 'yunling', '农业遥感数据合作。', 'declined');
}
