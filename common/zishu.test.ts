import { describe, expect, it } from 'vitest';
import { countZishu, zishuBreakdown } from './zishu.ts';

describe('countZishu', () => {
  it('counts each Chinese character and each Chinese punctuation mark', () => {
    // 承办主题日的示范基地 = 10 characters, ，= 1, 聚焦一个专业领域 = 8, 。= 1
    expect(zishuBreakdown('承办主题日的示范基地，聚焦一个专业领域。')).toEqual({
      cjk: 18,
      punctuation: 2,
      latinWords: 0,
      total: 20,
    });
  });

  it('counts a sentence of the notice with quotes and a bracketed document number', () => {
    const s = '按照《关于做好新冠肺炎疫情常态化防控工作的指导意见》（国发明电〔2020〕14号）';
    // Han: 关于做好新冠肺炎疫情常态化防控工作的指导意见 (22) + 按照 (2) + 国发明电 (4) + 号 (1) = 29
    // Punctuation: 《 》 （ 〔 〕 ） = 6; numbers: 2020, 14 = 2
    expect(zishuBreakdown(s)).toEqual({ cjk: 29, punctuation: 6, latinWords: 2, total: 37 });
  });

  it('counts Latin words and numbers once each, touching Chinese or not', () => {
    expect(zishuBreakdown('推动5G基站和AI应用落地')).toEqual({ cjk: 9, punctuation: 0, latinWords: 2, total: 11 });
    expect(countZishu('共开放100个实验室，发布296项新技术')).toBe(3 + 1 + 4 + 1 + 2 + 1 + 4);
    expect(countZishu('Integrated Innovation Theme Day')).toBe(4);
  });

  it('keeps hyphenated words, decimals, thousands, times and dates as one word', () => {
    expect(countZishu('COVID-19')).toBe(1);
    expect(countZishu('增长3.5个百分点')).toBe(2 + 1 + 4);
    expect(countZishu('1,000')).toBe(1);
    expect(countZishu('9:30开幕')).toBe(1 + 2);
    expect(countZishu('2020-06-30')).toBe(1);
    expect(countZishu("Xi'an")).toBe(1);
    expect(countZishu('www.ndrc.gov.cn')).toBe(1);
    expect(countZishu('B2B')).toBe(1);
  });

  it('does not count whitespace or ASCII punctuation, nor connectors at a word edge', () => {
    expect(countZishu('  \n\t\u3000 ')).toBe(0);
    expect(countZishu('!!! ... -- ,;')).toBe(0);
    expect(countZishu('AI, 5G; cloud.')).toBe(3);
    expect(countZishu('-19')).toBe(1);
    expect(countZishu('30%')).toBe(1);
    expect(countZishu('1, 2')).toBe(2); // a comma followed by a space separates two numbers
  });

  it('counts full-width and typographic Chinese punctuation', () => {
    expect(zishuBreakdown('“融通创新”主题日……')).toEqual({ cjk: 7, punctuation: 4, latinWords: 0, total: 11 });
    expect(countZishu('（一）明确组织机构。')).toBe(10);
    expect(countZishu('【重要】')).toBe(4);
    expect(countZishu('马克思·恩格斯')).toBe(6 + 1);
    expect(countZishu('——')).toBe(2);
  });

  it('counts full-width letters and digits one each, like Word', () => {
    expect(zishuBreakdown('２０２０')).toEqual({ cjk: 4, punctuation: 0, latinWords: 0, total: 4 });
  });

  it('counts extension A and compatibility ideographs', () => {
    expect(countZishu('\u3400\u4DB5')).toBe(2); // Extension A
    expect(countZishu('\uF900\uFA0E')).toBe(2); // compatibility ideographs
    expect(countZishu('\u{20000}')).toBe(1); // Extension B (a surrogate pair counts once)
    expect(countZishu('〇')).toBe(1);
  });

  it('counts a realistic plan paragraph', () => {
    const p =
      '本次主题日聚焦5G+工业互联网领域，联合3家高校和科研院所，开放12个实验室；' +
      '发布新技术目录和创新需求清单，组织不少于20个项目开展路演。';
    const b = zishuBreakdown(p);
    // words: 5G, 3, 12, 20 (the + is ASCII and not a connector)
    expect(b.latinWords).toBe(4);
    // punctuation: ，，；，。
    expect(b.punctuation).toBe(5);
    expect(b.total).toBe(b.cjk + b.punctuation + b.latinWords);
    expect(b.cjk).toBe(Array.from(p).filter((c) => /\p{Script=Han}/u.test(c)).length);
  });

  it('handles empty input', () => {
    expect(countZishu('')).toBe(0);
  });
});
