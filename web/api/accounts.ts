/** Types of self-service accounts (common/contracts/accounts.ts): codes, sign-up, password reset. */
export type {
  CodePurpose,
  CodeRequestBody,
  CodeRequestResult,
  SignUpBody,
  PasswordResetByCodeBody,
  SessionsRevoked,
} from '../../common/contracts/accounts.ts';
