/**
 * The to-do list's "awaiting my answer" (issue 12 §2): requests other people sent that the caller (or the
 * caller's organisation) has to answer. Each source is one small function of (db, actor, now) returning
 * items that link to where the answer is given; adding a source is adding a function to ANSWER_SOURCES.
 * Organisation verification (NDRC / the administrator / the local DRC of the province → 单位审核) and requests to
 * join the caller's organisation (its administrators → 加入申请) come from modules/onboarding's rules.
 */
import type { TodoItem } from '../../../common/contracts/todo.ts';
import { links } from '../../../common/links.ts';
import { toShanghaiDate } from '../../../common/time.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { ACTING_ROLES, hasRole } from '../../lib/policy.ts';
import { EXHIBITOR_ROLES } from '../exhibition/policy.ts';
import { onboardingPolicy, queueProvince } from '../onboarding/policy.ts';

type Draft = Omit<TodoItem, 'severity'>;
export type AnswerSource = (db: Executor, actor: Actor, now: Date) => Promise<Draft[]>;

/** Acts for its organisation on demands, resources and consortia (the modules' own rule). */
const actsForOrg = (a: Actor): a is Actor & { organisationId: string } =>
  !!a.organisationId && hasRole(a, ...ACTING_ROLES);

/** Responses to my organisation's demands not yet accepted or declined, one item per demand. */
const demandResponses: AnswerSource = async (db, actor) => {
  if (!actsForOrg(actor)) return [];
  const rows = await db
    .selectFrom('demand_responses as r')
    .innerJoin('demands as d', 'd.id', 'r.demand_id')
    .select(['d.id', 'd.title'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('d.organisation_id', '=', actor.organisationId)
    .where('r.status', 'in', ['submitted', 'shortlisted'])
    .groupBy(['d.id', 'd.title'])
    .execute();
  return rows.map((r) => ({
    id: `demand_responses:${r.id}`,
    kind: 'demand_responses',
    title: `处理需求「${r.title}」收到的响应`,
    detail: `${Number(r.n)}份响应待确定是否采纳`,
    dueAt: null,
    link: links.myDemand(r.id),
    awaitsAnswer: true,
  }));
};

/** Pending requests to use my organisation's resources, one item per resource. */
const resourceRequests: AnswerSource = async (db, actor) => {
  if (!actsForOrg(actor)) return [];
  const rows = await db
    .selectFrom('resource_requests as q')
    .innerJoin('resources as r', 'r.id', 'q.resource_id')
    .select(['r.id', 'r.title'])
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('q.start_date').as('first')])
    .where('r.organisation_id', '=', actor.organisationId)
    .where('q.status', '=', 'pending')
    .groupBy(['r.id', 'r.title'])
    .execute();
  return rows.map((r) => ({
    id: `resource_requests:${r.id}`,
    kind: 'resource_requests',
    title: `审批资源「${r.title}」的使用申请`,
    detail: `${Number(r.n)}份申请待审批，最早使用日期${String(r.first)}`,
    dueAt: null,
    link: links.resourceRequestsReceived(),
    awaitsAnswer: true,
  }));
};

/** 1:1 meeting requests sent to me, pending and not expired; due when they expire. */
const meetingRequests: AnswerSource = async (db, actor, now) => {
  const rows = await db
    .selectFrom('meeting_requests as q')
    .innerJoin('meeting_participants as me', 'me.id', 'q.recipient_id')
    .innerJoin('meeting_participants as p', 'p.id', 'q.requester_id')
    .innerJoin('organisations as o', 'o.id', 'p.organisation_id')
    .innerJoin('meeting_sessions as s', 's.id', 'q.session_id')
    .select(['q.id', 'q.expires_at', 's.id as session_id', 's.title as session_title', 'o.name as org'])
    .where('me.user_id', '=', actor.userId)
    .where('q.status', '=', 'pending')
    .where('q.expires_at', '>', now.toISOString())
    .execute();
  return rows.map((r) => ({
    id: `meeting_request:${r.id}`,
    kind: 'meeting_request',
    title: `答复${r.org}的一对一洽谈邀约`,
    detail: `「${r.session_title}」；逾期未答复将自动过期`,
    dueAt: r.expires_at,
    link: links.meetingSession(r.session_id),
    awaitsAnswer: true,
  }));
};

/** People asking to be put in contact with my organisation's exhibition booths. */
const contactRequests: AnswerSource = async (db, actor) => {
  if (!actor.organisationId || !hasRole(actor, ...EXHIBITOR_ROLES)) return [];
  const rows = await db
    .selectFrom('exhibition_contact_requests as q')
    .innerJoin('exhibition_booths as b', 'b.id', 'q.booth_id')
    .select(['b.id', 'b.title'])
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('b.organisation_id', '=', actor.organisationId)
    .where('q.status', '=', 'pending')
    .groupBy(['b.id', 'b.title'])
    .execute();
  return rows.map((r) => ({
    id: `contact_requests:${r.id}`,
    kind: 'contact_requests',
    title: `答复展位「${r.title}」收到的联系请求`,
    detail: `${Number(r.n)}份联系请求待答复`,
    dueAt: null,
    link: links.hallRequests(),
    awaitsAnswer: true,
  }));
};

/** Innovation consortium agreements my organisation is a member of and has not signed yet. */
const consortiumSignatures: AnswerSource = async (db, actor) => {
  if (!actsForOrg(actor)) return [];
  const rows = await db
    .selectFrom('consortium_members as m')
    .innerJoin('consortia as c', 'c.id', 'm.consortium_id')
    .innerJoin('demands as d', 'd.id', 'c.demand_id')
    .select(['c.id', 'c.name', 'd.title'])
    .where('m.organisation_id', '=', actor.organisationId)
    .where('m.signed_at', 'is', null)
    .where('c.status', '=', 'draft')
    .execute();
  return rows.map((r) => ({
    id: `consortium_signature:${r.id}`,
    kind: 'consortium_signature',
    title: `签署创新联合体协议「${r.name}」`,
    detail: `围绕需求「${r.title}」组建；全体成员签署后生效`,
    dueAt: null,
    link: links.consortia(),
    awaitsAnswer: true,
  }));
};

/** Organisations awaiting verification in the caller's queue (all for NDRC and the administrator, its province for a local DRC). */
const verificationRequests: AnswerSource = async (db, actor) => {
  if (!onboardingPolicy.viewQueue(actor)) return [];
  const province = queueProvince(actor);
  let q = db.selectFrom('organisations').where('verification_status', '=', 'unverified');
  if (province) q = q.where('region_code', 'like', `${province}%`);
  const row = await q
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('created_at').as('first')])
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  if (n === 0) return [];
  return [
    {
      id: 'org_verification',
      kind: 'org_verification',
      title: '审核新注册的单位',
      detail: `${n}家单位待审核，最早于${toShanghaiDate(String(row?.first))}提交`,
      dueAt: null,
      link: links.orgVerification(),
      awaitsAnswer: true,
    },
  ];
};

/** Pending requests to join the active organisation, for its administrators. */
const joinRequests: AnswerSource = async (db, actor) => {
  if (!actor.organisationId || !onboardingPolicy.decideJoin(actor, actor.organisationId)) return [];
  const row = await db
    .selectFrom('join_requests')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('organisation_id', '=', actor.organisationId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  const n = Number(row?.n ?? 0);
  if (n === 0) return [];
  return [
    {
      id: `join_requests:${actor.organisationId}`,
      kind: 'join_requests',
      title: '处理加入本单位的申请',
      detail: `${n}份加入申请待处理`,
      dueAt: null,
      link: links.joinRequests(),
      awaitsAnswer: true,
    },
  ];
};

export const ANSWER_SOURCES: readonly AnswerSource[] = [
  demandResponses,
  resourceRequests,
  meetingRequests,
  contactRequests,
  consortiumSignatures,
  verificationRequests,
  joinRequests,
];

/** Everything awaiting the caller's answer. */
export async function answerItems(db: Executor, actor: Actor, now: Date): Promise<Draft[]> {
  const out: Draft[] = [];
  for (const source of ANSWER_SOURCES) out.push(...(await source(db, actor, now)));
  return out;
}
