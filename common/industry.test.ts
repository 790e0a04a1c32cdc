import { describe, expect, it } from 'vitest';
import {
  INDUSTRY_DIVISIONS,
  INDUSTRY_SECTIONS,
  divisionsOf,
  industryName,
  industryTree,
  isIndustryDivision,
  isIndustrySection,
  parseIndustryCode,
  sectionOf,
} from './industry.ts';

describe('GB/T 4754-2017 lists', () => {
  it('has 20 sections A–T and 97 divisions 01–97', () => {
    expect(INDUSTRY_SECTIONS).toHaveLength(20);
    expect(INDUSTRY_SECTIONS.map((s) => s.code).join('')).toBe('ABCDEFGHIJKLMNOPQRST');
    expect(INDUSTRY_DIVISIONS).toHaveLength(97);
    expect(new Set(INDUSTRY_DIVISIONS.map((d) => d.code)).size).toBe(97);
    expect(INDUSTRY_DIVISIONS[0]).toEqual({ code: '01', name: '农业', section: 'A' });
    expect(INDUSTRY_DIVISIONS.at(-1)?.code).toBe('97');
  });
  it('has 31 manufacturing divisions (13–43)', () => {
    const c = divisionsOf('C');
    expect(c).toHaveLength(31);
    expect(c[0]?.code).toBe('13');
    expect(c.at(-1)?.code).toBe('43');
  });
  it('builds a picker tree', () => {
    expect(industryTree).toHaveLength(20);
    const i = industryTree.find((s) => s.value === 'I');
    expect(i?.label).toBe('I 信息传输、软件和信息技术服务业');
    expect(i?.children?.map((d) => d.value)).toEqual(['63', '64', '65']);
  });
});

describe('industryName', () => {
  it('names sections and divisions', () => {
    expect(industryName('C')).toBe('制造业');
    expect(industryName('65')).toBe('软件和信息技术服务业');
    expect(industryName('I65')).toBe('软件和信息技术服务业');
    expect(industryName('i6510')).toBe('软件和信息技术服务业');
    expect(industryName('44')).toBe('电力、热力生产和供应业');
    expect(industryName('J')).toBe('金融业');
  });
  it('returns undefined for unknown or inconsistent codes', () => {
    expect(industryName('U')).toBeUndefined();
    expect(industryName('98')).toBeUndefined();
    expect(industryName('00')).toBeUndefined();
    expect(industryName('C65')).toBeUndefined();
    expect(industryName('')).toBeUndefined();
    expect(industryName('65101')).toBeUndefined();
  });
});

describe('isIndustryDivision / isIndustrySection / sectionOf / parseIndustryCode', () => {
  it('recognises divisions', () => {
    expect(isIndustryDivision('65')).toBe(true);
    expect(isIndustryDivision('I65')).toBe(true);
    expect(isIndustryDivision('6')).toBe(false);
    expect(isIndustryDivision('651')).toBe(false);
    expect(isIndustryDivision('I')).toBe(false);
    expect(isIndustryDivision('98')).toBe(false);
  });
  it('recognises sections', () => {
    expect(isIndustrySection('T')).toBe(true);
    expect(isIndustrySection('65')).toBe(false);
  });
  it('finds the section of a code', () => {
    expect(sectionOf('65')).toBe('I');
    expect(sectionOf('7010')).toBe('K');
    expect(sectionOf('36')).toBe('C');
  });
  it('parses deeper codes to their division', () => {
    expect(parseIndustryCode('G591')).toEqual({ section: 'G', division: '59', digits: '591' });
    expect(parseIndustryCode(' k 7010 ')).toEqual({ section: 'K', division: '70', digits: '7010' });
    expect(parseIndustryCode('F')).toEqual({ section: 'F' });
  });
});
