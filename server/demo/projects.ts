/**
 * Demo cooperation projects (融通合作项目, issue 10) and their 3/6/12-month follow-ups, so that every figure and
 * chart of the results pages has something to show on a fresh `npm start`:
 *
 * - the five 2020 theme days carry 11–12 projects each, of every type and at every stage (a candidate awaiting
 *   confirmation or declined, 意向, 签约, 实施中, 已完成, 已终止 with its reason), with SMEs (a dozen invented
 *   small firms, plus 智芯微电子 and 蓝海数据) in most of them;
 * - follow-ups at 3, 6 and 12 months answered (进展顺利 / 延期 / 暂停 / 已终止 / 已完成), some late (after the
 *   due date, within the 30-day window), some never (silent), so stability differs by point and theme day;
 * - follow-on projects without a theme day in 2021, so pairs of organisations cooperate again (repeat rate);
 * - for member@ (智芯微电子): a candidate awaiting its confirmation, and a project signed about three months ago
 *   whose 3-month follow-up is open now; investor@ (启明星投资) invested in four SMEs, one of them recently.
 *
 * Rows are written directly, as the service would have left them: stage dates in order, size class and kind
 * copied to the parties at signing, follow-up due dates = signing date + N calendar months (Asia/Shanghai),
 * amounts in whole yuan. The 2020 programme's rules are the defaults, so its follow-up points are 3/6/12.
 */
import type { SizeClass } from '../../common/contracts/organisations.ts';
import type {
  FollowUpStatus,
  HelpSource,
  ProjectChain,
  ProjectStage,
  ProjectType,
} from '../../common/contracts/projects.ts';
import { links } from '../../common/links.ts';
import { defaultRules2020 } from '../../common/programme-rules.ts';
import { addCalendarMonths, addDays, shanghaiToUtc, shanghaiToday } from '../../common/time.ts';
import { makeUscc } from '../../common/uscc-make.ts';
import type { Insertable } from 'kysely';
import { json, type Executor } from '../db/index.ts';
import type { CooperationProjectTable, ProjectFollowUpTable, ProjectPartyTable } from '../db/schema.ts';
import { newId } from '../lib/ids.ts';
import { notifyUsers } from '../modules/notifications/service.ts';

/** Invented SMEs that take part in the 2020 theme days' projects (size classes as filed). */
const SMES: { key: string; name: string; region: string; industry: string; size: SizeClass }[] = [
  { key: 'hengchu', name: '恒储能源科技有限公司', region: '320505', industry: '38', size: 'medium' },
  { key: 'guangyao', name: '光曜新能源科技有限公司', region: '330110', industry: '38', size: 'small' },
  { key: 'shuneng', name: '数能电力软件有限公司', region: '110108', industry: '65', size: 'micro' },
  { key: 'xingtu', name: '星图遥感信息技术有限公司', region: '110108', industry: '65', size: 'small' },
  { key: 'tianshu', name: '天枢导航科技有限公司', region: '420111', industry: '39', size: 'medium' },
  { key: 'ruiyi', name: '锐翼无人机科技有限公司', region: '440305', industry: '37', size: 'micro' },
  { key: 'bianjie', name: '边界智能科技有限公司', region: '440305', industry: '65', size: 'small' },
  { key: 'guanglian', name: '光联芯通信器件有限公司', region: '420111', industry: '39', size: 'medium' },
  { key: 'huiyan', name: '慧眼视觉科技有限公司', region: '500112', industry: '65', size: 'micro' },
  { key: 'chigan', name: '驰感智能传感技术有限公司', region: '320115', industry: '39', size: 'small' },
  { key: 'yuntu', name: '云途车联科技有限公司', region: '420107', industry: '65', size: 'micro' },
  { key: 'jingduan', name: '精锻汽车零部件有限公司', region: '420107', industry: '36', size: 'medium' },
  { key: 'kangxi', name: '康析生物科技有限公司', region: '330106', industry: '27', size: 'small' },
  { key: 'heyuan', name: '禾元检测技术有限公司', region: '330108', industry: '74', size: 'micro' },
  { key: 'baichuan', name: '百川医疗器械有限公司', region: '610403', industry: '35', size: 'medium' },
];

/**
 * The project-level outcome at one follow-up point, one letter per point (3, 6, 12 months):
 * o all 进展顺利 · l all 进展顺利, one party answered late · c all 已完成 · k all 已完成, one late ·
 * d the last party 延期 · p the last party 暂停, the others 延期 · t all 已终止 · m the last party silent · x all silent.
 * Stable (counted in the numerator): o, l, c, k.
 */
type Outcome = 'o' | 'l' | 'c' | 'k' | 'd' | 'p' | 't' | 'm' | 'x';

interface Spec {
  title: string;
  type: ProjectType;
  chain: ProjectChain;
  /** Organisation keys; the first leads. */
  parties: string[];
  stage: ProjectStage;
  /** Stage dates as days after the base date (the theme day's first day, or `base`). */
  intent?: number;
  signed?: number;
  started?: number;
  done?: number;
  /** Reason of 已终止 (the `done` offset is the termination date). */
  reason?: string;
  /** Intended amount in yuan; contracted defaults to it. */
  amount: number;
  contracted?: number;
  /** Share of the contracted amount received so far (project level). */
  received?: number;
  jobs?: number;
  /** Outcome at 3, 6 and 12 months, e.g. 'odo'. */
  fu?: string;
  /** 1: every party agreed to publish on the portal; 2: and to publish the amounts. */
  publish?: 1 | 2;
  /** Candidate: the party still to confirm, or the party that declined with its reason. */
  pending?: string;
  declined?: [string, string];
  description: string;
}

const W = 10_000; // 万元 in yuan

/** The 2020 theme days' projects, keyed by the host base's key. */
const THEME_DAY_PROJECTS: Record<string, Spec[]> = {
  // 星河电力 · 能源互联网 · 2020-09-15
  xinghe: [
    {
      title: '新型储能变流器联合研发',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['xinghe', 'beichen', 'hengchu'],
      stage: 'in_progress',
      intent: 0,
      signed: 36,
      started: 50,
      amount: 680 * W,
      contracted: 650 * W,
      received: 0.6,
      jobs: 18,
      fu: 'odo',
      publish: 2,
      description:
        '星河电力提出储能电站变流器效率与可靠性需求，北辰理工电力电子实验室负责拓扑与控制算法，恒储能源负责样机试制与产线导入。',
    },
    {
      title: '配电网边缘计算终端芯片国产化替代',
      type: 'procurement',
      chain: 'supply',
      parties: ['xinghe', 'zhixin'],
      stage: 'completed',
      intent: 1,
      signed: 45,
      started: 60,
      done: 330,
      amount: 1200 * W,
      contracted: 1160 * W,
      received: 1,
      jobs: 26,
      fu: 'occ',
      publish: 1,
      description: '智芯微电子的边缘计算主控芯片通过星河电力入网检测，纳入配电终端供应商名录，首批2万片已交付。',
    },
    {
      title: '分布式光伏功率预测软件技术许可',
      type: 'transfer_licence',
      chain: 'innovation',
      parties: ['beichen', 'guangyao'],
      stage: 'completed',
      intent: 0,
      signed: 28,
      started: 35,
      done: 200,
      amount: 120 * W,
      received: 1,
      jobs: 6,
      fu: 'lcc',
      publish: 2,
      description: '北辰理工以普通许可方式向光曜新能源许可光伏功率预测算法及软件著作权，许可期五年。',
    },
    {
      title: '能源互联网开放实验室共享使用',
      type: 'resource_use',
      chain: 'innovation',
      parties: ['xinghe', 'shuneng'],
      stage: 'completed',
      intent: 0,
      signed: 14,
      started: 20,
      done: 150,
      amount: 18 * W,
      received: 1,
      jobs: 2,
      fu: 'ocx',
      publish: 1,
      description: '数能电力软件使用星河电力能源互联网开放实验室的仿真平台与检测设备，完成需求响应软件的入网测试。',
    },
    {
      title: '电力设备巡检数据平台联合开发',
      type: 'joint_rd',
      chain: 'industry',
      parties: ['xinghe', 'lanhai'],
      stage: 'terminated',
      intent: 0,
      signed: 40,
      started: 52,
      done: 300,
      reason: '星河电力业务调整，该项目预算取消，双方协商解除合同，已完成部分据实结算。',
      amount: 260 * W,
      contracted: 240 * W,
      received: 0.25,
      jobs: 3,
      fu: 'dpt',
      description: '基于蓝海数据工业数据中台开发变电站巡检数据汇聚与缺陷识别平台。',
    },
    {
      title: '园区综合能源管理平台建设',
      type: 'procurement',
      chain: 'industry',
      parties: ['xinghe', 'lanhai', 'shuneng'],
      stage: 'in_progress',
      intent: 12,
      signed: 70,
      started: 85,
      amount: 350 * W,
      contracted: 335 * W,
      received: 0.7,
      jobs: 9,
      fu: 'ldm',
      description:
        '在滨江高新区试点园区建设综合能源管理平台，蓝海数据负责数据中台，数数能电力软件负责负荷预测与需求响应模块。',
    },
    {
      title: '储能电池安全预警技术创新联合体',
      type: 'consortium',
      chain: 'innovation',
      parties: ['xinghe', 'nanhu', 'hengchu', 'guangyao'],
      stage: 'in_progress',
      intent: 1,
      signed: 60,
      started: 75,
      amount: 3000 * W,
      contracted: 2800 * W,
      received: 0.55,
      jobs: 35,
      fu: 'omo',
      publish: 1,
      description: '围绕储能电池热失控早期预警组建创新联合体，约定研发投入分担比例和知识产权共享规则。',
    },
    {
      title: '电力电子专业校企联合培养',
      type: 'talent',
      chain: 'innovation',
      parties: ['beichen', 'xinghe', 'hengchu'],
      stage: 'in_progress',
      intent: 0,
      signed: 16,
      started: 20,
      amount: 60 * W,
      received: 0.8,
      jobs: 12,
      fu: 'ooo',
      publish: 1,
      description: '共建电力电子现场工程师订单班，每年培养40名学生，恒储能源和星河电力提供实习岗位。',
    },
    {
      title: '储能电池模组采购框架协议',
      type: 'procurement',
      chain: 'supply',
      parties: ['xinghe', 'hengchu'],
      stage: 'signed',
      intent: 2,
      signed: 75,
      amount: 900 * W,
      contracted: 860 * W,
      jobs: 5,
      fu: 'omx',
      description: '星河电力与恒储能源签订储能电池模组三年采购框架协议，按示范项目进度分批下单。',
    },
    {
      title: '虚拟电厂聚合调控试点',
      type: 'joint_rd',
      chain: 'industry',
      parties: ['shuneng', 'xinghe'],
      stage: 'intent',
      intent: 5,
      amount: 150 * W,
      description: '数能电力软件与星河电力拟在滨江高新区开展可调负荷聚合调控试点，正在商谈合同条款。',
    },
    {
      title: '智慧用能SaaS平台种子轮投资',
      type: 'investment',
      chain: 'industry',
      parties: ['qiming', 'shuneng'],
      stage: 'terminated',
      intent: 2,
      done: 95,
      reason: '尽职调查后双方对估值未能达成一致，投资意向终止。',
      amount: 500 * W,
      description: '启明星投资在主题日路演后对数能电力软件表达种子轮投资意向。',
    },
    {
      title: '光储充一体化系统集成合作',
      type: 'procurement',
      chain: 'supply',
      parties: ['guangyao', 'hengchu'],
      stage: 'candidate',
      intent: 3,
      pending: 'hengchu',
      amount: 420 * W,
      description: '光曜新能源提出与恒储能源合作集成光储充一体化充电站系统，待恒储能源确认。',
    },
  ],
  // 云岭航天 · 卫星应用与航天技术转化 · 2020-10-20
  yunling: [
    {
      title: '北斗高精度定位模组车规级验证',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['yunling', 'changfeng', 'tianshu'],
      stage: 'in_progress',
      intent: 0,
      signed: 42,
      started: 60,
      amount: 800 * W,
      contracted: 760 * W,
      received: 0.5,
      jobs: 15,
      fu: 'ood',
      publish: 2,
      description: '云岭航天北斗高精度定位技术与天枢导航模组在长风汽车样车上开展车规级验证。',
    },
    {
      title: '航天轻量化复合材料技术许可（无人机机体）',
      type: 'transfer_licence',
      chain: 'innovation',
      parties: ['yunling', 'ruiyi'],
      stage: 'completed',
      intent: 0,
      signed: 30,
      started: 40,
      done: 250,
      amount: 200 * W,
      received: 1,
      jobs: 8,
      fu: 'lcc',
      publish: 1,
      description: '经保密审查，云岭航天向锐翼无人机许可碳纤维复合材料成型工艺，用于工业级无人机机体。',
    },
    {
      title: '星图遥感A轮股权投资',
      type: 'investment',
      chain: 'industry',
      parties: ['qiming', 'xingtu'],
      stage: 'completed',
      intent: 0,
      signed: 55,
      started: 60,
      done: 75,
      amount: 3000 * W,
      received: 1,
      jobs: 22,
      fu: 'ccm',
      publish: 2,
      description: '启明星投资领投星图遥感A轮融资，资金用于遥感数据处理平台研发和市场拓展。',
    },
    {
      title: '卫星遥感数据共享服务开放',
      type: 'resource_use',
      chain: 'innovation',
      parties: ['yunling', 'xingtu'],
      stage: 'completed',
      intent: 0,
      signed: 20,
      started: 25,
      done: 150,
      amount: 35 * W,
      received: 1,
      jobs: 3,
      fu: 'occ',
      description: '云岭航天向星图遥感开放历史遥感影像数据和在轨卫星观测任务排期。',
    },
    {
      title: '船舶卫星通信终端配套供应',
      type: 'procurement',
      chain: 'supply',
      parties: ['donghai', 'tianshu'],
      stage: 'in_progress',
      intent: 1,
      signed: 50,
      started: 65,
      amount: 1500 * W,
      contracted: 1420 * W,
      received: 0.65,
      jobs: 20,
      fu: 'odo',
      publish: 1,
      description: '天枢导航为东海重工远洋船舶配套卫星通信与导航终端，分三批交付。',
    },
    {
      title: '光电载荷中试平台共建',
      type: 'consortium',
      chain: 'innovation',
      parties: ['nanhu', 'yunling', 'xingtu'],
      stage: 'in_progress',
      intent: 0,
      signed: 65,
      started: 80,
      amount: 2000 * W,
      contracted: 1900 * W,
      received: 0.6,
      jobs: 16,
      fu: 'lom',
      description: '南湖科学研究院牵头共建光电载荷中试平台，面向中小企业开放中试验证服务。',
    },
    {
      title: '无人机遥感巡检联合研发',
      type: 'joint_rd',
      chain: 'industry',
      parties: ['ruiyi', 'xingtu'],
      stage: 'terminated',
      intent: 2,
      signed: 35,
      started: 45,
      done: 220,
      reason: '锐翼无人机核心研发团队变动，无法按期交付，双方协商终止合作。',
      amount: 180 * W,
      contracted: 160 * W,
      received: 0.2,
      jobs: 2,
      fu: 'ptx',
      description: '联合开发面向电力和林业的无人机遥感巡检系统。',
    },
    {
      title: '航天技术转化工程师联合培养',
      type: 'talent',
      chain: 'innovation',
      parties: ['yunling', 'nanhu'],
      stage: 'in_progress',
      intent: 0,
      signed: 25,
      started: 30,
      amount: 40 * W,
      received: 0.75,
      jobs: 10,
      fu: 'ooo',
      description: '共建技术经理人培训班，培养航天技术民用转化的工程师和技术经纪人。',
    },
    {
      title: '北斗授时模块采购框架协议',
      type: 'procurement',
      chain: 'supply',
      parties: ['huasheng', 'tianshu'],
      stage: 'signed',
      intent: 3,
      signed: 80,
      amount: 600 * W,
      contracted: 580 * W,
      jobs: 4,
      fu: 'omx',
      description: '华晟通信与天枢导航签订北斗授时模块采购框架协议，用于5G基站时间同步。',
    },
    {
      title: '低轨卫星物联网终端联合开发',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['xingtu', 'lanhai'],
      stage: 'intent',
      intent: 6,
      amount: 260 * W,
      description: '星图遥感与蓝海数据拟联合开发低轨卫星物联网数据终端，用于偏远地区设备监测。',
    },
    {
      title: '航天级电源模块国产化联合攻关',
      type: 'joint_rd',
      chain: 'supply',
      parties: ['yunling', 'ruiyi'],
      stage: 'candidate',
      intent: 4,
      declined: ['ruiyi', '本单位暂不具备航天级电源模块的研发条件，报价也超出预算，暂不开展合作。'],
      amount: 300 * W,
      description: '云岭航天提出航天级电源模块国产化联合攻关需求。',
    },
  ],
  // 华晟通信 · 5G与工业互联网 · 2020-11-10
  huasheng: [
    {
      title: '5G工业模组国产芯片联合研发',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['huasheng', 'zhixin'],
      stage: 'in_progress',
      intent: 0,
      signed: 38,
      started: 50,
      amount: 950 * W,
      contracted: 900 * W,
      received: 0.7,
      jobs: 21,
      fu: 'olo',
      publish: 2,
      description: '华晟通信与智芯微电子联合研发5G工业模组主控芯片，完成流片和模组集成验证。',
    },
    {
      title: '工业视觉质检系统供应链准入',
      type: 'procurement',
      chain: 'supply',
      parties: ['huasheng', 'huiyan'],
      stage: 'completed',
      intent: 1,
      signed: 40,
      started: 50,
      done: 300,
      amount: 420 * W,
      contracted: 400 * W,
      received: 1,
      jobs: 11,
      fu: 'occ',
      publish: 1,
      description: '慧眼视觉的工业视觉质检系统进入华晟通信供应商名录，在两条模组产线部署。',
    },
    {
      title: '5G专网边缘数据平台部署',
      type: 'procurement',
      chain: 'industry',
      parties: ['huasheng', 'lanhai'],
      stage: 'in_progress',
      intent: 0,
      signed: 45,
      started: 60,
      amount: 380 * W,
      contracted: 360 * W,
      received: 0.5,
      jobs: 7,
      fu: 'ddm',
      description: '蓝海数据边缘数据平台与华晟5G专网集成，在梧桐新区三家工厂部署。',
    },
    {
      title: '光通信器件国产化替代联合攻关',
      type: 'joint_rd',
      chain: 'supply',
      parties: ['huasheng', 'guanglian', 'nanhu'],
      stage: 'in_progress',
      intent: 0,
      signed: 50,
      started: 62,
      amount: 1600 * W,
      contracted: 1500 * W,
      received: 0.6,
      jobs: 24,
      fu: 'ooo',
      publish: 1,
      description: '华晟通信提出25G光模块器件国产化需求，光联芯与南湖科学研究院联合攻关。',
    },
    {
      title: '梧桐新区5G+智能制造示范园区',
      type: 'consortium',
      chain: 'industry',
      parties: ['wutong', 'huasheng', 'bianjie', 'lanhai'],
      stage: 'in_progress',
      intent: 1,
      signed: 75,
      started: 90,
      amount: 4500 * W,
      contracted: 4200 * W,
      received: 0.45,
      jobs: 60,
      fu: 'ldd',
      publish: 1,
      description: '梧桐新区管委会牵头，华晟通信建设园区5G专网，边界智能与蓝海数据提供边缘计算和数据服务。',
    },
    {
      title: '边界智能Pre-A轮融资',
      type: 'investment',
      chain: 'industry',
      parties: ['qiming', 'bianjie'],
      stage: 'completed',
      intent: 0,
      signed: 48,
      started: 52,
      done: 60,
      amount: 1500 * W,
      received: 1,
      jobs: 14,
      fu: 'ckc',
      publish: 2,
      description: '启明星投资对边界智能进行Pre-A轮投资，支持其云边协同平台产品化。',
    },
    {
      title: '工业互联网标识解析节点技术许可',
      type: 'transfer_licence',
      chain: 'innovation',
      parties: ['huasheng', 'bianjie'],
      stage: 'terminated',
      intent: 2,
      signed: 30,
      started: 40,
      done: 160,
      reason: '下游行业客户需求变化，二级节点建设计划取消，许可协议提前终止。',
      amount: 90 * W,
      contracted: 80 * W,
      received: 0.3,
      jobs: 1,
      fu: 'dtx',
      description: '华晟通信向边界智能许可工业互联网标识解析二级节点软件。',
    },
    {
      title: '5G+工业互联网现场工程师订单班',
      type: 'talent',
      chain: 'innovation',
      parties: ['beichen', 'huasheng', 'huiyan'],
      stage: 'completed',
      intent: 0,
      signed: 20,
      started: 25,
      done: 320,
      amount: 50 * W,
      received: 1,
      jobs: 30,
      fu: 'occ',
      publish: 1,
      description: '北辰理工与华晟通信、慧眼视觉共建订单班，首期30名学生全部就业。',
    },
    {
      title: '工业互联网平台测试床开放使用',
      type: 'resource_use',
      chain: 'innovation',
      parties: ['huasheng', 'guanglian'],
      stage: 'signed',
      intent: 2,
      signed: 60,
      amount: 25 * W,
      fu: 'omx',
      description: '华晟通信向光联芯开放工业互联网平台测试床，用于光模块可靠性测试。',
    },
    {
      title: '5G+AR远程运维联合开发',
      type: 'joint_rd',
      chain: 'industry',
      parties: ['huiyan', 'lanhai'],
      stage: 'intent',
      intent: 8,
      amount: 120 * W,
      description: '慧眼视觉与蓝海数据拟联合开发5G+AR远程运维系统。',
    },
    {
      title: '云边协同操作系统适配',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['nanhu', 'bianjie'],
      stage: 'terminated',
      intent: 3,
      done: 70,
      reason: '技术路线调整，双方决定不再推进，未进入签约。',
      amount: 80 * W,
      description: '南湖科学研究院与边界智能拟开展云边协同操作系统国产芯片适配。',
    },
    {
      title: '工厂5G专网改造服务',
      type: 'procurement',
      chain: 'industry',
      parties: ['bianjie', 'guanglian'],
      stage: 'candidate',
      intent: 5,
      pending: 'guanglian',
      amount: 150 * W,
      description: '边界智能为光联芯工厂提供5G专网改造服务，待光联芯确认。',
    },
  ],
  // 长风汽车 · 智能网联汽车 · 2020-11-24
  changfeng: [
    {
      title: '车规级MCU芯片上车验证',
      type: 'joint_rd',
      chain: 'supply',
      parties: ['changfeng', 'zhixin'],
      stage: 'completed',
      intent: 0,
      signed: 35,
      started: 45,
      done: 360,
      amount: 560 * W,
      contracted: 540 * W,
      received: 1,
      jobs: 12,
      fu: 'ooc',
      publish: 2,
      description: '智芯微电子车规级MCU在长风汽车车身控制器上完成AEC-Q100验证和整车路试。',
    },
    {
      title: 'C-V2X车载模组联合验证',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['changfeng', 'huasheng'],
      stage: 'in_progress',
      intent: 0,
      signed: 42,
      started: 55,
      amount: 700 * W,
      contracted: 650 * W,
      received: 0.55,
      jobs: 9,
      fu: 'odo',
      description: '华晟通信C-V2X模组在长风汽车智能网联车型上开展联合验证。',
    },
    {
      title: '毫米波雷达传感器配套供应',
      type: 'procurement',
      chain: 'supply',
      parties: ['changfeng', 'chigan'],
      stage: 'in_progress',
      intent: 0,
      signed: 55,
      started: 70,
      amount: 2800 * W,
      contracted: 2650 * W,
      received: 0.6,
      jobs: 40,
      fu: 'loo',
      publish: 2,
      description: '驰感智能77GHz毫米波雷达进入长风汽车配套体系，年供货约8万套。',
    },
    {
      title: '北斗高精度定位终端批量配套',
      type: 'procurement',
      chain: 'supply',
      parties: ['changfeng', 'yunling', 'tianshu'],
      stage: 'in_progress',
      intent: 1,
      signed: 70,
      started: 85,
      amount: 1800 * W,
      contracted: 1700 * W,
      received: 0.5,
      jobs: 18,
      fu: 'mmd',
      publish: 1,
      description: '在车规级验证基础上，天枢导航北斗高精度定位终端批量配套长风汽车新车型。',
    },
    {
      title: '轻量化铝合金转向节联合开发',
      type: 'joint_rd',
      chain: 'industry',
      parties: ['jingduan', 'changfeng', 'beichen'],
      stage: 'completed',
      intent: 0,
      signed: 30,
      started: 40,
      done: 290,
      amount: 320 * W,
      received: 1,
      jobs: 10,
      fu: 'occ',
      publish: 1,
      description: '精锻汽车零部件与北辰理工联合开发铝合金锻造转向节，减重30%，已定点量产。',
    },
    {
      title: '车联网数据安全监测平台',
      type: 'procurement',
      chain: 'industry',
      parties: ['changfeng', 'yuntu'],
      stage: 'terminated',
      intent: 1,
      signed: 40,
      started: 50,
      done: 330,
      reason: '双方对项目验收标准存在分歧，经协商解除合同。',
      amount: 160 * W,
      contracted: 150 * W,
      received: 0.3,
      jobs: 2,
      fu: 'ppt',
      description: '云途车联为长风汽车建设车联网数据安全监测平台。',
    },
    {
      title: '青山经开区汽车零部件数字化改造',
      type: 'consortium',
      chain: 'industry',
      parties: ['qingshan', 'jingduan', 'lanhai'],
      stage: 'in_progress',
      intent: 0,
      signed: 60,
      started: 75,
      amount: 2200 * W,
      contracted: 2000 * W,
      received: 0.5,
      jobs: 28,
      fu: 'ldo',
      description: '青山经开区组织零部件企业开展数字化改造，蓝海数据提供工业数据中台。',
    },
    {
      title: '智能网联汽车测试场开放共享',
      type: 'resource_use',
      chain: 'innovation',
      parties: ['changfeng', 'yuntu', 'chigan'],
      stage: 'completed',
      intent: 0,
      signed: 15,
      started: 20,
      done: 200,
      amount: 45 * W,
      received: 1,
      jobs: 2,
      fu: 'ocx',
      publish: 1,
      description: '长风汽车向中小企业开放封闭测试场和V2X测试道路，按小时预约。',
    },
    {
      title: '自动驾驶算法工程师联合培养',
      type: 'talent',
      chain: 'innovation',
      parties: ['beichen', 'changfeng'],
      stage: 'signed',
      intent: 0,
      signed: 40,
      amount: 80 * W,
      fu: 'omx',
      description: '北辰理工与长风汽车签订自动驾驶算法工程师联合培养协议。',
    },
    {
      title: '驰感智能B轮融资',
      type: 'investment',
      chain: 'industry',
      parties: ['qiming', 'chigan'],
      stage: 'intent',
      intent: 10,
      amount: 5000 * W,
      description: '启明星投资拟领投驰感智能B轮融资，正在开展尽职调查。',
    },
    {
      title: '线控底盘执行器联合开发',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['jingduan', 'chigan'],
      stage: 'candidate',
      intent: 6,
      pending: 'chigan',
      amount: 260 * W,
      description: '精锻汽车零部件提出与驰感智能联合开发线控制动执行器，待驰感智能确认。',
    },
  ],
  // 青禾医药 · 生物医药 · 2020-12-08
  qinghe: [
    {
      title: '创新药CMC工艺联合开发',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['qinghe', 'kangxi'],
      stage: 'in_progress',
      intent: 0,
      signed: 40,
      started: 55,
      amount: 900 * W,
      contracted: 860 * W,
      received: 0.6,
      jobs: 14,
      fu: 'ood',
      publish: 2,
      description: '康析生物负责小分子创新药工艺开发与放大，青禾医药提供GMP生产条件。',
    },
    {
      title: '农业微生物菌种药用开发许可',
      type: 'transfer_licence',
      chain: 'innovation',
      parties: ['xiling', 'qinghe'],
      stage: 'completed',
      intent: 0,
      signed: 30,
      started: 35,
      done: 260,
      amount: 150 * W,
      received: 1,
      jobs: 5,
      fu: 'lcc',
      publish: 1,
      description: '西岭农业大学向青禾医药许可三株功能微生物菌种及其发酵工艺。',
    },
    {
      title: '医药原料菌种发酵技术创新联合体',
      type: 'consortium',
      chain: 'industry',
      parties: ['qinghe', 'xiling', 'kangxi'],
      stage: 'in_progress',
      intent: 1,
      signed: 60,
      started: 75,
      amount: 1200 * W,
      contracted: 1150 * W,
      received: 0.5,
      jobs: 20,
      fu: 'oom',
      publish: 1,
      description: '围绕医药原料菌种高效发酵组建创新联合体，约定成本分担与收益分享。',
    },
    {
      title: '药物检测服务外包',
      type: 'procurement',
      chain: 'supply',
      parties: ['qinghe', 'heyuan'],
      stage: 'completed',
      intent: 0,
      signed: 25,
      started: 30,
      done: 300,
      amount: 180 * W,
      received: 1,
      jobs: 6,
      fu: 'occ',
      description: '禾元检测为青禾医药提供原料药和制剂的第三方检测服务。',
    },
    {
      title: '高值医用耗材国产化配套',
      type: 'procurement',
      chain: 'supply',
      parties: ['qinghe', 'baichuan'],
      stage: 'in_progress',
      intent: 0,
      signed: 50,
      started: 65,
      amount: 1300 * W,
      contracted: 1250 * W,
      received: 0.55,
      jobs: 16,
      fu: 'dod',
      publish: 1,
      description: '百川医疗器械的一次性输注耗材进入青禾医药集团采购目录，替代进口产品。',
    },
    {
      title: '康析生物A轮投资',
      type: 'investment',
      chain: 'industry',
      parties: ['qiming', 'kangxi'],
      stage: 'completed',
      intent: 0,
      signed: 45,
      started: 50,
      done: 60,
      amount: 2000 * W,
      received: 1,
      jobs: 18,
      fu: 'ccm',
      publish: 2,
      description: '启明星投资领投康析生物A轮融资，用于创新药工艺平台建设。',
    },
    {
      title: 'GMP中试车间开放共享',
      type: 'resource_use',
      chain: 'innovation',
      parties: ['qinghe', 'kangxi', 'heyuan'],
      stage: 'completed',
      intent: 0,
      signed: 20,
      started: 25,
      done: 180,
      amount: 60 * W,
      received: 1,
      jobs: 3,
      fu: 'occ',
      publish: 1,
      description: '青禾医药向中小企业开放GMP中试车间，提供按批次计费的中试生产服务。',
    },
    {
      title: '生物医药研发助理校企联合培养',
      type: 'talent',
      chain: 'innovation',
      parties: ['xiling', 'qinghe', 'baichuan'],
      stage: 'in_progress',
      intent: 0,
      signed: 30,
      started: 35,
      amount: 45 * W,
      received: 0.8,
      jobs: 25,
      fu: 'ooo',
      description: '西岭农业大学与青禾医药、百川医疗器械共建研发助理培养项目。',
    },
    {
      title: '医疗器械临床数据管理平台',
      type: 'procurement',
      chain: 'industry',
      parties: ['baichuan', 'lanhai'],
      stage: 'terminated',
      intent: 2,
      signed: 45,
      started: 55,
      done: 230,
      reason: '临床数据合规要求调整，项目暂停后双方协商终止。',
      amount: 120 * W,
      contracted: 110 * W,
      received: 0.2,
      jobs: 1,
      fu: 'ptx',
      description: '蓝海数据为百川医疗器械建设临床试验数据管理平台。',
    },
    {
      title: '医用防护用品应急储备供应协议',
      type: 'procurement',
      chain: 'supply',
      parties: ['qinghe', 'baichuan'],
      stage: 'signed',
      intent: 1,
      signed: 21,
      amount: 300 * W,
      contracted: 280 * W,
      jobs: 4,
      fu: 'oxx',
      description: '百川医疗器械承担青禾医药集团医用防护用品应急储备供应，按需调用。',
    },
    {
      title: '抗体药物联合研发',
      type: 'joint_rd',
      chain: 'innovation',
      parties: ['nanhu', 'qinghe'],
      stage: 'intent',
      intent: 7,
      amount: 2500 * W,
      description: '南湖科学研究院与青禾医药拟联合开展抗体药物早期研发，正在商谈知识产权归属。',
    },
    {
      title: '医药冷链物流数字化',
      type: 'procurement',
      chain: 'supply',
      parties: ['lanhai', 'heyuan'],
      stage: 'candidate',
      intent: 4,
      declined: ['heyuan', '本单位冷链检测业务规模尚小，暂无数字化改造计划。'],
      amount: 90 * W,
      description: '蓝海数据提出为禾元检测建设冷链样品追溯系统。',
    },
  ],
};

/** Follow-on projects of 2021, without a theme day: the same pairs cooperate again (repeat rate). */
const FOLLOW_ON: (Spec & { base: string })[] = [
  {
    base: '2021-04-12',
    title: '新型储能变流器产业化（二期）',
    type: 'joint_rd',
    chain: 'industry',
    parties: ['xinghe', 'beichen', 'hengchu'],
    stage: 'in_progress',
    intent: 0,
    signed: 38,
    started: 50,
    amount: 1500 * W,
    contracted: 1450 * W,
    received: 0.7,
    jobs: 30,
    fu: 'ool',
    publish: 1,
    description: '在一期样机基础上推进储能变流器产业化，恒储能源新建产线。',
  },
  {
    base: '2021-06-10',
    title: '工业视觉质检系统扩产（二期）',
    type: 'procurement',
    chain: 'supply',
    parties: ['huasheng', 'huiyan'],
    stage: 'completed',
    intent: 0,
    signed: 25,
    started: 30,
    done: 380,
    amount: 680 * W,
    received: 1,
    jobs: 15,
    fu: 'occ',
    description: '慧眼视觉质检系统在华晟通信新增四条产线部署。',
  },
  {
    base: '2021-09-01',
    title: '北斗车载终端联合研发（二期）',
    type: 'joint_rd',
    chain: 'innovation',
    parties: ['yunling', 'changfeng'],
    stage: 'in_progress',
    intent: 0,
    signed: 44,
    started: 60,
    amount: 900 * W,
    contracted: 860 * W,
    received: 0.5,
    jobs: 10,
    fu: 'odd',
    description: '面向L3级自动驾驶联合研发北斗/惯导组合定位车载终端。',
  },
  {
    base: '2021-08-02',
    title: '菌种发酵中试放大',
    type: 'joint_rd',
    chain: 'industry',
    parties: ['qinghe', 'kangxi'],
    stage: 'completed',
    intent: 0,
    signed: 30,
    started: 35,
    done: 420,
    amount: 400 * W,
    received: 1,
    jobs: 8,
    fu: 'mcc',
    description: '康析生物与青禾医药完成两个医药原料菌种的中试放大。',
  },
];

const MILESTONES: Record<ProjectType, [string, string, string]> = {
  joint_rd: [
    '完成联合研发方案和任务分工，样机设计评审通过',
    '样机完成实验室测试，关键指标达到合同要求',
    '通过用户现场验证，申请发明专利2项',
  ],
  transfer_licence: [
    '许可合同备案，技术资料交付完成',
    '被许可方完成工艺消化吸收，小批试产',
    '产品实现销售，许可费按期支付',
  ],
  investment: ['投资协议签署，首期资金到位', '全部投资款到位，完成工商变更', '被投企业完成新产品发布，营业收入增长'],
  procurement: ['完成供应商准入和首批样品验证', '首批批量订单交付，质量合格', '纳入年度采购计划，形成稳定供货'],
  resource_use: ['完成资源使用预约和安全培训', '完成测试验证，出具检测报告', '形成常态化使用机制'],
  talent: ['确定培养方案和首期学员', '学员进入企业实习，完成课程模块', '首期学员结业，多数留用就业'],
  consortium: ['联合体协议签署，成立联合攻关组', '完成中期检查，关键技术取得突破', '形成标准草案和示范应用'],
  other: ['明确合作内容和分工', '阶段性成果交付', '合作持续推进'],
};

const PROBLEMS: [string, HelpSource[], string][] = [
  ['关键进口器件到货延迟，样机测试推迟约两个月。', ['host'], '希望承办基地协调产业链上游供应商'],
  ['项目用地和环评手续办理进度慢于预期。', ['local_drc'], '希望地方发展改革委协调办理相关手续'],
  ['中试放大需追加投入，企业自有资金不足。', ['guidance_fund'], '希望对接国家新兴产业创业投资引导基金子基金'],
  ['用户现场验证窗口受生产计划影响推迟。', ['host', 'local_drc'], '希望协调示范应用场景'],
];

const STATUS_OF: Record<Outcome, [FollowUpStatus | null, FollowUpStatus | null]> = {
  // [the other parties, the last party]
  o: ['on_track', 'on_track'],
  l: ['on_track', 'on_track'],
  c: ['completed', 'completed'],
  k: ['completed', 'completed'],
  d: ['on_track', 'delayed'],
  p: ['delayed', 'paused'],
  t: ['terminated', 'terminated'],
  m: ['on_track', null],
  x: [null, null],
};

type ProjectRow = Insertable<CooperationProjectTable>;
type PartyRow = Insertable<ProjectPartyTable>;
type FollowUpRow = Insertable<ProjectFollowUpTable>;

/** 'YYYY-MM-DD' + Shanghai time of day → ISO instant. */
const at = (date: string, hhmm: string) => shanghaiToUtc(`${date}T${hhmm}`).toISOString();

/** Rows in slices of 200 (well under SQLite's and PostgreSQL's bound-parameter limits). */
const slices = <T>(rows: T[]): T[][] =>
  Array.from({ length: Math.ceil(rows.length / 200) }, (_, i) => rows.slice(i * 200, i * 200 + 200));

export interface ProjectsDemoContext {
  now: Date;
  /** The 2020 theme days by their host base's key ('xinghe', 'yunling', 'huasheng', 'changfeng', 'qinghe'). */
  themeDays2020: Map<string, string>;
  /** Organisation ids by seed key; the SMEs seeded here are added. */
  orgId: Map<string, string>;
}

/** Seeds the demo's cooperation projects (inside the seed's transaction). */
export async function seedProjectsDemo(trx: Executor, ctx: ProjectsDemoContext): Promise<void> {
  const ts = ctx.now.toISOString();
  const today = shanghaiToday(ctx.now);
  const orgId = new Map(ctx.orgId);

  // The SMEs.
  await trx
    .insertInto('organisations')
    .values(
      SMES.map((s, i) => {
        const id = newId();
        orgId.set(s.key, id);
        return {
          id,
          name: s.name,
          uscc: makeUscc((3001 + i) * 104729, s.region),
          uscc_status: 'valid',
          kind: 'enterprise',
          region_code: s.region,
          industry_code: s.industry,
          employees: null,
          revenue_wan: null,
          assets_wan: null,
          size_class: s.size,
          department_code: null,
          created_at: ts,
          updated_at: ts,
        };
      }),
    )
    .execute();
  const facts = new Map(
    (await trx.selectFrom('organisations').select(['id', 'kind', 'size_class']).execute()).map((o) => [o.id, o]),
  );
  const org = (key: string): string => {
    const id = orgId.get(key);
    if (!id) throw new Error(`demo projects: unknown organisation ${key}`);
    return id;
  };

  const projects: ProjectRow[] = [];
  const parties: PartyRow[] = [];
  const followUps: FollowUpRow[] = [];
  let seq = 0;

  const add = (s: Spec, base: string, themeDayId: string | null, created?: string): string => {
    seq += 1;
    const d = (n: number | undefined) => (n === undefined ? null : addDays(base, n));
    const counted = s.stage !== 'candidate';
    const intentOn = counted ? d(s.intent ?? 0) : null;
    const signedOn = d(s.signed);
    const startedOn = d(s.started);
    const completedOn = s.stage === 'completed' ? d(s.done) : null;
    const terminatedOn = s.stage === 'terminated' ? d(s.done) : null;
    const contracted = signedOn ? (s.contracted ?? s.amount) : null;
    const last = [terminatedOn, completedOn, startedOn, signedOn, intentOn].find((x) => x) ?? d(s.intent ?? 0)!;
    const id = newId();
    const createdAt = created ?? at(d(s.intent ?? 0)!, '10:00');
    projects.push({
      id,
      theme_day_id: themeDayId,
      title: s.title,
      description: s.description,
      type: s.type,
      content_areas: json.stringify(areasOf(s.type)),
      chain: s.chain,
      intended_amount: s.amount,
      contracted_amount: contracted,
      received_amount: contracted && s.received ? Math.round((contracted * s.received) / W) * W : null,
      jobs_created: s.jobs ?? null,
      stage: s.stage,
      intent_on: intentOn,
      signed_on: signedOn,
      started_on: startedOn,
      completed_on: completedOn,
      terminated_on: terminatedOn,
      termination_reason: s.stage === 'terminated' ? (s.reason ?? null) : null,
      source_type: 'manual',
      source_id: null,
      merged_into_id: null,
      proposed_by_org_id: org(s.parties[0]!),
      created_by: null,
      created_at: createdAt,
      updated_at: created ?? at(last, '17:00'),
    });
    s.parties.forEach((key, i) => {
      const o = org(key);
      const f = facts.get(o);
      const confirmation = s.pending === key ? 'pending' : s.declined?.[0] === key ? 'declined' : 'confirmed';
      const confirmedAt =
        confirmation === 'pending' ? null : i === 0 ? createdAt : at(intentOn ?? d(s.intent ?? 0)!, '15:30');
      parties.push({
        id: newId(),
        project_id: id,
        organisation_id: o,
        role: i === 0 ? 'lead' : 'participant',
        size_class: signedOn ? (f?.size_class ?? null) : null,
        kind: signedOn ? (f?.kind ?? null) : null,
        confirmation,
        decline_reason: confirmation === 'declined' ? (s.declined?.[1] ?? null) : null,
        confirmed_by: null,
        confirmed_at: confirmedAt,
        publish_consent: s.publish ? 1 : 0,
        amounts_consent: s.publish === 2 ? 1 : 0,
        created_at: createdAt,
        updated_at: confirmedAt ?? createdAt,
      });
    });
    if (signedOn) {
      defaultRules2020.followUpMonths.forEach((months, point) => {
        const due = addCalendarMonths(signedOn, months);
        const outcome = (s.fu?.[point] ?? 'x') as Outcome;
        const ahead = due >= today; // not due yet: unanswered (the to-do shows it once its window opens)
        s.parties.forEach((key, i) => {
          const isLast = i === s.parties.length - 1;
          const status = ahead ? null : STATUS_OF[outcome][isLast ? 1 : 0];
          const late = (outcome === 'l' || outcome === 'k') && isLast;
          const answeredOn = [
            late ? addDays(due, 4 + ((seq + i) % 20)) : addDays(due, -(1 + ((seq * 3 + i) % 10))),
            today,
          ].sort()[0]!;
          const frac = status === 'completed' ? 1 : [0.3, 0.6, 0.85][point]! * (status === 'on_track' ? 1 : 0.6);
          const problem = PROBLEMS[(seq + point) % PROBLEMS.length]!;
          const troubled = status === 'delayed' || status === 'paused';
          followUps.push({
            id: newId(),
            project_id: id,
            organisation_id: org(key),
            point_months: months,
            due_date: due,
            status,
            received_amount: status && i === 0 && contracted ? Math.round((contracted * frac) / W) * W : null,
            jobs_created: status && i === 0 && s.jobs ? Math.round(s.jobs * frac) : null,
            milestones: status && status !== 'terminated' ? MILESTONES[s.type][point]! : null,
            problems: troubled ? problem[0] : status === 'terminated' ? (s.reason ?? null) : null,
            help_needed: json.stringify(troubled ? problem[1] : []),
            help_note: troubled ? problem[2] : null,
            answered_at: status
              ? at(
                  answeredOn,
                  `${String(9 + ((seq + i) % 8)).padStart(2, '0')}:${String((seq * 7 + i * 13) % 60).padStart(2, '0')}`,
                )
              : null,
            answered_by: null,
            created_at: at(signedOn, '17:00'),
            updated_at: status ? at(answeredOn, '18:00') : at(signedOn, '17:00'),
          });
        });
      });
    }
    return id;
  };

  for (const [host, specs] of Object.entries(THEME_DAY_PROJECTS)) {
    const themeDayId = ctx.themeDays2020.get(host);
    if (!themeDayId) continue;
    const td = await trx
      .selectFrom('theme_days')
      .select('start_date')
      .where('id', '=', themeDayId)
      .executeTakeFirstOrThrow();
    for (const s of specs) add(s, td.start_date, themeDayId);
  }
  for (const s of FOLLOW_ON) add(s, s.base, null);

  // member@ (智芯微电子) and investor@ (启明星投资) today: a project signed about three months ago whose 3-month
  // follow-up falls due in a week (open in the to-do), a recent investment, and a candidate to confirm.
  const signed = addCalendarMonths(addDays(today, 7), -3);
  const intent = addDays(signed, -35);
  const mcu = add(
    {
      title: '车规级MCU芯片量产导入（二期）',
      type: 'procurement',
      chain: 'supply',
      parties: ['changfeng', 'zhixin'],
      stage: 'in_progress',
      intent: 0,
      signed: 35,
      started: 49,
      amount: 1800 * W,
      contracted: 1720 * W,
      received: 0.2,
      jobs: 15,
      publish: 1,
      description: '在2020年主题日上车验证的基础上，智芯微电子车规级MCU导入长风汽车新平台量产，首批订单已下达。',
    },
    intent,
    null,
  );
  const investBase = addDays(today, -190);
  add(
    {
      title: '智芯微电子Pre-B轮股权投资',
      type: 'investment',
      chain: 'industry',
      parties: ['qiming', 'zhixin'],
      stage: 'completed',
      intent: 0,
      signed: 40,
      started: 45,
      done: 60,
      amount: 4000 * W,
      received: 1,
      jobs: 20,
      fu: 'c',
      publish: 2,
      description: '启明星投资领投智芯微电子Pre-B轮融资，资金用于车规级芯片产线验证和团队扩充。',
    },
    investBase,
    null,
  );
  const proposedAt = new Date(ctx.now.getTime() - 2 * 86_400_000);
  const candidate = add(
    {
      title: '5G工业模组国产芯片批量替代（二期）',
      type: 'procurement',
      chain: 'supply',
      parties: ['huasheng', 'zhixin'],
      stage: 'candidate',
      pending: 'zhixin',
      amount: 2200 * W,
      description:
        '华晟通信拟在2020年联合研发的基础上，将智芯微电子5G模组主控芯片导入全部工业模组产品线，请智芯微电子确认。',
    },
    addDays(today, -2),
    null,
    proposedAt.toISOString(),
  );

  for (const rows of slices(projects)) await trx.insertInto('cooperation_projects').values(rows).execute();
  for (const rows of slices(parties)) await trx.insertInto('project_parties').values(rows).execute();
  for (const rows of slices(followUps)) await trx.insertInto('project_follow_ups').values(rows).execute();

  // What the app would have sent: the candidate to member@'s organisation, and the 14-day reminder of the
  // open follow-up (recorded, so the reminder job does not send it again).
  const actingUsers = async (key: string) =>
    (
      await trx
        .selectFrom('memberships')
        .select('user_id')
        .where('organisation_id', '=', org(key))
        .where('role', 'in', ['member', 'base_admin'])
        .execute()
    ).map((m) => m.user_id);
  await notifyUsers(
    trx,
    await actingUsers('zhixin'),
    {
      kind: 'project_candidate',
      title: '请确认合作项目：5G工业模组国产芯片批量替代（二期）',
      body: '合作各方均确认后，该项目方计入主题日成果。',
      link: links.project(candidate),
    },
    proposedAt,
  );
  await markRead(trx, links.project(candidate), new Date(proposedAt.getTime() + 3 * 3_600_000));
  const due3 = addCalendarMonths(addDays(intent, 35), 3);
  const remindedAt = shanghaiToUtc(`${addDays(due3, -14)}T09:00`);
  if (remindedAt <= ctx.now) {
    for (const f of followUps.filter((x) => x.project_id === mcu && x.point_months === 3)) {
      await trx
        .insertInto('project_follow_up_reminders')
        .values({ id: newId(), follow_up_id: f.id, kind: 'd14', sent_at: remindedAt.toISOString() })
        .execute();
    }
    await notifyUsers(
      trx,
      [...(await actingUsers('zhixin')), ...(await actingUsers('changfeng'))],
      {
        kind: 'project_follow_up',
        title: '合作项目3个月回访：车规级MCU芯片量产导入（二期）',
        body: `回访将于${due3}到期（还有14天），请填写项目进展`,
        link: links.projectFollowUp(mcu, 3),
      },
      remindedAt,
    );
    await markRead(trx, links.projectFollowUp(mcu, 3), new Date(remindedAt.getTime() + 2 * 3_600_000));
  }
}

/**
 * The seeded notifications count as read (their actions stay in the to-do), so this seeder leaves the unread
 * badge of member@ and the others as it was (browser tests of other areas watch it change).
 */
async function markRead(trx: Executor, link: string, at: Date): Promise<void> {
  await trx
    .updateTable('notifications')
    .set({ read_at: at.toISOString() })
    .where('link', '=', link)
    .where('read_at', 'is', null)
    .execute();
}

/** The content areas a project of each type serves. */
function areasOf(type: ProjectType): string[] {
  switch (type) {
    case 'joint_rd':
    case 'consortium':
      return ['collaborative_rd'];
    case 'transfer_licence':
      return ['joint_commercialisation'];
    case 'investment':
      return ['roadshow'];
    case 'procurement':
      return ['deep_docking'];
    case 'resource_use':
      return ['resource_sharing'];
    case 'talent':
      return ['deep_docking', 'collaborative_rd'];
    case 'other':
      return ['deep_docking'];
  }
}
