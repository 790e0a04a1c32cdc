/**
 * Self-service accounts (issue 12 §1): one-time codes to a mobile number or e-mail, sign-up with such a code,
 * password reset with such a code, and the administrator's revocation of a user's sessions.
 */
import { z } from 'zod';

export const CODE_PURPOSES = ['sign_up', 'password_reset'] as const;
export type CodePurpose = (typeof CODE_PURPOSES)[number];
export const CODE_PURPOSE_LABELS: Record<CodePurpose, string> = {
  sign_up: '注册账号',
  password_reset: '找回密码',
};

/** Six digits, valid for ten minutes, dead after five wrong tries; a new one may be asked for after a minute. */
export const CODE_LENGTH = 6;
export const CODE_TTL_SECONDS = 600;
export const CODE_MAX_ATTEMPTS = 5;
export const CODE_RESEND_SECONDS = 60;

const identifier = z.string().trim().min(1).max(200);
const code = z
  .string()
  .trim()
  .regex(/^\d{6}$/, '验证码为6位数字');

/** Ask for a code to the mobile number or e-mail address. */
export const CodeRequestBody = z.object({ identifier, purpose: z.enum(CODE_PURPOSES) });
export type CodeRequestBody = z.infer<typeof CodeRequestBody>;

/** The same answer whether or not an account exists at the address. */
export const CodeRequestResult = z.object({
  /** The address, partly masked (138****8000, a***@example.com). */
  sentTo: z.string(),
  channel: z.enum(['email', 'sms']),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
export type CodeRequestResult = z.infer<typeof CodeRequestResult>;

/** Sign-up: the address the code went to, the code, a name and a password under the policy. */
export const SignUpBody = z.object({
  identifier,
  code,
  name: z.string().trim().min(1).max(50),
  password: z.string().min(1).max(200),
});
export type SignUpBody = z.infer<typeof SignUpBody>;

/** Password reset with a code sent to the account's verified mobile number or e-mail. */
export const PasswordResetByCodeBody = z.object({
  identifier,
  code,
  newPassword: z.string().min(1).max(200),
});
export type PasswordResetByCodeBody = z.infer<typeof PasswordResetByCodeBody>;

/** How many sessions an administrator ended. */
export const SessionsRevoked = z.object({ revoked: z.number().int() });
export type SessionsRevoked = z.infer<typeof SessionsRevoked>;
