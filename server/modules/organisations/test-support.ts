/** Test helpers for the organisation, base and user suites: signed-in clients by role, audit lookups. */
import type { Role } from '../../../common/roles.ts';
import { Client, type TestEnv } from '../../test/harness.ts';
import { createUserWithRole } from '../../test/factories.ts';

/** A user with `role` in `org` (or a new organisation), signed in. */
export async function signIn(env: TestEnv, role: Role, org?: { id: string }) {
  const user = await createUserWithRole(env.database.db, role, org);
  const client = new Client(env.app);
  const res = await client.login(user.email, user.password);
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return { client, user };
}

/** Audit rows for one entity and action. */
export function auditRows(env: TestEnv, entityType: string, entityId: string, action: string) {
  return env.database.db
    .selectFrom('audit_events')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .where('action', '=', action)
    .execute();
}
