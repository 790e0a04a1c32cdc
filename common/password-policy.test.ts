import { describe, expect, it } from 'vitest';
import { COMMON_PASSWORDS } from './data/common-passwords.ts';
import {
  DEFAULT_PASSWORD_POLICY,
  PasswordPolicy,
  checkPassword,
  isCommonPassword,
  passwordClasses,
} from './password-policy.ts';

const codes = (pw: string, ctx?: { identifiers: string[] }) =>
  checkPassword(pw, DEFAULT_PASSWORD_POLICY, ctx).map((f) => f.code);

describe('common password list', () => {
  it('has a few hundred lower-case, unique entries', () => {
    expect(COMMON_PASSWORDS.length).toBeGreaterThanOrEqual(300);
    expect(new Set(COMMON_PASSWORDS).size).toBe(COMMON_PASSWORDS.length);
    for (const p of COMMON_PASSWORDS) expect(p).toBe(p.toLowerCase());
  });
  it('contains the Chinese favourites, case-insensitively', () => {
    for (const p of [
      '123456',
      'a123456',
      'woaini1314',
      'qq123456',
      '1qaz2wsx',
      'Aa123456',
      'P@ssw0rd',
      'Admin@123',
      'ADMIN@123',
    ]) {
      expect(isCommonPassword(p), p).toBe(true);
    }
    expect(isCommonPassword('Rongtong#2020-jd')).toBe(false);
  });
});

describe('checkPassword (default policy)', () => {
  it('the default meets 等保 level 3', () => {
    expect(DEFAULT_PASSWORD_POLICY).toMatchObject({ minLength: 8, minClasses: 3, forbidCommon: true });
    expect(PasswordPolicy.safeParse(DEFAULT_PASSWORD_POLICY).success).toBe(true);
  });
  it('accepts a good password', () => {
    expect(checkPassword('Huiyi#2020qd')).toEqual([]);
    expect(codes('jiangsu.NJ2020')).toEqual([]);
  });
  it('rejects short passwords', () => {
    expect(checkPassword('Ab1!')).toEqual([{ code: 'too_short', message: '密码长度至少为8位' }]);
    expect(codes('')).toEqual(['too_short', 'too_few_classes']);
  });
  it('requires 3 of the 4 classes', () => {
    expect(codes('abcdefgh2')).toEqual(['too_few_classes']);
    expect(checkPassword('abcdefgh2')[0]?.message).toBe('密码须包含小写字母、大写字母、数字、特殊符号中的至少3类');
    expect(codes('abcdefG2')).toEqual([]);
    expect(codes('abcdefg!2')).toEqual([]);
    expect(codes('融通创新abc12')).toEqual([]); // Chinese characters count as symbols
  });
  it('rejects complex-looking common passwords', () => {
    expect(codes('P@ssw0rd')).toEqual(['common_password']);
    expect(codes('Admin@123')).toEqual(['common_password']);
    expect(codes('Aa123456')).toEqual(['common_password']);
    expect(codes('1qaz@WSX')).toEqual(['common_password']);
    expect(codes('woaini1314')).toEqual(['too_few_classes', 'common_password']);
  });
  it('rejects passwords containing the phone number or e-mail name', () => {
    const ctx = { identifiers: ['13812345678', 'zhangsan@example.com'] };
    expect(codes('A13812345678!', ctx)).toEqual(['contains_identifier']);
    expect(codes('Zhangsan#2020', ctx)).toEqual(['contains_identifier']);
    expect(checkPassword('Zhangsan#2020', DEFAULT_PASSWORD_POLICY, ctx)[0]?.message).toBe(
      '密码不能包含账号的手机号、邮箱名或用户名',
    );
    expect(codes('Huiyi#2020qd', ctx)).toEqual([]);
    expect(codes('X+8613812345678y', { identifiers: ['+86 138 1234 5678'] })).toEqual(['contains_identifier']);
    expect(codes('Yx13812345678!', { identifiers: ['+86 138 1234 5678'] })).toEqual(['contains_identifier']);
  });
  it('ignores very short identifier fragments', () => {
    expect(codes('Liabc#2020', { identifiers: ['li@x.cn'] })).toEqual([]);
  });
  it('limits the length', () => {
    expect(codes('Aa1!'.repeat(40))).toEqual(['too_long']);
  });
});

describe('configurable policy', () => {
  it('applies other numbers', () => {
    const strict = { minLength: 12, minClasses: 4, forbidCommon: true };
    expect(checkPassword('Huiyi#2020qd', strict)).toEqual([]);
    expect(checkPassword('Huiyi2020qdx', strict).map((f) => f.code)).toEqual(['too_few_classes']);
    expect(checkPassword('Huiyi#2020q', strict).map((f) => f.code)).toEqual(['too_short']);
    const lax = { minLength: 6, minClasses: 1, forbidCommon: false };
    expect(checkPassword('123456', lax)).toEqual([]);
  });
  it('validates the policy', () => {
    expect(PasswordPolicy.safeParse({ minLength: 8, minClasses: 5, forbidCommon: true }).success).toBe(false);
  });
  it('reports classes', () => {
    expect(passwordClasses('aB3 ')).toEqual({ lower: true, upper: true, digit: true, symbol: true });
  });
});
