import { describe, expect, it } from 'vitest';
import { industryName } from '../../../common/industry.ts';
import { GENERIC_WORDS } from './generic-words.ts';
import { canonicalIndustry, SearchIndex, type SearchDoc } from './index.ts';
import { chainLink, INDUSTRY_CHAIN } from './industry-chain.ts';
import {
  DEFAULT_MATCH_WEIGHTS,
  RecommendationCache,
  displayTerms,
  industryFit,
  recommend,
  regionFit,
  type MatchDoc,
  type MatchSubject,
} from './recommend.ts';
import { normalizeText } from './tokenize.ts';

const ITEMS: SearchDoc[] = [
  {
    id: 'res-edge-lab',
    type: 'resource',
    title: '工业互联网边缘计算测试床开放共享',
    body: '提供边缘计算网关、时间敏感网络交换机和工业互联网平台测试环境，面向中小企业开放预约。',
    keywords: ['工业互联网', '边缘计算'],
    industry: 'C39',
    region: '320500',
    orgSize: 'large',
  },
  {
    id: 'res-edge-far',
    type: 'resource',
    // the same offer as res-edge-lab, word for word, from another province and industry
    title: '工业互联网边缘计算测试床开放共享',
    body: '提供边缘计算网关、时间敏感网络交换机和工业互联网平台测试环境，面向中小企业开放预约。',
    keywords: ['工业互联网', '边缘计算'],
    industry: 'I65',
    region: '510100',
    orgSize: 'large',
  },
  {
    id: 'res-health',
    type: 'resource',
    title: '互联网医疗应用场景开放',
    body: '医院开放互联网医疗问诊场景，支持远程医疗应用验证。',
    industry: 'Q84',
    region: '320500',
  },
  {
    id: 'result-gateway',
    type: 'result',
    title: '边缘智能网关及设备预测性维护算法',
    body: '在边缘侧对振动数据进行特征提取和故障诊断，已在纺织、化工产线应用。',
    keywords: ['边缘计算', '预测性维护'],
    industry: 'C39',
    region: '320100',
    orgSize: 'small',
    trl: 7,
  },
  {
    id: 'org-sme',
    type: 'organisation',
    title: '苏州某工业智能科技有限公司',
    body: '专精特新中小企业，主营工业互联网平台、边缘计算网关和设备数据采集。',
    industry: 'I65',
    region: '320500',
    orgSize: 'small',
  },
  {
    id: 'dem-storage',
    type: 'demand',
    title: '储能电站电池热失控预警技术需求',
    body: '需要对磷酸铁锂储能电站进行热失控早期预警，希望中小企业或高校提供多参量传感与预警算法。',
    industry: 'D44',
    region: '320200',
    sizePreference: ['small', 'medium', 'micro'],
    trl: 6,
  },
];

const DEMAND: MatchSubject = {
  id: 'dem-edge',
  kind: 'demand',
  title: '基于工业互联网和边缘计算的产线设备预测性维护',
  body: '我司为集成电路封装企业，需要在产线部署边缘计算节点，通过工业互联网平台汇聚设备数据，实现故障预警和预测性维护。希望中小企业提供成熟方案。',
  industry: 'C3973',
  region: '320500',
  sizePreference: ['medium', 'small', 'micro'],
  trl: 6,
};

function build(): SearchIndex {
  const ix = new SearchIndex();
  ix.addAll(ITEMS);
  return ix;
}

describe('recommend: demand → candidates', () => {
  const ix = build();
  const recs = recommend(ix, DEMAND);

  it('puts the local same-division resource above the equally relevant (same text) distant one', () => {
    const ids = recs.map((r) => r.id);
    expect(ids.indexOf('res-edge-lab')).toBeLessThan(ids.indexOf('res-edge-far'));
  });

  it('never recommends demands to a demand (default candidate kinds) nor unrelated items above related ones', () => {
    expect(recs.every((r) => r.type !== 'demand')).toBe(true);
    // 互联网医疗 shares only 互联网, a part of the demand's 工业互联网 (a sub-word counts 0.35 of a word)
    const health = recs.findIndex((r) => r.id === 'res-health');
    if (health >= 0) expect(health).toBeGreaterThan(recs.findIndex((r) => r.id === 'res-edge-far'));
  });

  it('explains each recommendation in Chinese with shared keywords and structured reasons', () => {
    const lab = recs.find((r) => r.id === 'res-edge-lab')!;
    expect(lab.reason).toMatch(/^共同关键词：/);
    expect(lab.sharedTerms).toContain('边缘计算');
    expect(lab.sharedTerms.join('、')).toContain('工业互联网');
    expect(lab.reason).toContain('同属C39');
    expect(lab.reason).toContain('同市');
    const gw = recs.find((r) => r.id === 'result-gateway')!;
    expect(gw.reason).toContain('同省');
    expect(gw.reason).toContain('规模相符（小型）');
    expect(gw.reason).toContain('成熟度TRL7（需≥6）');
    expect(gw.components.maturity).toBe(1);
    for (const r of recs) {
      for (const v of Object.values(r.components)) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
  });

  it('is deterministic and ordered by score', () => {
    expect(recommend(ix, DEMAND)).toEqual(recs);
    for (let i = 1; i < recs.length; i++) expect(recs[i - 1]!.score).toBeGreaterThanOrEqual(recs[i]!.score);
  });

  it('excludes the subject itself and respects filters', () => {
    const only = recommend(ix, DEMAND, { types: ['organisation'] });
    expect(only.map((r) => r.id)).toEqual(['org-sme']);
    const local = recommend(ix, DEMAND, { filter: { regions: ['3205'] } });
    expect(local.every((r) => ix.get(r.id)?.region?.startsWith('3205'))).toBe(true);
  });
});

describe('recommend: organisation → demands', () => {
  it('finds the demand an organisation could answer, with size fit from the demand side', () => {
    const ix = build();
    const org: MatchSubject = {
      id: 'org-bms',
      kind: 'organisation',
      title: '无锡某储能科技有限公司',
      body: '专注储能电池管理系统、热失控预警与多参量传感，产品已在多个储能电站应用。',
      industry: 'C38',
      region: '320200',
      orgSize: 'small',
      trl: 7,
    };
    const recs = recommend(ix, org, { types: ['demand'] });
    expect(recs[0]?.id).toBe('dem-storage');
    expect(recs[0]?.reason).toContain('同市');
    expect(recs[0]?.reason).toContain('规模相符（小型）');
    expect(recs[0]?.reason).toContain('成熟度TRL7（需≥6）');
    expect(recs[0]?.reason).toContain('储能');
  });
});

describe('structured signals', () => {
  it('scores industry and region fit', () => {
    expect(industryFit('C3973', 'C39')).toBe(1);
    expect(industryFit('C39', 'C38')).toBe(0.6); // up/downstream (industry-chain.ts)
    expect(industryFit('C38', 'C39')).toBe(0.6);
    expect(industryFit('C39', 'C17')).toBe(0); // same 门类 C only: no bonus
    expect(industryFit('C', 'C39')).toBe(0);
    expect(industryFit('C39', 'I65')).toBe(0);
    expect(industryFit(undefined, 'I65')).toBe(0);
    expect(regionFit('320500', '320508')).toBe(1);
    expect(regionFit('320500', '320100')).toBe(0.5);
    expect(regionFit('320000', '320000')).toBe(0.5);
    expect(regionFit('320500', '510100')).toBe(0);
  });

  it('shows maximal words only', () => {
    expect(displayTerms(['工业', '工业互联网', '互联网', '边缘计算', '碳'], 3)).toEqual(['工业互联网', '边缘计算']);
  });

  it('does not show bare numbers or generic words as shared keywords, but keeps words with digits such as 5G', () => {
    expect(displayTerms(['40', '3.5', '5g', '设备', '网关', '采用', '监测'], 3)).toEqual(['5g', '网关']);
  });
});

describe('RecommendationCache', () => {
  it('recomputes stale subjects in the background, not in the caller', async () => {
    const ix = build();
    const cache = new RecommendationCache(ix);
    cache.setSubject('dem-edge', DEMAND);
    expect(cache.get('dem-edge')).toBeUndefined();
    expect(cache.pending).toBe(1);
    await cache.schedule();
    expect(cache.get('dem-edge')?.[0]).toBeDefined();
    ix.upsert({
      id: 'res-new',
      type: 'resource',
      title: '边缘计算预测性维护工业互联网平台',
      body: '面向集成电路封装产线。',
      industry: 'C39',
      region: '320500',
      orgSize: 'small',
    });
    cache.invalidate();
    const stale = cache.get('dem-edge')!;
    expect(stale.some((r) => r.id === 'res-new')).toBe(false);
    const p = cache.schedule();
    expect(cache.schedule()).toBe(p);
    await p;
    expect(cache.get('dem-edge')?.some((r) => r.id === 'res-new')).toBe(true);
    expect(cache.pending).toBe(0);
  });

  it('serves a reader from the cache while the subject is unchanged and recomputes at once when it changed', () => {
    const ix = build();
    const cache = new RecommendationCache(ix, {}, 2);
    const first = cache.getOrCompute('dem-edge', DEMAND);
    expect(first[0]).toBeDefined();
    ix.upsert({
      id: 'res-new',
      type: 'resource',
      title: '边缘计算预测性维护工业互联网平台',
      body: '面向集成电路封装产线。',
      industry: 'C39',
      region: '320500',
      orgSize: 'small',
    });
    // same subject: the cached (stale) answer, no waiting; the background run would refresh it
    expect(cache.getOrCompute('dem-edge', DEMAND)).toBe(first);
    // edited subject: computed now
    const edited = cache.getOrCompute('dem-edge', { ...DEMAND, body: `${DEMAND.body}预测性维护。` });
    expect(edited).not.toBe(first);
    expect(edited.some((r) => r.id === 'res-new')).toBe(true);
    // at most 2 subjects: the least recently read one is forgotten
    cache.getOrCompute('a', { ...DEMAND, id: 'a' });
    cache.getOrCompute('dem-edge', { ...DEMAND, body: `${DEMAND.body}预测性维护。` });
    cache.getOrCompute('b', { ...DEMAND, id: 'b' });
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('dem-edge')).toBe(edited);
  });
});

// ----- issue 14: the failures measured on the hand-labelled set, each on a small realistic corpus -----

const doc = (d: Partial<MatchDoc> & Pick<MatchDoc, 'id' | 'title' | 'body'>): MatchDoc => ({ type: 'resource', ...d });

/** A Suzhou chip-packaging firm looking for SiC power-module packaging; partners are everywhere in China. */
const SIC_DEMAND: MatchSubject = {
  id: 'dem-sic',
  kind: 'demand',
  title: '车规级碳化硅功率模块封装工艺合作',
  body: '我司采用自有产线运行，需要开发碳化硅MOSFET功率模块的银烧结封装工艺，实现模块热阻降低，并对焊层空洞进行在线监测。希望有碳化硅封装经验的单位合作。',
  industry: 'C39',
  region: '320500',
  sizePreference: ['small', 'medium'],
};

const SIC_CORPUS: MatchDoc[] = [
  // relevant, all outside Jiangsu and outside C39
  doc({
    id: 'rel-sinter',
    type: 'technology',
    title: '功率模块银烧结封装技术',
    body: '纳米银烧结连接，适用于碳化硅MOSFET模块，热阻低、焊层无空洞。',
    region: '440300',
    industry: 'M73',
  }),
  doc({
    id: 'rel-sic-line',
    title: '碳化硅功率器件封装中试线开放',
    body: '提供碳化硅模块封装、银烧结和可靠性测试，面向车规级功率模块。',
    region: '110108',
    industry: 'M73',
  }),
  doc({
    id: 'rel-void',
    type: 'result',
    title: '焊层空洞X射线在线检测方法',
    body: '用于功率模块焊层空洞率在线检测，已在碳化硅模块封装线应用。',
    region: '430100',
    industry: 'M74',
  }),
  doc({
    id: 'rel-thermal',
    type: 'result',
    title: '碳化硅功率模块热阻测试与热仿真',
    body: '功率模块结壳热阻测试、封装热仿真，服务车规级碳化硅模块。',
    region: '610100',
    industry: 'M74',
  }),
  doc({
    id: 'rel-org',
    type: 'organisation',
    title: '某功率半导体封装研究所',
    body: '碳化硅功率模块封装；银烧结工艺；车规级可靠性',
    region: '330100',
    industry: 'M73',
    orgSize: 'small',
  }),
  // unrelated, same city, same division (or section), preferred size: share only generic words or parts of compounds
  doc({
    id: 'loc-water',
    title: '水质在线监测平台开放',
    body: '采用物联网系统实时监测，平台稳定运行，提升监测效率，实现数据共享。',
    region: '320505',
    industry: 'C39',
    orgSize: 'small',
  }),
  doc({
    id: 'loc-mes',
    title: '电子制造产线MES系统开发',
    body: '采用先进技术开发生产管理系统，实现产线运行数据采集与监测，提升效率。',
    region: '320506',
    industry: 'C39',
    orgSize: 'small',
  }),
  doc({
    id: 'loc-textile',
    title: '纺织印染车间节能改造',
    body: '采用余热回收技术，降低车间能耗，实现节能运行，开展在线监测。',
    region: '320507',
    industry: 'C17',
    orgSize: 'medium',
  }),
];

function indexOf(docs: readonly MatchDoc[]): SearchIndex {
  const ix = new SearchIndex();
  ix.addAll(docs);
  return ix;
}

describe('issue 14: geography and 门类 are tie-breakers only', () => {
  it('a same-city same-division item sharing only generic words never enters the top 5 over relevant distant ones', () => {
    const recs = recommend(indexOf(SIC_CORPUS), SIC_DEMAND);
    const top5 = recs.slice(0, 5).map((r) => r.id);
    expect(new Set(top5)).toEqual(new Set(['rel-sinter', 'rel-sic-line', 'rel-void', 'rel-thermal', 'rel-org']));
    for (const id of ['loc-water', 'loc-mes', 'loc-textile']) expect(recs.map((r) => r.id)).not.toContain(id);
  });

  it('structure never lifts an item over a clearly better text match, even with every bonus at its maximum', () => {
    const strong = doc({
      id: 'b-strong',
      title: '碳化硅功率模块银烧结封装',
      body: '碳化硅MOSFET模块银烧结封装，焊层空洞检测，热阻测试。',
      region: '510100',
    });
    // shares one specific word and has every structured signal the demand could give
    const weak = doc({
      id: 'a-weak',
      title: '功率模块可靠性测试',
      body: '提供功率循环测试。',
      region: '320500',
      industry: 'C39',
      orgSize: 'small',
      organisationId: 'org-old',
      themeDayIds: ['td-1'],
      contentAreas: ['chain'],
      trl: 9,
    });
    const subject: MatchSubject = {
      ...SIC_DEMAND,
      trl: 6,
      partnerOrgIds: ['org-old'],
      themeDayIds: ['td-1'],
      contentAreas: ['chain'],
    };
    const recs = recommend(indexOf([strong, weak]), subject);
    expect(recs.map((r) => r.id)).toEqual(['b-strong', 'a-weak']);
    const w = recs[1]!;
    expect(w.components.text).toBeLessThan(0.8);
    expect(Object.values(w.components).filter((v) => v === 1).length).toBeGreaterThanOrEqual(6);
    const structureSum = Object.entries(DEFAULT_MATCH_WEIGHTS)
      .filter(([k]) => k !== 'text')
      .reduce((t, [, v]) => t + v, 0);
    expect(structureSum).toBeLessThanOrEqual(0.15);
  });

  it('between two items with the same text, the same city goes first; the same 门类 alone gives nothing', () => {
    const text = { title: '碳化硅功率模块银烧结封装', body: '碳化硅MOSFET模块银烧结封装服务。' };
    const ix = indexOf([
      doc({ id: 'a-far', ...text, region: '510100' }),
      doc({ id: 'b-near', ...text, region: '320508' }),
      doc({ id: 'c-section', ...text, industry: 'C17' }), // same 门类 C as the demand's C39, unrelated division
      doc({ id: 'd-none', ...text }),
    ]);
    const recs = recommend(ix, { ...SIC_DEMAND, sizePreference: [] });
    expect(recs[0]!.id).toBe('b-near');
    expect(recs[0]!.reason).toMatch(/；同市$/);
    // no bonus for C17: a-far, c-section, d-none tie and are ordered by id
    expect(recs.slice(1).map((r) => r.id)).toEqual(['a-far', 'c-section', 'd-none']);
    expect(recs[0]!.score / recs[1]!.score).toBeLessThan(1.01);
  });
});

describe('issue 14: generic words never carry a match', () => {
  it('overlap in 采用、运行、监测、平台、系统、技术 alone recommends nothing', () => {
    const ix = indexOf(SIC_CORPUS.filter((d) => d.id.startsWith('loc-')));
    expect(recommend(ix, SIC_DEMAND)).toEqual([]);
    const generic: MatchSubject = {
      kind: 'demand',
      title: '采用先进技术提升系统运行效率',
      body: '需要开发监测平台，实现系统稳定运行，提升管理水平。',
    };
    expect(recommend(indexOf(SIC_CORPUS), generic)).toEqual([]);
  });

  it('a generic word weighs far less than a specific one in the text score', () => {
    const ix = indexOf([
      doc({
        id: 'a-generic',
        title: '在线监测系统平台',
        body: '采用监测系统实时监测运行状态，监测平台稳定运行。焊层。',
      }),
      doc({ id: 'b-specific', title: '焊层空洞检测', body: '功率模块焊层空洞率检测。' }),
    ]);
    const recs = recommend(ix, SIC_DEMAND);
    expect(recs[0]!.id).toBe('b-specific');
    expect(recs[0]!.sharedTerms).toContain('空洞');
  });
});

describe('issue 14: every reason names real shared evidence', () => {
  const subjects: MatchSubject[] = [
    SIC_DEMAND,
    DEMAND,
    { ...SIC_DEMAND, id: 'x', title: '功率模块热阻', body: '模块热阻测试。' },
  ];
  const corpus = [...SIC_CORPUS, ...ITEMS];
  it('is never empty, never names a generic word, and names only words found in both texts', () => {
    const ix = indexOf(corpus);
    let n = 0;
    for (const s of subjects) {
      const st = normalizeText([s.title, (s.keywords ?? []).join('，'), s.body].join('。'));
      for (const r of recommend(ix, s)) {
        n++;
        const d = ix.get(r.id)!;
        const dt = normalizeText([d.title, (d.keywords ?? []).join('，'), d.body].join('。'));
        expect(r.sharedTerms.length).toBeGreaterThan(0);
        expect(r.reason).toMatch(/^共同关键词：[^；]+/);
        for (const t of r.sharedTerms) {
          expect(st).toContain(t);
          expect(dt).toContain(t);
          expect(GENERIC_WORDS.has(t)).toBe(false);
          expect(r.reason).toContain(t);
        }
      }
    }
    expect(n).toBeGreaterThanOrEqual(10);
  });
});

describe('issue 14: structure that matters re-orders comparable text matches', () => {
  const text = { title: '车规级IGBT功率模块供应', body: '车规级IGBT功率模块，适用于电机控制器。' };
  const demand: MatchSubject = {
    id: 'dem-ev',
    kind: 'demand',
    title: '电驱系统车规级IGBT功率模块国产替代',
    body: '新能源汽车电机控制器需要车规级IGBT功率模块。',
    industry: 'C3612',
    region: '340100',
    orgSize: 'large',
  };

  it('an upstream supplier division (C39 → C36) goes first among equal text, and the reason names the link', () => {
    const ix = indexOf([
      doc({ id: 'a-textile', ...text, industry: 'C17', region: '110108' }),
      doc({ id: 'b-chip', ...text, industry: 'C3972', region: '110108' }),
    ]);
    const recs = recommend(ix, demand);
    expect(recs.map((r) => r.id)).toEqual(['b-chip', 'a-textile']);
    expect(recs[0]!.components.industry).toBe(0.6);
    expect(recs[0]!.reason).toContain('产业链上下游（C39计算机、通信和其他电子设备制造业→C36汽车制造业');
    expect(recs[1]!.reason).not.toContain('产业链');
  });

  it('a large firm meets an SME first (size complementarity) among equal text', () => {
    const ix = indexOf([
      doc({ id: 'a-large', ...text, orgSize: 'large' }),
      doc({ id: 'b-small', ...text, orgSize: 'small' }),
    ]);
    const recs = recommend(ix, demand);
    expect(recs.map((r) => r.id)).toEqual(['b-small', 'a-large']);
    expect(recs[0]!.reason).toContain('大企业与中小企业互补');
  });

  it('an organisation that already cooperated with the demander goes first among equal text, with the reason', () => {
    const ix = indexOf([
      doc({ id: 'a-new', ...text, organisationId: 'org-new' }),
      doc({ id: 'b-known', ...text, organisationId: 'org-partner' }),
    ]);
    const recs = recommend(ix, { ...demand, partnerOrgIds: ['org-partner'] });
    expect(recs.map((r) => r.id)).toEqual(['b-known', 'a-new']);
    expect(recs[0]!.reason).toContain('双方已有合作项目');
    expect(recommend(ix, demand).map((r) => r.id)).toEqual(['a-new', 'b-known']);
  });

  it('the same theme day and content area count among equal text', () => {
    const ix = indexOf([
      doc({ id: 'a-other', ...text, themeDayIds: ['td-2'] }),
      doc({ id: 'b-same', ...text, themeDayIds: ['td-1'], contentAreas: ['supply'] }),
    ]);
    const recs = recommend(ix, { ...demand, themeDayIds: ['td-1'], contentAreas: ['supply'] });
    expect(recs.map((r) => r.id)).toEqual(['b-same', 'a-other']);
    expect(recs[0]!.reason).toContain('同一主题日');
    expect(recs[0]!.reason).toContain('同一内容板块');
  });
});

describe('industry chain data', () => {
  it('links existing GB/T 4754 divisions only, each pair once, never a division to itself', () => {
    const seen = new Set<string>();
    for (const [up, down, flow] of INDUSTRY_CHAIN) {
      expect(industryName(up), up).toBeDefined();
      expect(industryName(down), down).toBeDefined();
      expect(canonicalIndustry(up)).toBe(up);
      expect(up).not.toBe(down);
      expect(flow).not.toBe('');
      const k = [up, down].sort().join('|');
      expect(seen.has(k), k).toBe(false);
      seen.add(k);
    }
    expect(chainLink('C3612', 'C3972')).toEqual({ up: 'C39', down: 'C36', flow: '车规芯片传感器' });
    expect(chainLink('C36', 'C17')).toBeUndefined();
  });
});
