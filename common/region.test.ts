import { describe, expect, it } from 'vitest';
import {
  PROVINCES,
  findRegion,
  isRegionCode,
  isWithinRegion,
  provinceOf,
  regionName,
  regionPath,
  regionTree,
  type RegionOption,
} from './region.ts';

describe('regionName', () => {
  it('gives the full path for a county', () => {
    expect(regionName('320102')).toBe('江苏省 南京市 玄武区');
    expect(regionName('350211')).toBe('福建省 厦门市 集美区');
    expect(regionName('440305')).toBe('广东省 深圳市 南山区');
  });
  it('names provinces and prefectures', () => {
    expect(regionName('320000')).toBe('江苏省');
    expect(regionName('320100')).toBe('江苏省 南京市');
  });
  it('leaves out the pseudo-prefectures of municipalities and province-administered counties', () => {
    expect(regionName('110101')).toBe('北京市 东城区');
    expect(regionName('500101')).toBe('重庆市 万州区');
    expect(regionName('419001')).toBe('河南省 济源市');
    expect(regionName('110100')).toBe('北京市');
  });
  it('shows a prefecture without counties once', () => {
    expect(regionName('441900')).toBe('广东省 东莞市');
    expect(regionName('620201')).toBe('甘肃省 嘉峪关市');
    expect(regionName('620200')).toBe('甘肃省 嘉峪关市');
  });
  it('knows Hong Kong, Macao and Taiwan', () => {
    expect(regionName('810000')).toBe('香港特别行政区');
    expect(regionName('820000')).toBe('澳门特别行政区');
    expect(regionName('710000')).toBe('台湾省');
  });
  it('returns undefined for unknown or malformed codes', () => {
    expect(regionName('999999')).toBeUndefined();
    expect(regionName('3201')).toBeUndefined();
    expect(regionName('32010a')).toBeUndefined();
    expect(regionName('320199')).toBeUndefined();
  });
});

describe('isRegionCode / findRegion', () => {
  it('accepts codes at the three levels', () => {
    expect(isRegionCode('110000')).toBe(true);
    expect(isRegionCode('340600')).toBe(true);
    expect(isRegionCode('340621')).toBe(true);
    expect(findRegion('340621')).toEqual({ code: '340621', name: '濉溪县', level: 'county' });
    expect(findRegion('110100')).toMatchObject({ level: 'city', pseudo: true });
  });
  it('rejects everything else', () => {
    expect(isRegionCode('000000')).toBe(false);
    expect(isRegionCode('11')).toBe(false);
    expect(isRegionCode('1101010')).toBe(false);
    expect(isRegionCode(undefined as unknown as string)).toBe(false);
  });
});

describe('provinceOf / isWithinRegion', () => {
  it('finds the province', () => {
    expect(provinceOf('320102')).toEqual({ code: '320000', name: '江苏省' });
    expect(provinceOf('110101')).toEqual({ code: '110000', name: '北京市' });
    expect(provinceOf('650000')).toEqual({ code: '650000', name: '新疆维吾尔自治区' });
    expect(provinceOf('999999')).toBeUndefined();
  });
  it('tells whether a region lies within another', () => {
    expect(isWithinRegion('320102', '320000')).toBe(true);
    expect(isWithinRegion('320102', '320100')).toBe(true);
    expect(isWithinRegion('320102', '320102')).toBe(true);
    expect(isWithinRegion('320102', '330000')).toBe(false);
    expect(isWithinRegion('320205', '320100')).toBe(false);
  });
});

describe('regionTree / regionPath', () => {
  const find = (opts: readonly RegionOption[] | undefined, value: string) => opts?.find((o) => o.value === value);

  it('has the 34 province-level regions', () => {
    expect(PROVINCES).toHaveLength(34);
    expect(regionTree).toHaveLength(34);
    expect(regionTree[0]).toMatchObject({ value: '110000', label: '北京市' });
  });
  it('nests province → city → county with 6-digit values', () => {
    const js = find(regionTree, '320000');
    const nj = find(js?.children, '320100');
    expect(nj?.label).toBe('南京市');
    expect(find(nj?.children, '320102')).toEqual({ value: '320102', label: '玄武区' });
  });
  it('puts municipal districts directly under the municipality', () => {
    const bj = find(regionTree, '110000');
    expect(find(bj?.children, '110101')).toEqual({ value: '110101', label: '东城区' });
    expect(find(bj?.children, '110100')).toBeUndefined();
    const cq = find(regionTree, '500000');
    expect(find(cq?.children, '500101')?.label).toBe('万州区');
    expect(find(cq?.children, '500229')?.label).toBe('城口县');
  });
  it('makes prefectures without counties leaves', () => {
    const gd = find(regionTree, '440000');
    expect(find(gd?.children, '441900')).toEqual({ value: '441900', label: '东莞市' });
    const gs = find(regionTree, '620000');
    expect(find(gs?.children, '620201')).toEqual({ value: '620201', label: '嘉峪关市' });
  });
  it('HK/MO/TW are leaves', () => {
    expect(find(regionTree, '810000')).toEqual({ value: '810000', label: '香港特别行政区' });
  });
  it('regionPath follows the tree', () => {
    const walk = (path: string[]) => {
      let opts: readonly RegionOption[] | undefined = regionTree;
      let node: RegionOption | undefined;
      for (const v of path) {
        node = find(opts, v);
        opts = node?.children;
      }
      return node;
    };
    for (const code of ['320102', '110101', '419001', '441900', '620201', '320100', '320000', '810000']) {
      const path = regionPath(code);
      expect(path.length, code).toBeGreaterThan(0);
      expect(walk(path)?.value, code).toBe(path.at(-1));
    }
    expect(regionPath('320102')).toEqual(['320000', '320100', '320102']);
    expect(regionPath('110101')).toEqual(['110000', '110101']);
    expect(regionPath('999999')).toEqual([]);
  });
  it('every tree value is a region code', () => {
    let count = 0;
    const visit = (opts: readonly RegionOption[]) => {
      for (const o of opts) {
        count++;
        expect(isRegionCode(o.value), o.value).toBe(true);
        if (o.children) visit(o.children);
      }
    };
    visit(regionTree);
    expect(count).toBeGreaterThan(3000);
  });
});
