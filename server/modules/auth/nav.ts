/**
 * The workspace menu a role set may see. The server decides; the web client renders what it is given.
 * The entries themselves (NAV_ITEMS) are part of the API contract (common/contracts/auth.ts).
 */
import type { Role } from '../../../common/roles.ts';
import { NAV_ITEMS, type NavItem } from '../../../common/contracts/auth.ts';

/** The theme day's content areas and sessions: what organisations publish, request, answer and attend. */
const PARTICIPANT: NavItem[] = [
  'resources',
  'demands',
  'results',
  'docking',
  'meetings',
  'events',
  'roadshows',
  'projects',
];

const BY_ROLE: Partial<Record<Role, NavItem[]>> = {
  programme_owner: [
    'programmes',
    'plans',
    'selection',
    'activityPlans',
    'organisations',
    'orgVerification',
    'audit',
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
  ],
  department_reviewer: ['reviews', 'plans', 'projects', 'surveys'],
  local_drc: ['plans', 'activityPlans', 'orgVerification', 'projects', 'surveys'],
  base_supervisor: ['plans', 'activityPlans'],
  base_admin: ['plans', 'activityPlans', ...PARTICIPANT, 'cases', 'surveys', 'news'],
  support_org: ['activityPlans', ...PARTICIPANT, 'cases', 'news'],
  evaluator: ['evaluations', 'activityPlans', 'events', 'roadshows', 'projects', 'surveys'],
  // Success cases are proposed and agreed by the parties acting for their organisation (PARTY_ACTING_ROLES).
  member: [...PARTICIPANT, 'cases'],
  investor: [...PARTICIPANT, 'cases'],
  expert: PARTICIPANT,
  system_admin: ['organisations', 'orgVerification', 'users', 'audit', 'deliveries', 'lexicon', 'alliances'],
};

/**
 * `orgAdmin`: the person administers the active organisation (its join requests); `noOrganisation`: they belong
 * to none yet, so the menu offers 注册/加入单位 (issue 12 §1).
 */
export function navFor(roles: Role[], opts: { orgAdmin?: boolean; noOrganisation?: boolean } = {}): NavItem[] {
  // Anyone signed in may register for a theme day's sessions (the portal's register button leads here).
  const set = new Set<NavItem>(['dashboard', 'bases', 'events', 'notifications']);
  if (opts.noOrganisation) set.add('onboarding');
  if (opts.orgAdmin) set.add('joinRequests');
  for (const r of roles) for (const n of BY_ROLE[r] ?? []) set.add(n);
  return NAV_ITEMS.filter((n) => set.has(n));
}
