/**
 * Makes structurally valid 统一社会信用代码 (GB 32100-2015) for demo data and tests: registration
 * authority 9 (工商), type 1 (enterprise), a region code, an organisation code with its GB 11714 check,
 * and the GB 32100 check character. Deterministic for a number.
 */
const CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const W18 = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const W9 = [3, 7, 9, 10, 5, 8, 4, 2];

export function makeUscc(n: number, region = '110108'): string {
  const body8 = String(Math.abs(Math.trunc(n)) % 1e8).padStart(8, '0');
  const s9 = W9.reduce((acc, w, i) => acc + w * Number(body8[i]), 0);
  const c9 = 11 - (s9 % 11);
  const orgCheck = c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9);
  const first17 = `91${region}${body8}${orgCheck}`;
  const s = [...first17].reduce((acc, ch, i) => acc + CHARS.indexOf(ch) * (W18[i] ?? 0), 0);
  const c = (31 - (s % 31)) % 31;
  return first17 + CHARS[c];
}
