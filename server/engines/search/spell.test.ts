import { describe, expect, it } from 'vitest';
import { fuzzySyllable, pinyinOf, Speller, withinOneEdit } from './spell.ts';

describe('pinyin and edit distance helpers', () => {
  it('gives toneless pinyin per character', () => {
    expect(pinyinOf('碳纤维')).toEqual(['tan', 'xian', 'wei']);
    expect(pinyinOf('碳纤为')).toEqual(pinyinOf('碳纤维'));
    expect(pinyinOf('新能原汽车').join(' ')).toBe(pinyinOf('新能源汽车').join(' '));
  });

  it('folds the accent confusions (zh/z, ch/c, sh/s, ng/n, l/n)', () => {
    expect(fuzzySyllable('zhi')).toBe('zi');
    expect(fuzzySyllable('cheng')).toBe('cen');
    expect(fuzzySyllable('shan')).toBe('san');
    expect(fuzzySyllable('ling')).toBe('nin');
    expect(fuzzySyllable('wei')).toBe('wei');
  });

  it('tells a Damerau–Levenshtein distance of at most one', () => {
    expect(withinOneEdit('碳化硅', '碳化娃')).toBe(true); // substitution
    expect(withinOneEdit('集成电路', '集电成路')).toBe(true); // transposition
    expect(withinOneEdit('集成电', '集成电路')).toBe(true); // missing character
    expect(withinOneEdit('碳化硅器件', '碳化硅')).toBe(false);
    expect(withinOneEdit('储能', '氢能源')).toBe(false);
  });
});

describe('Speller (against a vocabulary with document frequencies)', () => {
  const df: Record<string, number> = {
    碳纤维: 12,
    人工智能: 30,
    集成电路: 9,
    碳化硅: 5,
    碳化钙: 1,
    新能源汽车: 20,
    卫星: 3,
  };
  const make = () =>
    new Speller(
      () => Object.keys(df),
      (t) => df[t] ?? 0,
    );

  it('suggests by exact pinyin first', () => {
    expect(make().suggest('碳纤为')).toEqual({ term: '碳纤维', kind: 'pinyin', df: 12 });
    expect(make().suggest('人工只能')?.term).toBe('人工智能');
    expect(make().suggest('集成电陆')?.term).toBe('集成电路');
  });

  it('then by fuzzy pinyin, then by one edit, picking the most used word', () => {
    expect(make().suggest('人工资能')).toMatchObject({ term: '人工智能', kind: 'fuzzy-pinyin' });
    // 碳化娃: one character off; 碳化硅 (df 5) beats 碳化钙 (df 1)
    expect(make().suggest('碳化娃')).toMatchObject({ term: '碳化硅', kind: 'edit' });
    expect(make().suggest('碳化娃', ['pinyin'])).toBeUndefined();
  });

  it('never suggests the word itself, a word no document uses any more, or for non-Chinese input', () => {
    const s = make();
    expect(s.suggest('碳纤维')).toBeUndefined();
    df['集成电路'] = 0;
    expect(s.suggest('集成电陆')).toBeUndefined();
    df['集成电路'] = 9;
    expect(s.suggest('plc')).toBeUndefined();
    expect(s.suggest('危星')?.term).toBe('卫星'); // two characters: pinyin only
    expect(s.suggest('卫心')?.term).toBe('卫星'); // xin for xing: 前后鼻音
    expect(s.suggest('卫地')).toBeUndefined(); // no edit distance on two characters
  });

  it('follows vocabulary added after it was built', () => {
    const s = make();
    s.warm();
    expect(s.suggest('钙钛旷')).toBeUndefined();
    df['钙钛矿'] = 4;
    s.add('钙钛矿');
    expect(s.suggest('钙钛旷')?.term).toBe('钙钛矿');
  });
});
