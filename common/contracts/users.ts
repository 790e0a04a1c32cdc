/** Request and response shapes of user administration. */
import { z } from 'zod';
import { DEPARTMENTS, ORG_KINDS, ROLES } from '../roles.ts';
import { IdParams, listOf, pagingQuery } from './common.ts';

export const MembershipInput = z.object({
  organisationId: z.string().min(1).max(100),
  role: z.enum(ROLES),
});
export type MembershipInput = z.infer<typeof MembershipInput>;

export const UserCreate = z.object({
  name: z.string().trim().min(1).max(50),
  /** At least one of e-mail and mobile; both are sign-in identifiers. */
  email: z.string().trim().max(200).nullable().optional(),
  mobile: z.string().trim().max(30).nullable().optional(),
  /** The initial password, checked against the password policy. */
  password: z.string().min(1).max(200),
  memberships: z.array(MembershipInput).max(20).optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserPatch = z.object({
  name: z.string().trim().min(1).max(50).optional(),
  email: z.string().trim().max(200).nullable().optional(),
  mobile: z.string().trim().max(30).nullable().optional(),
});
export type UserPatch = z.infer<typeof UserPatch>;

export const PasswordReset = z.object({ password: z.string().min(1).max(200) });
export type PasswordReset = z.infer<typeof PasswordReset>;

/** Path of DELETE /users/:id/memberships/:membershipId. */
export const MembershipParams = IdParams.extend({ membershipId: z.string().min(1).max(100) });
export type MembershipParams = z.infer<typeof MembershipParams>;

export const Membership = z.object({
  id: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  organisationKind: z.enum(ORG_KINDS),
  departmentCode: z.enum(DEPARTMENTS).nullable(),
  role: z.enum(ROLES),
  createdAt: z.string(),
});
export type Membership = z.infer<typeof Membership>;

export const User = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  memberships: z.array(Membership),
  abilities: z.object({
    edit: z.boolean(),
    disable: z.boolean(),
    enable: z.boolean(),
    resetPassword: z.boolean(),
    /** End every session of the user (forced sign-out). */
    revokeSessions: z.boolean(),
    manageMemberships: z.boolean(),
  }),
});
export type User = z.infer<typeof User>;

/** What a programme owner sees of a reviewer when assigning reviews: no contact details. */
export const ReviewerItem = z.object({
  id: z.string(),
  name: z.string(),
  organisationId: z.string(),
  organisationName: z.string(),
  departmentCode: z.enum(DEPARTMENTS).nullable(),
});
export type ReviewerItem = z.infer<typeof ReviewerItem>;

export const UserListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['name', 'createdAt', 'email']).default('createdAt'),
  q: z.string().trim().min(1).max(100).optional(),
  organisationId: z.string().max(100).optional(),
  role: z.enum(ROLES).optional(),
  disabled: z.enum(['true', 'false']).optional(),
});
export type UserListQuery = z.infer<typeof UserListQuery>;

export const UserList = listOf(z.union([User, ReviewerItem]));
export type UserList = z.infer<typeof UserList>;
