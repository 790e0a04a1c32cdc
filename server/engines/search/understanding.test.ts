/**
 * Query understanding (issue 14, "What fails"): each failure measured on the hand-written set is replayed
 * here on a small catalogue written like real items, and asserted on the ranking. The corpus never
 * contains the query's own abbreviation or typo unless a test says so.
 */
import { describe, expect, it } from 'vitest';
import { SEEKING_FACTOR, SearchIndex, type SearchDoc } from './index.ts';
import { analyzeQuery, seeksProvider } from './tokenize.ts';

const doc = (id: string, title: string, body: string, extra: Partial<SearchDoc> = {}): SearchDoc => ({
  id,
  type: 'result',
  title,
  body,
  ...extra,
});

const DOCS: SearchDoc[] = [
  // carbon peak / neutrality — none of them writes 双碳
  doc('carb-steel', '钢铁企业碳达峰路径规划与碳排放核算', '为长流程钢铁企业核算碳排放，制定分阶段碳达峰路线图。'),
  doc('carb-park', '工业园区碳中和综合能源方案', '以光伏、储能和余热利用建设零碳园区，年减少二氧化碳排放3万吨。'),
  doc('carb-cement', '水泥窑协同处置与减排技术', '利用水泥窑协同处置固废，配套脱硝减排改造。'),
  // AI — written out as 人工智能, and one literal AI
  doc('ai-textile', '基于人工智能的纺织面料瑕疵检测', '采用深度学习识别断经、破洞等瑕疵，检出率98%。'),
  doc('ai-pharma', '人工智能辅助药物筛选平台', '结合分子对接与机器学习，缩短先导化合物筛选周期。'),
  doc('ai-literal', 'AI质检一体机', '内置AI推理模块的产线质检终端，支持离线部署。'),
  // electric vehicles vs power-grid 新能源
  doc(
    'ev-thermal',
    '纯电动汽车整车热管理系统开发',
    '面向电动汽车开发热泵空调与电池热管理一体化系统，降低冬季续航衰减。',
  ),
  doc('ev-motor', '新能源汽车驱动电机控制器国产化', '开发碳化硅电机控制器，适配新能源汽车800V平台。'),
  doc('grid-forecast', '新能源电站功率预测与并网调度平台', '为风电、光伏等新能源场站提供功率预测与并网调度服务。'),
  doc('grid-peak', '新能源消纳与电网调峰服务', '利用需求响应提升新能源消纳能力，参与电网调峰辅助服务。'),
  // lithium batteries — none writes 锂电
  doc('li-cascade', '退役动力电池梯次利用检测评估', '对退役动力电池进行容量、内阻快速检测与分选。'),
  doc('li-ncm', '高镍三元正极材料量产工艺', '开发单晶高镍三元正极材料，提升循环寿命。'),
  doc('li-lfp', '磷酸铁锂储能电池模组', '面向工商业储能的磷酸铁锂电池模组，循环寿命8000次。'),
  // hydrogen — none writes 氢能
  doc('h2-electrolysis', '碱性电解水制氢装备', '单槽产氢1000标方每小时，适配风光波动电源。'),
  doc('h2-storage', '70MPa高压储氢瓶', '碳纤维全缠绕IV型储氢瓶，用于燃料电池重卡。'),
  doc('h2-fc', '氢燃料电池电堆膜电极', '低铂载量膜电极，功率密度4.2千瓦每升。'),
  // carbon fibre, chips
  doc('cf-arm', '碳纤维复合材料无人机机臂', '采用预浸料模压成型，减重40%。'),
  doc('cf-fibre', 'T800级碳纤维原丝制备技术', '干喷湿纺工艺制备高强中模碳纤维原丝。'),
  doc('ic-yield', '集成电路封装测试良率提升', '针对先进封装产线，提供良率分析与工艺优化。'),
  doc('sic', '碳化硅功率器件', '1200V碳化硅功率器件及模块，可对外技术许可。'),
  doc('chip-mcu', '车规级MCU芯片可靠性评估', '覆盖温度循环、高温老化的车规级芯片可靠性评估方法。'),
  doc('chip-sensor', '动力电池热失控预警传感芯片', '面向动力电池热失控预警的专用传感芯片，温度精度±0.5℃。'),
  doc('chip-meeting', '芯片产业链供需对接会', '组织芯片设计、制造与封装测试企业开展供需对接。'),
  // items that hold the words of a colloquial need
  doc('thz', '太赫兹成像安检设备', '太赫兹主动成像，适用于机场和地铁安检。'),
  doc('multimodal', '多模态大模型工业知识问答', '融合图纸、文本与设备数据的工业知识问答。'),
  doc('fund', '地方引导基金投资对接会', '邀请地方政府引导基金与早期项目对接。'),
  doc('flexible', '支持多品种小批量柔性生产的排产系统', '一人多岗的班组排班与多品种混线排产。'),
  doc('ndt', '焊缝无损检测服务', '提供超声、射线等无损检测，出具第三方检测报告。'),
  doc('automation', '产线自动化改造', '为中小企业提供产线自动化改造与机器人集成。'),
  // operation and maintenance: one offshore-wind item, several generic 运维 items
  doc('om-offshore', '海上风电场智能运维服务', '为海上风电场提供风机状态监测、运维船调度与叶片检修。'),
  doc('om-idc', '数据中心运维外包', '数据中心7×24小时运维值守，运维人员驻场，运维工单系统对接。'),
  doc('om-it', 'IT运维管理平台', '统一运维监控、运维审计与自动化运维。'),
  doc('om-lift', '电梯运维物联网监测', '电梯运维数据上云，按需运维，降低运维成本。'),
  doc('wind-blade', '风电叶片涂层修复', '风电叶片前缘腐蚀的涂层修复材料。'),
  doc(
    'blade-inspect',
    '风电场无人机巡检服务',
    '无人机巡检覆盖塔筒与叶片，巡检结果接入业主的运维系统，支持缺陷分级与报告生成，服务覆盖陆上和海上风电场。',
  ),
  // a literal 只能 … 人工 item for the 人工只能 typo
  doc('manual', '只能依靠人工巡检的老旧变电站改造', '老旧变电站只能依靠人工巡检，需加装在线监测。'),
  doc('new-process', '原料药绿色合成新工艺', '以连续流反应替代釜式反应，原料利用率提高15%。'),
];

const build = () => {
  const ix = new SearchIndex();
  ix.addAll(DOCS);
  return ix;
};
const ix = build();
const ids = (q: string, limit = 10) => ix.search(q, { limit }).hits.map((h) => h.id);
const rankOf = (q: string, id: string) => ids(q, 100).indexOf(id);

describe('synonyms and abbreviations (the domain lexicon)', () => {
  it('双碳 finds the 碳达峰 / 碳中和 / 减排 items although none says 双碳', () => {
    expect(new Set(ids('双碳').slice(0, 3))).toEqual(new Set(['carb-steel', 'carb-park', 'carb-cement']));
  });

  it('AI finds the items that say 人工智能, below the one that says AI', () => {
    const hits = ids('AI');
    expect(hits[0]).toBe('ai-literal');
    expect(hits).toEqual(expect.arrayContaining(['ai-textile', 'ai-pharma']));
    // and the other way round
    expect(ids('人工智能')).toContain('ai-literal');
  });

  it('新能源车 ranks electric-vehicle items above power-grid 新能源 items', () => {
    const hits = ids('新能源车');
    const worstEv = Math.max(hits.indexOf('ev-thermal'), hits.indexOf('ev-motor'));
    const bestGrid = Math.min(...['grid-forecast', 'grid-peak'].map((g) => hits.indexOf(g)).filter((i) => i >= 0));
    expect(hits.indexOf('ev-thermal')).toBeGreaterThanOrEqual(0);
    expect(hits.indexOf('ev-motor')).toBeGreaterThanOrEqual(0);
    expect(worstEv).toBeLessThan(bestGrid);
  });

  it('锂电 finds 动力电池, 三元 and 磷酸铁锂 items', () => {
    expect(new Set(ids('锂电').slice(0, 3))).toEqual(new Set(['li-cascade', 'li-ncm', 'li-lfp']));
  });

  it('氢能 finds 制氢, 储氢 and 氢燃料电池 items', () => {
    expect(new Set(ids('氢能').slice(0, 3))).toEqual(new Set(['h2-electrolysis', 'h2-storage', 'h2-fc']));
  });

  it('a rare narrower term does not outrank the common word typed (芯片: items saying 芯片 first)', () => {
    const r = ix.search('芯片', { limit: 10 });
    const top = r.hits[0]!;
    expect(top.matches[0]?.term).toBe('芯片');
    expect(['chip-meeting', 'chip-sensor', 'chip-mcu']).toContain(top.id);
    // 碳化硅功率器件 only holds narrower terms of 芯片 = 集成电路: found, and last
    expect(r.hits[r.hits.length - 1]?.id).toBe('sic');
  });

  it('an expansion weighs less than the word typed: 碳纤维 ranks its literal items above items found otherwise', () => {
    // 储氢瓶 mentions 碳纤维 in its body only; the two carbon-fibre items have it in the title
    const hits = ids('碳纤维');
    expect(hits.slice(0, 2).sort()).toEqual(['cf-arm', 'cf-fibre']);
    const q = analyzeQuery('ai', { expand: true });
    const ai = q.find((t) => t.term === 'ai')!;
    for (const t of q.filter((x) => x.kind === 'synonym' || x.kind === 'narrower')) {
      expect(t.weight).toBeLessThan(ai.weight);
      expect(t.group).toBe(ai.group);
    }
  });
});

describe("a synonym's parts", () => {
  it('污水处理 finds an item that writes 废水 … 处理 apart (its synonym 废水处理 cut in parts), above one with 处理 alone', () => {
    const parts = new SearchIndex();
    parts.addAll([
      doc('ww', '印染废水芬顿氧化深度处理回用', '对印染废水进行芬顿氧化与双膜法深度处理，出水回用于漂洗。'),
      doc('cpu', '高能效处理器IP授权', '面向物联网终端的低功耗处理器IP。'),
    ]);
    const q = analyzeQuery('污水处理', { expand: true });
    expect(q.find((t) => t.term === '废水')).toMatchObject({ kind: 'part' });
    expect(parts.search('污水处理').hits.map((h) => h.id)[0]).toBe('ww');
  });
});

describe('typos (pinyin and edit distance against the index vocabulary)', () => {
  it('碳纤为 finds the carbon-fibre items and suggests 碳纤维', () => {
    const r = ix.search('碳纤为');
    expect(r.didYouMean).toBe('碳纤维');
    expect(r.corrected).toBe(true);
    expect(
      r.hits
        .slice(0, 2)
        .map((h) => h.id)
        .sort(),
    ).toEqual(['cf-arm', 'cf-fibre']);
  });

  it('新能原汽车 is corrected to 新能源汽车 and never ranked by the single characters 新 and 原', () => {
    const r = ix.search('新能原汽车');
    expect(r.didYouMean).toBe('新能源汽车');
    expect(r.hits[0]?.id).toBe('ev-motor');
    for (const h of r.hits) for (const m of h.matches) expect(['新', '原', '能']).not.toContain(m.term);
    expect(r.hits.map((h) => h.id)).not.toContain('new-process');
    // the literal analysis alone drops the stray characters too
    expect(analyzeQuery('新能原汽车').map((t) => t.term)).not.toEqual(expect.arrayContaining(['新']));
  });

  it('集成电陆 → 集成电路 and 人工只能 → 人工智能 (two real words whose pinyin is a third)', () => {
    expect(ix.search('集成电陆').didYouMean).toBe('集成电路');
    expect(ids('集成电陆')[0]).toBe('ic-yield');
    const r = ix.search('人工只能');
    expect(r.didYouMean).toBe('人工智能');
    expect(r.hits[0]?.id).not.toBe('manual');
    expect(rankOf('人工只能', 'ai-textile')).toBeLessThan(rankOf('人工只能', 'manual'));
  });

  it('uses a weaker correction (fuzzy pinyin) only as a fallback when the literal query finds too little', () => {
    // 人工资能: 资 (zi) for 智 (zhi) — a 平翘舌 confusion; literally it is 人 / 工资 / 能, found nowhere
    const r = ix.search('人工资能');
    expect(r.didYouMean).toBe('人工智能');
    expect(r.corrected).toBe(true);
    expect(r.hits.map((h) => h.id)).toEqual(expect.arrayContaining(['ai-textile', 'ai-pharma']));
    // one wrong character, different pinyin: edit distance
    const e = ix.search('碳化娃功率器件');
    expect(e.didYouMean).toBe('碳化硅功率器件');
    expect(e.hits[0]?.id).toBe('sic');
  });

  it('suggests nothing for a query the index knows, or for fillers around a known word', () => {
    for (const q of ['碳纤维', '海上风电运维', '我们公司想找做无损检测的地方', '焊缝无损检测的']) {
      const r = ix.search(q);
      expect(r.didYouMean, q).toBeUndefined();
      expect(r.corrected).toBe(false);
    }
  });
});

describe('colloquial needs: filler words and single characters', () => {
  it('drops 想/找/做/有没有/地方/我们/公司 from a need written as a sentence', () => {
    const terms = analyzeQuery('我们公司想找做无损检测的地方').map((t) => t.term);
    for (const w of ['我们', '公司', '想', '找', '做', '地方']) expect(terms).not.toContain(w);
    expect(terms).toContain('无损检测');
    const hits = ids('我们公司想找做无损检测的地方');
    expect(hits[0]).toBe('ndt');
    expect(hits).not.toContain('fund'); // 地方引导基金
  });

  it('single characters (太/多/人) never match on their own when the query has real words', () => {
    const q = '人太多了，想找能做产线自动化改造的';
    const hits = ids(q);
    expect(hits[0]).toBe('automation');
    expect(hits).not.toContain('flexible'); // 多品种, 一人多岗
    expect(hits).not.toContain('thz'); // 太赫兹
    expect(hits).not.toContain('multimodal'); // 多模态
    expect(ids('有没有做太赫兹的')).toEqual(['thz']);
  });

  it('drops the complaint around a need (太慢、人手不够、不能给对方) and keeps what is needed', () => {
    const words = (q: string) =>
      analyzeQuery(q)
        .filter((t) => t.kind === 'word')
        .map((t) => t.term);
    expect(words('车间人工质检太慢了，想上视觉检测')).not.toContain('太慢');
    expect(words('车间人工质检太慢了，想上视觉检测')).toContain('视觉检测');
    expect(words('仓库人手不够，想找智能分拣的方案')).toEqual(expect.arrayContaining(['仓库', '分拣']));
    expect(words('仓库人手不够，想找智能分拣的方案')).not.toEqual(expect.arrayContaining(['人手']));
    expect(words('仓库人手不够，想找智能分拣的方案')).not.toContain('不够');
    expect(words('原始数据不能给对方')).toEqual(['原始数据']);
  });

  it('keeps a query made only of such words (人 alone still searches)', () => {
    expect(analyzeQuery('人').map((t) => t.term)).toEqual(['人']);
    expect(analyzeQuery('地方').map((t) => t.term)).toEqual(['地方']);
    expect(ids('地方')).toContain('fund');
  });

  it('keeps domain single characters (锂, 氢) at a lower weight', () => {
    const q = analyzeQuery('氢 储运 设备');
    expect(q.find((t) => t.term === '氢')?.weight).toBeLessThan(1);
    expect(q.find((t) => t.term === '设备')?.weight).toBe(1);
  });
});

describe('a need that asks for a provider', () => {
  const seek = new SearchIndex();
  seek.addAll([
    doc('d-weld', '焊接机器人工作站改造需求', '我司需要引进焊接机器人工作站，寻求焊接机器人集成商。', {
      type: 'demand',
    }),
    doc('t-weld', '焊接机器人系统集成', '提供焊接机器人工作站设计、集成与调试。', { type: 'technology' }),
    doc('o-weld', '某焊接装备有限公司', '焊接机器人与焊接工作站集成商。', { type: 'organisation' }),
  ]);

  it('recognises 有没有/想找/想上/怎么解决 as asking for a provider, and a topic as not', () => {
    for (const q of [
      '有没有能做ADC生产的CDMO',
      '想找电池回收的合作方',
      '焊工太难招了，想上焊接机器人',
      '电池包着火怎么解决',
    ])
      expect(seeksProvider(q), q).toBe(true);
    for (const q of ['焊接机器人', '海上风电运维', '体外诊断试剂']) expect(seeksProvider(q), q).toBe(false);
  });

  it("ranks what others offer above other firms' demands for the same thing", () => {
    const ids = seek.search('有没有做焊接机器人的').hits.map((h) => h.id);
    expect(ids).toHaveLength(3);
    expect(ids.at(-1)).toBe('d-weld');
  });

  it('leaves a topic query ranked by text alone (the demand that says it most comes first)', () => {
    const plain = seek.search('焊接机器人').hits;
    expect(plain.map((h) => h.id)[0]).toBe('d-weld');
    const seeking = seek.search('有没有焊接机器人').hits;
    const score = (hits: typeof plain, id: string) => hits.find((h) => h.id === id)!.score;
    expect(score(seeking, 'd-weld')).toBeCloseTo(score(plain, 'd-weld') * SEEKING_FACTOR.demand!, 9);
    expect(score(seeking, 't-weld')).toBeCloseTo(score(plain, 't-weld'), 9);
  });
});

describe('compound-first weighting', () => {
  it('海上风电运维 ranks the offshore-wind maintenance item above items that only share 运维', () => {
    const hits = ids('海上风电运维');
    expect(hits[0]).toBe('om-offshore');
    // generic 运维 items (运维 many times in their titles and bodies) come after
    for (const g of ['om-idc', 'om-it', 'om-lift']) expect(hits.indexOf(g)).toBeGreaterThan(0);
  });

  it('an item with every word of a short query ranks above items with one of them many times (叶片运维)', () => {
    const hits = ids('叶片运维');
    // both words: the offshore-wind maintenance service and the inspection service (each once, in the body)
    expect(hits.slice(0, 2)).toEqual(['om-offshore', 'blade-inspect']);
    for (const one of ['wind-blade', 'om-idc', 'om-it', 'om-lift']) expect(hits.indexOf(one)).toBeGreaterThan(1);
  });

  it('a jieba search-mode part weighs less than the whole word: 海上风电 above 风电叶片', () => {
    const q = analyzeQuery('海上风电');
    expect(q.find((t) => t.term === '海上风电')?.weight).toBe(1);
    expect(q.find((t) => t.term === '风电')?.weight).toBeLessThan(1);
    expect(q.find((t) => t.term === '风电')?.group).toBe(q.find((t) => t.term === '海上风电')?.group);
    expect(rankOf('海上风电', 'om-offshore')).toBeLessThan(rankOf('海上风电', 'wind-blade'));
  });

  it('a lexicon compound keeps its domain parts above generic ones (多模态 and 大模型 inside 多模态大模型)', () => {
    const q = analyzeQuery('多模态大模型');
    const w = (t: string) => q.find((x) => x.term === t)?.weight ?? 0;
    expect(w('多模态大模型')).toBe(1);
    expect(w('多模态')).toBeGreaterThan(w('模型'));
    expect(w('多模态')).toBeLessThan(1);
  });
});

describe('exactness is kept', () => {
  it('gives the same results after upserts and removals as a fresh build (speller included)', () => {
    const live = new SearchIndex();
    live.addAll(DOCS.slice(0, 10));
    live.search('碳纤为'); // builds the speller before the rest arrives
    for (const d of DOCS.slice(10)) live.upsert(d);
    live.upsert({ ...DOCS[0]!, body: DOCS[0]!.body + '（修订）' });
    live.upsert(DOCS[0]!);
    for (const q of ['碳纤为', '双碳', '海上风电运维', '新能原汽车', '人工资能']) {
      const a = live.search(q);
      const b = ix.search(q);
      expect(
        a.hits.map((h) => [h.id, h.score.toFixed(9)]),
        q,
      ).toEqual(b.hits.map((h) => [h.id, h.score.toFixed(9)]));
      expect(a.didYouMean, q).toBe(b.didYouMean);
    }
  });
});
