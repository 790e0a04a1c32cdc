import { describe, expect, it } from 'vitest';
import table from './data/enterprise_size_2017.json' with { type: 'json' };
import { SIZE_TABLE, classifyEnterpriseSize, sizeRowForIndustry } from './enterprise-size.ts';
import { INDUSTRY_DIVISIONS } from './industry.ts';

const rowKey = (industry: string) => {
  const r = sizeRowForIndustry(industry);
  return r.kind === 'row' ? r.row.key : r.kind;
};

describe('worked examples of the 2017 table', () => {
  for (const ex of table.worked_examples) {
    it(`${ex.industry} X=${ex.X} Y=${'Y' in ex ? ex.Y : '-'} Z=${'Z' in ex ? ex.Z : '-'} → ${ex.expected}`, () => {
      const r = classifyEnterpriseSize({
        industry: ex.industry,
        employees: ex.X,
        revenueWan: 'Y' in ex ? ex.Y : undefined,
        assetsWan: 'Z' in ex ? ex.Z : undefined,
      });
      expect(r.label).toBe(ex.expected);
    });
  }

  it('the real case: software firm, 103 staff, 15735.28万元 → 中型, by division code too', () => {
    for (const industry of ['65', 'I65', 'I6510', 'software_it', '软件和信息技术服务业']) {
      const r = classifyEnterpriseSize({ industry, employees: 103, revenueWan: 15735.28 });
      expect(r.size).toBe('medium');
      expect(r.label).toBe('中型');
    }
    const r = classifyEnterpriseSize({ industry: '65', employees: 103, revenueWan: 15735.28 });
    expect(r.basis).toBe(
      '软件和信息技术服务业：从业人员103人（中型），营业收入15735.28万元（大型），须同时满足各项指标下限，取较小档为中型',
    );
  });
});

describe('classification rule', () => {
  it('lower bounds are inclusive', () => {
    const c = (employees: number, revenueWan: number) =>
      classifyEnterpriseSize({ industry: 'C', employees, revenueWan }).size;
    expect(c(1000, 40000)).toBe('large');
    expect(c(999, 40000)).toBe('medium');
    expect(c(300, 2000)).toBe('medium');
    expect(c(299, 2000)).toBe('small');
    expect(c(20, 300)).toBe('small');
    expect(c(19, 300000)).toBe('micro');
    expect(c(0, 0)).toBe('micro');
  });

  it('large and medium need every indicator; micro needs only one', () => {
    // 建筑业 by revenue and assets
    expect(classifyEnterpriseSize({ industry: '48', revenueWan: 90000, assetsWan: 90000 }).size).toBe('large');
    expect(classifyEnterpriseSize({ industry: '48', revenueWan: 90000, assetsWan: 6000 }).size).toBe('medium');
    expect(classifyEnterpriseSize({ industry: '48', revenueWan: 90000, assetsWan: 200 }).size).toBe('micro');
  });

  it('ignores indicators the row does not list', () => {
    // 农林牧渔业 uses only revenue
    const r = classifyEnterpriseSize({ industry: '01', employees: 5000, revenueWan: 600, assetsWan: 1 });
    expect(r.size).toBe('medium');
    expect(r.indicators.map((i) => i.key)).toEqual(['Y']);
    // 其他未列明行业 uses only employees
    expect(classifyEnterpriseSize({ industry: 'M', employees: 300, revenueWan: 1 }).size).toBe('large');
  });

  it('decides micro on one indicator even when another is missing', () => {
    const r = classifyEnterpriseSize({ industry: 'C', employees: 8 });
    expect(r.size).toBe('micro');
    expect(r.basis).toContain('微型企业只须满足一项指标');
  });

  it('is undetermined when a needed indicator is missing', () => {
    const r = classifyEnterpriseSize({ industry: 'C', employees: 500 });
    expect(r.size).toBeNull();
    expect(r.size === null && r.reasonCode).toBe('indicator_missing');
    expect(r.basis).toBe('工业按从业人员和营业收入划型，请填写营业收入');
  });

  it('rejects negative or non-finite values', () => {
    const r = classifyEnterpriseSize({ industry: 'C', employees: -1, revenueWan: 100 });
    expect(r.size === null && r.reasonCode).toBe('indicator_invalid');
    expect(classifyEnterpriseSize({ industry: 'C', employees: Number.NaN, revenueWan: 100 }).size).toBeNull();
  });

  it('is undetermined for industries outside the table, split ones and unknown codes', () => {
    const reason = (industry: string) => {
      const r = classifyEnterpriseSize({ industry, employees: 50, revenueWan: 500, assetsWan: 500 });
      return r.size === null ? r.reasonCode : r.size;
    };
    expect(reason('J')).toBe('industry_not_covered');
    expect(reason('66')).toBe('industry_not_covered');
    expect(reason('53')).toBe('industry_not_covered');
    expect(reason('83')).toBe('industry_not_covered');
    expect(reason('84')).toBe('industry_not_covered');
    expect(reason('7040')).toBe('industry_not_covered');
    expect(reason('F')).toBe('industry_ambiguous');
    expect(reason('59')).toBe('industry_ambiguous');
    expect(reason('70')).toBe('industry_ambiguous');
    expect(reason('ZZ')).toBe('industry_unknown');
    expect(reason('98')).toBe('industry_unknown');
  });
});

describe('GB/T 4754 → table row mapping', () => {
  it('has 16 rows with the table thresholds', () => {
    expect(SIZE_TABLE).toHaveLength(16);
    expect(SIZE_TABLE.map((r) => r.name)).toContain('工业');
  });

  it('maps divisions to rows as the table scope says', () => {
    expect(rowKey('03')).toBe('agriculture');
    expect(rowKey('06')).toBe('industry');
    expect(rowKey('39')).toBe('industry');
    expect(rowKey('44')).toBe('industry');
    expect(rowKey('47')).toBe('construction');
    expect(rowKey('51')).toBe('wholesale');
    expect(rowKey('52')).toBe('retail');
    expect(rowKey('54')).toBe('transport');
    expect(rowKey('58')).toBe('transport');
    expect(rowKey('591')).toBe('transport');
    expect(rowKey('5920')).toBe('warehousing');
    expect(rowKey('60')).toBe('postal');
    expect(rowKey('61')).toBe('accommodation');
    expect(rowKey('62')).toBe('catering');
    expect(rowKey('63')).toBe('information_transmission');
    expect(rowKey('64')).toBe('information_transmission');
    expect(rowKey('65')).toBe('software_it');
    expect(rowKey('K7010')).toBe('real_estate_development');
    expect(rowKey('702')).toBe('property_management');
    expect(rowKey('703')).toBe('other');
    expect(rowKey('709')).toBe('other');
    expect(rowKey('71')).toBe('leasing_business');
    expect(rowKey('72')).toBe('leasing_business');
    expect(rowKey('73')).toBe('other');
    expect(rowKey('78')).toBe('other');
    expect(rowKey('81')).toBe('other');
    expect(rowKey('85')).toBe('other');
    expect(rowKey('88')).toBe('other');
    expect(rowKey('92')).toBe('not_covered');
    expect(rowKey('97')).toBe('not_covered');
  });

  it('every division gets a definite answer (row, not covered, or needs a 3-digit code)', () => {
    for (const d of INDUSTRY_DIVISIONS) {
      expect(['row', 'not_covered', 'ambiguous'], d.code).toContain(sizeRowForIndustry(d.code).kind);
    }
    const ambiguousDivisions = INDUSTRY_DIVISIONS.filter((d) => sizeRowForIndustry(d.code).kind === 'ambiguous');
    expect(ambiguousDivisions.map((d) => d.code)).toEqual(['59', '70']);
  });

  it('maps each row back from its scope column', () => {
    const scopeSamples: Record<string, string> = {
      agriculture: 'A',
      industry: 'B',
      construction: 'E',
      wholesale: 'F51',
      retail: 'F52',
      transport: 'G56',
      warehousing: 'G595',
      postal: 'G60',
      accommodation: 'H61',
      catering: 'H62',
      information_transmission: 'I63',
      software_it: 'I65',
      real_estate_development: 'K7010',
      property_management: 'K702',
      leasing_business: 'L71',
      other: 'Q85',
    };
    for (const r of SIZE_TABLE) expect(rowKey(scopeSamples[r.key] as string), r.key).toBe(r.key);
  });
});
