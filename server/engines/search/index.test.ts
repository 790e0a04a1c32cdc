import { describe, expect, it } from 'vitest';
import { SearchIndex, canonicalIndustry, highlightText, regionPrefix, type SearchDoc } from './index.ts';

/** A small catalogue written like real items on the platform. */
const DOCS: SearchDoc[] = [
  {
    id: 'r-chip-design',
    type: 'result',
    title: '车规级MCU芯片设计与功能安全验证',
    body: '面向新能源汽车域控制器，完成32位车规级芯片设计，通过AEC-Q100认证，支持功能安全ASIL-B，可向中小企业许可使用。',
    keywords: ['集成电路', '汽车电子'],
    industry: 'C39',
    region: '320500',
    orgKind: 'enterprise',
    orgSize: 'large',
    trl: 7,
  },
  {
    id: 'd-chip-test',
    type: 'demand',
    title: '功率芯片封装测试产线良率提升需求',
    body: '我司碳化硅功率模块封装测试良率偏低，希望引入机器视觉缺陷检测与工艺参数优化，提升良率至98%以上。',
    industry: 'C3973',
    region: '320100',
    sizePreference: ['medium', 'small', 'micro'],
    trl: 6,
  },
  {
    id: 't-iiot-edge',
    type: 'technology',
    title: '工业互联网边缘计算网关',
    body: '支持PLC、数控机床等设备数据采集，在边缘侧完成预测性维护模型推理，已在钢铁、化工产线部署。',
    keywords: ['工业互联网', '边缘计算', '设备数据采集'],
    industry: 'I65',
    region: '310100',
    orgKind: 'enterprise',
    orgSize: 'small',
    trl: 8,
  },
  {
    id: 'r-internet-health',
    type: 'resource',
    title: '互联网医疗平台开放合作',
    body: '三甲医院互联网医疗平台向创业团队开放问诊数据接口与应用场景，支持远程医疗与慢病管理应用验证。',
    industry: 'Q84',
    region: '330100',
    orgKind: 'hospital',
  },
  {
    id: 'r-internet-general',
    type: 'resource',
    title: '互联网营销培训课程',
    body: '面向中小企业提供互联网营销、直播电商培训，每期30人。',
    industry: 'P83',
    region: '440300',
  },
  {
    id: 'e-storage',
    type: 'event',
    title: '新型储能产业链供需对接会',
    body: '围绕电化学储能、液流电池、储能系统集成开展供需对接，邀请链主企业发布采购与技术需求。',
    industry: 'D44',
    region: '320200',
    themeDayIds: ['td-2020-3'],
  },
  {
    id: 'r-hydrogen',
    type: 'result',
    title: '兆瓦级质子交换膜电解水制氢系统',
    body: '单槽产氢量200标方每小时，直流电耗不高于4.3千瓦时每标方，适配风电光伏波动电源，可开展中试验证。',
    keywords: ['氢能', '电解槽'],
    industry: 'C38',
    region: '110100',
    orgKind: 'institute',
    trl: 6,
    themeDayIds: ['td-2020-3'],
  },
  {
    id: 'r-5g-plc',
    type: 'technology',
    title: '5G+AI视觉质检系统',
    body: '基于5G专网回传高清图像，采用深度学习模型识别表面缺陷，可对接PLC实现自动剔除。',
    keywords: ['机器视觉', '5G'],
    industry: 'I65',
    region: '440300',
    orgSize: 'medium',
    trl: 8,
  },
];

function build(docs: readonly SearchDoc[] = DOCS): SearchIndex {
  const ix = new SearchIndex();
  ix.addAll(docs);
  return ix;
}

describe('SearchIndex: real Chinese queries', () => {
  const ix = build();

  it('matches the 2-character word 芯片 inside 芯片设计 and 车规级芯片 and 功率芯片', () => {
    const ids = ix.search('芯片').hits.map((h) => h.id);
    expect(ids).toContain('r-chip-design');
    expect(ids).toContain('d-chip-test');
  });

  it('ranks an industrial-internet item above 互联网医疗 for 工业互联网', () => {
    const ids = ix.search('工业互联网').hits.map((h) => h.id);
    expect(ids[0]).toBe('t-iiot-edge');
    const health = ids.indexOf('r-internet-health');
    if (health >= 0) expect(health).toBeGreaterThan(0);
  });

  it('finds Latin and number tokens case-insensitively (plc, 5G, AI)', () => {
    expect(
      ix
        .search('plc')
        .hits.map((h) => h.id)
        .sort(),
    ).toEqual(['r-5g-plc', 't-iiot-edge']);
    expect(ix.search('５Ｇ').hits[0]?.id).toBe('r-5g-plc');
    // the literal ai first; the lexicon (ai = 人工智能 > 机器视觉 …) may add items that only say so in Chinese
    expect(ix.search('ai').hits[0]?.id).toBe('r-5g-plc');
  });

  it('finds multi-word queries by their parts (储能 系统集成)', () => {
    expect(ix.search('储能系统集成').hits[0]?.id).toBe('e-storage');
  });

  it('returns nothing for stopwords only or unknown words', () => {
    expect(ix.search('的和与').hits).toEqual([]);
    expect(ix.search('量子引力').total).toBe(0);
  });
});

describe('SearchIndex: BM25 ordering', () => {
  it('prefers a title hit over a body hit and more occurrences over fewer', () => {
    const docs: SearchDoc[] = [
      { id: 'a', type: 'result', title: '一种焊接工艺', body: '本成果涉及氢能储运装备的焊接。' },
      { id: 'b', type: 'result', title: '氢能储运装备', body: '适用于加氢站的储氢容器。' },
      { id: 'c', type: 'result', title: '储氢容器检测', body: '氢能装备检测，氢能储运安全评估，氢能标准。' },
      { id: 'd', type: 'result', title: '无关条目', body: '农业机械维修服务。' },
    ];
    const ix = build(docs);
    const ids = ix.search('氢能').hits.map((h) => h.id);
    expect(ids[0]).toBe('b');
    expect(ids.indexOf('c')).toBeLessThan(ids.indexOf('a'));
    expect(ids).not.toContain('d');
  });

  it('weights a rare term above a common one (idf)', () => {
    const docs: SearchDoc[] = [];
    for (let i = 0; i < 20; i++)
      docs.push({ id: `x${i}`, type: 'resource', title: `检测服务${i}`, body: '提供检测服务。' });
    docs.push({ id: 'rare', type: 'resource', title: '钙钛矿电池检测', body: '钙钛矿组件衰减测试。' });
    const ix = build(docs);
    expect(ix.search('钙钛矿 检测').hits[0]?.id).toBe('rare');
  });

  it('breaks score ties by id, whatever the insertion order', () => {
    const docs: SearchDoc[] = ['k', 'c', 'x', 'a'].map((id) => ({
      id,
      type: 'resource',
      title: '大型科研仪器共享',
      body: '',
    }));
    expect(
      build(docs)
        .search('科研仪器')
        .hits.map((h) => h.id),
    ).toEqual(['a', 'c', 'k', 'x']);
    expect(
      build([...docs].reverse())
        .search('科研仪器')
        .hits.map((h) => h.id),
    ).toEqual(['a', 'c', 'k', 'x']);
  });

  it('pages with limit/offset and reports the total', () => {
    const ix = build();
    const all = ix.search('芯片 储能 氢能 互联网', { limit: 100 });
    const page = ix.search('芯片 储能 氢能 互联网', { limit: 2, offset: 1 });
    expect(page.total).toBe(all.total);
    expect(page.hits.map((h) => h.id)).toEqual(all.hits.slice(1, 3).map((h) => h.id));
  });
});

describe('SearchIndex: filters', () => {
  const ix = build();
  it('filters by type', () => {
    expect(ix.search('芯片', { filter: { types: ['demand'] } }).hits.map((h) => h.id)).toEqual(['d-chip-test']);
  });
  it('filters by industry section or division, with or without the letter', () => {
    expect(ix.search('芯片', { filter: { industries: ['C39'] } }).total).toBe(2);
    expect(ix.search('芯片', { filter: { industries: ['39'] } }).total).toBe(2);
    expect(ix.search('互联网', { filter: { industries: ['I'] } }).hits.map((h) => h.id)).toEqual(['t-iiot-edge']);
    expect(ix.search('芯片', { filter: { industries: ['C3973'] } }).hits.map((h) => h.id)).toEqual(['d-chip-test']);
    expect(
      ix
        .search('芯片', { filter: { industries: ['C39', 'I'], types: ['result', 'technology'] } })
        .hits.map((h) => h.id),
    ).toEqual(['r-chip-design']);
  });
  it('filters by region prefix (province 32 / 320000, city 3205)', () => {
    expect(ix.search('芯片', { filter: { regions: ['320000'] } }).total).toBe(2);
    expect(ix.search('芯片', { filter: { regions: ['3205'] } }).hits.map((h) => h.id)).toEqual(['r-chip-design']);
    expect(ix.search('芯片', { filter: { regions: ['310000'] } }).total).toBe(0);
    expect(ix.search('芯片', { filter: { regions: ['320505', '3201'] } }).hits.map((h) => h.id)).toEqual([
      'd-chip-test',
    ]);
  });
  it('filters by theme day, organisation kind and size, TRL', () => {
    expect(ix.search('储能 氢能', { filter: { themeDayIds: ['td-2020-3'] } }).total).toBe(2);
    expect(ix.search('储能 氢能', { filter: { orgKinds: ['institute'] } }).hits.map((h) => h.id)).toEqual([
      'r-hydrogen',
    ]);
    expect(ix.search('缺陷', { filter: { orgSizes: ['medium', 'small'] } }).hits.map((h) => h.id)).toEqual([
      'r-5g-plc',
    ]);
    expect(ix.search('芯片', { filter: { trlMin: 7 } }).hits.map((h) => h.id)).toEqual(['r-chip-design']);
  });
  it('answers the same filters without a query through matcher (listing without text)', () => {
    const all = DOCS.map((d) => d.id);
    const pick = (f: Parameters<typeof ix.matcher>[0]) => all.filter(ix.matcher(f));
    expect(pick({ regions: ['3205'], types: ['result'] })).toEqual(['r-chip-design']);
    expect(pick({ industries: ['39'] })).toEqual(
      DOCS.filter((d) => canonicalIndustry(d.industry).startsWith('C39')).map((d) => d.id),
    );
    expect(pick({ industries: ['39'] }).length).toBeGreaterThan(0);
    expect(pick({})).toEqual(all);
    expect(ix.matcher({})('no-such-id')).toBe(false);
  });
});

describe('SearchIndex: incremental updates', () => {
  it('upsert replaces, remove deletes, and scores equal a fresh build', () => {
    const ix = build();
    ix.upsert({ ...DOCS[3]!, title: '工业互联网安全监测服务', body: '为工业控制系统提供安全监测。' });
    expect(ix.search('工业互联网').hits.map((h) => h.id)).toContain('r-internet-health');
    expect(ix.remove('t-iiot-edge')).toBe(true);
    expect(ix.remove('t-iiot-edge')).toBe(false);
    expect(ix.has('t-iiot-edge')).toBe(false);
    expect(ix.search('边缘计算').total).toBe(0);

    const fresh = build([
      ...DOCS.filter((d) => d.id !== 't-iiot-edge' && d.id !== 'r-internet-health'),
      { ...DOCS[3]!, title: '工业互联网安全监测服务', body: '为工业控制系统提供安全监测。' },
    ]);
    for (const q of ['工业互联网', '芯片', '储能', '互联网', '5G 缺陷检测']) {
      const a = ix.search(q, { highlight: false });
      const b = fresh.search(q, { highlight: false });
      expect(a.hits.map((h) => [h.id, h.score])).toEqual(b.hits.map((h) => [h.id, h.score]));
    }
    ix.compact();
    const c = ix.search('芯片', { highlight: false });
    expect(c.hits.map((h) => [h.id, h.score])).toEqual(
      fresh.search('芯片', { highlight: false }).hits.map((h) => [h.id, h.score]),
    );
    expect(ix.stats().tombstones).toBe(0);
    expect(ix.size).toBe(DOCS.length - 1);
  });

  it('auto-compacts after many changes and stays exact', () => {
    const ix = new SearchIndex();
    const docs: SearchDoc[] = [];
    for (let i = 0; i < 1500; i++)
      docs.push({
        id: `d${i}`,
        type: 'resource',
        title: `储能电站${i % 7}号`,
        body: i % 2 ? '液流电池' : '锂离子电池',
      });
    for (const d of docs) ix.upsert(d);
    for (let i = 0; i < 1500; i += 3) ix.remove(`d${i}`);
    const fresh = build(docs.filter((_, i) => i % 3 !== 0));
    const a = ix.search('液流电池 储能', { limit: 50, highlight: false });
    const b = fresh.search('液流电池 储能', { limit: 50, highlight: false });
    expect(a.total).toBe(b.total);
    expect(a.hits.map((h) => [h.id, h.score])).toEqual(b.hits.map((h) => [h.id, h.score]));
  });
});

describe('highlights', () => {
  it('returns ranges of matched terms in title and a body snippet', () => {
    const ix = build();
    const hit = ix.search('车规级芯片').hits.find((h) => h.id === 'r-chip-design')!;
    const t = hit.highlights!.title;
    const marked = t.ranges.map(([s, e]) => t.text.slice(s, e));
    expect(marked.join('|')).toContain('芯片');
    expect(hit.matches.map((m) => m.term)).toContain('车规级芯片');
  });

  it('marks on normalised text with original offsets, Latin only at word boundaries', () => {
    const h = highlightText('ＰＬＣ与mail里的ai，AI质检', ['plc', 'ai'], Infinity);
    expect(h.ranges.map(([s, e]) => h.text.slice(s, e))).toEqual(['ＰＬＣ', 'ai', 'AI']);
  });

  it('cuts long bodies to a window around the matches', () => {
    const body = '无关内容'.repeat(60) + '液流电池储能' + '无关内容'.repeat(60);
    const h = highlightText(body, ['液流电池'], 40);
    expect(h.text.length).toBe(40);
    expect(h.cutStart && h.cutEnd).toBe(true);
    expect(h.ranges.map(([s, e]) => h.text.slice(s, e))).toEqual(['液流电池']);
  });
});

describe('code helpers', () => {
  it('canonicalises industry codes and region prefixes', () => {
    expect(canonicalIndustry('39')).toBe('C39');
    expect(canonicalIndustry('c3911')).toBe('C3911');
    expect(canonicalIndustry('zz')).toBe('');
    expect(regionPrefix('320000')).toBe('32');
    expect(regionPrefix('320100')).toBe('3201');
    expect(regionPrefix('320102')).toBe('320102');
  });
});
