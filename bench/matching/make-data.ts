/**
 * Generates the labelled matching set in bench/data/matching (run: `npx tsx bench/matching/make-data.ts`).
 *
 * Deterministic: a seeded PRNG (mulberry32, seed 20201) picks templates and slot values from the
 * hand-written vocabularies in vocab.ts. Grades come from the generation's ground truth (which topic and
 * problem each item was written around), never from a ranking engine:
 *   2 = the item was written around the demand's problem;
 *   1 = same topic, other problem, or a topic-wide facility/organisation;
 *   0 = everything else (other topics, confusers sharing surface words, noise) — not stored.
 * `makeDistractors` produces extra unjudged items for the 10k/100k timing runs from the same vocabularies.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { EnterpriseSize } from '../../common/enterprise-size.ts';
import type { ItemType } from '../../server/engines/search/index.ts';
import { AUTHORS, CITIES, NOISE, TOPICS, type Problem, type Topic } from './vocab.ts';
import { createRng } from '../../common/rng.ts';

/** A labelled demand. */
export interface BenchDemand {
  id: string;
  title: string;
  body: string;
  industry: string;
  region: string;
  sizePreference?: EnterpriseSize[];
  trl: number;
  truth: { topic: string; problem: string };
}

/** A candidate item (resource, result, technology or organisation). */
export interface BenchItem {
  id: string;
  type: ItemType;
  title: string;
  body: string;
  keywords?: string[];
  industry: string;
  region: string;
  orgKind: string;
  orgSize?: EnterpriseSize;
  trl?: number;
  /** what it was written around: a problem, a whole topic, or nothing (confuser / noise) */
  truth: { topic?: string; problem?: string; kind: 'problem' | 'topic' | 'confuser' | 'noise' | 'distractor' };
}

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
function sample<T>(r: Rand, xs: readonly T[], n: number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a.slice(0, Math.min(n, a.length));
}

const SME: EnterpriseSize[] = ['medium', 'small', 'micro'];
const COOP = ['联合开发', '技术许可', '委托研发', '共建联合实验室', '揭榜挂帅', '组建创新联合体'];
const STAGE = ['小试', '中试验证', '样机研制', '小批量试产', '工程化应用', '规模化量产'];
const DEMAND_TITLES = ['{need}技术需求', '{need}', '征集{need}解决方案', '{need}联合攻关', '关于{need}的合作需求'];
const WISH = [
  '希望与具备相关技术积累的中小企业、高校或科研院所合作，',
  '面向产业链上下游征集解决方案，优先考虑专精特新中小企业，',
  '拟通过揭榜挂帅方式征集技术团队，',
  '欢迎高校院所和科技型中小企业揭榜，',
];
const BACKGROUND = [
  '公司年产值超过百亿元，相关产线正在进行数字化改造。',
  '该问题已影响产品交付周期和客户满意度。',
  '目前采用进口方案，成本高且供货周期长，存在卡脖子风险。',
  '预计该技术可带动上下游配套企业形成稳定的供需关系。',
  '',
  '',
];

function fill(t: string, vars: Record<string, string>): string {
  return t.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

function city(r: Rand): string {
  return pick(r, CITIES)[0];
}

function cityName(code: string): string {
  return CITIES.find((c) => c[0] === code)?.[1] ?? '';
}

/** A demand written around one problem. */
function makeDemand(r: Rand, id: string, topic: Topic, p: Problem): BenchDemand {
  const trl = int(r, 4, 7);
  const title = fill(pick(r, DEMAND_TITLES), { need: p.need });
  const body = [
    `${pick(r, topic.demanders)}，主要业务涉及${pick(r, topic.scenes)}。`,
    `${p.detail[0]}。`,
    pick(r, BACKGROUND),
    `${p.detail[1]}。`,
    `${pick(r, WISH)}技术成熟度要求达到TRL${trl}及以上，合作方式为${pick(r, COOP)}。`,
  ].join('');
  const prefersSme = r() < 0.7;
  return {
    id,
    title,
    body,
    industry: topic.division,
    region: city(r),
    ...(prefersSme ? { sizePreference: SME } : {}),
    trl,
    truth: { topic: topic.key, problem: p.key },
  };
}

function division(r: Rand, topic: Topic): string {
  return r() < 0.8 ? topic.division : topic.altDivision;
}

/** An item written around one problem, as a result, technology, resource or organisation profile. */
function makeProblemItem(
  r: Rand,
  id: string,
  type: ItemType,
  topic: Topic,
  p: Problem,
  kind: BenchItem['truth']['kind'] = 'problem',
): BenchItem {
  const region = city(r);
  const techs = sample(r, p.tech, int(r, 2, 4));
  const metrics = sample(r, p.metrics, int(r, 1, 2));
  const scene = pick(r, topic.scenes);
  const stage = pick(r, STAGE);
  const truth = { topic: topic.key, problem: p.key, kind };
  if (type === 'result') {
    const authorKind = r() < 0.6 ? 'university' : 'institute';
    const author = pick(r, AUTHORS[authorKind]);
    const title = pick(r, ['{t}', '{t}及应用', '一种{t}', '{t}关键技术']).replace('{t}', pick(r, p.titles));
    const body =
      `${author}${pick(r, ['团队研发的', '历时五年攻关形成的', '承担国家重点研发计划形成的'])}${title}成果，` +
      `采用${techs.join('、')}等技术，${metrics.join('，')}。` +
      `可应用于${scene}等场景，目前已完成${stage}，拥有发明专利${int(r, 2, 15)}项。` +
      `${pick(r, ['可通过技术许可或作价入股方式转化', '寻求企业合作开展中试熟化', '欢迎中小企业对接转化', '可提供技术咨询与联合开发'])}。`;
    return {
      id,
      type,
      title,
      body,
      keywords: r() < 0.5 ? techs.slice(0, 2) : undefined,
      industry: division(r, topic),
      region,
      orgKind: authorKind,
      trl: int(r, 3, 8),
      truth,
    };
  }
  if (type === 'technology') {
    const title = pick(r, p.titles);
    const body =
      `${pick(r, ['某央企', '某行业龙头企业', '某上市公司'])}新技术目录条目：${title}。` +
      `该技术基于${techs.join('、')}，${metrics.join('，')}，已在${scene}批量应用。` +
      `现面向产业链上下游中小企业开放，可提供${pick(r, ['技术授权', '联合应用验证', '样机试用', '工程化支持'])}。`;
    return {
      id,
      type,
      title,
      body,
      keywords: techs.slice(0, 2),
      industry: division(r, topic),
      region,
      orgKind: 'enterprise',
      orgSize: 'large',
      trl: int(r, 6, 9),
      truth,
    };
  }
  if (type === 'resource') {
    const fac = pick(r, topic.facilities);
    const title = `${pick(r, p.tech)}${pick(r, ['测试验证平台开放共享', '中试验证服务', '联合实验室开放', '应用场景开放'])}`;
    const body =
      `${pick(r, ['某龙头企业', '某国家级创新中心', '某高校重点实验室'])}开放${fac}及${title.replace(/开放共享|开放|服务/g, '')}能力，` +
      `可开展${techs.join('、')}相关测试与验证，支持${scene}场景的工艺评估。` +
      `${pick(r, ['按市场化方式收费，中小企业享受优惠', '对双创团队免费开放', '需提前两周预约'])}。`;
    return {
      id,
      type,
      title,
      body,
      industry: division(r, topic),
      region,
      orgKind: pick(r, ['enterprise', 'university', 'institute']),
      truth,
    };
  }
  // organisation profile
  const size: EnterpriseSize = pick(r, ['medium', 'small', 'small', 'micro']);
  const title = `${cityName(region)}某${topic.field}科技有限公司`;
  const body =
    `${pick(r, ['专精特新中小企业', '国家高新技术企业', '科技型中小企业'])}，主营${pick(r, p.titles)}，` +
    `核心技术包括${techs.join('、')}，${metrics[0]}。产品服务于${scene}，研发人员占比${int(r, 30, 70)}%。`;
  return {
    id,
    type: 'organisation',
    title,
    body,
    industry: division(r, topic),
    region,
    orgKind: 'enterprise',
    orgSize: size,
    trl: int(r, 5, 9),
    truth,
  };
}

/** A topic-wide item: a shared facility, or a broad research organisation. */
function makeTopicItem(r: Rand, id: string, topic: Topic, asOrg: boolean): BenchItem {
  const region = city(r);
  const truth = { topic: topic.key, kind: 'topic' as const };
  if (!asOrg) {
    const title = `${topic.field}${pick(r, ['公共技术服务平台', '大型科研仪器开放共享', '中试基地开放'])}`;
    const body =
      `${pick(r, ['某国家级制造业创新中心', '某省产业技术研究院', '某双创示范基地'])}面向${topic.field}领域开放${topic.facilities.join('、')}，` +
      `服务${topic.scenes.join('、')}等方向的研发测试，提供检测认证、工艺验证和人才培训。`;
    return { id, type: 'resource', title, body, industry: topic.division, region, orgKind: 'institute', truth };
  }
  const title = `${pick(r, AUTHORS.institute)}（${topic.field}方向）`;
  const p0 = topic.problems[0];
  const p1 = topic.problems[1];
  const body =
    `长期从事${topic.field}研究，方向包括${p0.need}和${p1.need}，` +
    `掌握${pick(r, p0.tech)}、${pick(r, p1.tech)}等技术，建有${pick(r, topic.facilities)}，可承接企业委托研发。`;
  return {
    id,
    type: 'organisation',
    title,
    body,
    industry: topic.altDivision,
    region,
    orgKind: 'institute',
    trl: int(r, 4, 7),
    truth,
  };
}

/** The labelled set: demands, candidate items and graded judgements. */
export function makeLabelledSet(seed = 20201): {
  demands: BenchDemand[];
  items: BenchItem[];
  qrels: Record<string, Record<string, number>>;
} {
  const r = createRng(seed);
  const demands: BenchDemand[] = [];
  const items: BenchItem[] = [];
  let n = 0;
  const nextId = (prefix: string) => `${prefix}${String(++n).padStart(4, '0')}`;
  const PER_PROBLEM: ItemType[] = [
    'result',
    'result',
    'result',
    'technology',
    'technology',
    'resource',
    'organisation',
  ];
  for (const topic of TOPICS) {
    for (const p of topic.problems) {
      demands.push(makeDemand(r, `D${String(demands.length + 1).padStart(3, '0')}`, topic, p));
      for (const type of PER_PROBLEM) items.push(makeProblemItem(r, nextId('I'), type, topic, p));
    }
    items.push(makeTopicItem(r, nextId('I'), topic, false));
    items.push(makeTopicItem(r, nextId('I'), topic, true));
    for (const [title, body] of topic.confusers) {
      for (const type of ['resource', 'result'] as const) {
        items.push({
          id: nextId('I'),
          type,
          title: type === 'result' ? `${title}项目` : title,
          body: type === 'result' ? `${body}已形成成熟产品，寻求渠道合作。` : body,
          industry: 'L72',
          region: city(r),
          orgKind: 'enterprise',
          orgSize: 'small',
          truth: { kind: 'confuser' },
        });
      }
    }
  }
  for (const [title, body, ind] of NOISE) {
    for (let k = 0; k < 8; k++) {
      const c = pick(r, CITIES);
      items.push({
        id: nextId('I'),
        type: pick(r, ['resource', 'result', 'technology', 'organisation'] as const),
        title: k === 0 ? title : `${c[1]}${title}`,
        body: `${body}${pick(r, ['服务客户超过200家。', '已在多个城市落地。', '欢迎合作。', ''])}`,
        industry: ind,
        region: c[0],
        orgKind: 'enterprise',
        orgSize: pick(r, ['small', 'micro'] as const),
        truth: { kind: 'noise' },
      });
    }
  }
  const qrels: Record<string, Record<string, number>> = {};
  for (const d of demands) {
    const g: Record<string, number> = {};
    for (const it of items) {
      if (it.truth.topic !== d.truth.topic) continue;
      g[it.id] = it.truth.problem === d.truth.problem ? 2 : 1;
    }
    qrels[d.id] = g;
  }
  return { demands, items, qrels };
}

/** Unjudged filler items for the scale runs, from the same vocabularies (seeded, deterministic). */
export function makeDistractors(count: number, seed = 777): BenchItem[] {
  const r = createRng(seed);
  const out: BenchItem[] = [];
  const types: ItemType[] = ['result', 'result', 'technology', 'resource', 'organisation'];
  for (let i = 0; i < count; i++) {
    const topic = pick(r, TOPICS);
    const it = makeProblemItem(r, `X${i}`, pick(r, types), topic, pick(r, topic.problems), 'distractor');
    out.push(it);
  }
  return out;
}

function main(): void {
  const here = dirname(fileURLToPath(import.meta.url));
  const outDir = join(here, '..', 'data', 'matching');
  mkdirSync(outDir, { recursive: true });
  const { demands, items, qrels } = makeLabelledSet();
  writeFileSync(join(outDir, 'demands.json'), JSON.stringify(demands, null, 1) + '\n');
  writeFileSync(join(outDir, 'items.json'), JSON.stringify(items, null, 1) + '\n');
  writeFileSync(join(outDir, 'qrels.json'), JSON.stringify(qrels, null, 1) + '\n');
  const lens = demands.map((d) => [...d.body].length);
  const judged = Object.values(qrels).reduce((s, g) => s + Object.keys(g).length, 0);
  console.log(
    `wrote ${demands.length} demands (body ${Math.min(...lens)}–${Math.max(...lens)} 字), ${items.length} items, ${judged} non-zero judgements to ${outDir}`,
  );
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
