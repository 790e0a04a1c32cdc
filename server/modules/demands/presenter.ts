/**
 * Rows of the demands area → the views of common/contracts/demands.ts, with the caller's abilities, and the
 * .xlsx sheets (the list export and the import template).
 */
import { ENTERPRISE_SIZE_LABELS, type EnterpriseSize } from '../../../common/enterprise-size.ts';
import { industryName } from '../../../common/industry.ts';
import { regionName } from '../../../common/region.ts';
import { ORG_KINDS, ORG_KIND_LABELS, type OrgKind } from '../../../common/roles.ts';
import {
  COOPERATION_MODE_LABELS,
  DEMAND_KIND_LABELS,
  DEMAND_TEMPLATE_HEADERS,
  type ConsortiumView,
  type DemandKind,
  type DemandView,
  type PublicOrganisationView,
  type ResponseView,
} from '../../../common/contracts/demands.ts';
import type { Executor } from '../../db/index.ts';
import { NON_CLASSIFIED_NOTICE } from '../../../common/contracts/common.ts';
import type { Actor } from '../../lib/context.ts';
import { orgRefs, themeDayRefs } from '../../lib/sql.ts';
import { toXlsx } from '../../lib/xlsx.ts';
import { consortiumAbilities, demandAbilities, isExpired, responseAbilities } from './policy.ts';
import {
  attachmentsOf,
  consortiumMembers,
  myResponseIds,
  type ConsortiumRow,
  type DemandRow,
  type PublicOrganisationRow,
  type ResponseJoined,
} from './repository.ts';

export async function presentDemands(
  db: Executor,
  actor: Actor | null,
  rows: DemandRow[],
  now: Date,
): Promise<DemandView[]> {
  const [orgs, tds, mine] = await Promise.all([
    orgRefs(
      db,
      rows.map((r) => r.organisation_id),
    ),
    themeDayRefs(
      db,
      rows.map((r) => r.theme_day_id),
    ),
    actor?.organisationId
      ? myResponseIds(
          db,
          actor.organisationId,
          rows.map((r) => r.id),
        )
      : Promise.resolve(new Map<string, string>()),
  ]);
  return rows.map((d) => {
    const expired = isExpired(d, now);
    return {
      id: d.id,
      kind: d.kind,
      kindLabel: DEMAND_KIND_LABELS[d.kind] ?? d.kind,
      organisation: orgs(d.organisation_id),
      themeDay: tds(d.theme_day_id),
      title: d.title,
      fieldCode: d.field_code,
      fieldName: industryName(d.field_code) ?? null,
      description: d.description,
      indicators: d.indicators,
      budgetMinWan: d.budget_min_wan,
      budgetMaxWan: d.budget_max_wan,
      cooperationMode: d.cooperation_mode,
      cooperationModeLabel: COOPERATION_MODE_LABELS[d.cooperation_mode] ?? d.cooperation_mode,
      deadline: d.deadline,
      expired,
      ipTerms: d.ip_terms,
      status: d.status,
      publishedAt: d.published_at,
      createdAt: d.created_at,
      updatedAt: d.updated_at,
      myResponseId: mine.get(d.id) ?? null,
      abilities: demandAbilities(actor, d, { expired, responded: mine.has(d.id) }),
    };
  });
}

export async function presentResponses(
  db: Executor,
  actor: Actor | null,
  rows: ResponseJoined[],
  now: Date,
): Promise<ResponseView[]> {
  const orgs = await orgRefs(
    db,
    rows.flatMap((r) => [r.organisation_id, r.demand_org_id]),
  );
  return rows.map((r) => {
    const attachments = attachmentsOf(r);
    return {
      id: r.id,
      demand: {
        id: r.demand_id,
        title: r.demand_title,
        kind: r.demand_kind,
        organisation: orgs(r.demand_org_id),
      },
      organisation: orgs(r.organisation_id),
      user: { id: r.user_id, name: r.user_name },
      proposal: r.proposal,
      attachments: attachments.map((a) => ({ id: a.id, name: a.name, type: a.type, size: a.size })),
      status: r.status,
      decisionNote: r.decision_note,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      notice: NON_CLASSIFIED_NOTICE,
      abilities: responseAbilities(actor, r, attachments.length, now),
    };
  });
}

export async function presentConsortium(db: Executor, actor: Actor | null, c: ConsortiumRow): Promise<ConsortiumView> {
  const members = await consortiumMembers(db, c.id);
  const orgs = await orgRefs(db, [c.organisation_id, ...members.map((m) => m.organisation_id)]);
  return {
    id: c.id,
    demandId: c.demand_id,
    lead: orgs(c.organisation_id),
    name: c.name,
    ipTerms: c.ip_terms,
    status: c.status,
    version: c.version,
    signedAt: c.signed_at,
    members: members.map((m) => ({
      organisation: orgs(m.organisation_id),
      role: m.role,
      costShareBp: m.cost_share_bp,
      benefitShareBp: m.benefit_share_bp,
      signedAt: m.signed_at,
    })),
    createdAt: c.created_at,
    updatedAt: c.updated_at,
    abilities: consortiumAbilities(actor, c, members),
  };
}

const isOrgKind = (k: string): k is OrgKind => ORG_KINDS.some((x) => x === k);
const isEnterpriseSize = (s: string): s is EnterpriseSize => Object.hasOwn(ENTERPRISE_SIZE_LABELS, s);

/** An organisation's public card; `counts`: its published demands per kind. */
export function presentPublicOrganisation(
  o: PublicOrganisationRow,
  counts: ReadonlyMap<DemandKind, number>,
): PublicOrganisationView {
  return {
    id: o.id,
    name: o.name,
    kind: o.kind,
    kindLabel: isOrgKind(o.kind) ? ORG_KIND_LABELS[o.kind].zh : o.kind,
    regionCode: o.region_code,
    regionName: o.region_code ? (regionName(o.region_code) ?? null) : null,
    industryCode: o.industry_code,
    industryName: o.industry_code ? (industryName(o.industry_code) ?? null) : null,
    sizeClass: o.size_class,
    sizeLabel: o.size_class && isEnterpriseSize(o.size_class) ? ENTERPRISE_SIZE_LABELS[o.size_class] : null,
    counts: { demands: counts.get('demand') ?? 0, technologies: counts.get('technology') ?? 0 },
  };
}

// ----- .xlsx ----------------------------------------------------------------------------------------------

/** The list export (创新需求清单). */
export function demandsXlsx(views: DemandView[]): Promise<Buffer> {
  const header = [
    '名称',
    '类别',
    '发布单位',
    '所属主题日',
    '所属领域',
    '技术指标',
    '预算下限（万元）',
    '预算上限（万元）',
    '合作方式',
    '截止日期',
    '知识产权约定',
    '发布时间',
  ];
  const rows = views.map((v) => [
    v.title,
    v.kindLabel,
    v.organisation.name,
    v.themeDay?.title ?? '',
    `${v.fieldCode} ${v.fieldName ?? ''}`.trim(),
    v.indicators,
    v.budgetMinWan,
    v.budgetMaxWan,
    v.cooperationModeLabel,
    v.deadline,
    v.ipTerms,
    v.publishedAt ?? '',
  ]);
  return toXlsx('创新需求清单', header, rows);
}

/** The import template: the Chinese headers and one example row. */
export function importTemplateXlsx(): Promise<Buffer> {
  const example = [
    '创新需求',
    '动力电池热失控预警传感芯片',
    'C39',
    '面向动力电池热失控预警的专用传感芯片。',
    '温度精度±0.5℃',
    '200',
    '500',
    '联合研发',
    '2020-12-31',
    '新产生的知识产权共有',
  ];
  return toXlsx('创新需求导入', [...DEMAND_TEMPLATE_HEADERS], [example]);
}
