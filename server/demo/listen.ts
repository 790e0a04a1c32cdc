/**
 * Safe defaults for where the server listens: while the demo accounts (whose password is public in the
 * README) exist, an unset HOST means loopback only, so `npm start` on a networked machine does not open a
 * system administrator account to everyone who can reach it.
 */
import type { Executor } from '../db/index.ts';
import { DEMO_USERS } from './seed.ts';

/** How many of the demo accounts exist in this database. */
export async function countDemoAccounts(db: Executor): Promise<number> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where(
      'email',
      'in',
      DEMO_USERS.map((u) => u.email),
    )
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/** The address to listen on and what to say about it at start (null: nothing worth saying). */
export function chooseListenHost(
  configuredHost: string | undefined,
  demoAccounts: number,
): { host: string; notice: string | null } {
  if (configuredHost) {
    if (demoAccounts > 0 && !LOOPBACK.has(configuredHost)) {
      return {
        host: configuredHost,
        notice:
          `WARNING: ${demoAccounts} demo accounts with the public password from the README exist and HOST=${configuredHost} ` +
          'opens them to the network (the system administrator included). Remove them or change their passwords.',
      };
    }
    return { host: configuredHost, notice: null };
  }
  if (demoAccounts > 0) {
    return {
      host: '127.0.0.1',
      notice:
        `${demoAccounts} demo accounts with the public password from the README exist, so the server listens on ` +
        '127.0.0.1 only. Set HOST=0.0.0.0 to listen on every interface.',
    };
  }
  return { host: '0.0.0.0', notice: null };
}
