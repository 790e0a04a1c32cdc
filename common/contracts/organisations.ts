/** Request and response shapes of the organisation register. */
import { z } from 'zod';
import { DEPARTMENTS, ORG_KINDS, ROLES } from '../roles.ts';
import { listOf, OrgRef, pagingQuery } from './common.ts';

/** Stored status of an organisation's credit code (a check result can also be 'invalid', which is never stored). */
export const USCC_STATUSES = ['valid', 'needs_manual_verification', 'manually_verified'] as const;
export type UsccStoredStatus = (typeof USCC_STATUSES)[number];
/** 企业规模 (统计上大中小微型企业划分办法（2017）), derived on the server. */
export const SIZE_CLASSES = ['large', 'medium', 'small', 'micro'] as const;
export type SizeClass = (typeof SIZE_CLASSES)[number];

const figure = z.number().finite().min(0).max(1e12).nullable();

export const OrganisationCreate = z.object({
  name: z.string().trim().min(2).max(100),
  uscc: z.string().trim().min(1).max(40),
  kind: z.enum(ORG_KINDS),
  regionCode: z.string().trim().nullable().optional(),
  industryCode: z.string().trim().nullable().optional(),
  /** 从业人员 (persons). */
  employees: z.number().int().min(0).max(10_000_000).nullable().optional(),
  /** 营业收入, 万元. */
  revenueWan: figure.optional(),
  /** 资产总额, 万元. */
  assetsWan: figure.optional(),
  departmentCode: z.enum(DEPARTMENTS).nullable().optional(),
});
export type OrganisationCreate = z.infer<typeof OrganisationCreate>;

export const OrganisationPatch = OrganisationCreate.partial();
export type OrganisationPatch = z.infer<typeof OrganisationPatch>;

export const Organisation = z.object({
  id: z.string(),
  name: z.string(),
  uscc: z.string(),
  usccStatus: z.enum(USCC_STATUSES),
  kind: z.enum(ORG_KINDS),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryName: z.string().nullable(),
  sizeClass: z.enum(SIZE_CLASSES).nullable(),
  departmentCode: z.enum(DEPARTMENTS).nullable(),
  /** Present only for the organisation's own people and the platform managers. */
  employees: z.number().nullable().optional(),
  revenueWan: z.number().nullable().optional(),
  assetsWan: z.number().nullable().optional(),
  /** Why the size class is what it is (or why it could not be derived), in Chinese. */
  sizeBasis: z.string().nullable().optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: z.object({
    edit: z.boolean(),
    editIdentity: z.boolean(),
    verifyUscc: z.boolean(),
    viewMembers: z.boolean(),
  }),
});
export type Organisation = z.infer<typeof Organisation>;

export const OrganisationListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['name', 'createdAt', 'regionCode', 'uscc']).default('name'),
  kind: z.enum(ORG_KINDS).optional(),
  /** A GB/T 2260 code or 2/4-digit prefix: '320000' and '32' both mean 江苏省. */
  region: z
    .string()
    .trim()
    .regex(/^\d{2}(\d{2}(\d{2})?)?$/)
    .optional(),
  /** A GB/T 4754 division (or deeper) code; matches the division and everything under it. */
  industry: z
    .string()
    .trim()
    .regex(/^\d{2,4}$/)
    .optional(),
  size: z.enum(SIZE_CLASSES).optional(),
  departmentCode: z.enum(DEPARTMENTS).optional(),
  usccStatus: z.enum(USCC_STATUSES).optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type OrganisationListQuery = z.infer<typeof OrganisationListQuery>;

export const OrganisationList = listOf(Organisation);
export type OrganisationList = z.infer<typeof OrganisationList>;

/** Body of the form's live credit-code check. */
export const UsccCheckBody = z.object({ uscc: z.string().max(40) });
export type UsccCheckBody = z.infer<typeof UsccCheckBody>;

export const UsccCheckResult = z.object({
  status: z.enum(['valid', 'needs_manual_verification', 'invalid']),
  normalized: z.string(),
  reasonCode: z.string().nullable(),
  message: z.string().nullable(),
  /** The organisation that already holds this code, if any. */
  registeredAs: OrgRef.nullable(),
});
export type UsccCheckResult = z.infer<typeof UsccCheckResult>;

export const Member = z.object({
  membershipId: z.string(),
  userId: z.string(),
  name: z.string(),
  email: z.string().nullable(),
  mobile: z.string().nullable(),
  role: z.enum(ROLES),
  disabled: z.boolean(),
  joinedAt: z.string(),
});
export type Member = z.infer<typeof Member>;

export const MemberListQuery = z.object({
  ...pagingQuery(),
  sort: z.enum(['name', 'role', 'joinedAt']).default('joinedAt'),
  role: z.enum(ROLES).optional(),
});
export type MemberListQuery = z.infer<typeof MemberListQuery>;

export const MemberList = listOf(Member);
export type MemberList = z.infer<typeof MemberList>;
