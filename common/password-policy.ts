/**
 * Password policy for platform accounts.
 *
 * The platform handles government review data, so accounts follow the identification requirements of
 * 网络安全等级保护 level 3 (GB/T 22239-2019 8.1.4.1: passwords of sufficient complexity, changed
 * regularly): by default at least 8 characters from at least 3 of the 4 classes (lower case, upper case,
 * digits, symbols), not a well-known common password, and not containing the account's own phone number
 * or e-mail name. The policy is data (the operator may tighten it); the same check runs in the sign-up
 * form and on the server.
 */
import { z } from 'zod';
import { COMMON_PASSWORDS } from './data/common-passwords.ts';

/** A password policy; see DEFAULT_PASSWORD_POLICY. */
export const PasswordPolicy = z.object({
  minLength: z.number().int().min(1),
  /** Number of character classes (lower/upper/digit/symbol) required, 1–4. */
  minClasses: z.number().int().min(1).max(4),
  forbidCommon: z.boolean(),
  /** Optional upper bound (protects the password hash from very long inputs). */
  maxLength: z.number().int().positive().optional(),
});
export type PasswordPolicy = z.infer<typeof PasswordPolicy>;

/** Default policy, meeting 等保 level 3: ≥ 8 characters, ≥ 3 classes, no common passwords, ≤ 128 characters. */
export const DEFAULT_PASSWORD_POLICY: PasswordPolicy = {
  minLength: 8,
  minClasses: 3,
  forbidCommon: true,
  maxLength: 128,
};

export type PasswordFailureCode =
  'too_short' | 'too_long' | 'too_few_classes' | 'common_password' | 'contains_identifier';

export interface PasswordFailure {
  code: PasswordFailureCode;
  message: string;
}

/** Account facts a password must not contain: phone numbers, e-mail addresses, user names. */
export interface PasswordContext {
  identifiers: string[];
}

const COMMON = new Set(COMMON_PASSWORDS.map((p) => p.toLowerCase()));

/** True when the password is on the common-password list (case-insensitive). */
export function isCommonPassword(pw: string): boolean {
  return COMMON.has(pw.toLowerCase());
}

/** Which of the four classes a password uses; anything not an ASCII letter or digit is a symbol. */
export function passwordClasses(pw: string): { lower: boolean; upper: boolean; digit: boolean; symbol: boolean } {
  return {
    lower: /[a-z]/.test(pw),
    upper: /[A-Z]/.test(pw),
    digit: /[0-9]/.test(pw),
    symbol: /[^A-Za-z0-9]/.test(pw),
  };
}

// Identifier fragments shorter than this are not checked (a 3-letter e-mail name would forbid too much).
const MIN_IDENTIFIER_FRAGMENT = 4;

/**
 * The fragments of an identifier to look for: the whole identifier, an e-mail's local part, and a phone
 * number's digits with and without the +86 country code.
 */
function identifierFragments(identifier: string): string[] {
  const id = identifier.trim().toLowerCase();
  const out = new Set<string>([id]);
  const at = id.indexOf('@');
  if (at > 0) out.add(id.slice(0, at));
  const digits = id.replace(/\D/g, '');
  if (digits.length >= 7 && /^[\d\s()+-]+$/.test(id)) {
    out.add(digits);
    if (digits.startsWith('86') && digits.length === 13) out.add(digits.slice(2));
  }
  return [...out].filter((f) => f.length >= MIN_IDENTIFIER_FRAGMENT);
}

/**
 * Checks a password against a policy. Returns the failures (empty = acceptable), each with a stable code
 * and a Chinese message: too_short, too_long, too_few_classes, common_password, contains_identifier.
 */
export function checkPassword(
  pw: string,
  policy: PasswordPolicy = DEFAULT_PASSWORD_POLICY,
  context?: PasswordContext,
): PasswordFailure[] {
  const failures: PasswordFailure[] = [];
  const length = Array.from(pw).length;
  if (length < policy.minLength) {
    failures.push({ code: 'too_short', message: `密码长度至少为${policy.minLength}位` });
  }
  if (policy.maxLength !== undefined && length > policy.maxLength) {
    failures.push({ code: 'too_long', message: `密码长度不能超过${policy.maxLength}位` });
  }
  const classes = Object.values(passwordClasses(pw)).filter(Boolean).length;
  if (classes < policy.minClasses) {
    failures.push({
      code: 'too_few_classes',
      message: `密码须包含小写字母、大写字母、数字、特殊符号中的至少${policy.minClasses}类`,
    });
  }
  if (policy.forbidCommon && isCommonPassword(pw)) {
    failures.push({ code: 'common_password', message: '该密码过于常见，容易被猜中，请更换' });
  }
  if (context) {
    const lower = pw.toLowerCase();
    const hit = context.identifiers.some((id) => identifierFragments(id).some((f) => lower.includes(f)));
    if (hit) failures.push({ code: 'contains_identifier', message: '密码不能包含账号的手机号、邮箱名或用户名' });
  }
  return failures;
}
