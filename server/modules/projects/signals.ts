/**
 * The content-area signals of issue 10 (通知 三(四) "促成合作项目的多少"): each turns an event of another module into a
 * candidate cooperation project for the organisations involved, linked to its source record. Each is called by
 * the owning module inside the transaction of the event, after the state change, and reads the facts it needs
 * through that transaction. They are idempotent per source (`proposeFromSource`), take nobody as confirmed (the
 * parties still confirm: a signal is not a handshake), and return null when the source is not (or no longer)
 * in the state that makes it a signal, or when fewer than two distinct organisations are involved.
 */
import type { CooperationMode } from '../../../common/contracts/demands.ts';
import type { TransferMode } from '../../../common/contracts/results.ts';
import type { Executor } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import {
  boothContactFacts,
  consortiumFacts,
  demandResponseFacts,
  orgFacts,
  resourceRequestFacts,
  resultApplicationFacts,
  roadshowIntentFacts,
  type ProjectRow,
} from './repository.ts';
import { proposeFromSource } from './service.ts';

type Proposed = { id: string; created: boolean } | null;

/** Demand cooperation mode → project type (委托研发 is joint R&D too; 作价入股/股权 is investment). */
const TYPE_BY_COOPERATION_MODE: Record<CooperationMode, ProjectRow['type']> = {
  joint_rd: 'joint_rd',
  commissioned_rd: 'joint_rd',
  technology_transfer: 'transfer_licence',
  licensing: 'transfer_licence',
  equity: 'investment',
  other: 'other',
};

/** Result transfer mode → project type. */
const TYPE_BY_TRANSFER_MODE: Record<TransferMode, ProjectRow['type']> = {
  transfer: 'transfer_licence',
  licence: 'transfer_licence',
  equity: 'investment',
  joint_development: 'joint_rd',
};

async function namesOf(db: Executor, ids: string[]): Promise<string[]> {
  const facts = await orgFacts(db, ids);
  return ids.map((id) => facts.get(id)?.name ?? '');
}

/**
 * A two-party signal: `lead` (the organisation that offered: publisher, owner, investor, exhibitor) and
 * `other`. Null when either is missing or both are the same organisation (nothing to broker).
 */
async function proposePair(
  trx: Executor,
  ctx: Ctx,
  p: {
    sourceType: 'demand_response' | 'result_application' | 'resource_request' | 'roadshow_interest' | 'booth_contact';
    sourceId: string;
    themeDayId: string | null;
    lead: string | null;
    other: string | null;
    title: (lead: string, other: string) => string;
    type: ProjectRow['type'];
    contentArea: string;
  },
): Promise<Proposed> {
  if (!p.lead || !p.other || p.lead === p.other) return null;
  const [lead, other] = await namesOf(trx, [p.lead, p.other]);
  return proposeFromSource(trx, ctx, {
    sourceType: p.sourceType,
    sourceId: p.sourceId,
    themeDayId: p.themeDayId,
    title: p.title(lead ?? '', other ?? ''),
    type: p.type,
    contentAreas: [p.contentArea],
    parties: [
      { organisationId: p.lead, role: 'lead' },
      { organisationId: p.other, role: 'participant' },
    ],
  });
}

/** 需求响应已采纳: the publishing organisation leads, the responder takes part (创新项目协作攻关). */
export async function proposeFromDemandResponse(
  trx: Executor,
  ctx: Ctx,
  props: { responseId: string },
): Promise<Proposed> {
  const r = await demandResponseFacts(trx, props.responseId);
  if (!r || r.status !== 'accepted') return null;
  return proposePair(trx, ctx, {
    sourceType: 'demand_response',
    sourceId: r.id,
    themeDayId: r.theme_day_id,
    lead: r.publisher_org,
    other: r.responder_org,
    title: (a, b) => `${a}与${b}：${r.title}`,
    type: TYPE_BY_COOPERATION_MODE[r.cooperation_mode],
    contentArea: 'collaborative_rd',
  });
}

/** 创新联合体协议全体签署: the publisher leads, every member is a party. */
export async function proposeFromConsortium(
  trx: Executor,
  ctx: Ctx,
  props: { consortiumId: string },
): Promise<Proposed> {
  const c = await consortiumFacts(trx, props.consortiumId);
  if (!c || c.status !== 'signed') return null;
  const others = [...new Set(c.member_orgs)].filter((o) => o !== c.lead_org);
  if (!others.length) return null;
  const [lead] = await namesOf(trx, [c.lead_org]);
  return proposeFromSource(trx, ctx, {
    sourceType: 'consortium',
    sourceId: c.id,
    themeDayId: c.theme_day_id,
    title: `${lead ?? ''}牵头创新联合体：${c.name}`,
    type: 'consortium',
    contentAreas: ['collaborative_rd'],
    parties: [
      { organisationId: c.lead_org, role: 'lead' },
      ...others.map((o) => ({ organisationId: o, role: 'participant' as const })),
    ],
  });
}

/** 成果转化合作申请已接受: the result's owner leads, the applicant takes part (创新成果联合转化). */
export async function proposeFromResultApplication(
  trx: Executor,
  ctx: Ctx,
  props: { applicationId: string },
): Promise<Proposed> {
  const a = await resultApplicationFacts(trx, props.applicationId);
  if (!a || a.status !== 'accepted') return null;
  return proposePair(trx, ctx, {
    sourceType: 'result_application',
    sourceId: a.id,
    themeDayId: a.theme_day_id,
    lead: a.owner_org,
    other: a.applicant_org,
    title: (x, y) => `${x}与${y}：${a.title}`,
    type: TYPE_BY_TRANSFER_MODE[a.transfer_mode],
    contentArea: 'joint_commercialisation',
  });
}

/** 资源使用申请已使用: the resource's owner leads, the requester takes part (创新资源开放共享). */
export async function proposeFromResourceRequest(
  trx: Executor,
  ctx: Ctx,
  props: { requestId: string },
): Promise<Proposed> {
  const q = await resourceRequestFacts(trx, props.requestId);
  if (!q || q.status !== 'used') return null;
  return proposePair(trx, ctx, {
    sourceType: 'resource_request',
    sourceId: q.id,
    themeDayId: q.theme_day_id,
    lead: q.owner_org,
    other: q.requester_org,
    title: (x, y) => `${x}与${y}：${q.title}`,
    type: 'resource_use',
    contentArea: 'resource_sharing',
  });
}

/**
 * 路演意向签约: a judge's score with intent to sign. The source is the score (one per judge and project), so a
 * judge correcting the score does not yield a second project. Only a judge acting for an organisation other
 * than the project's (the investor) makes a candidate; it leads (创新团队对接路演).
 */
export async function proposeFromRoadshowIntent(
  trx: Executor,
  ctx: Ctx,
  props: { scoreId: string },
): Promise<Proposed> {
  const s = await roadshowIntentFacts(trx, props.scoreId);
  if (!s || !s.intent_to_sign) return null;
  return proposePair(trx, ctx, {
    sourceType: 'roadshow_interest',
    sourceId: s.id,
    themeDayId: s.theme_day_id,
    lead: s.investor_org,
    other: s.project_org,
    title: (x, y) => `${x}与${y}：${s.name}（路演意向签约）`,
    type: 'investment',
    contentArea: 'roadshow',
  });
}

/** 展位联系请求已接受: the exhibitor leads, the visitor's organisation takes part (创新主体深度对接). */
export async function proposeFromBoothContact(
  trx: Executor,
  ctx: Ctx,
  props: { requestId: string },
): Promise<Proposed> {
  const q = await boothContactFacts(trx, props.requestId);
  if (!q || q.status !== 'accepted') return null;
  return proposePair(trx, ctx, {
    sourceType: 'booth_contact',
    sourceId: q.id,
    themeDayId: q.theme_day_id,
    lead: q.exhibitor_org,
    other: q.requester_org,
    title: (x, y) => `${x}与${y}：${q.title}（展位对接）`,
    type: 'other',
    contentArea: 'deep_docking',
  });
}
