/** The light portal pages' own copies of shared data and the pager's page list. */
import { describe, expect, it } from 'vitest';
import { PROVINCES } from '../../common/region.ts';
import { PROVINCE_OPTIONS } from './provinceOptions.ts';
import { pagerItems } from './PlainParts.tsx';

describe('the light pages’ province list', () => {
  it('is the province list of common/region.ts, in its order', () => {
    expect(PROVINCE_OPTIONS).toEqual(PROVINCES);
  });
});

describe('pagerItems', () => {
  it('lists every page when there are few', () => {
    expect(pagerItems(1, 1)).toEqual([1]);
    expect(pagerItems(3, 5)).toEqual([1, 2, 3, 4, 5]);
  });
  it('keeps the first, the last and two either side of the current page, with one gap mark per gap', () => {
    expect(pagerItems(1, 20)).toEqual([1, 2, 3, 0, 20]);
    expect(pagerItems(10, 20)).toEqual([1, 0, 8, 9, 10, 11, 12, 0, 20]);
    expect(pagerItems(20, 20)).toEqual([1, 0, 18, 19, 20]);
    expect(pagerItems(4, 20)).toEqual([1, 2, 3, 4, 5, 6, 0, 20]);
  });
});
