/**
 * Environment configuration, parsed and validated once at boot. A bad value stops the process with a
 * message that names the variable, instead of failing later in a request.
 */
import { z } from 'zod';

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** Listen address; unset = 127.0.0.1 while demo accounts exist, else 0.0.0.0 (server/demo/listen.ts). */
  HOST: z.string().optional(),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^(postgres(ql)?:\/\/|sqlite:)/, 'must start with postgres:// or sqlite:')
    .optional(),
  SQLITE_PATH: z.string().default('data/rongtong.db'),
  SESSION_IDLE_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(30),
  SESSION_ABSOLUTE_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 7)
    .default(12),
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Sign-in attempts per minute from one address, counted in the database across every app server. */
  LOGIN_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(30),
  /** Sign-in attempts per minute for one account identifier (known or not), across every address and server. */
  LOGIN_ACCOUNT_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(10),
  LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(15),
  PASSWORD_MIN_LENGTH: z.coerce.number().int().min(8).max(128).default(8),
  PASSWORD_MIN_CLASSES: z.coerce.number().int().min(1).max(4).default(3),
  COOKIE_SECURE: z.enum(['auto', 'true', 'false']).default('auto'),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DEMO_SEED: z.enum(['auto', 'true', 'false']).default('auto'),
  /** Where the built SPA is (default dist/web); `npm run build:web` writes to WEB_OUT_DIR or dist/web. */
  WEB_ROOT: z.string().optional(),
  /** How often each app server pulls changed items into its search index (seconds; 0 = only at start and on demand). */
  /**
   * The public address of the portal (e.g. https://rongtong.example.gov.cn), for absolute links in the news
   * feed; without it the request's own host is used.
   */
  PUBLIC_URL: z.url().optional(),
  SEARCH_REFRESH_SECONDS: z.coerce.number().min(0).max(3600).default(2),
  /** Browser tests only: 1 adds POST /api/test/clock (server/plugins/test-clock.ts); refused in production. */
  TEST_CLOCK: z.enum(['0', '1']).default('0'),
});

export type Config = z.infer<typeof schema>;

/** Parses `env` (default: process.env); throws an Error listing every invalid variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  // An empty variable means "not set" (e.g. `DATABASE_URL= npm start`).
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const r = schema.safeParse(cleaned);
  if (!r.success) {
    const lines = r.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  if (r.data.TEST_CLOCK === '1' && r.data.NODE_ENV === 'production')
    throw new Error(
      'Invalid configuration:\n  TEST_CLOCK: must not be 1 when NODE_ENV=production (browser tests only)',
    );
  return r.data;
}
