/**
 * What the registration benchmarks share (bench/registration, bench/cluster): autocannon's typed entry point,
 * positive-integer flags, and the world a registration surge needs — a programme, a host base with its selected
 * plan, a theme day with an approved activity plan, offline sessions, and signed-in users whose sessions are
 * minted straight into the sessions table (argon2 is not what is measured).
 */
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { defaultRules2020 } from '../../common/programme-rules.ts';
import type { Database } from '../../server/db/index.ts';
import { newId, nowIso } from '../../server/lib/ids.ts';
import { hashPassword } from '../../server/lib/passwords.ts';
import { tokenHash } from '../../server/plugins/session.ts';

export interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  duration: number;
}
export interface AutocannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (req: AutocannonRequest) => AutocannonRequest;
  onResponse?: (status: number, body: string) => void;
}
type Autocannon = (opts: {
  url: string;
  connections: number;
  amount: number;
  pipelining?: number;
  timeout?: number;
  requests?: AutocannonRequest[];
}) => Promise<AutocannonResult>;
const require = createRequire(import.meta.url);
export const autocannon = require('autocannon') as Autocannon;

/** `--name N` from the command line, a positive integer, or `def`. */
export function arg(name: string, def: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : def;
  if (!Number.isInteger(v) || v < 1) throw new Error(`--${name} must be a positive integer`);
  return v;
}

export interface BenchUser {
  cookie: string;
  csrf: string;
}

export interface WorldSpec {
  now: Date;
  /** Programme year and the theme day's dates (YYYY-MM-DD). */
  year: number;
  startDate: string;
  endDate: string;
  /** Prefix of the names (e.g. 集群) so two benches' data are told apart. */
  label: string;
  capacity: number;
  /** One offline session each, with `capacity` places. */
  sessions: { title: string; startsAt: string; endsAt: string; opensAt: string; closesAt: string }[];
  /** Users per session (signed in, members of the host's organisation). */
  usersPerSession: number;
  /** User e-mail `${emailPrefix}${k}-${i}@example.cn` (k: session, i: user). */
  emailPrefix: string;
}

/** Seeds the world; returns the sessions' ids and, per session, its users. */
export async function seedRegistrationWorld(
  database: Database,
  w: WorldSpec,
): Promise<{ sessionIds: string[]; users: BenchUser[][] }> {
  const t = nowIso(w.now);
  const hash = await hashPassword('Bench@2020x');
  const ids = {
    programme: newId(),
    org: newId(),
    base: newId(),
    plan: newId(),
    themeDay: newId(),
    activityPlan: newId(),
    host: newId(),
  };
  const sessionIds = w.sessions.map(() => newId());
  const users: BenchUser[][] = w.sessions.map(() => []);
  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programmes')
      .values({
        id: ids.programme,
        year: w.year,
        name: `${w.label}基准测试方案`,
        rules: JSON.stringify({ ...defaultRules2020, planDeadline: `${w.year}-06-30T23:59:59` }),
        status: 'open',
        opened_at: t,
        closed_at: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('organisations')
      .values({
        id: ids.org,
        name: `${w.label}基准测试企业`,
        uscc: `BENCH${randomBytes(6).toString('hex')}`,
        uscc_status: 'valid',
        kind: 'enterprise',
        region_code: '370200',
        industry_code: '39',
        employees: null,
        revenue_wan: null,
        assets_wan: null,
        size_class: null,
        department_code: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('bases')
      .values({
        id: ids.base,
        name: `${w.label}基准测试基地`,
        short_name: '基准',
        kind: 'enterprise',
        batch: 2,
        region_code: '370200',
        supervising_department: null,
        organisation_id: ids.org,
        description: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('preliminary_plans')
      .values({
        id: ids.plan,
        programme_id: ids.programme,
        base_id: ids.base,
        status: 'selected',
        theme: '工业互联网',
        title: 't',
        body: 'b',
        partner_base_ids: '[]',
        areas: '[]',
        planned_months: '[9]',
        epidemic_measures: null,
        submitted_at: t,
        return_reason: null,
        created_by: ids.host,
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('theme_days')
      .values({
        id: ids.themeDay,
        programme_id: ids.programme,
        plan_id: ids.plan,
        base_id: ids.base,
        title: `${w.label}基准主题日`,
        theme: '工业互联网',
        start_date: w.startDate,
        end_date: w.endDate,
        partner_base_ids: '[]',
        created_at: t,
        updated_at: t,
      })
      .execute();
    await trx
      .insertInto('activity_plans')
      .values({
        id: ids.activityPlan,
        theme_day_id: ids.themeDay,
        status: 'approved',
        title: `${w.label}基准融通创新主题日活动方案`,
        content: JSON.stringify({
          headcountLimit: w.capacity,
          onlineChannel: 'https://live.example.cn',
          emergencyPlan: '应急预案',
          supportOrganisationIds: [],
        }),
        submitted_at: t,
        decided_at: t,
        return_reason: null,
        created_at: t,
        updated_at: t,
      })
      .execute();
    for (const [k, s] of w.sessions.entries())
      await trx
        .insertInto('event_sessions')
        .values({
          id: sessionIds[k]!,
          theme_day_id: ids.themeDay,
          title: s.title,
          kind: 'roadshow',
          mode: 'offline',
          description: null,
          starts_at: s.startsAt,
          ends_at: s.endsAt,
          venue: '主会场',
          venue_capacity: null,
          capacity: w.capacity,
          online_limit: null,
          online_channel: null,
          registration_opens_at: s.opensAt,
          registration_closes_at: s.closesAt,
          questions: '[]',
          next_seq: 1,
          created_by: ids.host,
          created_at: t,
          updated_at: t,
        })
        .execute();
    const expires = nowIso(new Date(w.now.getTime() + 12 * 3600_000));
    for (const k of w.sessions.keys())
      for (let i = 0; i < w.usersPerSession; i++) {
        const userId = newId();
        const token = randomBytes(32).toString('base64url');
        const csrf = randomBytes(24).toString('base64url');
        await trx
          .insertInto('users')
          .values({
            id: userId,
            name: `报名者${k}-${i}`,
            email: `${w.emailPrefix}${k}-${i}@example.cn`,
            mobile: null,
            password_hash: hash,
            locked_until: null,
            created_at: t,
            updated_at: t,
          })
          .execute();
        await trx
          .insertInto('memberships')
          .values({ id: newId(), user_id: userId, organisation_id: ids.org, role: 'member', created_at: t })
          .execute();
        await trx
          .insertInto('sessions')
          .values({
            id: tokenHash(token),
            user_id: userId,
            membership_id: null,
            csrf_token: csrf,
            ip: '127.0.0.1',
            user_agent: 'bench',
            created_at: t,
            last_seen_at: t,
            expires_at: expires,
          })
          .execute();
        users[k]!.push({ cookie: `rt_sid=${token}`, csrf });
      }
  });
  return { sessionIds, users };
}
