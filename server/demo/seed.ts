/**
 * The demo: a realistic, clearly fictional data set so a newcomer can sign in as every role and walk
 * the whole workflow. Seeded into an empty database in development (or by `npm run demo`), never in
 * production. All organisation names are invented; credit codes are structurally valid but made up.
 *
 * Two programmes: 2020 (the notice's year, completed: hosts chosen, theme days scheduled) and the
 * next open call (the current year's if its 30 June deadline is still ahead, otherwise next year's),
 * so a base administrator can file a plan today. Between them, last year's programme with one theme day
 * three weeks ahead (华晟通信), which server/demo/areas.ts fills with content, meetings and sessions.
 */
import { defaultRules2020, type ProgrammeRules } from '../../common/programme-rules.ts';
import type { BaseKind, Department, OrgKind, Role } from '../../common/roles.ts';
import type { SizeClass } from '../../common/contracts/organisations.ts';
import { addDays, shanghaiToday } from '../../common/time.ts';
import { seedAreas } from './areas.ts';
import { seedProjectsDemo } from './projects.ts';
import { seedSurveysDemo } from './surveys.ts';
import { seedHistory2020 } from './history2020.ts';
import { seedPublicityDemo } from './publicity.ts';
import { seedEvaluationDemo } from './evaluation.ts';
import { seedCoorganisersDemo } from './coorganisers.ts';
import { makeUscc } from '../../common/uscc-make.ts';
import type { Db, Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { hashPassword } from '../lib/passwords.ts';

export const DEMO_PASSWORD = 'Rongtong@2020';

interface OrgSeed {
  key: string;
  name: string;
  kind: OrgKind;
  region: string;
  industry?: string;
  dept?: Department;
  size?: SizeClass;
}

const ORGS: OrgSeed[] = [
  { key: 'ndrc', name: '国家发展改革委高技术司（演示）', kind: 'government', region: '110000', dept: 'NDRC' },
  { key: 'miit', name: '工业和信息化部（演示）', kind: 'government', region: '110000', dept: 'MIIT' },
  { key: 'sasac', name: '国务院国资委（演示）', kind: 'government', region: '110000', dept: 'SASAC' },
  { key: 'cast', name: '中国科协（演示）', kind: 'government', region: '110000', dept: 'CAST' },
  { key: 'moe', name: '教育部（演示）', kind: 'government', region: '110000', dept: 'MOE' },
  { key: 'cas', name: '中国科学院（演示）', kind: 'government', region: '110000', dept: 'CAS' },
  { key: 'jsdrc', name: '江苏省发展改革委（演示）', kind: 'government', region: '320000' },
  // 基地主管部门 of the SASAC-supervised bases (issue 12 §3): its base_supervisor people follow those bases.
  { key: 'basesup', name: '国务院国资委科技创新局（演示·基地主管部门）', kind: 'government', region: '110000' },
  { key: 'xinghe', name: '星河电力集团有限公司', kind: 'enterprise', region: '110102', industry: '44', size: 'large' },
  {
    key: 'yunling',
    name: '云岭航天科技集团有限公司',
    kind: 'enterprise',
    region: '110108',
    industry: '37',
    size: 'large',
  },
  {
    key: 'donghai',
    name: '东海船舶重工集团有限公司',
    kind: 'enterprise',
    region: '310115',
    industry: '37',
    size: 'large',
  },
  {
    key: 'huasheng',
    name: '华晟通信股份有限公司',
    kind: 'enterprise',
    region: '440305',
    industry: '39',
    size: 'large',
  },
  {
    key: 'changfeng',
    name: '长风汽车集团有限公司',
    kind: 'enterprise',
    region: '320115',
    industry: '36',
    size: 'large',
  },
  {
    key: 'qinghe',
    name: '青禾生物医药集团有限公司',
    kind: 'enterprise',
    region: '330106',
    industry: '27',
    size: 'large',
  },
  { key: 'beichen', name: '北辰理工大学', kind: 'university', region: '110108' },
  { key: 'nanhu', name: '南湖科学研究院', kind: 'institute', region: '420111' },
  { key: 'xiling', name: '西岭农业大学', kind: 'university', region: '610403' },
  { key: 'binjiang', name: '滨江高新技术产业开发区管委会（演示）', kind: 'government', region: '330108' },
  { key: 'wutong', name: '梧桐新区管委会（演示）', kind: 'government', region: '500112' },
  { key: 'qingshan', name: '青山经济技术开发区管委会（演示）', kind: 'government', region: '420107' },
  {
    key: 'zhixin',
    name: '智芯微电子科技有限公司',
    kind: 'enterprise',
    region: '320214',
    industry: '39',
    size: 'small',
  },
  { key: 'lanhai', name: '蓝海数据科技有限公司', kind: 'enterprise', region: '330106', industry: '65', size: 'micro' },
  { key: 'qiming', name: '启明星创业投资管理有限公司', kind: 'investor', region: '310104', industry: '67' },
  { key: 'chuangxinqiao', name: '创新桥科技服务有限公司', kind: 'support_org', region: '110105', industry: '75' },
  { key: 'mingjian', name: '明鉴评估咨询有限公司', kind: 'evaluator', region: '110101', industry: '72' },
  { key: 'platform', name: '融通平台运营中心（演示）', kind: 'support_org', region: '110000' },
];

interface BaseSeed {
  key: string;
  org: string;
  name: string;
  short: string;
  kind: BaseKind;
  batch: number;
  region: string;
  dept: Department;
  description: string;
}

const BASES: BaseSeed[] = [
  {
    key: 'xinghe',
    org: 'xinghe',
    name: '星河电力集团双创示范基地',
    short: '星河电力',
    kind: 'enterprise',
    batch: 2,
    region: '110102',
    dept: 'SASAC',
    description: '面向能源互联网开放实验室、检测设备和应用场景。',
  },
  {
    key: 'yunling',
    org: 'yunling',
    name: '云岭航天科技双创示范基地',
    short: '云岭航天',
    kind: 'enterprise',
    batch: 2,
    region: '110108',
    dept: 'SASAC',
    description: '航天技术民用转化与卫星应用创新。',
  },
  {
    key: 'donghai',
    org: 'donghai',
    name: '东海船舶重工双创示范基地',
    short: '东海重工',
    kind: 'enterprise',
    batch: 3,
    region: '310115',
    dept: 'SASAC',
    description: '高端船舶与海洋工程装备产业链协同。',
  },
  {
    key: 'huasheng',
    org: 'huasheng',
    name: '华晟通信双创示范基地',
    short: '华晟通信',
    kind: 'enterprise',
    batch: 3,
    region: '440305',
    dept: 'MIIT',
    description: '5G 与工业互联网融合应用。',
  },
  {
    key: 'changfeng',
    org: 'changfeng',
    name: '长风汽车双创示范基地',
    short: '长风汽车',
    kind: 'enterprise',
    batch: 3,
    region: '320115',
    dept: 'MIIT',
    description: '新能源与智能网联汽车供应链开放。',
  },
  {
    key: 'qinghe',
    org: 'qinghe',
    name: '青禾生物医药双创示范基地',
    short: '青禾医药',
    kind: 'enterprise',
    batch: 3,
    region: '330106',
    dept: 'MIIT',
    description: '创新药与高端医疗器械联合攻关。',
  },
  {
    key: 'beichen',
    org: 'beichen',
    name: '北辰理工大学双创示范基地',
    short: '北辰理工',
    kind: 'academic',
    batch: 2,
    region: '110108',
    dept: 'MOE',
    description: '高校科技成果转化与大学生创业。',
  },
  {
    key: 'nanhu',
    org: 'nanhu',
    name: '南湖科学研究院双创示范基地',
    short: '南湖科研',
    kind: 'academic',
    batch: 3,
    region: '420111',
    dept: 'CAS',
    description: '光电子与新材料中试平台。',
  },
  {
    key: 'xiling',
    org: 'xiling',
    name: '西岭农业大学双创示范基地',
    short: '西岭农大',
    kind: 'academic',
    batch: 3,
    region: '610403',
    dept: 'MOE',
    description: '现代农业与乡村振兴科技服务。',
  },
  {
    key: 'binjiang',
    org: 'binjiang',
    name: '滨江高新区双创示范基地',
    short: '滨江高新',
    kind: 'regional',
    batch: 1,
    region: '330108',
    dept: 'NDRC',
    description: '数字经济产业集群。',
  },
  {
    key: 'wutong',
    org: 'wutong',
    name: '梧桐新区双创示范基地',
    short: '梧桐新区',
    kind: 'regional',
    batch: 2,
    region: '500112',
    dept: 'NDRC',
    description: '智能制造与数字化转型。',
  },
  {
    key: 'qingshan',
    org: 'qingshan',
    name: '青山经开区双创示范基地',
    short: '青山经开',
    kind: 'regional',
    batch: 3,
    region: '420107',
    dept: 'NDRC',
    description: '先进钢铁材料与汽车零部件。',
  },
];

/** One demo account per role; the README lists them. */
export const DEMO_USERS: { email: string; mobile: string; name: string; roles: [string, Role][] }[] = [
  {
    email: 'owner@demo.rongtong.cn',
    mobile: '13800000001',
    name: '高司长（演示）',
    roles: [['ndrc', 'programme_owner']],
  },
  {
    email: 'miit@demo.rongtong.cn',
    mobile: '13800000002',
    name: '工信部评审员（演示）',
    roles: [['miit', 'department_reviewer']],
  },
  {
    email: 'sasac@demo.rongtong.cn',
    mobile: '13800000003',
    name: '国资委评审员（演示）',
    roles: [['sasac', 'department_reviewer']],
  },
  {
    email: 'cast@demo.rongtong.cn',
    mobile: '13800000004',
    name: '科协评审员（演示）',
    roles: [['cast', 'department_reviewer']],
  },
  {
    email: 'drc@demo.rongtong.cn',
    mobile: '13800000005',
    name: '江苏省发改委联络员（演示）',
    roles: [['jsdrc', 'local_drc']],
  },
  {
    email: 'base@demo.rongtong.cn',
    mobile: '13800000006',
    name: '星河电力基地管理员（演示）',
    roles: [['xinghe', 'base_admin']],
  },
  {
    email: 'base2@demo.rongtong.cn',
    mobile: '13800000007',
    name: '长风汽车基地管理员（演示）',
    roles: [['changfeng', 'base_admin']],
  },
  {
    email: 'base3@demo.rongtong.cn',
    mobile: '13800000008',
    name: '北辰理工基地管理员（演示）',
    roles: [['beichen', 'base_admin']],
  },
  {
    email: 'member@demo.rongtong.cn',
    mobile: '13800000009',
    name: '智芯微电子成员（演示）',
    roles: [['zhixin', 'member']],
  },
  {
    email: 'investor@demo.rongtong.cn',
    mobile: '13800000010',
    name: '启明星投资经理（演示）',
    roles: [['qiming', 'investor']],
  },
  {
    email: 'expert@demo.rongtong.cn',
    mobile: '13800000011',
    name: '南湖研究院专家（演示）',
    roles: [['nanhu', 'expert']],
  },
  {
    email: 'support@demo.rongtong.cn',
    mobile: '13800000012',
    name: '创新桥项目经理（演示）',
    roles: [['chuangxinqiao', 'support_org']],
  },
  {
    email: 'evaluator@demo.rongtong.cn',
    mobile: '13800000013',
    name: '明鉴评估师（演示）',
    roles: [['mingjian', 'evaluator']],
  },
  {
    email: 'admin@demo.rongtong.cn',
    mobile: '13800000014',
    name: '系统管理员（演示）',
    roles: [['platform', 'system_admin']],
  },
  {
    email: 'host@demo.rongtong.cn',
    mobile: '13800000016',
    name: '华晟通信基地管理员（演示）',
    roles: [['huasheng', 'base_admin']],
  },
  {
    email: 'supervisor@demo.rongtong.cn',
    mobile: '13800000017',
    name: '国资委基地主管部门联络员（演示）',
    roles: [['basesup', 'base_supervisor']],
  },
  {
    email: 'multi@demo.rongtong.cn',
    mobile: '13800000015',
    name: '多机构用户（演示）',
    roles: [
      ['lanhai', 'member'],
      ['huasheng', 'base_admin'],
    ],
  },
];

/** A preliminary-plan body of about 800 字 for a base and theme. */
export function demoPlanBody(short: string, theme: string): string {
  const paras = [
    `${short}拟以“${theme}”为主题承办融通创新主题日活动，联合相关双创示范基地、行业龙头企业、高校和科研院所，围绕产业链供应链协同和关键核心技术攻关，搭建大中小企业融通创新平台。`,
    `一是创新资源开放共享。面向中小企业和创业团队开放国家级实验室、检测认证设备和典型应用场景，发布开放资源清单，明确开放条件、收费方式和预约流程，并设立面向高校毕业生创业团队的专项名额。`,
    `二是创新项目协作攻关。发布年度创新需求清单和新技术目录，组织中小企业、高校和科研院所揭榜响应，择优组建创新联合体，约定成本分担和收益分享机制，形成稳定的协同攻关关系。`,
    `三是创新成果联合转化。在完成保密审查的前提下，发布一批不涉密的科技成果，通过许可、转让和作价入股等方式向中小企业转化，同时吸纳中小企业和高校的优秀成果进入企业供应链。`,
    `四是创新团队对接路演。征集优质创新项目进行路演，邀请投资机构、产业基金和行业专家现场评议，推动项目与产业链上下游精准对接，促成一批投融资和合作意向。`,
    `五是创新主体深度对接。组织供需对接会、专家研讨会和产教融合座谈，开展一对一洽谈，促进大企业与中小企业在技术、市场和人才方面的深度合作。`,
    `在组织保障方面，成立由基地负责同志牵头的活动筹备工作组，会同参与基地、支撑机构和地方发展改革部门建立周调度机制，明确责任分工和时间节点。支撑机构负责报名组织、项目征集和宣传推广，参与基地负责本单位资源梳理和企业动员，确保各板块内容充实、对接精准、成效可评。`,
    `活动拟于下半年举办，采取线上线下相结合的方式，线上通过云展厅和直播平台扩大覆盖面，线下严格控制参会人数。疫情防控方面，制定应急预案，落实测温、扫码、佩戴口罩和分区就座等措施，确保活动安全有序开展。活动结束后将跟踪合作项目进展，配合第三方机构开展评估，及时总结推广经验做法。`,
  ];
  return paras.join('\n');
}

const AREA_TEXT: Record<string, string> = {
  resource_sharing: '开放实验室、检测设备和应用场景，发布开放资源清单。',
  collaborative_rd: '发布创新需求清单和新技术目录，组建创新联合体。',
  joint_commercialisation: '发布不涉密科技成果，推动许可转让和作价入股。',
  roadshow: '征集创新项目路演，邀请投资机构和专家评议。',
  deep_docking: '组织供需对接会、专家研讨会和一对一洽谈。',
};

/** The open programme's year: this year while its 30 June deadline is ahead, else next year. */
export function currentCallYear(now: Date): number {
  const today = shanghaiToday(now);
  const y = Number(today.slice(0, 4));
  return today <= `${y}-06-30` ? y : y + 1;
}

export function rulesForYear(year: number): ProgrammeRules {
  return { ...defaultRules2020, planDeadline: `${year}-06-30T23:59:59` };
}

async function isEmpty(db: Executor): Promise<boolean> {
  const r = await db
    .selectFrom('organisations')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n) === 0;
}

/** Seeds the demo into an empty database; returns false (and changes nothing) if it has data. */
export async function seedDemoIfEmpty(db: Db, now: Date): Promise<boolean> {
  if (!(await isEmpty(db))) return false;
  const hash = await hashPassword(DEMO_PASSWORD);
  await db.transaction().execute(async (trx) => {
    const ts = now.toISOString();
    const orgId = new Map<string, string>();
    let n = 1000;
    for (const o of ORGS) {
      const id = newId();
      orgId.set(o.key, id);
      n += 1;
      await trx
        .insertInto('organisations')
        .values({
          id,
          name: o.name,
          uscc: makeUscc(n * 104729, o.region),
          uscc_status: 'valid',
          kind: o.kind,
          region_code: o.region,
          industry_code: o.industry ?? null,
          employees: null,
          revenue_wan: null,
          assets_wan: null,
          size_class: o.size ?? null,
          department_code: o.dept ?? null,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
    }
    const baseId = new Map<string, string>();
    for (const b of BASES) {
      const id = newId();
      baseId.set(b.key, id);
      await trx
        .insertInto('bases')
        .values({
          id,
          name: b.name,
          short_name: b.short,
          kind: b.kind,
          batch: b.batch,
          region_code: b.region,
          supervising_department: b.dept,
          organisation_id: orgId.get(b.org) ?? null,
          description: b.description,
          created_at: ts,
          updated_at: ts,
          supervisor_organisation_id: b.dept === 'SASAC' ? (orgId.get('basesup') ?? null) : null,
        })
        .execute();
    }
    for (const u of DEMO_USERS) {
      const id = newId();
      await trx
        .insertInto('users')
        .values({
          id,
          name: u.name,
          email: u.email,
          mobile: u.mobile,
          password_hash: hash,
          locked_until: null,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      for (const [org, role] of u.roles) {
        await trx
          .insertInto('memberships')
          .values({ id: newId(), user_id: id, organisation_id: orgId.get(org)!, role, created_at: ts })
          .execute();
      }
    }
    const ownerId = (
      await trx.selectFrom('users').select('id').where('email', '=', 'owner@demo.rongtong.cn').executeTakeFirstOrThrow()
    ).id;

    // 2020: the notice's programme, completed.
    const p2020 = newId();
    await trx
      .insertInto('programmes')
      .values({
        id: p2020,
        year: 2020,
        name: '2020年“融通创新”主题日活动',
        rules: JSON.stringify(defaultRules2020),
        status: 'closed',
        opened_at: '2020-04-30T02:00:00.000Z',
        closed_at: '2020-07-01T02:00:00.000Z',
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    const hosts2020: { base: string; theme: string; start: string; end: string; partners: string[] }[] = [
      {
        base: 'xinghe',
        theme: '能源互联网',
        start: '2020-09-15',
        end: '2020-09-16',
        partners: ['beichen', 'binjiang'],
      },
      { base: 'yunling', theme: '卫星应用与航天技术转化', start: '2020-10-20', end: '2020-10-20', partners: ['nanhu'] },
      {
        base: 'huasheng',
        theme: '5G与工业互联网',
        start: '2020-11-10',
        end: '2020-11-11',
        partners: ['wutong', 'beichen'],
      },
      { base: 'changfeng', theme: '智能网联汽车', start: '2020-11-24', end: '2020-11-24', partners: ['qingshan'] },
      { base: 'qinghe', theme: '生物医药', start: '2020-12-08', end: '2020-12-09', partners: ['xiling'] },
    ];
    const areaKeys = defaultRules2020.contentAreas.map((a) => a.key);
    /** Files, selects and schedules one host: plan → theme day → approved activity plan. */
    const addHost = async (programmeId: string, h: (typeof hosts2020)[number]): Promise<string> => {
      const b = BASES.find((x) => x.key === h.base)!;
      const planId = newId();
      const partnerIds = h.partners.map((k) => baseId.get(k)!);
      const areas = areaKeys.map((key) => ({ key, description: AREA_TEXT[key] ?? '' }));
      const content = {
        theme: h.theme,
        title: `${b.short}融通创新主题日活动初步计划`,
        body: demoPlanBody(b.short, h.theme),
        partnerBaseIds: partnerIds,
        areas,
        plannedMonths: [Number(h.start.slice(5, 7))],
        epidemicMeasures: '线上线下结合，线下控制人数，制定应急预案。',
      };
      await trx
        .insertInto('preliminary_plans')
        .values({
          id: planId,
          programme_id: programmeId,
          base_id: baseId.get(h.base)!,
          status: 'selected',
          theme: content.theme,
          title: content.title,
          body: content.body,
          partner_base_ids: JSON.stringify(partnerIds),
          areas: JSON.stringify(areas),
          planned_months: JSON.stringify(content.plannedMonths),
          epidemic_measures: content.epidemicMeasures,
          version: 1,
          submitted_at: '2020-06-20T02:00:00.000Z',
          return_reason: null,
          created_by: ownerId,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      await trx
        .insertInto('plan_versions')
        .values({
          id: newId(),
          plan_id: planId,
          version: 1,
          content: JSON.stringify(content),
          submitted_by: ownerId,
          submitted_at: '2020-06-20T02:00:00.000Z',
        })
        .execute();
      const tdId = newId();
      await trx
        .insertInto('theme_days')
        .values({
          id: tdId,
          programme_id: programmeId,
          plan_id: planId,
          base_id: baseId.get(h.base)!,
          title: `${b.short}融通创新主题日`,
          theme: h.theme,
          start_date: h.start,
          end_date: h.end,
          partner_base_ids: JSON.stringify(partnerIds),
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      const apContent = {
        agenda: [
          { date: h.start, time: '09:00-10:00', item: '开幕式暨融通创新成果发布', location: '主会场' },
          { date: h.start, time: '10:00-12:00', item: '创新资源开放共享与需求发布', location: '主会场' },
          { date: h.start, time: '14:00-17:00', item: '创新团队对接路演', location: '路演厅' },
          { date: h.end, time: '09:00-12:00', item: '供需对接与一对一洽谈', location: '洽谈区' },
        ],
        parts: areaKeys.map((key) => ({ key, description: AREA_TEXT[key] ?? '' })),
        partnerBaseIds: partnerIds,
        supportOrganisationIds: [orgId.get('chuangxinqiao')!],
        venue: `${b.short}创新中心`,
        headcountLimit: 200,
        onlineChannel: '融通创新云展厅直播',
        epidemicMeasures: '参会人员测温扫码、佩戴口罩，分区就座，控制单场人数不超过200人。',
        emergencyPlan: '设立现场防疫应急小组；出现发热人员立即隔离并报告属地卫生部门；必要时活动转为线上进行。',
      };
      await trx
        .insertInto('activity_plans')
        .values({
          id: newId(),
          theme_day_id: tdId,
          status: 'approved',
          title: `${b.short}融通创新主题日活动方案`,
          content: JSON.stringify(apContent),
          submitted_at: '2020-07-01T02:00:00.000Z',
          decided_at: '2020-07-10T02:00:00.000Z',
          return_reason: null,
          created_at: ts,
          updated_at: ts,
        })
        .execute();
      return tdId;
    };
    const themeDays2020 = new Map<string, string>();
    for (const h of hosts2020) themeDays2020.set(h.base, await addHost(p2020, h));
    // The 2020 theme days' results: cooperation projects at every stage and their follow-ups.
    await seedProjectsDemo(trx, { now, themeDays2020, orgId });
    // Their satisfaction surveys, answered; 华晟通信's still open with member@'s link unused.
    await seedSurveysDemo(trx, { now, themeDays2020 });
    // What happened on them: registrations and check-ins, held 1:1 meetings, roadshows (from the surveys' people).
    await seedHistory2020(trx, { now, themeDays2020 });
    // Their news, a success case, 2020's benchmark enterprises and nominations to the national events.
    await seedPublicityDemo(trx, { now, themeDays2020, orgId });

    // Last year's programme, selection done, with one theme day three weeks ahead: the one whose
    // resources, demands, meetings, registrations and roadshow the demo fills in.
    const lastYear = currentCallYear(now) - 1;
    const pLast = newId();
    await trx
      .insertInto('programmes')
      .values({
        id: pLast,
        year: lastYear,
        name: `${lastYear}年“融通创新”主题日活动`,
        rules: JSON.stringify(rulesForYear(lastYear)),
        status: 'closed',
        opened_at: ts,
        closed_at: ts,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    const upStart = addDays(shanghaiToday(now), 21);
    const upcomingThemeDayId = await addHost(pLast, {
      base: 'huasheng',
      theme: '5G与工业互联网融通创新',
      start: upStart,
      end: addDays(upStart, 1),
      partners: ['beichen', 'wutong'],
    });
    const userId = new Map<string, string>();
    for (const r of await trx.selectFrom('users').select(['id', 'email']).execute())
      if (r.email) userId.set(r.email, r.id);
    await seedAreas(trx, { now, themeDayId: upcomingThemeDayId, themeDayStart: upStart, orgId, baseId, userId });
    await seedCoorganisersDemo(trx, { now, themeDayId: upcomingThemeDayId, baseId, userId });
    // NDRC's third-party evaluation of the 2020 theme days and last year's, in progress: some indicators scored.
    await seedEvaluationDemo(trx, {
      now,
      themeDays2020,
      later: { themeDayId: upcomingThemeDayId, start: upStart },
      orgId,
    });

    // The open call.
    const year = currentCallYear(now);
    const pOpen = newId();
    await trx
      .insertInto('programmes')
      .values({
        id: pOpen,
        year,
        name: `${year}年“融通创新”主题日活动`,
        rules: JSON.stringify(rulesForYear(year)),
        status: 'open',
        opened_at: ts,
        closed_at: null,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    // One plan already submitted, so reviewers have something to score.
    const cf = BASES.find((x) => x.key === 'donghai')!;
    const cfPlan = newId();
    const cfAreas = areaKeys.slice(0, 4).map((key) => ({ key, description: AREA_TEXT[key] ?? '' }));
    const cfContent = {
      theme: '高端船舶与海洋工程装备',
      title: `${cf.short}融通创新主题日活动初步计划`,
      body: demoPlanBody(cf.short, '高端船舶与海洋工程装备'),
      partnerBaseIds: [baseId.get('nanhu')!],
      areas: cfAreas,
      plannedMonths: [9, 10],
      epidemicMeasures: '线上线下结合，线下控制人数，制定应急预案。',
    };
    const donghaiAdmin = ownerId;
    await trx
      .insertInto('preliminary_plans')
      .values({
        id: cfPlan,
        programme_id: pOpen,
        base_id: baseId.get('donghai')!,
        status: 'submitted',
        theme: cfContent.theme,
        title: cfContent.title,
        body: cfContent.body,
        partner_base_ids: JSON.stringify(cfContent.partnerBaseIds),
        areas: JSON.stringify(cfAreas),
        planned_months: JSON.stringify(cfContent.plannedMonths),
        epidemic_measures: cfContent.epidemicMeasures,
        version: 1,
        submitted_at: ts,
        return_reason: null,
        created_by: donghaiAdmin,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
    await trx
      .insertInto('plan_versions')
      .values({
        id: newId(),
        plan_id: cfPlan,
        version: 1,
        content: JSON.stringify(cfContent),
        submitted_by: donghaiAdmin,
        submitted_at: ts,
      })
      .execute();
  });
  return true;
}
