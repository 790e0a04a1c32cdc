/**
 * 统一社会信用代码 (Unified Social Credit Code, GB 32100-2015) validation.
 *
 * Every organisation on the platform is identified by this code (MISSION: "An organisation is identified
 * by its 统一社会信用代码 … with check character"). Layout of the 18 characters:
 *
 * | pos   | meaning                                   | rule here                                      |
 * |-------|-------------------------------------------|------------------------------------------------|
 * | 1     | 登记管理部门代码 registration authority     | one of REGISTRATION_AUTHORITIES                |
 * | 2     | 机构类别代码 organisation type              | one of that authority's types                  |
 * | 3–8   | 登记管理机关行政区划码 (GB/T 2260)          | six digits, a known province-level prefix      |
 * | 9–17  | 主体标识码 = 组织机构代码 (GB 11714)        | 8 body chars + GB 11714 check (0–9 or X)       |
 * | 18    | 校验码                                     | GB 32100 check, weights 3^(i−1) mod 31         |
 *
 * The alphabet is 0–9 A–H J–N P–R T–U W–Y (31 characters: no I, O, S, V, Z); a character's value is its
 * index in that alphabet.
 *
 * Three outcomes:
 * - `valid`: every check passes.
 * - `invalid`: the code cannot be a code: wrong length or alphabet, non-numeric region, a failing GB 11714
 *   organisation-code check, or a failing GB 32100 check character (outside the pilot case below).
 * - `needs_manual_verification`: the platform must not hard-block it, but a person should look:
 *   1. **Pilot-era codes.** Before GB 32100-2015 was applied uniformly, the early pilot areas (Fujian:
 *      Fuzhou, Xiamen) issued real codes whose 18th character does not match the standard check, e.g.
 *      91350211M0000XUF46 (厦门云上晴空航空科技有限公司). What sets them apart from a mistyped code is
 *      the 主体标识码: it comes from the "M0" block the registration authorities allocated themselves
 *      during the pilot (from the national roll-out on, registration authorities allocate from the "MA…"
 *      blocks; legacy organisations keep their numeric GB 11714 code, for which the standard check is
 *      always right). So: every structural check passes, the GB 11714 check on positions 9–17 passes,
 *      positions 9–10 are "M0", and only the 18th character is off. A mistyped 18th character of such a
 *      code is routed to manual review too; that is the price of not rejecting real organisations.
 *   2. **Checks we may not know all values of.** When the GB 32100 check character is right (a 1-in-31
 *      chance for a random string) but the authority/type pair or the province prefix is not in our
 *      tables, we trust the arithmetic over our tables and ask for a manual look rather than rejecting.
 */

/** The 31-character GB 32100 alphabet; a character's value is its index. */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100 weights for positions 1–17: 3^(i−1) mod 31. */
export const USCC_WEIGHTS: readonly number[] = Array.from({ length: 17 }, (_, i) => {
  let w = 1;
  for (let k = 0; k < i; k++) w = (w * 3) % 31;
  return w;
});

/** GB 11714 weights for the 8 body characters of an organisation code. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * 登记管理部门代码 (pos 1) → 机构类别代码 (pos 2) → name, per GB 32100-2015 and its later additions
 * (A: 中央军委改革和编制办公室, N: 农业农村 collective economic organisations).
 */
export const REGISTRATION_AUTHORITIES: Readonly<
  Record<string, { name: string; types: Readonly<Record<string, string>> }>
> = {
  '1': {
    name: '机构编制',
    types: { '1': '机关', '2': '事业单位', '3': '中央编办直接管理机构编制的群众团体', '9': '其他' },
  },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    types: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': {
    name: '旅游',
    types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' },
  },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' },
  },
  Y: { name: '其他', types: { '1': '其他' } },
};

/** Province-level prefixes of GB/T 2260 (and 10 for registrations at national level). */
const PROVINCE_PREFIXES = new Set([
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);

export type UsccStatus = 'valid' | 'needs_manual_verification' | 'invalid';

export type UsccReasonCode =
  | 'empty'
  | 'length'
  | 'charset'
  | 'region_format'
  | 'org_code_check'
  | 'registration_authority'
  | 'org_type'
  | 'check_char'
  | 'pilot_check_char'
  | 'unknown_registration_authority'
  | 'unknown_org_type'
  | 'unknown_region';

export interface UsccResult {
  status: UsccStatus;
  /** Upper-cased, whitespace-free (and full-width → half-width) form; store this one. */
  normalized: string;
  /** Why the code is not plainly valid (absent when valid). */
  reasonCode?: UsccReasonCode;
  /** Chinese explanation for the user (absent when valid). */
  message?: string;
}

/**
 * Normalises user input: full-width letters/digits to ASCII (NFKC), all whitespace removed, upper case.
 */
export function normalizeUscc(input: string): string {
  return (input ?? '').normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

/** The GB 32100 check character for the first 17 characters (which must be in the alphabet). */
export function usccCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('需要前17位代码');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i] as string);
    if (v < 0) throw new RangeError(`非法字符：${first17[i]}`);
    sum += v * (USCC_WEIGHTS[i] as number);
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/**
 * GB 11714 organisation-code check on 9 characters (8 body + check): values 0–9, A=10 … Z=35, weights
 * 3 7 9 10 5 8 4 2, check = 11 − (Σ mod 11), where 10 is written X and 11 is written 0.
 */
export function isValidOrgCode(code9: string): boolean {
  if (!/^[0-9A-Z]{8}[0-9X]$/.test(code9)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = code9.charCodeAt(i);
    const v = c <= 57 ? c - 48 : c - 55;
    sum += v * (ORG_CODE_WEIGHTS[i] as number);
  }
  const r = 11 - (sum % 11);
  const expected = r === 10 ? 'X' : r === 11 ? '0' : String(r);
  return code9[8] === expected;
}

const invalid = (normalized: string, reasonCode: UsccReasonCode, message: string): UsccResult => ({
  status: 'invalid',
  normalized,
  reasonCode,
  message,
});

const manual = (normalized: string, reasonCode: UsccReasonCode, message: string): UsccResult => ({
  status: 'needs_manual_verification',
  normalized,
  reasonCode,
  message,
});

/**
 * Checks a 统一社会信用代码 (GB 32100-2015). See the module comment for the rules and for when a code is
 * routed to manual verification instead of being rejected.
 */
export function checkUscc(input: string): UsccResult {
  const code = normalizeUscc(input);
  if (code === '') return invalid(code, 'empty', '请填写统一社会信用代码');
  if (code.length !== 18) {
    return invalid(code, 'length', `统一社会信用代码应为18位，当前为${Array.from(code).length}位`);
  }
  const bad = Array.from(new Set(Array.from(code).filter((c) => !USCC_CHARSET.includes(c))));
  if (bad.length > 0) {
    return invalid(
      code,
      'charset',
      `统一社会信用代码含有非法字符：${bad.join('、')}（只能包含数字和除I、O、S、V、Z以外的大写字母）`,
    );
  }
  const region = code.slice(2, 8);
  if (!/^\d{6}$/.test(region)) {
    return invalid(code, 'region_format', '统一社会信用代码第3至8位（登记管理机关行政区划码）应为6位数字');
  }
  const orgCode = code.slice(8, 17);
  if (!isValidOrgCode(orgCode)) {
    return invalid(code, 'org_code_check', '统一社会信用代码第9至17位（主体标识码）校验不通过，请核对');
  }

  const authority = REGISTRATION_AUTHORITIES[code[0] as string];
  const typeKnown = authority !== undefined && authority.types[code[1] as string] !== undefined;
  const regionKnown = PROVINCE_PREFIXES.has(region.slice(0, 2));
  const checkOk = usccCheckChar(code.slice(0, 17)) === code[17];

  if (checkOk) {
    if (!authority) {
      return manual(code, 'unknown_registration_authority', `登记管理部门代码「${code[0]}」不在已知范围内，需人工核验`);
    }
    if (!typeKnown)
      return manual(code, 'unknown_org_type', `机构类别代码「${code.slice(0, 2)}」不在已知范围内，需人工核验`);
    if (!regionKnown) return manual(code, 'unknown_region', `行政区划码「${region}」不在已知范围内，需人工核验`);
    return { status: 'valid', normalized: code };
  }

  if (!authority)
    return invalid(code, 'registration_authority', `统一社会信用代码第1位（登记管理部门代码）「${code[0]}」无效`);
  if (!typeKnown) return invalid(code, 'org_type', `统一社会信用代码第2位（机构类别代码）「${code[1]}」无效`);
  if (!regionKnown) return invalid(code, 'region_format', `统一社会信用代码第3至8位（行政区划码）「${region}」无效`);
  if (orgCode.startsWith('M0')) {
    return manual(
      code,
      'pilot_check_char',
      '该代码的校验码与GB 32100-2015不符，但其余各部分均有效，可能是早期试点地区（如福建）颁发的合法代码，需人工核验',
    );
  }
  return invalid(code, 'check_char', '统一社会信用代码校验码（第18位）不正确，请核对后重新输入');
}

/** True only for a fully valid code (status 'valid'). */
export function isValidUscc(input: string): boolean {
  return checkUscc(input).status === 'valid';
}
