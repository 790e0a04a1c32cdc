/**
 * Demo publicity (新闻宣传, issue 11 §3), so the portal's 新闻动态, 成功案例 and 标杆企业 and the workspace's
 * review and nominations show something on a fresh `npm start`:
 *
 * - published news: one programme-wide piece by NDRC and one for each of three 2020 theme days by their hosts
 *   (星河电力, 云岭航天, 华晟通信 — host@), plain sanitised HTML without images;
 * - 创新桥科技服务 (support@) is delegated by 华晟通信 to write news for its theme day, and has one draft
 *   submitted, awaiting host@'s review;
 * - one success case from a completed project (配电网边缘计算终端芯片国产化替代, 星河电力 + 智芯微电子), every party
 *   agreed, published by NDRC;
 * - two 融通创新标杆企业 for 2020 (星河电力, 智芯微电子);
 * - three nominations in different states: accepted by 全国双创活动周, nominated to 央企熠星大赛, and a host's
 *   proposal to 创客中国 awaiting NDRC's decision.
 *
 * Rows are written as the service leaves them (bodies through the same sanitiser). Fictional content.
 */
import type { Executor } from '../db/index.ts';
import { newId } from '../lib/ids.ts';
import { sanitizeRichText } from '../modules/publicity/sanitize.ts';

export interface PublicityDemoContext {
  now: Date;
  /** The 2020 theme days by their host base's key ('xinghe', 'yunling', 'huasheng', 'changfeng', 'qinghe'). */
  themeDays2020: Map<string, string>;
  /** Organisation ids by seed key. */
  orgId: Map<string, string>;
}

const at = (day: string, hm = '10:00') => new Date(`${day}T${hm}:00+08:00`).toISOString();
const p = (...paras: string[]) => paras.map((x) => (x.startsWith('<') ? x : `<p>${x}</p>`)).join('\n');

interface DemoNews {
  themeDay: string | null;
  org: string;
  user: string;
  kind: 'ndrc' | 'host' | 'support';
  title: string;
  summary: string;
  body: string;
  status: 'published' | 'submitted';
  day: string;
}

const NEWS: DemoNews[] = [
  {
    themeDay: null,
    org: 'ndrc',
    user: 'owner@demo.rongtong.cn',
    kind: 'ndrc',
    title: '2020年大中小企业融通创新主题日活动陆续启动',
    summary:
      '首批五个双创示范基地将于9月至12月陆续举办融通创新主题日活动，聚焦能源互联网、卫星应用、5G与工业互联网等领域。',
    body: p(
      '为深入推进大众创业万众创新，促进大中小企业融通发展，2020年融通创新主题日活动经遴选确定由五个双创示范基地承办，活动将于9月至12月陆续举办。',
      '<h3>聚焦产业链协同</h3>',
      '各主题日围绕能源互联网、卫星应用与航天技术转化、5G与工业互联网、智能网联汽车、生物医药等方向，组织开放资源、发布需求、对接成果、洽谈合作和项目路演，推动大企业向中小企业开放创新资源。',
      '<h3>注重合作成效</h3>',
      '活动结束后，平台将对达成的合作项目开展3个月、6个月和12个月跟踪回访，并适时组织第三方评估，及时总结推广新进展、新成效。',
    ),
    status: 'published',
    day: '2020-08-28',
  },
  {
    themeDay: 'xinghe',
    org: 'xinghe',
    user: 'base@demo.rongtong.cn',
    kind: 'host',
    title: '星河电力能源互联网融通创新主题日成功举办',
    summary: '活动期间发布技术需求42项，开放实验室等创新资源18项，现场签约合作项目9个。',
    body: p(
      '9月15日至16日，星河电力集团有限公司能源互联网融通创新主题日在北京举办，来自产业链上下游的200余家企业、高校和投资机构参加活动。',
      '活动设置资源开放、需求发布、成果对接、专场洽谈和项目路演等环节。星河电力发布储能、配电自动化、电力电子等方向技术需求42项，开放能源互联网实验室等创新资源18项。',
      '<ul><li>现场签约合作项目9个，意向合作20余项；</li><li>组织一对一洽谈136场；</li><li>8个中小企业项目参加路演。</li></ul>',
      '下一步，星河电力将持续跟踪合作项目进展，推动更多中小企业进入能源互联网产业链。',
    ),
    status: 'published',
    day: '2020-09-17',
  },
  {
    themeDay: 'yunling',
    org: 'yunling',
    user: 'base@demo.rongtong.cn',
    kind: 'host',
    title: '云岭航天举办卫星应用与航天技术转化主题日',
    summary: '航天技术向民用领域转化，北斗高精度定位、遥感数据等成果与中小企业精准对接。',
    body: p(
      '10月20日，云岭航天卫星应用与航天技术转化融通创新主题日举办。活动聚焦北斗高精度定位、卫星遥感数据服务和航天材料民用转化。',
      '南湖科学研究院等单位发布可转化科技成果30余项，12家中小企业与云岭航天达成合作意向。',
    ),
    status: 'published',
    day: '2020-10-21',
  },
  {
    themeDay: 'huasheng',
    org: 'huasheng',
    user: 'host@demo.rongtong.cn',
    kind: 'host',
    title: '华晟通信5G与工业互联网融通创新主题日开幕',
    summary: '华晟通信开放5G专网测试环境，联合梧桐新区、北辰理工推动5G+智能制造应用落地。',
    body: p(
      '11月10日，华晟通信5G与工业互联网融通创新主题日开幕。华晟通信面向中小企业开放5G专网测试环境和工业互联网标识解析节点，发布工业模组、视觉质检等方向需求。',
      '<h3>首日成果</h3>',
      '首日组织专场洽谈60余场，5G工业模组国产芯片联合研发等项目现场签约。',
    ),
    status: 'published',
    day: '2020-11-10',
  },
  {
    themeDay: 'huasheng',
    org: 'chuangxinqiao',
    user: 'support@demo.rongtong.cn',
    kind: 'support',
    title: '主题日专场路演：8个5G应用项目获投资机构关注',
    summary: '创新桥科技服务组织的专场路演吸引12家投资机构参加，3个项目达成投资意向。',
    body: p(
      '11月11日下午，华晟通信主题日专场路演举办，8个5G与工业互联网应用项目依次路演，12家投资机构现场点评。',
      '边界智能、蓝海数据等3个项目与投资机构达成投资意向，后续将开展尽职调查。',
    ),
    status: 'submitted',
    day: '2020-11-12',
  },
];

/** Seeds the demo's publicity (inside the seed's transaction, after the projects). */
export async function seedPublicityDemo(trx: Executor, ctx: PublicityDemoContext): Promise<void> {
  const users = new Map(
    (await trx.selectFrom('users').select(['id', 'email']).where('email', 'like', '%@demo.rongtong.cn').execute()).map(
      (u) => [u.email!, u.id],
    ),
  );
  const uid = (email: string) => users.get(email)!;
  const org = (key: string) => ctx.orgId.get(key)!;
  const owner = uid('owner@demo.rongtong.cn');
  const host = uid('host@demo.rongtong.cn');

  // 华晟通信 delegates 创新桥科技服务 (a support organisation of its activity plan) to write news.
  await trx
    .insertInto('news_delegations')
    .values({
      id: newId(),
      theme_day_id: ctx.themeDays2020.get('huasheng')!,
      organisation_id: org('chuangxinqiao'),
      created_by: host,
      created_at: at('2020-11-01'),
    })
    .execute();

  for (const n of NEWS) {
    const ts = at(n.day, n.status === 'published' ? '16:30' : '09:00');
    await trx
      .insertInto('news')
      .values({
        id: newId(),
        theme_day_id: n.themeDay ? ctx.themeDays2020.get(n.themeDay)! : null,
        title: n.title,
        summary: n.summary,
        cover_image_id: null,
        body: sanitizeRichText(n.body),
        status: n.status,
        author_kind: n.kind,
        author_org_id: org(n.org),
        return_reason: null,
        created_by: uid(n.user),
        reviewed_by: null,
        reviewed_at: null,
        published_by: n.status === 'published' ? uid(n.user) : null,
        published_at: n.status === 'published' ? ts : null,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
  }

  const projectId = async (title: string) =>
    (await trx.selectFrom('cooperation_projects').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  // One success case, every party agreed, published by NDRC.
  const chip = await projectId('配电网边缘计算终端芯片国产化替代');
  const caseId = newId();
  const caseAt = at('2020-12-15');
  await trx
    .insertInto('success_cases')
    .values({
      id: caseId,
      project_id: chip,
      title: '国产边缘计算芯片进入电网配电终端供应链',
      summary: '星河电力开放入网检测和应用场景，智芯微电子的边缘计算主控芯片完成验证并批量供货，首批2万片已交付。',
      story: sanitizeRichText(
        p(
          '在星河电力能源互联网融通创新主题日上，智芯微电子与星河电力就配电网边缘计算终端主控芯片国产化替代达成合作意向。',
          '<h3>大企业开放场景</h3>',
          '星河电力向智芯微电子开放配电终端入网检测环境和现场试点线路，派出技术团队参与芯片适配和可靠性验证。',
          '<h3>中小企业进入供应链</h3>',
          '经过6个月的联合测试，智芯微电子的芯片通过入网检测，纳入配电终端供应商名录，首批2万片已交付使用，带动新增就业26人。',
        ),
      ),
      figures: JSON.stringify([
        { label: '合同金额', value: '1160', unit: '万元' },
        { label: '首批交付', value: '2', unit: '万片' },
        { label: '新增就业', value: '26', unit: '人' },
      ]),
      photo_ids: '[]',
      status: 'published',
      proposed_by: uid('base@demo.rongtong.cn'),
      proposed_by_org_id: org('xinghe'),
      published_by: owner,
      published_at: caseAt,
      created_at: at('2020-12-01'),
      updated_at: caseAt,
    })
    .execute();
  const parties = await trx
    .selectFrom('project_parties')
    .select('organisation_id')
    .where('project_id', '=', chip)
    .execute();
  for (const party of parties)
    await trx
      .insertInto('success_case_consents')
      .values({
        id: newId(),
        case_id: caseId,
        organisation_id: party.organisation_id,
        decision: 'agreed',
        reason: null,
        decided_by: null,
        decided_at: at('2020-12-05'),
      })
      .execute();

  // 融通创新标杆企业 2020.
  const benchmarks = [
    {
      org: 'xinghe',
      reason:
        '主题日期间开放能源互联网实验室等创新资源18项，带动产业链上中小企业签约合作项目9个，推动国产芯片、储能变流器等进入电网供应链，示范带动作用突出。',
    },
    {
      org: 'zhixin',
      reason:
        '作为专精特新中小企业，依托主题日与星河电力、华晟通信开展芯片国产化替代和联合研发，产品批量进入大企业供应链，融通发展成效明显。',
    },
  ];
  for (const b of benchmarks)
    await trx
      .insertInto('benchmark_enterprises')
      .values({
        id: newId(),
        year: 2020,
        organisation_id: org(b.org),
        reason: b.reason,
        named_by: owner,
        named_at: at('2020-12-30'),
      })
      .execute();

  // Nominations to the national events, in different states.
  const nominations = [
    {
      title: '配电网边缘计算终端芯片国产化替代',
      event: 'innovation_week' as const,
      status: 'accepted' as const,
      reason: '大企业开放应用场景带动中小企业芯片进入供应链的典型案例，合作成效经跟踪回访核实。',
      by: owner,
      byOrg: org('ndrc'),
      note: '已入选活动周融通创新展区',
    },
    {
      title: '5G工业模组国产芯片联合研发',
      event: 'yixing' as const,
      status: 'nominated' as const,
      reason: '央企与中小企业联合攻关5G工业模组主控芯片，已完成流片和模组集成验证。',
      by: owner,
      byOrg: org('ndrc'),
      note: null,
    },
    {
      title: '工业视觉质检系统供应链准入',
      event: 'maker_china' as const,
      status: 'proposed' as const,
      reason: '慧眼视觉的工业视觉质检系统经主题日对接进入华晟通信供应链，在两条产线稳定运行。',
      by: host,
      byOrg: org('huasheng'),
      note: null,
    },
  ];
  for (const n of nominations) {
    const ts = at('2021-03-10');
    await trx
      .insertInto('nominations')
      .values({
        id: newId(),
        project_id: await projectId(n.title),
        event: n.event,
        year: 2020,
        reason: n.reason,
        status: n.status,
        note: n.note,
        proposed_by: n.by,
        proposed_by_org_id: n.byOrg,
        decided_by: n.status === 'proposed' ? null : owner,
        created_at: ts,
        updated_at: ts,
      })
      .execute();
  }
}
