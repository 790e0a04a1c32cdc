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
import { analyzeQuery, tokenize } from './tokenize.ts';

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
