/**
 * Demo data of the roadshow (创新团队对接路演) and the virtual exhibition hall on the upcoming demo theme day
 * (华晟通信): a roadshow session with six startup projects — four screened into the lineup, two declined with a
 * reason — weighted criteria, expert@ and investor@ (guidance fund) invited as judges, scoring open; and six
 * exhibitors' booths (five approved, one awaiting the host's review).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { shanghaiToUtc, addDays } from '../../common/time.ts';
import type { Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { DemoContext } from './areas.ts';
import type { Stage } from '../../common/contracts/roadshows.ts';

const CRITERIA = [
  { key: 'innovation', name: '技术创新性', weight: 30 },
  { key: 'market', name: '市场前景', weight: 25 },
  { key: 'team', name: '团队能力', weight: 20 },
  { key: 'business', name: '商业模式', weight: 15 },
  { key: 'social', name: '社会效益', weight: 10 },
];

interface ProjectSeed {
  name: string;
  org: string;
  applicant: string;
  orgKey?: string;
  field: string;
  stage: Stage;
  need: number;
  team: string;
  summary: string;
  status: 'accepted' | 'rejected';
  note?: string;
}

const PROJECTS: ProjectSeed[] = [
  {
    name: '5G 工业模组与边缘智能网关',
    org: '智芯微电子科技有限公司',
    orgKey: 'zhixin',
    applicant: 'member@demo.rongtong.cn',
    field: '5G 通信芯片',
    stage: 'growth',
    need: 3000,
    team: '创始人王敏（原某通信龙头射频总监）领衔，研发团队42人，硕博占比65%。',
    summary: '自研 5G RedCap 工业模组，面向产线设备无线化改造，已在3家汽车零部件工厂小批量部署。',
    status: 'accepted',
  },
  {
    name: '基于数字孪生的产线能耗优化平台',
    org: '蓝海数据科技有限公司',
    orgKey: 'lanhai',
    applicant: 'multi@demo.rongtong.cn',
    field: '工业互联网平台',
    stage: 'startup',
    need: 1500,
    team: '核心团队来自北辰理工大学自动化学院，12人。',
    summary: '以数字孪生模型实时优化空压机、注塑机能耗，试点工厂节能12%。',
    status: 'accepted',
  },
  {
    name: '毫米波雷达工业安全监测系统',
    org: '深圳睿感科技有限公司',
    applicant: 'support@demo.rongtong.cn',
    field: '智能传感',
    stage: 'prototype',
    need: 800,
    team: '团队15人，负责人为南湖科学研究院毫米波实验室孵化项目负责人。',
    summary: '非接触式人员入侵与设备振动监测，适用于高温高粉尘车间。',
    status: 'accepted',
  },
  {
    name: '5G+AR 远程运维协作平台',
    org: '苏州视联智能科技有限公司',
    applicant: 'support@demo.rongtong.cn',
    field: '5G 行业应用',
    stage: 'growth',
    need: 2000,
    team: '团队28人，核心成员具有10年以上工业软件经验。',
    summary: '专家通过 AR 眼镜远程指导现场检修，已服务电力、轨交客户20余家。',
    status: 'accepted',
  },
  {
    name: '区块链供应链溯源服务',
    org: '杭州链数科技有限公司',
    applicant: 'support@demo.rongtong.cn',
    field: '区块链',
    stage: 'idea',
    need: 500,
    team: '团队5人。',
    summary: '面向消费品的防伪溯源。',
    status: 'rejected',
    note: '与本次“5G与工业互联网”主题关联度不高，建议关注后续数字经济主题日。',
  },
  {
    name: '工业视觉缺陷检测一体机',
    org: '青岛智检科技有限公司',
    applicant: 'support@demo.rongtong.cn',
    field: '机器视觉',
    stage: 'startup',
    need: 1200,
    team: '团队10人。',
    summary: '基于深度学习的表面缺陷检测。',
    status: 'rejected',
    note: '商业计划书缺少财务预测与客户验证数据，请补充后参加下一场路演。',
  },
];

interface BoothSeed {
  org: string;
  title: string;
  intro: string;
  contact: [string, string, string];
  status: 'approved' | 'pending';
}

const BOOTHS: BoothSeed[] = [
  {
    org: 'huasheng',
    title: '华晟通信 5G 全连接工厂展区',
    intro:
      '展示 5G 专网、边缘计算与工业互联网标识解析二级节点，开放 5G 射频实验室和典型应用场景，欢迎中小企业预约联合测试。',
    contact: ['陈工', '0755-86000001', 'open@huasheng.example.cn'],
    status: 'approved',
  },
  {
    org: 'zhixin',
    title: '智芯微电子：5G RedCap 工业模组',
    intro: '自研 5G RedCap 模组与边缘网关，低功耗、宽温、支持 TSN，适配 PLC 与 AGV 无线化改造。',
    contact: ['王敏', '0510-85000002', 'bd@zhixin.example.cn'],
    status: 'approved',
  },
  {
    org: 'nanhu',
    title: '南湖科学研究院 光电子中试平台',
    intro: '开放光电子芯片流片、封装与可靠性测试能力，发布毫米波传感、硅光互连等可转化成果。',
    contact: ['刘研究员', '027-87000003', 'ttc@nanhu.example.cn'],
    status: 'approved',
  },
  {
    org: 'beichen',
    title: '北辰理工大学 工业智能联合实验室',
    intro: '产线数字孪生、预测性维护与工业大模型方向的成果展示与校企合作对接，提供研究生联合培养名额。',
    contact: ['赵老师', '010-62000004', 'coop@beichen.example.edu.cn'],
    status: 'approved',
  },
  {
    org: 'qiming',
    title: '启明星创投：硬科技早期投资',
    intro:
      '聚焦 5G、工业软件、智能传感赛道的早期投资，作为国家新兴产业创业投资引导基金参股子基金管理人，现场接受项目 BP 投递。',
    contact: ['周经理', '021-63000005', 'bp@qiming.example.cn'],
    status: 'approved',
  },
  {
    org: 'lanhai',
    title: '蓝海数据：产线能耗数字孪生',
    intro: '以数字孪生实时优化空压、注塑等高耗能设备，试点工厂节能 12%，寻求设备厂商与园区合作。',
    contact: ['孙总', '0571-88000006', 'hi@lanhai.example.cn'],
    status: 'pending',
  },
];

/** A small, valid one-page PDF standing in for a business plan. */
export function demoPdf(title: string): Buffer {
  const text = `Business plan (demo): ${title.replace(/[^\x20-\x7e]/g, '')}`.slice(0, 80);
  const stream = `BT /F1 14 Tf 60 760 Td (${text.replace(/[()\\]/g, '')}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

export async function seedRoadshowsDemo(trx: Executor, ctx: DemoContext): Promise<void> {
  const ts = ctx.now.toISOString();
  const host = ctx.userId.get('host@demo.rongtong.cn')!;
  const org = (k: string) => ctx.orgId.get(k)!;
  const user = (e: string) => ctx.userId.get(e)!;

  // The roadshow session: reuse a roadshow session the events demo made, else add one (afternoon of day one).
  const existing = await trx
    .selectFrom('event_sessions as s')
    .leftJoin('roadshows as r', 'r.session_id', 's.id')
    .select('s.id')
    .where('s.theme_day_id', '=', ctx.themeDayId)
    .where('s.kind', '=', 'roadshow')
    .where('r.id', 'is', null)
    .executeTakeFirst();
  let sessionId = existing?.id;
  if (!sessionId) {
    sessionId = newId();
    await trx
      .insertInto('event_sessions')
      .values({
        id: sessionId,
        theme_day_id: ctx.themeDayId,
        title: '5G与工业互联网创新项目路演',
        kind: 'roadshow',
        mode: 'hybrid',
        description: '入选项目每个路演8分钟、问答5分钟；专家与投资机构现场评分，引导基金参与评议。',
        starts_at: shanghaiToUtc(`${ctx.themeDayStart}T14:00`).toISOString(),
        ends_at: shanghaiToUtc(`${ctx.themeDayStart}T17:00`).toISOString(),
        venue: '华晟通信创新中心路演厅',
        venue_capacity: 200,
        capacity: 120,
        online_limit: null,
        online_channel: '融通创新云展厅直播',
        registration_opens_at: ts,
        registration_closes_at: shanghaiToUtc(`${addDays(ctx.themeDayStart, -1)}T18:00`).toISOString(),
        questions: '[]',
        next_seq: 1,
        created_by: host,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
  }

  const roadshowId = newId();
  await trx
    .insertInto('roadshows')
    .values({
      id: roadshowId,
      session_id: sessionId,
      title: '5G与工业互联网创新项目路演',
      criteria: JSON.stringify(CRITERIA),
      status: 'scoring',
      applications_close_at: shanghaiToUtc(`${addDays(ctx.themeDayStart, -7)}T18:00`).toISOString(),
      scoring_opened_at: ts,
      closed_at: null,
      created_at: ts,
      updated_at: ts,
    })
    .execute();

  const uploads = join(dirname(process.env.SQLITE_PATH ?? 'data/rongtong.db'), 'uploads');
  const projectIdByOrg = new Map<string, string>();
  let order = 1;
  for (const p of PROJECTS) {
    const id = newId();
    const rel = join('roadshows', roadshowId, `${id}.pdf`);
    const data = demoPdf(p.name);
    try {
      mkdirSync(dirname(join(uploads, rel)), { recursive: true });
      writeFileSync(join(uploads, rel), data);
    } catch {
      // A read-only data folder only loses the demo PDFs, not the demo.
    }
    const applicantOrg = p.orgKey ? org(p.orgKey) : org('chuangxinqiao');
    await trx
      .insertInto('roadshow_projects')
      .values({
        id,
        roadshow_id: roadshowId,
        applicant_user_id: user(p.applicant),
        organisation_id: applicantOrg,
        name: p.name,
        team: p.team,
        organisation_name: p.org,
        field: p.field,
        stage: p.stage,
        financing_need_wan: p.need,
        summary: p.summary,
        bp_path: rel,
        bp_name: `${p.name}-商业计划书.pdf`,
        bp_size: data.length,
        status: p.status,
        screening_note: p.note ?? (p.status === 'accepted' ? '符合本次路演主题，已列入路演名单。' : null),
        lineup_order: p.status === 'accepted' ? order++ : null,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    if (p.orgKey) projectIdByOrg.set(p.orgKey, id);
  }

  await trx
    .insertInto('roadshow_judges')
    .values([
      {
        id: newId(),
        roadshow_id: roadshowId,
        user_id: user('expert@demo.rongtong.cn'),
        organisation_id: org('nanhu'),
        kind: 'expert',
        guidance_fund: 0,
        invited_at: ts,
      },
      {
        id: newId(),
        roadshow_id: roadshowId,
        user_id: user('investor@demo.rongtong.cn'),
        organisation_id: org('qiming'),
        kind: 'investor',
        guidance_fund: 1,
        invited_at: ts,
      },
    ])
    .execute();

  // Booths, each showing its organisation's own public records where the content demo has some.
  for (const b of BOOTHS) {
    const orgId = org(b.org);
    const items: { type: string; id: string }[] = [];
    const project = projectIdByOrg.get(b.org);
    if (project) items.push({ type: 'roadshow_project', id: project });
    for (const r of await trx
      .selectFrom('results')
      .select('id')
      .where('organisation_id', '=', orgId)
      .where('status', '=', 'public')
      .limit(2)
      .execute())
      items.push({ type: 'result', id: r.id });
    for (const r of await trx
      .selectFrom('resources')
      .select('id')
      .where('organisation_id', '=', orgId)
      .where('status', '=', 'published')
      .limit(2)
      .execute())
      items.push({ type: 'resource', id: r.id });
    for (const r of await trx
      .selectFrom('demands')
      .select('id')
      .where('organisation_id', '=', orgId)
      .where('status', '=', 'published')
      .limit(1)
      .execute())
      items.push({ type: 'demand', id: r.id });
    await trx
      .insertInto('exhibition_booths')
      .values({
        id: newId(),
        theme_day_id: ctx.themeDayId,
        organisation_id: orgId,
        title: b.title,
        intro: b.intro,
        contact_name: b.contact[0],
        contact_phone: b.contact[1],
        contact_email: b.contact[2],
        items: JSON.stringify(items),
        status: b.status,
        review_note: null,
        reviewed_by: b.status === 'approved' ? host : null,
        reviewed_at: b.status === 'approved' ? ts : null,
        created_by: host,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
  }
}
