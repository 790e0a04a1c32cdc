import { describe, expect, it } from 'vitest';
import vectors from './data/uscc_vectors.json' with { type: 'json' };
import { USCC_WEIGHTS, checkUscc, isValidOrgCode, isValidUscc, normalizeUscc, usccCheckChar } from './uscc.ts';

describe('GB 32100 constants', () => {
  it('weights are 3^i mod 31 as in the vector file', () => {
    expect(USCC_WEIGHTS).toEqual(vectors.algorithm.weights);
  });
});

describe('checkUscc against the public test vectors', () => {
  it(`accepts every valid vector (${vectors.valid.length})`, () => {
    const notValid = vectors.valid.filter((c) => checkUscc(c).status !== 'valid');
    expect(notValid).toEqual([]);
  });

  it('accepts the named valid vectors', () => {
    for (const v of vectors.valid_with_names) expect(checkUscc(v.code).status, v.name).toBe('valid');
  });

  it('rejects every invalid vector', () => {
    for (const c of vectors.invalid) expect(checkUscc(c).status, c).toBe('invalid');
  });

  it('gives the reason of each invalid vector', () => {
    const reasons = Object.fromEntries(vectors.invalid.map((c) => [c, checkUscc(c).reasonCode]));
    expect(reasons).toEqual({
      A1110000600037341L: 'check_char',
      '12345': 'length',
      '12345678': 'length',
      '9111000060003IOZSV': 'charset',
      '91110000600037341N': 'check_char',
      '91110000600037342L': 'org_code_check',
      '91310110666007217U': 'check_char',
    });
  });

  it('routes the 4 real pilot-area codes that fail the checksum to manual verification', () => {
    expect(vectors.real_but_fail_checksum.codes).toHaveLength(4);
    for (const { code, computed_check } of vectors.real_but_fail_checksum.codes) {
      const r = checkUscc(code);
      expect(r.status, code).toBe('needs_manual_verification');
      expect(r.reasonCode).toBe('pilot_check_char');
      expect(r.message).toContain('人工核验');
      expect(usccCheckChar(code.slice(0, 17))).toBe(computed_check);
    }
  });
});

describe('checkUscc rules', () => {
  it('normalises case, whitespace and full-width input', () => {
    expect(normalizeUscc(' 91110000600037341l ')).toBe('91110000600037341L');
    expect(checkUscc('9111 0000 6000 3734 1l')).toEqual({ status: 'valid', normalized: '91110000600037341L' });
    expect(checkUscc('９１１１００００６０００３７３４１Ｌ').status).toBe('valid');
    expect(checkUscc('\t914403001922038216\n').normalized).toBe('914403001922038216');
  });

  it('rejects an empty code with a Chinese message', () => {
    expect(checkUscc('   ')).toMatchObject({
      status: 'invalid',
      reasonCode: 'empty',
      message: '请填写统一社会信用代码',
    });
  });

  it('explains length and charset errors in Chinese', () => {
    expect(checkUscc('12345').message).toBe('统一社会信用代码应为18位，当前为5位');
    expect(checkUscc('9111000060003IOZSV').message).toContain('I、O、Z、S、V');
  });

  it('requires a numeric region code', () => {
    expect(checkUscc('91A10000600037341L').reasonCode).toBe('region_format');
  });

  it('a mistyped check character of a legacy (numeric organisation code) code is invalid', () => {
    // Huawei's code with each wrong check character: never routed to manual review.
    const first17 = '91440300192203821';
    for (const c of '0123456789ABCDEFGHJKLMNPQRTUWXY') {
      if (c === '6') continue;
      expect(checkUscc(first17 + c).status).toBe('invalid');
    }
  });

  it('a pilot-block ("M0") code with a wrong check character needs manual review, an "MA" code does not', () => {
    expect(checkUscc('91350100M000100Y4X').status).toBe('needs_manual_verification');
    expect(checkUscc('91310115MA1K3BTP2C').status).toBe('invalid');
  });

  it('a pilot-block code still fails on an organisation-code or structure error', () => {
    // position 17 changed: GB 11714 check fails
    expect(checkUscc('91350211M0000XUF56').reasonCode).toBe('org_code_check');
    // unknown authority 'B' with a failing check character
    expect(checkUscc('B1350211M0000XUF46').status).toBe('invalid');
    // authority 9 has no type 5
    expect(checkUscc('95350211M0000XUF46').reasonCode).toBe('org_type');
  });

  it('trusts a correct check character over an unknown authority/type pair (manual review, not rejection)', () => {
    const first17 = '95440300192203821';
    const code = first17 + usccCheckChar(first17);
    expect(checkUscc(code)).toMatchObject({ status: 'needs_manual_verification', reasonCode: 'unknown_org_type' });
    const other = 'B1440300192203821';
    expect(checkUscc(other + usccCheckChar(other)).reasonCode).toBe('unknown_registration_authority');
    const region = '91990300192203821';
    expect(checkUscc(region + usccCheckChar(region)).reasonCode).toBe('unknown_region');
  });

  it('accepts codes of other registration authorities (social organisations, public institutions)', () => {
    const social = '51100000' + '50000001';
    const orgBody = social.slice(8, 16);
    // complete the GB 11714 check and the GB 32100 check
    const org9 = [...'0123456789X'].map((c) => orgBody + c).find(isValidOrgCode) as string;
    const first17 = social.slice(0, 8) + org9;
    expect(isValidUscc(first17 + usccCheckChar(first17))).toBe(true);
    expect(checkUscc('121200004013590816').status).toBe('valid');
  });
});

describe('isValidOrgCode (GB 11714)', () => {
  it('checks the organisation-code check digit incl. X', () => {
    expect(isValidOrgCode('192203821')).toBe(true);
    expect(isValidOrgCode('192203822')).toBe(false);
    expect(isValidOrgCode('07837757X')).toBe(true);
    expect(isValidOrgCode('M0000XUF4')).toBe(true);
  });
});
