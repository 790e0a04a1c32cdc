import { describe, expect, it } from 'vitest';
import { DOMAIN_TERMS } from './dict.ts';
import { analyzeForIndex, analyzeQuery, normalizeText, tokenize } from './tokenize.ts';

describe('normalizeText', () => {
  it('maps full-width ASCII and ideographic space to half-width, upper to lower case, keeping length', () => {
    const s = 'ＰＬＣ控制　５Ｇ＋ＡＩ，Edge';
    const n = normalizeText(s);
    expect(n).toBe('plc控制 5g+ai,edge');
    expect(n.length).toBe(s.length);
  });

  it('returns plain text unchanged', () => {
    expect(normalizeText('芯片设计')).toBe('芯片设计');
  });
});

describe('tokenize (precise mode with the domain dictionary)', () => {
  it('keeps user-dictionary terms as one token', () => {
    expect(tokenize('专精特新中小企业')).toEqual(['专精特新', '中小企业']);
    expect(tokenize('工业互联网与边缘计算')).toEqual(['工业互联网', '边缘计算']);
    expect(tokenize('揭榜挂帅组建创新联合体')).toContain('揭榜挂帅');
    expect(tokenize('揭榜挂帅组建创新联合体')).toContain('创新联合体');
    expect(tokenize('推动数字孪生和碳中和')).toEqual(expect.arrayContaining(['数字孪生', '碳中和']));
  });

  it('does not let short domain words swallow neighbours (中试 vs 集中试点)', () => {
    expect(tokenize('集中试点')).not.toContain('中试');
    expect(tokenize('建设中试基地')).toContain('中试基地');
  });

  it('keeps Latin and number tokens, lower-cased, including full-width input', () => {
    const t = tokenize('基于5G和AI的PLC控制，28nm工艺，ＭＥＭＳ传感器');
    expect(t).toEqual(expect.arrayContaining(['5g', 'ai', 'plc', '28nm', 'mems']));
  });

  it('drops stopwords and punctuation', () => {
    const t = tokenize('开展储能、氢能及相关技术的研究，进行验证等工作。');
    for (const w of ['开展', '及', '相关', '的', '进行', '等', '、', '，', '。']) expect(t).not.toContain(w);
    expect(t).toEqual(expect.arrayContaining(['储能', '氢能', '研究', '验证']));
  });

  it('loads a few hundred domain terms', () => {
    expect(DOMAIN_TERMS.length).toBeGreaterThan(300);
    expect(new Set(DOMAIN_TERMS).size).toBe(DOMAIN_TERMS.length);
  });
});

describe('analyzeForIndex (search mode)', () => {
  it('emits the 2-character words inside longer words, so 芯片 matches 车规级芯片', () => {
    const t = analyzeForIndex('车规级芯片设计');
    expect(t).toEqual(expect.arrayContaining(['车规级芯片', '车规级', '芯片', '设计']));
  });

  it('emits the parts of compounds, including 4+ character domain terms: 工业互联网平台 → 工业互联网, 工业, 互联网', () => {
    expect(analyzeForIndex('工业互联网平台')).toEqual(
      expect.arrayContaining(['工业互联网平台', '工业互联网', '工业', '互联网', '平台']),
    );
    expect(analyzeForIndex('碳纤维复合材料')).toEqual(expect.arrayContaining(['碳纤维', '复合材料']));
  });

  it('adds bigrams over runs of unknown single characters, on both sides', () => {
    // 碳 and 排 are not words on their own here; the bigram lets an unknown word match as a unit
    const idx = analyzeForIndex('锂枝晶抑制');
    const q = analyzeQuery('锂枝晶').map((x) => x.term);
    const shared = q.filter((x) => idx.includes(x) && x.length === 2);
    expect(shared.length).toBeGreaterThan(0);
  });
});

describe('analyzeQuery', () => {
  it('weights the words as meant above their parts', () => {
    const q = analyzeQuery('工业互联网');
    const w = Object.fromEntries(q.map((x) => [x.term, x.weight]));
    expect(w['工业互联网']).toBe(1);
    expect(w['工业']).toBeLessThan(1);
    expect(w['互联网']).toBeLessThan(1);
  });

  it('counts repeated words once with a count', () => {
    const q = analyzeQuery('储能电站的储能系统与储能');
    const t = q.find((x) => x.term === '储能');
    expect(t?.count).toBeGreaterThanOrEqual(2);
    expect(new Set(q.map((x) => x.term)).size).toBe(q.length);
  });

  it('returns nothing for blank or stopword-only queries', () => {
    expect(analyzeQuery('   ')).toEqual([]);
    expect(analyzeQuery('的和与及等')).toEqual([]);
  });
});
