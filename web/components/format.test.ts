/** Dates in the UI language: 年月日 in Chinese, month names in English (issue 16: the EN switch translates dates). */
import { afterEach, describe, expect, it } from 'vitest';
import { setApiLocale } from '../api/client.ts';
import { deptLabel, fmtDate, fmtDateRange, fmtDateTime, fmtMonth, fmtMonthDay } from './format.ts';

afterEach(() => setApiLocale('zh-CN'));

describe('dates in Chinese', () => {
  it('writes 年月日, Beijing time for instants', () => {
    expect(fmtDate('2020-09-15')).toBe('2020年9月15日');
    expect(fmtDate('2020-09-15T16:30:00Z')).toBe('2020年9月16日');
    expect(fmtDateTime('2020-09-15T01:05:00Z')).toBe('2020年9月15日 09:05');
    expect(fmtMonthDay('2020-09-15')).toBe('9月15日');
    expect(fmtMonth(9)).toBe('9月');
    expect(deptLabel('MIIT')).toBe('工业和信息化部');
    expect(fmtDate(null)).toBe('—');
    expect(fmtDate('not a date')).toBe('not a date');
  });

  it('writes a theme day’s range compactly', () => {
    expect(fmtDateRange('2020-09-15', '2020-09-15')).toBe('2020年9月15日');
    expect(fmtDateRange('2020-09-15', '2020-09-16')).toBe('2020年9月15日—16日');
    expect(fmtDateRange('2020-09-30', '2020-10-02')).toBe('2020年9月30日—10月2日');
    expect(fmtDateRange('2020-12-31', '2021-01-01')).toBe('2020年12月31日—2021年1月1日');
    expect(fmtDateRange('2020-09-15', '2020-09-16', { withYear: false })).toBe('9月15日—16日');
  });
});

describe('dates in English', () => {
  it('follows the language the i18n layer set, with no 年月日', () => {
    setApiLocale('en-US');
    expect(fmtDate('2020-09-15')).toBe('Sep 15, 2020');
    expect(fmtDateTime('2020-09-15T01:05:00Z')).toBe('Sep 15, 2020 09:05');
    expect(fmtMonthDay('2020-11-03')).toBe('Nov 3');
    expect(fmtMonth(1)).toBe('January');
    expect(fmtMonth(12)).toBe('December');
    expect(fmtDateRange('2020-09-15', '2020-09-16')).toBe('Sep 15–16, 2020');
    expect(fmtDateRange('2020-09-30', '2020-10-02')).toBe('Sep 30 – Oct 2, 2020');
    expect(fmtDateRange('2020-12-31', '2021-01-01')).toBe('Dec 31, 2020 – Jan 1, 2021');
    expect(fmtDateRange('2020-09-15', '2020-09-16', { withYear: false })).toBe('Sep 15–16');
    expect(deptLabel('MIIT')).toBe('MIIT');
    for (const s of [fmtDate('2020-02-29'), fmtDateTime('2020-12-31T23:59:00Z'), fmtMonth(5)])
      expect(s).not.toMatch(/[年月日]/);
  });

  it('takes an explicit language over the current one', () => {
    expect(fmtDate('2020-09-15', 'en')).toBe('Sep 15, 2020');
    setApiLocale('en-US');
    expect(fmtDate('2020-09-15', 'zh')).toBe('2020年9月15日');
  });
});
