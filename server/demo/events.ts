/**
 * Demo sessions of the upcoming theme day (华晟通信, three weeks ahead) with registrations open now:
 * 开幕式 (hybrid), 专家研讨会 (a small closed-door seminar that is FULL — 3 places, all taken — so the
 * waitlist can be seen), 供需对接会 (with custom questions) and the 展览 (cloud exhibition hall + on site).
 * member@ holds a place at the opening only, so it can join the seminar's waitlist.
 */
import { randomInt } from 'node:crypto';
import { addDays, shanghaiToUtc } from '../../common/time.ts';
import type { Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { DemoContext } from './areas.ts';

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const code = () => Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** The organisation each demo user registers with (their membership's seed key). */
const ORG_OF: Record<string, string> = {
  'member@demo.rongtong.cn': 'zhixin',
  'investor@demo.rongtong.cn': 'qiming',
  'expert@demo.rongtong.cn': 'nanhu',
  'base@demo.rongtong.cn': 'xinghe',
  'base2@demo.rongtong.cn': 'changfeng',
  'base3@demo.rongtong.cn': 'beichen',
  'multi@demo.rongtong.cn': 'lanhai',
  'support@demo.rongtong.cn': 'chuangxinqiao',
};

interface SessionSeed {
  title: string;
  kind: 'opening' | 'roadshow' | 'seminar' | 'docking' | 'exhibition';
  mode: 'offline' | 'online' | 'hybrid';
  description: string;
  day: number;
  from: string;
  to: string;
  toDay?: number;
  venue: string;
  venueCapacity: number | null;
  capacity: number;
  onlineLimit: number | null;
  questions: unknown[];
  /** [e-mail, attendance, answers] in registration order. */
  people: [string, 'offline' | 'online', Record<string, unknown>][];
}

const SESSIONS: SessionSeed[] = [
  {
    title: '开幕式暨5G融通创新成果发布',
    kind: 'opening',
    mode: 'hybrid',
    description:
      '华晟通信联合北辰理工、梧桐科技发布5G与工业互联网融通创新成果，介绍本次主题日各板块安排。线下名额有限，也可通过云展厅直播参加。',
    day: 0,
    from: '09:00',
    to: '10:00',
    venue: '华晟通信创新中心一层主会场',
    venueCapacity: 300,
    capacity: 200,
    onlineLimit: null,
    questions: [],
    people: [
      ['member@demo.rongtong.cn', 'offline', {}],
      ['base@demo.rongtong.cn', 'offline', {}],
      ['expert@demo.rongtong.cn', 'offline', {}],
      ['multi@demo.rongtong.cn', 'online', {}],
      ['base3@demo.rongtong.cn', 'offline', {}],
    ],
  },
  {
    title: '工业互联网安全专家研讨会（闭门）',
    kind: 'seminar',
    mode: 'offline',
    description:
      '邀请高校、科研院所专家与龙头企业技术负责人，围绕5G专网与工业控制系统安全开展闭门研讨。小型闭门会，线下限3人。',
    day: 0,
    from: '14:00',
    to: '16:00',
    venue: '华晟通信创新中心三层第2会议室',
    venueCapacity: 12,
    capacity: 3,
    onlineLimit: null,
    questions: [{ key: 'topic', label: '希望研讨的问题', type: 'textarea', required: false }],
    people: [
      ['investor@demo.rongtong.cn', 'offline', { topic: '工业互联网安全领域的早期投资机会' }],
      ['expert@demo.rongtong.cn', 'offline', { topic: '5G专网切片隔离与等保测评' }],
      ['base2@demo.rongtong.cn', 'offline', { topic: '车联网与工厂网络的安全边界' }],
    ],
  },
  {
    title: '5G+工业互联网供需对接会',
    kind: 'docking',
    mode: 'offline',
    description: '华晟通信及产业链龙头企业发布创新需求，中小企业、高校和科研院所现场对接，会后安排一对一洽谈。',
    day: 1,
    from: '09:00',
    to: '12:00',
    venue: '华晟通信创新中心二层多功能厅',
    venueCapacity: 120,
    capacity: 80,
    onlineLimit: null,
    questions: [
      {
        key: 'field',
        label: '所属领域',
        type: 'single',
        required: true,
        options: ['5G模组与终端', '工业软件', '智能制造装备', '网络安全', '其他'],
      },
      { key: 'need', label: '对接需求简述', type: 'textarea', required: false },
      { key: 'meeting', label: '是否需要一对一洽谈', type: 'boolean', required: false },
    ],
    people: [
      [
        'base@demo.rongtong.cn',
        'offline',
        { field: '智能制造装备', need: '寻找5G工业网关与边缘计算合作伙伴', meeting: true },
      ],
      ['multi@demo.rongtong.cn', 'offline', { field: '工业软件', need: '工业App开发与MES集成', meeting: true }],
      ['investor@demo.rongtong.cn', 'offline', { field: '其他', need: '了解拟融资项目', meeting: false }],
    ],
  },
  {
    title: '5G与工业互联网应用成果展',
    kind: 'exhibition',
    mode: 'hybrid',
    description: '线下展区展示5G专网、工业互联网平台和智能工厂解决方案；同步在融通创新云展厅开放VR线上展览。',
    day: 0,
    from: '09:00',
    to: '17:00',
    toDay: 1,
    venue: '华晟通信创新中心一层展厅',
    venueCapacity: 200,
    capacity: 150,
    onlineLimit: 2000,
    questions: [],
    people: [
      ['base3@demo.rongtong.cn', 'offline', {}],
      ['support@demo.rongtong.cn', 'online', {}],
    ],
  },
];

export async function seedEventsDemo(trx: Executor, ctx: DemoContext): Promise<void> {
  const host = ctx.userId.get('host@demo.rongtong.cn');
  if (!host) return;
  const ts = ctx.now.toISOString();
  const at = (day: number, hm: string) => shanghaiToUtc(`${addDays(ctx.themeDayStart, day)}T${hm}`).toISOString();
  // Registration opened three days ago and closes on the eve of the theme day.
  const opens = new Date(ctx.now.getTime() - 3 * 86_400_000).toISOString();
  const closes = at(-1, '18:00');
  for (const s of SESSIONS) {
    const id = newId();
    await trx
      .insertInto('event_sessions')
      .values({
        id,
        theme_day_id: ctx.themeDayId,
        title: s.title,
        kind: s.kind,
        mode: s.mode,
        description: s.description,
        starts_at: at(s.day, s.from),
        ends_at: at(s.toDay ?? s.day, s.to),
        venue: s.venue,
        venue_capacity: s.venueCapacity,
        capacity: s.capacity,
        online_limit: s.mode === 'offline' ? null : s.onlineLimit,
        online_channel: s.mode === 'offline' ? null : '融通创新云展厅直播 https://live.rongtong.example.cn/huasheng',
        registration_opens_at: opens,
        registration_closes_at: closes,
        questions: JSON.stringify(s.questions),
        next_seq: s.people.length + 1,
        created_by: host,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    let seq = 0;
    for (const [email, attendance, answers] of s.people) {
      const userId = ctx.userId.get(email);
      if (!userId) continue;
      seq += 1;
      const when = new Date(ctx.now.getTime() - (3 * 86_400_000 - seq * 3_600_000)).toISOString();
      await trx
        .insertInto('event_registrations')
        .values({
          id: newId(),
          session_id: id,
          user_id: userId,
          organisation_id: ctx.orgId.get(ORG_OF[email] ?? '') ?? null,
          attendance,
          status: 'registered',
          seq,
          answers: JSON.stringify(answers),
          code: code(),
          checked_in_at: null,
          checked_in_by: null,
          cancelled_at: null,
          created_at: when,
          updated_at: when,
        })
        .execute();
    }
  }
}
