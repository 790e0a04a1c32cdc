/**
 * Public API of the shared rule code (pure TypeScript, no Node-only APIs), used by both the Fastify
 * server and the React web app: the same checks run live in forms and again on the server.
 */
export * from './time.ts';
export * from './zishu.ts';
export * from './uscc.ts';
export * from './industry.ts';
export * from './enterprise-size.ts';
export * from './region.ts';
export * from './password-policy.ts';
export * from './programme-rules.ts';
export { COMMON_PASSWORDS } from './data/common-passwords.ts';
