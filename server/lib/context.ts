/**
 * What the domain layer knows about a request. Routes build nothing themselves: plugins/session.ts sets
 * `req.ctx` once per API request, and every command, repository helper and policy takes that `Ctx` (or a
 * part of it) — never the Fastify request — so services run the same from a route, a worker, the demo
 * seed or a test.
 */
import type { OrgKind, Role } from '../../common/roles.ts';
import type { OrgVerificationStatus } from '../../common/contracts/onboarding.ts';
import type { Db, Dialect } from '../db/index.ts';

export interface MembershipInfo {
  id: string;
  organisationId: string;
  organisationName: string;
  organisationKind: OrgKind;
  /** GB/T 2260 code of the organisation (a local DRC's province is its first two digits). */
  organisationRegionCode: string | null;
  /** Issue 12 §1: a self-registered organisation is unverified (may not publish) until a manager verifies it. */
  organisationVerification: OrgVerificationStatus;
  role: Role;
  /** The membership administers the organisation (approves requests to join). */
  orgAdmin: boolean;
}

/** The signed-in person: the one "who is asking" type every policy takes (null = anonymous). */
export interface Actor {
  userId: string;
  name: string;
  sessionId: string;
  csrfToken: string;
  /** The active organisation (org switcher); null for a user without memberships. */
  organisationId: string | null;
  /** GB/T 2260 region of the active organisation, or null. */
  organisationRegionCode: string | null;
  /** Verification of the active organisation (null without one). */
  organisationVerification: OrgVerificationStatus | null;
  /** Roles held in the active organisation. */
  roles: Role[];
  memberships: MembershipInfo[];
}

/** The instant source; tests move it (server/test/harness.ts). */
export interface Clock {
  now(): Date;
}

/** The per-request context: database, caller, clock and what an audit row records about the request. */
export interface Ctx {
  /** Root handle; a command opens its transaction with `ctx.db.transaction()` and passes the trx down. */
  db: Db;
  dialect: Dialect;
  /** The caller, or null when not signed in. */
  readonly actor: Actor | null;
  /** True when the request carried a session cookie that had expired (401 session_expired, not unauthenticated). */
  readonly sessionExpired: boolean;
  clock: Clock;
  ip: string | null;
  requestId: string | null;
  /** Where uploaded files are kept (lib/attachments.ts). */
  uploadDir: string;
  /**
   * The host organisation the caller acts for in this request, when a co-organiser or a delegated support
   * organisation manages a part of a theme day (issue 12 §3); set by the policy check that allowed it and
   * written on every audit row of the request ("X for host Y").
   */
  actingForOrganisationId?: string | null;
}

/** A context outside any request (demo seed, background jobs, CLI): no caller, no IP. */
export function systemContext(
  database: { db: Db; dialect: Dialect },
  opts: { clock?: Clock; actor?: Actor | null; uploadDir?: string } = {},
): Ctx {
  return {
    db: database.db,
    dialect: database.dialect,
    actor: opts.actor ?? null,
    sessionExpired: false,
    clock: opts.clock ?? { now: () => new Date() },
    ip: null,
    requestId: null,
    uploadDir: opts.uploadDir ?? 'data/uploads',
  };
}

export const hasRole = (a: Actor | null | undefined, ...roles: Role[]): boolean =>
  !!a && a.roles.some((r) => roles.includes(r));
