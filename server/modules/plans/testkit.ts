/** Test helpers shared by the programme, plan and review suites (not a test file itself). */
import { countZishu } from '../../../common/zishu.ts';
import { planZishu, ZISHU_FIELDS } from '../../../common/programme-rules.ts';
import type { BaseKind, Department, OrgKind, Role } from '../../../common/roles.ts';
import { demoPlanBody } from '../../demo/seed.ts';
import { Client, type TestEnv } from '../../test/harness.ts';
import { createBase, createOrganisation, createUser, createUserWithRole } from '../../test/factories.ts';

/** A body of exactly `n` 字 (Chinese text only, so each character counts one). */
export function bodyOf(n: number, short = '测试', theme = '工业互联网'): string {
  const unit = Array.from(demoPlanBody(short, theme).replace(/\s/g, ''));
  const out: string[] = [];
  while (out.length < n) out.push(...unit);
  const text = out.slice(0, n).join('');
  if (countZishu(text) !== n) throw new Error(`bodyOf(${n}) counted ${countZishu(text)}`);
  return text;
}

export const AREA_KEYS = [
  'resource_sharing',
  'collaborative_rd',
  'joint_commercialisation',
  'roadshow',
  'deep_docking',
];

/**
 * A base no test administers, named as the partner base of `planContent` by default (a plan must name at least
 * one, issue 12 §4). Created by the first `baseWithAdmin` of a test database.
 */
let spare: { db: unknown; id: string } | null = null;

/**
 * A complete plan content covering the first `areas` content areas, of `zishu` 字 in all (default 800) counted
 * over every text field (the default rule): the body makes up what theme, title, areas and measures leave.
 */
export function planContent(opts: { areas?: number; zishu?: number; partnerBaseIds?: string[]; keys?: string[] } = {}) {
  const keys = (opts.keys ?? AREA_KEYS).slice(0, opts.areas ?? 4);
  const rest = {
    theme: '工业互联网',
    title: '工业互联网融通创新主题日活动初步计划',
    areas: keys.map((key) => ({ key, description: `围绕${key}开展对接活动，发布清单并组织响应。` })),
    epidemicMeasures: '线上线下结合，线下控制参会人数，制定应急预案。',
  };
  const others = planZishu({ zishuFields: [...ZISHU_FIELDS] }, rest);
  return {
    ...rest,
    body: bodyOf((opts.zishu ?? 800) - others),
    partnerBaseIds: opts.partnerBaseIds ?? (spare ? [spare.id] : []),
    plannedMonths: [9, 10],
  };
}

export async function signIn(env: TestEnv, user: { email: string; password: string }): Promise<Client> {
  const c = new Client(env.app);
  const r = await c.login(user.email, user.password);
  if (r.statusCode !== 200) throw new Error(`login failed: ${r.body}`);
  return c;
}

/** A signed-in user with one role in a new organisation (a department organisation for reviewers). */
export async function userWith(
  env: TestEnv,
  role: Role,
  org?: { departmentCode?: Department; regionCode?: string; kind?: OrgKind },
) {
  const db = env.database.db;
  const o = await createOrganisation(db, {
    kind:
      org?.kind ??
      (role === 'department_reviewer' || role === 'programme_owner' || role === 'local_drc'
        ? 'government'
        : 'enterprise'),
    ...(org?.departmentCode ? { departmentCode: org.departmentCode } : {}),
    ...(org?.regionCode ? { regionCode: org.regionCode } : {}),
  });
  const user = await createUserWithRole(db, role, o);
  return { user, org: o, client: await signIn(env, user) };
}

/** A base (of `kind`) with its operating organisation and a signed-in administrator. */
export async function baseWithAdmin(
  env: TestEnv,
  opts: { kind?: BaseKind; regionCode?: string; shortName?: string } = {},
) {
  const db = env.database.db;
  if (spare?.db !== db) spare = { db, id: (await createBase(db, { organisationId: null })).id };
  const org = await createOrganisation(db, { regionCode: opts.regionCode ?? '110108' });
  const base = await createBase(db, {
    organisationId: org.id,
    kind: opts.kind ?? 'enterprise',
    regionCode: opts.regionCode ?? '110108',
    ...(opts.shortName ? { shortName: opts.shortName } : {}),
  });
  const admin = await createUser(db, { memberships: [{ organisationId: org.id, role: 'base_admin' }] });
  return { org, base, admin, user: admin, client: await signIn(env, admin) };
}

/** Creates (and by default opens) a programme through the API as the owner. */
export async function programmeVia(owner: Client, body: Record<string, unknown> = { year: 2020 }, open = true) {
  const r = await owner.post('/api/programmes', body);
  if (r.statusCode !== 201) throw new Error(`create programme: ${r.body}`);
  const p = r.json<{ id: string }>();
  if (open) {
    const o = await owner.post(`/api/programmes/${p.id}/open`);
    if (o.statusCode !== 200) throw new Error(`open programme: ${o.body}`);
  }
  return p.id;
}

/**
 * Creates a plan with complete content and submits it; returns the plan id. A content naming no partner base
 * gets one from the directory (a plan must name at least one, issue 12 §4).
 */
export async function submittedPlan(admin: Client, programmeId: string, content = planContent()) {
  const create = (body: typeof content) => admin.post(`/api/programmes/${programmeId}/plans`, body);
  let c = content.partnerBaseIds.length ? await create(content) : undefined;
  if (!c) {
    // Name a base of the directory; the first may be the plan's own base (refused), then the next one.
    const dir = (await admin.get('/api/bases?pageSize=2&sort=createdAt')).json<{ items: { id: string }[] }>();
    for (const b of dir.items) {
      c = await create({ ...content, partnerBaseIds: [b.id] });
      if (c.statusCode !== 400) break;
    }
  }
  if (c?.statusCode !== 201) throw new Error(`create plan: ${c?.body}`);
  const id = c.json<{ id: string }>().id;
  const s = await admin.post(`/api/plans/${id}/submit`);
  if (s.statusCode !== 200) throw new Error(`submit plan: ${s.body}`);
  return id;
}

export { auditActions, auditRows } from '../../test/harness.ts';

export async function notificationsOf(env: TestEnv, userId: string) {
  return env.database.db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .execute();
}

/** Moves the clock and signs the given users in again (a jump of months expires their sessions). */
export async function moveTo(
  env: TestEnv,
  iso: string,
  ...who: { user: { email: string; password: string }; client: Client }[]
) {
  env.clock.set(iso);
  for (const w of who) {
    const r = await w.client.login(w.user.email, w.user.password);
    if (r.statusCode !== 200) throw new Error(`re-login failed: ${r.body}`);
  }
}
