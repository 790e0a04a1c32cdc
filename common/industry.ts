/**
 * GB/T 4754-2017 国民经济行业分类 (industrial classification for national economic activities).
 *
 * Enterprises on the platform carry an industry (MISSION: "Enterprises have … an industry (GB/T 4754-2017)"),
 * which also decides which row of the 大中小微 size table applies (enterprise-size.ts). We ship the two top
 * levels: 20 门类 (sections, letters A–T) and 97 大类 (divisions, 2-digit codes). Deeper codes
 * (中类 3 digits, 小类 4 digits, optionally prefixed by their section letter, e.g. "I6510") are parsed
 * to their division. Data: data/gbt4754_2017_divisions.json (see data/SOURCES.md).
 */
import data from './data/gbt4754_2017_divisions.json' with { type: 'json' };

/** A 门类 (section): a letter A–T. */
export interface IndustrySection {
  code: string;
  name: string;
}

/** A 大类 (division): a 2-digit code within a section. */
export interface IndustryDivision {
  code: string;
  name: string;
  section: string;
}

/** The 20 门类 of GB/T 4754-2017, in standard order. */
export const INDUSTRY_SECTIONS: readonly IndustrySection[] = data.sections.map((s) => ({ code: s.code, name: s.name }));

/** The 97 大类 of GB/T 4754-2017, in standard order. */
export const INDUSTRY_DIVISIONS: readonly IndustryDivision[] = data.divisions.map((d) => ({
  code: d.code,
  name: d.name,
  section: d.section,
}));

const sectionByCode = new Map(INDUSTRY_SECTIONS.map((s) => [s.code, s]));
const divisionByCode = new Map(INDUSTRY_DIVISIONS.map((d) => [d.code, d]));

/** A parsed industry code: its section, and its division and full digits when more than a section was given. */
export interface ParsedIndustryCode {
  section: string;
  /** 2-digit division code, absent when only a section letter was given. */
  division?: string;
  /** All digits given (2 = 大类, 3 = 中类, 4 = 小类), absent for a bare section. */
  digits?: string;
}

/**
 * Parses 'C', '65', 'I65', '651', 'I6510' (case-insensitive, whitespace ignored). Returns undefined when
 * the code is malformed, its division does not exist, or its letter contradicts its digits ('C65').
 * Only the 2-digit division is checked against the standard; 3/4-digit tails are not (we do not ship them).
 */
export function parseIndustryCode(code: string): ParsedIndustryCode | undefined {
  const c = (code ?? '').replace(/\s+/g, '').toUpperCase();
  const m = /^([A-T])?(\d{2,4})?$/.exec(c);
  if (!m || c === '') return undefined;
  const letter = m[1];
  const digits = m[2];
  if (digits === undefined) {
    return letter !== undefined && sectionByCode.has(letter) ? { section: letter } : undefined;
  }
  const division = divisionByCode.get(digits.slice(0, 2));
  if (!division) return undefined;
  if (letter !== undefined && letter !== division.section) return undefined;
  return { section: division.section, division: division.code, digits };
}

/**
 * Name of a section or division code ('C' → 制造业, '65' or 'I65' → 软件和信息技术服务业); for 3/4-digit codes
 * the name of their division. Undefined for unknown codes.
 */
export function industryName(code: string): string | undefined {
  const p = parseIndustryCode(code);
  if (!p) return undefined;
  return p.division !== undefined ? divisionByCode.get(p.division)?.name : sectionByCode.get(p.section)?.name;
}

/** True for an existing 2-digit 大类 code ('65'; 'I65' with the right section letter is accepted too). */
export function isIndustryDivision(code: string): boolean {
  const p = parseIndustryCode(code);
  return p !== undefined && p.digits !== undefined && p.digits.length === 2;
}

/** True for an existing 门类 letter ('A'…'T'). */
export function isIndustrySection(code: string): boolean {
  const p = parseIndustryCode(code);
  return p !== undefined && p.division === undefined;
}

/** The section letter a division (or deeper code) belongs to: '65' → 'I'. */
export function sectionOf(code: string): string | undefined {
  return parseIndustryCode(code)?.section;
}

/** Divisions of one section, in order. */
export function divisionsOf(section: string): IndustryDivision[] {
  return INDUSTRY_DIVISIONS.filter((d) => d.section === section.toUpperCase());
}

/** Options for an antd Cascader/TreeSelect: sections → divisions; values are 'C' and '65'. */
export interface IndustryOption {
  value: string;
  label: string;
  children?: IndustryOption[];
}

/** Section → division tree for pickers, labels like "C 制造业" / "65 软件和信息技术服务业". */
export const industryTree: readonly IndustryOption[] = INDUSTRY_SECTIONS.map((s) => ({
  value: s.code,
  label: `${s.code} ${s.name}`,
  children: divisionsOf(s.code).map((d) => ({ value: d.code, label: `${d.code} ${d.name}` })),
}));
