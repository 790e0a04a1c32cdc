import { describe, expect, it } from 'vitest';
import { DOMAIN_LEXICON, LEXICON_VERSION } from './lexicon/domain.ts';
import {
  BUILTIN_ENTRIES,
  Lexicon,
  lexicon,
  normalizeLexiconTerm,
  parseLexiconLine,
  registerLexiconEntries,
  unregisterLexiconEntries,
} from './lexicon/index.ts';
import { SearchIndex } from './index.ts';
import { analyzeForIndex, analyzeQuery, tokenize } from './tokenize.ts';

describe('the built-in domain lexicon (lexicon/domain.ts)', () => {
  it('is versioned and has several hundred entries, every one well formed', () => {
    expect(LEXICON_VERSION).toMatch(/^\d{4}\.\d{2}\.\d{2}-\d+$/);
    expect(DOMAIN_LEXICON.length).toBeGreaterThanOrEqual(400);
    expect(BUILTIN_ENTRIES.length).toBe(DOMAIN_LEXICON.length);
    for (const line of DOMAIN_LEXICON) {
      const e = parseLexiconLine(line);
      const terms = e.kind === 'synonym' ? e.terms : [e.term, ...e.narrower];
      for (const t of terms) expect(normalizeLexiconTerm(t), `${t} in "${line}"`).not.toBe('');
    }
    expect(new Set(DOMAIN_LEXICON).size).toBe(DOMAIN_LEXICON.length);
  });

  it('covers the programme’s fields with the expansions the issue names', () => {
    const exp = (t: string) => lexicon.expansions(t).map((e) => e.term);
    expect(exp('双碳')).toEqual(expect.arrayContaining(['碳达峰', '碳中和', '减排', '降碳']));
    expect(exp('ai')).toContain('人工智能');
    expect(exp('人工智能')).toContain('ai');
    expect(exp('新能源车')).toEqual(expect.arrayContaining(['新能源汽车', '电动汽车']));
    expect(exp('锂电')).toEqual(expect.arrayContaining(['锂电池', '动力电池', '三元材料', '磷酸铁锂']));
    expect(exp('氢能')).toEqual(expect.arrayContaining(['制氢', '储氢', '加氢', '氢燃料电池']));
    expect(exp('ic')).toEqual(expect.arrayContaining(['集成电路', '芯片']));
    expect(exp('光伏')).toContain('太阳能电池');
    expect(exp('太阳能电池')).toContain('光伏电池');
    for (const field of ['生物医药', '高端装备', '新材料', '5g', '农业', '化工', '纺织', '食品', '电网'])
      expect(exp(field).length, field).toBeGreaterThan(0);
  });

  it('expands narrower terms one way only, never to the word itself or to single characters', () => {
    expect(lexicon.expansions('磷酸铁锂').map((e) => e.term)).not.toContain('锂电');
    expect(lexicon.expansions('泵').every((e) => e.term.length >= 2)).toBe(true);
    for (const t of ['双碳', '锂电', '芯片']) expect(lexicon.expansions(t).map((e) => e.term)).not.toContain(t);
    const rel = Object.fromEntries(lexicon.expansions('锂电').map((e) => [e.term, e.relation]));
    expect(rel['锂电池']).toBe('synonym');
    expect(rel['磷酸铁锂']).toBe('narrower');
  });

  it('covers the needs SMEs name in each field, in their words and the trade’s', () => {
    const exp = (t: string) => lexicon.expansions(t).map((e) => e.term);
    // diagnostics, outsourcing
    expect(exp('体外诊断')).toEqual(expect.arrayContaining(['ivd', '化学发光', '分子诊断', '核酸检测', '即时检验']));
    expect(exp('poct')).toContain('即时检验');
    expect(exp('cxo')).toEqual(expect.arrayContaining(['合同研发外包', 'cdmo']));
    // warehousing, robots, machine tools
    expect(exp('智能仓储')).toEqual(expect.arrayContaining(['立体库', '堆垛机', '四向穿梭车', '货到人', 'wms']));
    expect(exp('立体仓库')).toContain('自动化立体仓库');
    expect(exp('机床')).toEqual(expect.arrayContaining(['工业母机', '数控机床', '加工中心']));
    expect(exp('减速机')).toContain('减速器');
    // chips
    expect(exp('芯片测试')).toEqual(expect.arrayContaining(['晶圆测试', '成品测试', '探针台']));
    expect(exp('ic')).toContain('芯片测试');
    // power and energy
    expect(exp('光伏')).toEqual(expect.arrayContaining(['太阳能电池', '电池片', '晶硅']));
    expect(exp('太阳能电池')).toEqual(expect.arrayContaining(['钙钛矿电池', '电池片', 'topcon']));
    expect(exp('储能系统')).toEqual(expect.arrayContaining(['储能变流器', '电池管理系统', '能量管理系统']));
    // environment, agriculture, textiles, cold chain
    expect(exp('危废')).toEqual(expect.arrayContaining(['危险废物', '危废处置', '危废焚烧', '回转窑']));
    expect(exp('污水处理')).toEqual(expect.arrayContaining(['废水处理', '芬顿', 'mbr', '蒸发结晶', '零排放']));
    expect(exp('vocs')).toEqual(expect.arrayContaining(['挥发性有机物', '蓄热式焚烧炉', '催化燃烧']));
    expect(exp('智慧农业')).toEqual(expect.arrayContaining(['智能灌溉', '水肥一体化', '墒情监测', '飞防']));
    expect(exp('畜禽粪污')).toEqual(expect.arrayContaining(['有机肥', '好氧发酵', '异位发酵床']));
    expect(exp('化纤')).toEqual(expect.arrayContaining(['涤纶', '锦纶', '莱赛尔', '粘胶']));
    expect(exp('印染')).toContain('数码印花');
    expect(exp('冷链')).toEqual(expect.arrayContaining(['冷库', '冷藏车']));
    // colloquial forms
    expect(exp('自动浇水')).toEqual(expect.arrayContaining(['智能灌溉', '自动灌溉']));
    expect(exp('温度报警')).toEqual(expect.arrayContaining(['温度监测', '测温', '超温报警']));
    expect(exp('质检')).toContain('质量检测');
    expect(exp('上云')).toContain('设备上云');
    expect(exp('找钱')).toEqual(expect.arrayContaining(['融资', '股权融资', '科技贷款']));
    expect(exp('通讯')).toContain('通信');
    // narrower terms stay one way
    expect(exp('四向穿梭车')).not.toContain('智能仓储');
    expect(exp('芬顿')).not.toContain('废水处理');
  });

  it('never cuts a query word’s expansions off at the cap of 16', () => {
    const syn = new Map<string, Set<string>>();
    const nar = new Map<string, Set<string>>();
    const put = (m: Map<string, Set<string>>, k: string, vs: readonly string[]) => {
      const s = m.get(k) ?? new Set<string>();
      m.set(k, s);
      for (const v of vs) if (v !== k) s.add(v);
    };
    for (const e of BUILTIN_ENTRIES) {
      if (e.kind === 'synonym') {
        const ts = e.terms.map(normalizeLexiconTerm);
        for (const t of ts) put(syn, t, ts);
      } else put(nar, normalizeLexiconTerm(e.term), e.narrower.map(normalizeLexiconTerm));
    }
    for (const t of new Set([...syn.keys(), ...nar.keys()])) {
      const all = new Set([...(syn.get(t) ?? []), ...(nar.get(t) ?? [])]);
      for (const s of syn.get(t) ?? []) for (const n of nar.get(s) ?? []) all.add(n);
      all.delete(t);
      expect([...all].filter((x) => x.length >= 2).length, t).toBeLessThanOrEqual(16);
    }
  });

  it('does not let its words swallow the end of a domain word before them', () => {
    // each term on the right was lost from the index by a candidate entry that was left out
    const kept: [string, string][] = [
      ['动力电池热管理', '动力电池'],
      ['体外诊断试剂盒', '体外诊断'],
      ['核酸检测试剂盒', '核酸检测'],
      ['用于检测芯片缺陷', '检测'],
      ['中小企业上云', '中小企业'],
      ['投融资对接', '投融资'],
      ['新能源汽车热泵空调', '新能源汽车'],
      ['新能源汽车线束', '新能源汽车'],
      ['机器视觉定位', '机器视觉'],
      ['海上风电运维', '海上风电'],
      ['工商业储能系统', '储能系统'],
      ['畜禽养殖粪污', '畜禽养殖'],
      ['单晶硅电池', '单晶硅'],
      ['永磁同步电机控制器', '电机控制器'],
      ['数控加工中心', '加工中心'],
      ['工业机器人工作站', '工业机器人'],
      ['激光焊接机器人', '激光焊接'],
      ['植保无人机打药', '植保无人机'],
      ['食品安全性评价', '食品安全'],
      ['可调负荷聚合', '负荷聚合'],
      ['环锭纺纱', '纺纱'],
    ];
    for (const [text, term] of kept) expect(analyzeForIndex(text), text).toContain(term);
  });

  it('loads its words into jieba so items and queries cut them whole', () => {
    expect(tokenize('太赫兹成像')).toContain('太赫兹');
    expect(tokenize('磷酸铁锂电池模组')).toContain('磷酸铁锂');
    // but not the Latin+Chinese ones: mems must still find MEMS传感器
    expect(tokenize('ＭＥＭＳ传感器')).toContain('mems');
  });
});

describe('administrators’ entries', () => {
  it('parses both entry kinds and rejects a malformed line', () => {
    expect(parseLexiconLine('人工智能 = AI 智能算法')).toEqual({
      kind: 'synonym',
      terms: ['人工智能', 'AI', '智能算法'],
    });
    expect(parseLexiconLine('氢能 > 制氢 储氢')).toEqual({
      kind: 'narrower',
      term: '氢能',
      narrower: ['制氢', '储氢'],
    });
    expect(() => parseLexiconLine('氢能 制氢')).toThrow();
    expect(() => parseLexiconLine('氢能 >')).toThrow();
  });

  it('merges new entries into a lexicon, normalising case and full-width forms', () => {
    const l = new Lexicon('test');
    l.add([{ kind: 'synonym', terms: ['ＲＰＡ', '机器人流程自动化'] }]);
    l.add([{ kind: 'narrower', term: '机器人流程自动化', narrower: ['财务机器人', 'bad term!'] }]);
    expect(l.size).toBe(2);
    expect(l.expansions('rpa')).toEqual([
      { term: '机器人流程自动化', relation: 'synonym' },
      { term: '财务机器人', relation: 'narrower' },
    ]);
    expect(l.has('bad term!')).toBe(false);
  });

  it('registerLexiconEntries expands queries of the running process at once', () => {
    const ix = new SearchIndex();
    ix.addAll([{ id: 'x', type: 'result', title: '财务票据自动录入机器人', body: '自动识别发票并录入财务系统。' }]);
    expect(ix.search('神器').total).toBe(0);
    expect(analyzeQuery('神器', { expand: true }).map((t) => t.term)).toEqual(['神器']);
    registerLexiconEntries([{ kind: 'synonym', terms: ['神器', '机器人'] }]);
    expect(analyzeQuery('神器', { expand: true }).map((t) => t.term)).toContain('机器人');
    expect(ix.search('神器').hits.map((h) => h.id)).toEqual(['x']);
  });

  it('removes keyed entries and rebuilds: the built-in relations of the same terms stay', () => {
    const l = new Lexicon('test');
    l.add([{ kind: 'synonym', terms: ['光伏', '太阳能发电'] }]);
    l.add([{ kind: 'synonym', terms: ['光伏', 'pv'] }], 'row-1');
    l.add([{ kind: 'narrower', term: '光伏', narrower: ['钙钛矿'] }], 'row-2');
    expect(l.size).toBe(3);
    expect(l.expansions('光伏').map((e) => e.term)).toEqual(['太阳能发电', 'pv', '钙钛矿']);
    expect(l.remove('row-1')).toBe(true);
    expect(l.remove('row-1')).toBe(false);
    expect(l.expansions('光伏').map((e) => e.term)).toEqual(['太阳能发电', '钙钛矿']);
    expect(l.expansions('pv')).toEqual([]);
    expect(l.has('pv')).toBe(false);
    expect(l.size).toBe(2);
    // adding under a key already present replaces what it held
    l.add([{ kind: 'narrower', term: '光伏', narrower: ['异质结'] }], 'row-2');
    expect(l.expansions('光伏').map((e) => e.term)).toEqual(['太阳能发电', '异质结']);
    expect(l.keys()).toEqual(['row-2']);
  });

  it('replaceKeyed swaps every keyed entry at once (what another app server does on a version change)', () => {
    const l = new Lexicon('test');
    l.add([{ kind: 'synonym', terms: ['芯片', '集成电路'] }]);
    l.add([{ kind: 'synonym', terms: ['芯片', 'ic'] }], 'a');
    l.replaceKeyed([
      ['b', { kind: 'synonym', terms: ['芯片', '半导体芯片'] }],
      ['c', { kind: 'narrower', term: '芯片', narrower: ['存储芯片'] }],
    ]);
    expect(l.expansions('芯片').map((e) => e.term)).toEqual(['集成电路', '半导体芯片', '存储芯片']);
    expect(l.keys().sort()).toEqual(['b', 'c']);
    l.replaceKeyed([]);
    expect(l.expansions('芯片').map((e) => e.term)).toEqual(['集成电路']);
    expect(l.size).toBe(1);
  });

  it('unregisterLexiconEntries stops a registered entry from expanding queries of the running process', () => {
    const ix = new SearchIndex();
    ix.addAll([{ id: 'y', type: 'result', title: '智能仓储穿梭车调度系统', body: '提升仓库吞吐。' }]);
    expect(ix.search('利器').total).toBe(0);
    registerLexiconEntries([{ kind: 'synonym', terms: ['利器', '穿梭'] }], 'k1');
    expect(ix.search('利器').hits.map((h) => h.id)).toEqual(['y']);
    expect(unregisterLexiconEntries('k1')).toBe(true);
    expect(ix.search('利器').total).toBe(0);
  });
});
