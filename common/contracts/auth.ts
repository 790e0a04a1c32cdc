/** Request and response shapes of sign-in, the session's "me" and the workspace menu. */
import { z } from 'zod';
import { ROLES } from '../roles.ts';

/** The workspace menu entries, in menu order; the server decides which a role set sees (server/modules/auth/nav.ts). */
export const NAV_ITEMS = [
  'dashboard',
  'onboarding',
  'programmes',
  'plans',
  'reviews',
  'selection',
  'activityPlans',
  'organisations',
  'orgVerification',
  'joinRequests',
  'bases',
  'users',
  'audit',
  'deliveries',
  'resources',
  'demands',
  'results',
  'docking',
  'meetings',
  'events',
  'roadshows',
  'projects',
  'cases',
  'surveys',
  'news',
  'benchmarks',
  'evaluations',
  'lexicon',
  'alliances',
  'notifications',
] as const;
export type NavItem = (typeof NAV_ITEMS)[number];

/** One of the caller's roles in one organisation (the organisation switcher lists these). */
export const MeMembership = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: z.string(),
  role: z.enum(ROLES),
  /** Issue 12 §1: 'unverified' or 'rejected' for a self-registered organisation not (yet) verified. */
  organisationVerification: z.enum(['unverified', 'verified', 'rejected']),
  /** The membership administers the organisation (approves requests to join). */
  orgAdmin: z.boolean(),
});
export type MeMembership = z.infer<typeof MeMembership>;

/** The signed-in person, their organisations, the active one's roles, the menu and the CSRF token. */
export const Me = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string().nullable(), mobile: z.string().nullable() }),
  memberships: z.array(MeMembership),
  activeOrganisationId: z.string().nullable(),
  roles: z.array(z.enum(ROLES)),
  nav: z.array(z.enum(NAV_ITEMS)),
  csrfToken: z.string(),
});
export type Me = z.infer<typeof Me>;

/** Sign-in by mobile number or e-mail and password. */
export const LoginBody = z.object({
  identifier: z.string().trim().min(1).max(200),
  password: z.string().min(1).max(200),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SwitchOrganisationBody = z.object({ organisationId: z.string().min(1) });
export type SwitchOrganisationBody = z.infer<typeof SwitchOrganisationBody>;

export const PasswordChangeBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: z.string().min(1).max(200),
});
export type PasswordChangeBody = z.infer<typeof PasswordChangeBody>;
