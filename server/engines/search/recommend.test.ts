import { describe, expect, it } from 'vitest';
import { SearchIndex, type SearchDoc } from './index.ts';
import {
  RecommendationCache,
  displayTerms,
  industryFit,
  recommend,
  regionFit,
  type MatchSubject,
} from './recommend.ts';

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
    title: '边缘计算与工业互联网联合实验室',
    body: '提供边缘计算节点和工业互联网平台测试环境，面向中小企业开放预约，可开展联合验证。',
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

  it('puts the local same-division resource above the equally relevant distant one', () => {
    const ids = recs.map((r) => r.id);
    expect(ids.indexOf('res-edge-lab')).toBeLessThan(ids.indexOf('res-edge-far'));
  });

  it('never recommends demands to a demand (default candidate kinds) nor unrelated items above related ones', () => {
    expect(recs.every((r) => r.type !== 'demand')).toBe(true);
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
    expect(industryFit('C39', 'C38')).toBe(0.4);
    expect(industryFit('C39', 'I65')).toBe(0);
    expect(industryFit(undefined, 'I65')).toBe(0);
    expect(regionFit('320500', '320508')).toBe(1);
    expect(regionFit('320500', '320100')).toBe(0.6);
    expect(regionFit('320000', '320000')).toBe(0.6);
    expect(regionFit('320500', '510100')).toBe(0);
  });

  it('shows maximal words only', () => {
    expect(displayTerms(['工业', '工业互联网', '互联网', '边缘计算', '碳'], 3)).toEqual(['工业互联网', '边缘计算']);
  });

  it('does not show bare numbers as shared keywords, but keeps words with digits such as 5G', () => {
    expect(displayTerms(['40', '3.5', '5g', '设备'], 3)).toEqual(['5g', '设备']);
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
