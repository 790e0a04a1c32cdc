/**
 * Roles a person holds in an organisation (MISSION.md "Who uses it"), and organisation kinds.
 * A user may hold several roles in several organisations; the active organisation decides which apply.
 */
export const ROLES = [
  'programme_owner', // 国家发展改革委 programme owner
  'department_reviewer', // 指导部门 reviewer (its department is the organisation's department_code)
  'local_drc', // 地方发展改革委 (its region is the organisation's region_code)
  'base_supervisor', // 基地主管部门 (follows the bases whose supervisor_organisation_id is the organisation)
  'base_admin', // 示范基地 administrator (the base whose organisation_id is the organisation)
  'member', // 企业 / 机构 member
  'investor', // 投资机构 / 引导基金
  'expert', // 专家
  'support_org', // 支撑机构, acting for a host by delegation
  'evaluator', // 第三方评估机构
  'system_admin', // 系统管理员
] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, { zh: string; en: string }> = {
  programme_owner: { zh: '国家发展改革委（方案管理）', en: 'Programme owner (NDRC)' },
  department_reviewer: { zh: '指导部门评审', en: 'Department reviewer' },
  local_drc: { zh: '地方发展改革委', en: 'Local DRC' },
  base_supervisor: { zh: '基地主管部门', en: 'Base supervising department' },
  base_admin: { zh: '示范基地管理员', en: 'Base administrator' },
  member: { zh: '企业/机构成员', en: 'Organisation member' },
  investor: { zh: '投资机构', en: 'Investor' },
  expert: { zh: '专家', en: 'Expert' },
  support_org: { zh: '支撑机构', en: 'Support organisation' },
  evaluator: { zh: '第三方评估机构', en: 'Evaluator' },
  system_admin: { zh: '系统管理员', en: 'System administrator' },
};

export const ORG_KINDS = [
  'enterprise',
  'university',
  'institute',
  'investor',
  'support_org',
  'government',
  'evaluator',
] as const;
export type OrgKind = (typeof ORG_KINDS)[number];

export const ORG_KIND_LABELS: Record<OrgKind, { zh: string; en: string }> = {
  enterprise: { zh: '企业', en: 'Enterprise' },
  university: { zh: '高校', en: 'University' },
  institute: { zh: '科研院所', en: 'Research institute' },
  investor: { zh: '投资机构', en: 'Investor' },
  support_org: { zh: '支撑机构', en: 'Support organisation' },
  government: { zh: '政府部门', en: 'Government department' },
  evaluator: { zh: '第三方评估机构', en: 'Evaluator' },
};

export const BASE_KINDS = ['regional', 'academic', 'enterprise'] as const;
export type BaseKind = (typeof BASE_KINDS)[number];
export const BASE_KIND_LABELS: Record<BaseKind, { zh: string; en: string }> = {
  regional: { zh: '区域示范基地', en: 'Regional base' },
  academic: { zh: '高校和科研院所示范基地', en: 'University/institute base' },
  enterprise: { zh: '企业示范基地', en: 'Enterprise base' },
};

/** 指导部门: NDRC leads; the other five review. */
export const DEPARTMENTS = ['NDRC', 'MIIT', 'SASAC', 'CAST', 'MOE', 'CAS'] as const;
export type Department = (typeof DEPARTMENTS)[number];
export const DEPARTMENT_LABELS: Record<Department, { zh: string; en: string }> = {
  NDRC: { zh: '国家发展改革委', en: 'NDRC' },
  MIIT: { zh: '工业和信息化部', en: 'MIIT' },
  SASAC: { zh: '国务院国资委', en: 'SASAC' },
  CAST: { zh: '中国科协', en: 'CAST' },
  MOE: { zh: '教育部', en: 'MOE' },
  CAS: { zh: '中科院', en: 'CAS' },
};
