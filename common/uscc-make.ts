/**
 * Makes structurally valid 统一社会信用代码 (GB 32100-2015) for demo data and tests: registration
 * authority 9 (工商), type 1 (enterprise), a region code, an all-digit organisation code with its
 * GB 11714 check, and the GB 32100 check character. Deterministic for a number.
 */
import { isValidOrgCode, usccCheckChar } from './uscc.ts';

export function makeUscc(n: number, region = '110108'): string {
  const body8 = String(Math.abs(Math.trunc(n)) % 1e8).padStart(8, '0');
  // The GB 11714 check digit is the one of 0–9/X that makes the organisation code valid.
  const orgCheck = [...'0123456789X'].find((c) => isValidOrgCode(body8 + c));
  if (!orgCheck) throw new Error(`no organisation-code check character for ${body8}`);
  const first17 = `91${region}${body8}${orgCheck}`;
  return first17 + usccCheckChar(first17);
}
