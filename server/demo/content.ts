/**
 * Demo content of the four content areas on the upcoming demo theme day (华晟通信, see server/demo/areas.ts)
 * and around it: open resources, innovation demands and new-technology catalogue entries with responses and
 * one innovation consortium, technology results (one reviewed 可以公开, one awaiting its confidentiality
 * review) and deep docking (a supply–demand session and an alliance). All names are invented.
 */
import type { CooperationMode, ResponseStatus } from '../../common/contracts/demands.ts';
import type { PriceModel, QuotaPeriod, ResourceType } from '../../common/contracts/resources.ts';
import { addDays, shanghaiToday, shanghaiToUtc } from '../../common/time.ts';
import type { Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import type { DemoContext } from './areas.ts';

const DECLARATION = '本成果不涉及国家秘密，或已按规定进行保密审查';

export async function seedContentDemo(trx: Executor, ctx: DemoContext): Promise<void> {
  const org = (k: string) => ctx.orgId.get(k)!;
  const user = (e: string) => ctx.userId.get(`${e}@demo.rongtong.cn`)!;
  const at = (daysAgo: number) => new Date(ctx.now.getTime() - daysAgo * 86_400_000).toISOString();
  const today = shanghaiToday(ctx.now);
  const td = ctx.themeDayId;

  // ----- open resources (创新资源开放共享) ---------------------------------------------------------------
  const resources: {
    org: string;
    by: string;
    type: ResourceType;
    title: string;
    description: string;
    region: string;
    location: string;
    conditions: string;
    price: PriceModel;
    priceNote: string | null;
    quota: number | null;
    period: QuotaPeriod;
    graduate: boolean;
    themeDay: boolean;
  }[] = [
    {
      org: 'xinghe',
      by: 'base',
      type: 'lab',
      title: '特高压电气设备检测实验室',
      region: '110102',
      location: '北京市西城区星河电力科技园3号楼',
      description:
        '具备特高压变压器、GIS、避雷器等设备的型式试验和局部放电检测能力，向中小企业开放预约使用，并提供检测方案咨询。',
      conditions: '需提前10个工作日预约，提交试验方案；危险试验须由实验室人员操作。',
      price: 'paid',
      priceNote: '按机时收费，中小企业享受五折优惠',
      quota: 4,
      period: 'month',
      graduate: false,
      themeDay: true,
    },
    {
      org: 'huasheng',
      by: 'host',
      type: 'scenario',
      title: '5G智慧工厂应用场景开放',
      region: '440305',
      location: '深圳市南山区华晟通信松山湖制造基地',
      description:
        '开放5G专网覆盖的智能装配车间，供中小企业验证工业视觉质检、AGV调度、远程运维等应用，提供真实产线数据接口。',
      conditions: '签署保密协议；验证周期不超过2个月。',
      price: 'free',
      priceNote: null,
      quota: 6,
      period: 'theme_day',
      graduate: true,
      themeDay: true,
    },
    {
      org: 'beichen',
      by: 'base3',
      type: 'instrument',
      title: '场发射扫描电子显微镜共享',
      region: '110108',
      location: '北辰理工大学分析测试中心',
      description: '分辨率0.8nm，配备能谱仪，可用于半导体器件失效分析、材料微观形貌表征。',
      conditions: '经培训考核后可自主上机；也可委托测试。',
      price: 'paid',
      priceNote: '校外用户400元/小时',
      quota: null,
      period: 'total',
      graduate: true,
      themeDay: false,
    },
    {
      org: 'changfeng',
      by: 'base2',
      type: 'supply_chain',
      title: '新能源汽车零部件供应链开放',
      region: '320115',
      location: '南京市江宁区长风汽车采购中心',
      description: '面向电驱动、热管理、车规级芯片等领域开放二级供应商准入通道，提供样件测试和小批量试装机会。',
      conditions: '具备IATF 16949体系或正在认证中。',
      price: 'negotiable',
      priceNote: null,
      quota: 10,
      period: 'total',
      graduate: false,
      themeDay: false,
    },
  ];
  for (const r of resources) {
    const id = newId();
    await trx
      .insertInto('resources')
      .values({
        id,
        organisation_id: org(r.org),
        theme_day_id: r.themeDay ? td : null,
        type: r.type,
        title: r.title,
        description: r.description,
        region_code: r.region,
        location: r.location,
        conditions: r.conditions,
        price_model: r.price,
        price_note: r.priceNote,
        quota: r.quota,
        quota_period: r.period,
        graduate_teams: r.graduate ? 1 : 0,
        status: 'published',
        published_at: at(10),
        created_by: user(r.by),
        created_at: at(12),
        updated_at: at(10),
      })
      .execute();
  }

  // ----- demands and technology catalogues (创新项目协作攻关) --------------------------------------------------
  interface DemandSeed {
    key: string;
    org: string;
    by: string;
    kind: 'demand' | 'technology';
    title: string;
    field: string;
    description: string;
    indicators: string | null;
    min: number | null;
    max: number | null;
    mode: CooperationMode;
    deadlineIn: number;
    ip: string | null;
    themeDay: boolean;
    publishedDaysAgo: number;
  }
  const demands: DemandSeed[] = [
    {
      key: 'fault',
      org: 'xinghe',
      by: 'base',
      kind: 'demand',
      title: '配电网故障智能定位与自愈算法联合攻关',
      field: 'D44',
      themeDay: true,
      publishedDaysAgo: 6,
      description:
        '面向10kV配电网，研究基于录波数据和拓扑信息的单相接地故障快速定位与自愈控制算法，在星河电力示范区开展现场验证。',
      indicators: '故障区段定位准确率≥95%；定位时间≤30秒；支持不少于500个配电终端接入。',
      min: 300,
      max: 600,
      mode: 'joint_rd',
      deadlineIn: 30,
      ip: '背景知识产权归各自所有；合作中新产生的知识产权双方共有，星河电力享有优先使用权。',
    },
    {
      key: 'pd',
      org: 'xinghe',
      by: 'base',
      kind: 'demand',
      title: '电力设备局部放电超高频传感器国产化',
      field: 'C40',
      themeDay: false,
      publishedDaysAgo: 4,
      description: '替代进口超高频局部放电传感器及配套采集单元，满足变电站GIS在线监测需求。',
      indicators: '检测频带300MHz–1.5GHz；灵敏度≤5pC；防护等级IP67。',
      min: 150,
      max: 300,
      mode: 'commissioned_rd',
      deadlineIn: 45,
      ip: '成果知识产权归委托方所有，研发方保留署名权。',
    },
    {
      key: 'rf',
      org: 'huasheng',
      by: 'host',
      kind: 'demand',
      title: '5G工业网关低功耗射频前端芯片',
      field: 'C39',
      themeDay: true,
      publishedDaysAgo: 8,
      description: '为5G工业网关研制支持n78/n79频段的低功耗射频前端模组，降低现场部署功耗和成本。',
      indicators: '发射功率≥26dBm；整机功耗较现有方案降低30%；工作温度-40℃~85℃。',
      min: 500,
      max: 1000,
      mode: 'joint_rd',
      deadlineIn: 25,
      ip: '新产生的知识产权按投入比例共有。',
    },
    {
      key: 'radar',
      org: 'changfeng',
      by: 'base2',
      kind: 'demand',
      title: '车规级4D毫米波雷达点云处理算法',
      field: 'C36',
      themeDay: false,
      publishedDaysAgo: 20,
      description: '面向L2+辅助驾驶，开发4D成像毫米波雷达点云聚类、目标跟踪和多传感器融合算法。',
      indicators: '目标检出率≥98%；横向测角精度≤0.5°；满足ASIL-B功能安全要求。',
      min: 200,
      max: 400,
      mode: 'joint_rd',
      deadlineIn: 12,
      ip: '背景知识产权归各自所有，联合开发成果按利益分享比例共有。',
    },
    {
      key: 'old',
      org: 'yunling',
      by: 'base',
      kind: 'demand',
      title: '星载计算机抗辐照加固设计服务',
      field: 'C37',
      themeDay: false,
      publishedDaysAgo: 60,
      description: '征集星载计算机抗单粒子翻转加固设计方案。',
      indicators: '单粒子翻转率≤1E-10次/位·天。',
      min: 100,
      max: 200,
      mode: 'commissioned_rd',
      deadlineIn: -5,
      ip: null,
    },
    {
      key: 'edge',
      org: 'huasheng',
      by: 'host',
      kind: 'technology',
      title: '5G专网边缘计算平台',
      field: 'I65',
      themeDay: true,
      publishedDaysAgo: 9,
      description:
        '支持UPF下沉、本地分流和容器化应用部署的5G专网边缘计算平台，已在汽车、电子制造等行业落地，可向中小企业许可使用。',
      indicators: '端到端时延≤10ms；单节点支持200路视频分析。',
      min: null,
      max: null,
      mode: 'licensing',
      deadlineIn: 120,
      ip: '以许可方式使用，不转让所有权。',
    },
    {
      key: 'uav',
      org: 'xinghe',
      by: 'base',
      kind: 'technology',
      title: '输电线路无人机自主巡检技术',
      field: 'D44',
      themeDay: false,
      publishedDaysAgo: 15,
      description: '基于激光点云航线规划和机载缺陷识别的输电线路无人机自主巡检技术，可转让或许可给巡检服务企业。',
      indicators: '缺陷识别准确率≥92%；单架次巡检杆塔≥30基。',
      min: null,
      max: null,
      mode: 'technology_transfer',
      deadlineIn: 180,
      ip: '转让后受让方享有完整知识产权。',
    },
    {
      key: 'mems',
      org: 'beichen',
      by: 'base3',
      kind: 'technology',
      title: '高精度MEMS惯性传感器设计技术',
      field: 'C39',
      themeDay: false,
      publishedDaysAgo: 18,
      description: '北辰理工大学自主研发的MEMS陀螺仪与加速度计设计及标定技术，适用于工业机器人、无人机导航。',
      indicators: '零偏稳定性≤1°/h；量程±500°/s。',
      min: null,
      max: null,
      mode: 'licensing',
      deadlineIn: 150,
      ip: '普通许可，可协商独占许可。',
    },
  ];
  const demandId = new Map<string, string>();
  for (const d of demands) {
    const id = newId();
    demandId.set(d.key, id);
    await trx
      .insertInto('demands')
      .values({
        id,
        kind: d.kind,
        organisation_id: org(d.org),
        theme_day_id: d.themeDay ? td : null,
        title: d.title,
        field_code: d.field,
        description: d.description,
        indicators: d.indicators,
        budget_min_wan: d.min,
        budget_max_wan: d.max,
        cooperation_mode: d.mode,
        deadline: addDays(today, d.deadlineIn),
        ip_terms: d.ip,
        status: 'published',
        published_at: at(d.publishedDaysAgo),
        created_by: user(d.by),
        created_at: at(d.publishedDaysAgo + 1),
        updated_at: at(d.publishedDaysAgo),
      })
      .execute();
  }

  const respond = async (
    demand: string,
    orgKey: string,
    by: string,
    proposal: string,
    status: ResponseStatus,
    daysAgo: number,
  ) => {
    const id = newId();
    await trx
      .insertInto('demand_responses')
      .values({
        id,
        demand_id: demandId.get(demand)!,
        organisation_id: org(orgKey),
        user_id: user(by),
        proposal,
        attachments: '[]',
        status,
        decision_note: status === 'accepted' ? '方案技术路线清晰，团队有量产经验，采纳。' : null,
        created_at: at(daysAgo),
        updated_at: at(daysAgo),
      })
      .execute();
    return id;
  };
  await respond(
    'fault',
    'zhixin',
    'member',
    '智芯微电子可提供配电终端边缘计算芯片及故障录波采集方案，结合自研行波定位算法，6个月内完成样机，9个月内完成示范区验证。',
    'submitted',
    3,
  );
  await respond(
    'radar',
    'zhixin',
    'member',
    '我司雷达信号处理SoC已流片，可联合开发点云聚类和跟踪算法，提供芯片级加速。',
    'shortlisted',
    15,
  );
  await respond(
    'radar',
    'beichen',
    'base3',
    '北辰理工智能感知团队在多传感器融合方向有十年积累，可承担算法研发和仿真验证。',
    'accepted',
    16,
  );

  // One consortium: 长风汽车 leads with 北辰理工大学 (accepted); 长风汽车 has signed, 北辰理工 has not yet.
  const cid = newId();
  await trx
    .insertInto('consortia')
    .values({
      id: cid,
      demand_id: demandId.get('radar')!,
      organisation_id: org('changfeng'),
      name: '4D毫米波雷达感知算法创新联合体',
      ip_terms:
        '背景知识产权归各自所有；联合开发的算法和软件著作权按利益分享比例共有，长风汽车享有车型应用的优先实施权。',
      status: 'draft',
      version: 1,
      signed_at: null,
      created_by: user('base2'),
      created_at: at(5),
      updated_at: at(5),
    })
    .execute();
  await trx
    .insertInto('consortium_members')
    .values([
      {
        id: newId(),
        consortium_id: cid,
        organisation_id: org('changfeng'),
        role: '牵头单位，整车集成与道路测试',
        cost_share_bp: 7000,
        benefit_share_bp: 6000,
        signed_at: at(4),
        signed_by: user('base2'),
      },
      {
        id: newId(),
        consortium_id: cid,
        organisation_id: org('beichen'),
        role: '感知算法研发',
        cost_share_bp: 3000,
        benefit_share_bp: 4000,
        signed_at: null,
        signed_by: null,
      },
    ])
    .execute();

  // ----- results (创新成果联合转化): one public after review, one awaiting the confidentiality review ---------
  await trx
    .insertInto('confidentiality_reviewers')
    .values({
      id: newId(),
      organisation_id: org('huasheng'),
      user_id: user('multi'),
      created_by: user('host'),
      created_at: at(30),
    })
    .execute();
  await trx
    .insertInto('results')
    .values({
      id: newId(),
      organisation_id: org('huasheng'),
      theme_day_id: td,
      title: '基于5G的工业设备预测性维护系统',
      field_code: 'I65',
      description:
        '融合5G采集、振动分析和剩余寿命预测模型，对电机、泵、风机等旋转设备进行预测性维护，已在3家工厂应用，非计划停机减少40%。',
      trl: 7,
      patents: JSON.stringify(['ZL202010345678.9', 'ZL202110123456.1']),
      transfer_mode: 'licence',
      price_expectation: '许可费面议，可按产线分期支付',
      status: 'public',
      declaration_text: DECLARATION,
      declared_by: user('host'),
      declared_org_id: org('huasheng'),
      declared_at: at(9),
      review_outcome: 'public',
      review_comment: '内容不涉及国家秘密和商业秘密核心参数，可以公开。',
      reviewed_by: user('multi'),
      reviewed_at: at(8),
      published_at: at(8),
      created_by: user('host'),
      created_at: at(11),
      updated_at: at(8),
    })
    .execute();
  await trx
    .insertInto('results')
    .values({
      id: newId(),
      organisation_id: org('huasheng'),
      theme_day_id: td,
      title: '毫米波天线阵列低成本封装工艺',
      field_code: 'C39',
      description: '采用扇出型晶圆级封装实现毫米波天线与射频芯片一体化，成本较传统方案降低35%。',
      trl: 5,
      patents: JSON.stringify(['ZL202110987654.3']),
      transfer_mode: 'joint_development',
      price_expectation: null,
      status: 'in_review',
      declaration_text: DECLARATION,
      declared_by: user('host'),
      declared_org_id: org('huasheng'),
      declared_at: at(1),
      review_outcome: null,
      review_comment: null,
      reviewed_by: null,
      reviewed_at: null,
      published_at: null,
      created_by: user('host'),
      created_at: at(3),
      updated_at: at(1),
    })
    .execute();

  // ----- deep docking (创新主体深度对接): a supply–demand session on the theme day and an alliance ----------------
  await trx
    .insertInto('docking_sessions')
    .values({
      id: newId(),
      organisation_id: org('huasheng'),
      theme_day_id: td,
      kind: 'supply_demand',
      title: '5G+工业互联网供需对接会',
      description: '大企业现场发布应用需求，中小企业路演解决方案，会后安排一对一洽谈。',
      agenda: JSON.stringify([
        { time: '14:00-14:30', item: '华晟通信发布5G工业应用需求清单' },
        { time: '14:30-16:00', item: '中小企业解决方案推介（每家8分钟）' },
        { time: '16:00-17:00', item: '供需双方自由对接' },
      ]),
      starts_at: shanghaiToUtc(`${ctx.themeDayStart}T14:00`).toISOString(),
      ends_at: shanghaiToUtc(`${ctx.themeDayStart}T17:00`).toISOString(),
      venue: '华晟通信创新中心二层多功能厅',
      online_link: null,
      event_session_id: null,
      created_by: user('host'),
      created_at: at(7),
      updated_at: at(7),
    })
    .execute();
  const allianceId = newId();
  await trx
    .insertInto('alliances')
    .values({
      id: allianceId,
      organisation_id: org('huasheng'),
      theme_day_id: td,
      name: '5G工业互联网融通创新联盟',
      field_code: 'I65',
      charter:
        '联盟由华晟通信发起，成员单位共享5G工业应用场景和测试环境，联合开展共性技术攻关和标准制定，每季度召开一次成员大会。',
      created_by: user('host'),
      created_at: at(7),
      updated_at: at(7),
    })
    .execute();
  await trx
    .insertInto('alliance_members')
    .values([
      { id: newId(), alliance_id: allianceId, organisation_id: org('huasheng'), role: '发起单位', joined_at: at(7) },
      { id: newId(), alliance_id: allianceId, organisation_id: org('beichen'), role: '成员单位', joined_at: at(6) },
      { id: newId(), alliance_id: allianceId, organisation_id: org('zhixin'), role: '成员单位', joined_at: at(5) },
    ])
    .execute();
}
