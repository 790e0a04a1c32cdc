/** Test helpers of the cooperation-project suites (not a test file itself). */
import type { SizeClass } from '../../../common/contracts/organisations.ts';
import type { Department, OrgKind, Role } from '../../../common/roles.ts';
import { Client, type TestEnv } from '../../test/harness.ts';
import { createOrganisation, createUser } from '../../test/factories.ts';
import { signIn } from '../themedays/test-helpers.ts';

export interface Party {
  user: { id: string; email: string; password: string };
  org: { id: string; name: string };
  client: Client;
}

/** A signed-in user with `role` in a new organisation of the given size class / region / kind. */
export async function party(
  env: TestEnv,
  o: {
    role?: Role;
    sizeClass?: SizeClass;
    regionCode?: string;
    kind?: OrgKind;
    departmentCode?: Department;
    org?: { id: string; name: string };
  } = {},
): Promise<Party> {
  const db = env.database.db;
  const role = o.role ?? 'member';
  const org =
    o.org ??
    (await createOrganisation(db, {
      kind:
        o.kind ??
        (['programme_owner', 'local_drc', 'department_reviewer'].includes(role)
          ? 'government'
          : role === 'evaluator'
            ? 'evaluator'
            : 'enterprise'),
      ...(o.sizeClass ? { sizeClass: o.sizeClass } : {}),
      ...(o.regionCode ? { regionCode: o.regionCode } : {}),
      ...(o.departmentCode ? { departmentCode: o.departmentCode } : {}),
    }));
  const user = await createUser(db, { memberships: [{ organisationId: org.id, role }] });
  return {
    user: { id: user.id, email: user.email ?? '', password: user.password },
    org: { id: org.id, name: org.name },
    client: await signIn(env, user),
  };
}

/** Moves the test clock and signs everyone in again (sessions expire after 30 idle minutes). */
export async function at(env: TestEnv, iso: string, people: Party[]): Promise<void> {
  env.clock.set(iso);
  for (const p of people) {
    const r = await p.client.login(p.user.email, p.user.password);
    if (r.statusCode !== 200) throw new Error(`login: ${r.body}`);
  }
}

export const projectBody = (parties: { org: { id: string } }[], over: Record<string, unknown> = {}) => ({
  title: '工业视觉质检联合研发',
  type: 'joint_rd',
  contentAreas: ['collaborative_rd'],
  chain: 'innovation',
  intendedAmount: 1_000_000,
  parties: parties.map((p, i) => ({ organisationId: p.org.id, role: i === 0 ? 'lead' : 'participant' })),
  ...over,
});

export async function notificationKinds(env: TestEnv, userId: string): Promise<string[]> {
  const rows = await env.database.db
    .selectFrom('notifications')
    .select('kind')
    .where('user_id', '=', userId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.kind);
}

/** NDRC commissions `evaluator`'s organisation to evaluate `themeDayIds` (what lets an evaluator read them). */
export async function commissionEvaluation(
  owner: Pick<Party, 'client'>,
  evaluator: Pick<Party, 'org'>,
  themeDayIds: string[],
): Promise<string> {
  const res = await owner.client.post('/api/evaluations', {
    evaluatorOrganisationId: evaluator.org.id,
    themeDayIds,
    periodStart: '2020-01-01',
    periodEnd: '2020-12-31',
  });
  if (res.statusCode !== 201) throw new Error(`commission: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}
