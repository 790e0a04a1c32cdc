/**
 * A national year of cooperation projects, generated straight into a migrated database (bench/outcomes).
 *
 * Deterministic (seeded PRNG, ids derived from it, a fixed clock): the same `scale` gives the same rows on
 * SQLite and PostgreSQL, so the figures the app computes can be compared across the two databases.
 * At scale 1: 50 theme days of one programme year (2020), 50 host bases, 2,000 party organisations of
 * realistic size classes, kinds and provinces, 20,000 projects with 2–3 parties each at every stage, a
 * follow-up row per party and point (3/6/12 months) for every signed project and exactly 60,000 answers,
 * given to follow-ups already due (the rest of those are late or missing). Scale 0.1 divides every count
 * by ten (5 theme days, 200 organisations, 2,000 projects, 6,000 answers).
 */
import { randomBytes } from 'node:crypto';
import { defaultRules2020 } from '../../common/programme-rules.ts';
import { PROJECT_TYPES, type FollowUpStatus, type ProjectStage } from '../../common/contracts/projects.ts';
import type { SizeClass } from '../../common/contracts/organisations.ts';
import { addCalendarMonths, addDays } from '../../common/time.ts';
import type { Database } from '../../server/db/index.ts';
import { tokenHash } from '../../server/plugins/session.ts';

/** mulberry32: small, fast, good enough for synthetic data. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  /** Picks by weight: [[value, weight], …]. */
  const weighted = <T>(xs: readonly (readonly [T, number])[]): T => {
    const total = xs.reduce((s, [, w]) => s + w, 0);
    let r = next() * total;
    for (const [v, w] of xs) if ((r -= w) < 0) return v;
    return xs[xs.length - 1]![0];
  };
  const uuid = () => {
    const h = Array.from({ length: 32 }, () => int(16).toString(16)).join('');
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
  };
  return { next, int, pick, weighted, uuid };
}

/** Province-level codes with a prefecture each, weighted roughly by where the bases and SMEs are. */
const REGIONS: readonly (readonly [string, number])[] = [
  ['110108', 8],
  ['310115', 8],
  ['440300', 10],
  ['440100', 5],
  ['320500', 8],
  ['330100', 8],
  ['370200', 6],
  ['420100', 4],
  ['510100', 4],
  ['610100', 3],
  ['120116', 3],
  ['500000', 3],
  ['340100', 3],
  ['350200', 3],
  ['430100', 3],
  ['410100', 3],
  ['210200', 2],
  ['220100', 1],
  ['230100', 1],
  ['450100', 1],
  ['520100', 1],
  ['530100', 1],
  ['620100', 1],
  ['650100', 1],
];
const SIZE: readonly (readonly [SizeClass | null, number])[] = [
  ['micro', 28],
  ['small', 34],
  ['medium', 20],
  ['large', 12],
  [null, 6],
];
const STAGES: readonly (readonly [ProjectStage, number])[] = [
  ['candidate', 8],
  ['intent', 20],
  ['signed', 24],
  ['in_progress', 31],
  ['completed', 12],
  ['terminated', 5],
];
const ANSWERS: readonly (readonly [FollowUpStatus, number])[] = [
  ['on_track', 64],
  ['completed', 14],
  ['delayed', 11],
  ['paused', 6],
  ['terminated', 5],
];
const AREAS = defaultRules2020.contentAreas.map((a) => a.key);
const WORDS = [
  '工业互联网',
  '智能制造',
  '新材料',
  '生物医药',
  '集成电路',
  '新能源汽车',
  '数字孪生',
  '氢能',
  '北斗',
  '机器人',
];
const ACTS = ['联合攻关', '中试验证', '供应链协同', '成果转化', '联合实验室', '产线改造', '检测认证', '人才共育'];

export interface World {
  today: string;
  now: Date;
  themeDayIds: string[];
  /** A theme day of average size and its host's base admin. */
  hostThemeDayId: string;
  ndrc: { cookie: string };
  host: { cookie: string };
  counts: {
    themeDays: number;
    organisations: number;
    projects: number;
    parties: number;
    followUps: number;
    answers: number;
  };
}

/** Inserts rows in batches that stay under both databases' bind-parameter limits. */
async function insertMany(db: Database['db'], table: string, rows: Record<string, unknown>[]) {
  if (!rows.length) return;
  const cols = Object.keys(rows[0]!).length;
  const size = Math.max(1, Math.floor(30_000 / cols));
  for (let i = 0; i < rows.length; i += size)
    // The table names are the bench's own; Kysely's typed insert is bypassed for speed of writing.
    await db
      .insertInto(table as 'organisations')
      .values(rows.slice(i, i + size) as never)
      .execute();
}

export async function generate(database: Database, scale: number): Promise<World> {
  const r = prng(20200915);
  const now = new Date('2021-09-10T02:00:00Z');
  const today = '2021-09-10';
  const t = now.toISOString();
  const nThemeDays = Math.round(50 * scale);
  const nOrgs = Math.round(2000 * scale);
  const nProjects = Math.round(20_000 * scale);
  const nAnswers = Math.round(60_000 * scale);

  const programmeId = r.uuid();
  const ndrcOrg = r.uuid();
  /** The author of the preliminary plans (a user row without memberships). */
  const plannerId = r.uuid();
  const orgs: Record<string, unknown>[] = [];
  const org = (id: string, name: string, kind: string, region: string, size: SizeClass | null) =>
    orgs.push({
      id,
      name,
      uscc: `BENCH${id.replace(/-/g, '').slice(-13).toUpperCase()}`,
      uscc_status: 'valid',
      kind,
      region_code: region,
      industry_code: '39',
      employees: null,
      revenue_wan: null,
      assets_wan: null,
      size_class: size,
      department_code: null,
      created_at: t,
      updated_at: t,
    });
  org(ndrcOrg, '国家发展改革委高技术司', 'government', '110102', null);

  const parties: { id: string; size: SizeClass | null; kind: string; region: string }[] = [];
  for (let i = 0; i < nOrgs; i++) {
    const size = r.weighted(SIZE);
    const kind = size ? 'enterprise' : r.pick(['university', 'institute']);
    const region = r.weighted(REGIONS);
    const id = r.uuid();
    org(
      id,
      `${r.pick(WORDS)}${kind === 'enterprise' ? '科技有限公司' : kind === 'university' ? '大学' : '研究院'}${i}`,
      kind,
      region,
      size,
    );
    parties.push({ id, size, kind, region });
  }

  const bases: Record<string, unknown>[] = [];
  const plans: Record<string, unknown>[] = [];
  const themeDays: Record<string, unknown>[] = [];
  const activityPlans: Record<string, unknown>[] = [];
  const tdDates: string[] = [];
  const hostOrgs: string[] = [];
  for (let i = 0; i < nThemeDays; i++) {
    const baseOrg = r.uuid();
    const region = r.weighted(REGIONS);
    org(baseOrg, `示范基地运营单位${i}`, 'enterprise', region, 'large');
    hostOrgs.push(baseOrg);
    const baseId = r.uuid();
    const planId = r.uuid();
    const tdId = r.uuid();
    bases.push({
      id: baseId,
      name: `双创示范基地${i}`,
      short_name: `基地${i}`,
      kind: r.pick(['regional', 'academic', 'enterprise']),
      batch: 1 + r.int(3),
      region_code: region,
      supervising_department: r.pick(['MIIT', 'SASAC', 'CAST', 'MOE', 'CAS', null]),
      organisation_id: baseOrg,
      description: null,
      created_at: t,
      updated_at: t,
    });
    const month = 6 + Math.floor((i * 7) / Math.max(1, nThemeDays)); // June … December 2020
    const day = 1 + r.int(27);
    const start = `2020-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    tdDates.push(start);
    plans.push({
      id: planId,
      programme_id: programmeId,
      base_id: baseId,
      status: 'selected',
      theme: r.pick(WORDS),
      title: '初步方案',
      body: '方案正文',
      partner_base_ids: '[]',
      areas: '[]',
      planned_months: JSON.stringify([month]),
      epidemic_measures: null,
      submitted_at: t,
      return_reason: null,
      created_by: plannerId,
      created_at: t,
      updated_at: t,
    });
    themeDays.push({
      id: tdId,
      programme_id: programmeId,
      plan_id: planId,
      base_id: baseId,
      title: `基地${i}融通创新主题日`,
      theme: r.pick(WORDS),
      start_date: start,
      end_date: addDays(start, 1),
      partner_base_ids: '[]',
      created_at: t,
      updated_at: t,
    });
    activityPlans.push({
      id: r.uuid(),
      theme_day_id: tdId,
      status: 'approved',
      title: '活动方案',
      content: JSON.stringify({ headcountLimit: 300, supportOrganisationIds: [] }),
      submitted_at: t,
      decided_at: t,
      return_reason: null,
      created_at: t,
      updated_at: t,
    });
  }

  const projects: Record<string, unknown>[] = [];
  const partyRows: Record<string, unknown>[] = [];
  const followUps: (Record<string, unknown> & { due_date: string })[] = [];
  for (let i = 0; i < nProjects; i++) {
    const id = r.uuid();
    // A few projects continue after the year without a theme day.
    const td = r.next() < 0.04 ? -1 : r.int(nThemeDays);
    const base = td >= 0 ? tdDates[td]! : '2021-03-01';
    const stage = r.weighted(STAGES);
    const n = r.next() < 0.7 ? 2 : 3;
    const chosen = new Set<number>();
    while (chosen.size < n) chosen.add(r.int(parties.length));
    const intentOn = stage === 'candidate' ? null : addDays(base, r.int(20));
    const signed = !['candidate', 'intent'].includes(stage);
    const signedOn = signed ? addDays(intentOn!, 5 + r.int(80)) : null;
    const started = ['in_progress', 'completed'].includes(stage) ? addDays(signedOn!, 10 + r.int(40)) : null;
    const completed = stage === 'completed' ? addDays(started!, 60 + r.int(120)) : null;
    const terminated = stage === 'terminated' ? addDays(signedOn!, 30 + r.int(120)) : null;
    const intended = 100_000 * (1 + r.int(200));
    const created = new Date(now.getTime() - 400 * 86_400_000 + i * 1000).toISOString();
    const areas = [...new Set([r.pick(AREAS), ...(r.next() < 0.35 ? [r.pick(AREAS)] : [])])];
    projects.push({
      id,
      theme_day_id: td >= 0 ? themeDays[td]!.id : null,
      title: `${r.pick(WORDS)}${r.pick(ACTS)}项目${i}`,
      description: null,
      type: r.pick(PROJECT_TYPES),
      content_areas: JSON.stringify(areas),
      chain: r.pick(['industry', 'supply', 'innovation']),
      intended_amount: intended,
      contracted_amount: signed ? Math.round(intended * (0.5 + r.next() * 0.5)) : null,
      received_amount: started ? Math.round(intended * r.next() * 0.5) : null,
      jobs_created: started ? r.int(40) : null,
      stage,
      intent_on: intentOn,
      signed_on: signedOn,
      started_on: started,
      completed_on: completed,
      terminated_on: terminated,
      termination_reason: terminated ? '市场变化，双方协商终止' : null,
      source_type: 'manual',
      source_id: id,
      merged_into_id: null,
      proposed_by_org_id: null,
      created_by: null,
      created_at: created,
      updated_at: created,
    });
    let k = 0;
    for (const pi of chosen) {
      const p = parties[pi]!;
      const confirmed = stage !== 'candidate' || k === 0;
      const consent = r.next() < 0.6 ? 1 : 0;
      partyRows.push({
        id: r.uuid(),
        project_id: id,
        organisation_id: p.id,
        role: k === 0 ? 'lead' : 'participant',
        size_class: signed ? p.size : null,
        kind: signed ? p.kind : null,
        confirmation: confirmed ? 'confirmed' : 'pending',
        decline_reason: null,
        confirmed_by: null,
        confirmed_at: confirmed ? created : null,
        publish_consent: consent,
        amounts_consent: consent && r.next() < 0.5 ? 1 : 0,
        created_at: created,
        updated_at: created,
      });
      if (signed)
        for (const m of defaultRules2020.followUpMonths)
          followUps.push({
            id: r.uuid(),
            project_id: id,
            organisation_id: p.id,
            point_months: m,
            due_date: addCalendarMonths(signedOn!, m),
            status: null,
            received_amount: null,
            jobs_created: null,
            milestones: null,
            problems: null,
            help_needed: '[]',
            help_note: null,
            answered_at: null,
            answered_by: null,
            created_at: created,
            updated_at: created,
          });
      k++;
    }
  }
  // Answers: exactly nAnswers, drawn among the follow-ups open or due by today; the others are late or missing.
  const answerable = followUps.filter((f) => addDays(f.due_date, -14) <= today);
  for (let i = answerable.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [answerable[i], answerable[j]] = [answerable[j]!, answerable[i]!];
  }
  const answered = answerable.slice(0, nAnswers);
  for (const f of answered) {
    f.status = r.weighted(ANSWERS);
    const late = r.next() < 0.15;
    f.answered_at = `${addDays(f.due_date, late ? 5 + r.int(20) : -r.int(10))}T03:00:00.000Z`;
    f.received_amount = r.next() < 0.4 ? 10_000 * r.int(500) : null;
    f.jobs_created = r.int(10);
    f.milestones = '完成阶段性目标';
  }

  // People: an NDRC officer and the host base's administrator of one theme day, with sessions minted directly.
  const users: Record<string, unknown>[] = [];
  const memberships: Record<string, unknown>[] = [];
  const sessions: Record<string, unknown>[] = [];
  users.push({
    id: plannerId,
    name: '方案填报人',
    email: 'planner@bench.example.cn',
    mobile: null,
    password_hash: 'x',
    locked_until: null,
    created_at: t,
    updated_at: t,
  });
  const person = (orgId: string, role: string, name: string) => {
    const userId = r.uuid();
    const membershipId = r.uuid();
    const token = randomBytes(32).toString('base64url');
    users.push({
      id: userId,
      name,
      email: `${role}.${userId.slice(-12)}@bench.example.cn`,
      mobile: null,
      password_hash: 'x',
      locked_until: null,
      created_at: t,
      updated_at: t,
    });
    memberships.push({ id: membershipId, user_id: userId, organisation_id: orgId, role, created_at: t });
    sessions.push({
      id: tokenHash(token),
      user_id: userId,
      membership_id: membershipId,
      csrf_token: randomBytes(24).toString('base64url'),
      ip: '127.0.0.1',
      user_agent: 'bench',
      created_at: t,
      last_seen_at: t,
      expires_at: new Date(now.getTime() + 12 * 3600_000).toISOString(),
    });
    return { cookie: `rt_sid=${token}` };
  };
  const ndrc = person(ndrcOrg, 'programme_owner', '发改委处室');
  const host = person(hostOrgs[0]!, 'base_admin', '基地管理员');

  await database.db.transaction().execute(async (trx) => {
    await trx
      .insertInto('programmes')
      .values({
        id: programmeId,
        year: 2020,
        name: '2020年融通创新主题日',
        rules: JSON.stringify(defaultRules2020),
        status: 'closed',
        opened_at: t,
        closed_at: t,
        created_at: t,
        updated_at: t,
      })
      .execute();
    const db = trx as unknown as Database['db'];
    await insertMany(db, 'organisations', orgs);
    await insertMany(db, 'users', users);
    await insertMany(db, 'bases', bases);
    await insertMany(db, 'preliminary_plans', plans);
    await insertMany(db, 'theme_days', themeDays);
    await insertMany(db, 'activity_plans', activityPlans);
    await insertMany(db, 'memberships', memberships);
    await insertMany(db, 'sessions', sessions);
    await insertMany(db, 'cooperation_projects', projects);
    await insertMany(db, 'project_parties', partyRows);
    await insertMany(db, 'project_follow_ups', followUps);
  });
  return {
    today,
    now,
    themeDayIds: themeDays.map((x) => x.id as string),
    hostThemeDayId: themeDays[0]!.id as string,
    ndrc,
    host,
    counts: {
      themeDays: nThemeDays,
      organisations: nOrgs,
      projects: nProjects,
      parties: partyRows.length,
      followUps: followUps.length,
      answers: answered.length,
    },
  };
}
