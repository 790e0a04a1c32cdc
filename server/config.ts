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
  /**
   * Bearer token for GET /metrics (Prometheus) from another host; without it only loopback callers that did not
   * come through a proxy may read the metrics (server/plugins/metrics.ts).
   */
  METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  /**
   * E-mail notifications (issue 12): an SMTP URL such as smtps://user:pass@smtp.example.gov.cn:465 or
   * smtp://relay.internal:25 (nodemailer's URL form). Unset = no e-mail is sent or queued.
   */
  RT_SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** The From header of notification e-mails. */
  RT_MAIL_FROM: z.string().default('融通创新主题日平台 <noreply@localhost>'),
  /**
   * SMS notifications: off (nothing queued), log (development: recorded and written to the log, nothing sent)
   * or aliyun (阿里云短信服务 dysmsapi SendSms with a template; needs the RT_SMS_* keys below). auto = log,
   * except off with NODE_ENV=production.
   */
  RT_SMS_PROVIDER: z.enum(['auto', 'off', 'log', 'aliyun']).default('auto'),
  RT_SMS_ENDPOINT: z.url().default('https://dysmsapi.aliyuncs.com/'),
  RT_SMS_ACCESS_KEY_ID: z.string().optional(),
  RT_SMS_ACCESS_KEY_SECRET: z.string().optional(),
  /** 短信签名 (registered with the gateway), e.g. 融通平台. */
  RT_SMS_SIGN_NAME: z.string().optional(),
  /** The approved template code for notifications; its parameters are ${title} and ${time}. */
  RT_SMS_TEMPLATE_CODE: z.string().optional(),
  /**
   * Approved templates of the other SMS messages (each optional: without it that message is not sent by SMS, and
   * codes to a mobile number are refused as unavailable): one-time codes with ${code} and ${minutes}; theme-day
   * invitations with ${title} and ${url}; accounts created by an administrator's import with ${name} and ${url}.
   */
  RT_SMS_CODE_TEMPLATE: z.string().optional(),
  RT_SMS_INVITE_TEMPLATE: z.string().optional(),
  RT_SMS_ACCOUNT_TEMPLATE: z.string().optional(),
  /** Delivery attempts per message before it is marked failed, and the first retry delay (doubling each time). */
  RT_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(5),
  RT_DELIVERY_RETRY_SECONDS: z.coerce.number().int().min(1).max(86400).default(60),
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
  if (r.data.RT_SMS_PROVIDER === 'aliyun') {
    const keys = [
      'RT_SMS_ACCESS_KEY_ID',
      'RT_SMS_ACCESS_KEY_SECRET',
      'RT_SMS_SIGN_NAME',
      'RT_SMS_TEMPLATE_CODE',
    ] as const;
    const missing = keys.filter((k) => !r.data[k]);
    if (missing.length)
      throw new Error(
        `Invalid configuration:\n${missing.map((k) => `  ${k}: required when RT_SMS_PROVIDER=aliyun`).join('\n')}`,
      );
  }
  if (r.data.TEST_CLOCK === '1' && r.data.NODE_ENV === 'production')
    throw new Error(
      'Invalid configuration:\n  TEST_CLOCK: must not be 1 when NODE_ENV=production (browser tests only)',
    );
  return r.data;
}
