/**
 * Results for joint commercialisation (417号 二(三) 创新成果联合转化) with the confidentiality gate.
 *
 * Nothing about a result reaches the public or another organisation before its organisation's designated
 * confidentiality reviewer says 可以公开: publishing needs (1) the author's explicit 不涉密 declaration with the
 * fixed wording, recorded with user, organisation and time, and (2) the review. 修改后公开 sends it back to the
 * author with the required changes (they edit and declare again); 不同意公开 ends it.
 *
 * Decision: reviewers are designated per organisation in `confidentiality_reviewers` (not a new role), by
 * that organisation's base_admin or a system_admin — a university's 保密办 officer is an ordinary member
 * whom the unit names; they must belong to the organisation and may not review what they declared.
 */
import type { FastifyRequest } from 'fastify';
import { industryName } from '../../../common/industry.ts';
import { json, type Executor } from '../../db/index.ts';
import type { ResultTable } from '../../db/schema.ts';
import type { Actor } from '../../lib/context.ts';
import { audit } from '../../lib/audit.ts';
import { AppError, invalidState } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { DECLARATION_TEXT, normaliseField, REVIEW_OUTCOME_LABELS, TRANSFER_MODE_LABELS, type ResultBody, type ResultListQuery, type ResultView } from '../../../common/contracts/results.ts';
import { containsText, orgNames, themeDayTitles } from '../../lib/sql.ts';
import { actsFor } from '../../lib/policy.ts';
import { fieldError } from '../../lib/errors.ts';
import { NON_CLASSIFIED_NOTICE } from '../../lib/attachments.ts';
import { requireThemeDayArea } from '../activity-plans/content-areas.ts';

export type ResultRow = ResultTable;
export const resultLink = (id: string) => `/results/${id}`;

// ----- policy ---------------------------------------------------------------------------------------------

export async function isReviewerOf(db: Executor, userId: string | undefined, organisationId: string): Promise<boolean> {
  if (!userId) return false;
  const r = await db.selectFrom('confidentiality_reviewers').select('id').where('organisation_id', '=', organisationId).where('user_id', '=', userId).executeTakeFirst();
  return !!r;
}

/** Public results for everyone; any other status only for the organisation and its designated reviewers. */
export const canSeeResult = (a: Actor | null, r: Pick<ResultRow, 'status' | 'organisation_id'>, reviewer: boolean): boolean =>
  r.status === 'public' || actsFor(a, r.organisation_id) || reviewer;

/** Who manages an organisation's reviewer designations: its base_admin (active organisation) or a system_admin. */
export const canManageReviewers = (a: Actor | null, organisationId: string): boolean =>
  !!a && (a.roles.includes('system_admin') || (a.organisationId === organisationId && a.roles.includes('base_admin')));

// ----- reads ----------------------------------------------------------------------------------------------

export async function getResult(db: Executor, id: string): Promise<ResultRow | undefined> {
  return db.selectFrom('results').selectAll().where('id', '=', id).executeTakeFirst();
}

const SORT = { publishedAt: 'r.published_at', createdAt: 'r.created_at', title: 'r.title', trl: 'r.trl' } as const;

export async function listResults(db: Executor, actor: Actor | null, q: ResultListQuery) {
  let qb = db.selectFrom('results as r').innerJoin('organisations as o', 'o.id', 'r.organisation_id');
  if (q.box === 'mine') {
    qb = qb.where('r.organisation_id', '=', actor?.organisationId && actsFor(actor, actor.organisationId) ? actor.organisationId : '__none__');
    if (q.status) qb = qb.where('r.status', '=', q.status);
  } else if (q.box === 'review') {
    const orgIds = actor
      ? (await db.selectFrom('confidentiality_reviewers').select('organisation_id').where('user_id', '=', actor.userId).execute()).map((x) => x.organisation_id)
      : [];
    qb = qb.where('r.organisation_id', 'in', orgIds.length ? orgIds : ['__none__']).where('r.status', '=', q.status ?? 'in_review');
  } else {
    qb = qb.where('r.status', '=', 'public');
  }
  if (q.q) {
    const text = q.q;
    qb = qb.where((eb) => eb.or([containsText('r.title', text), containsText('r.description', text)]));
  }
  if (q.fieldCode) qb = qb.where('r.field_code', '=', normaliseField(q.fieldCode));
  if (q.transferMode) qb = qb.where('r.transfer_mode', '=', q.transferMode);
  if (q.trlMin) qb = qb.where('r.trl', '>=', q.trlMin);
  if (q.trlMax) qb = qb.where('r.trl', '<=', q.trlMax);
  if (q.themeDayId) qb = qb.where('r.theme_day_id', '=', q.themeDayId);
  if (q.organisationId) qb = qb.where('r.organisation_id', '=', q.organisationId);
  if (q.region) qb = qb.where('o.region_code', 'like', `${q.region}%`);
  const [items, total] = await Promise.all([
    qb.selectAll('r').orderBy(SORT[q.sort], q.order).orderBy('r.created_at', 'desc').orderBy('r.id').limit(q.pageSize).offset((q.page - 1) * q.pageSize).execute(),
    qb.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { items, total: Number(total.n) };
}

// ----- presenter ------------------------------------------------------------------------------------------

export async function presentResults(db: Executor, actor: Actor | null, rows: ResultRow[]): Promise<ResultView[]> {
  const [orgs, tds] = await Promise.all([orgNames(db, rows.map((r) => r.organisation_id)), themeDayTitles(db, rows.map((r) => r.theme_day_id))]);
  const reviewerOrgs = actor
    ? new Set((await db.selectFrom('confidentiality_reviewers').select('organisation_id').where('user_id', '=', actor.userId).execute()).map((x) => x.organisation_id))
    : new Set<string>();
  return rows.map((r) => {
    const owner = actsFor(actor, r.organisation_id);
    const reviewer = reviewerOrgs.has(r.organisation_id);
    return {
      id: r.id,
      organisation: { id: r.organisation_id, name: orgs.get(r.organisation_id) ?? '' },
      themeDay: r.theme_day_id ? { id: r.theme_day_id, title: tds.get(r.theme_day_id) ?? '' } : null,
      title: r.title,
      fieldCode: r.field_code,
      fieldName: industryName(r.field_code) ?? null,
      description: r.description,
      trl: r.trl,
      patents: json.parse<string[]>(r.patents, []),
      transferMode: r.transfer_mode as ResultView['transferMode'],
      transferModeLabel: TRANSFER_MODE_LABELS[r.transfer_mode as ResultView['transferMode']] ?? r.transfer_mode,
      priceExpectation: r.price_expectation,
      status: r.status as ResultView['status'],
      declaration:
        r.declared_at && r.declared_by && r.declared_org_id && (owner || reviewer)
          ? { text: r.declaration_text ?? DECLARATION_TEXT, userId: r.declared_by, organisationId: r.declared_org_id, at: r.declared_at }
          : null,
      review:
        r.review_outcome && r.reviewed_at && (owner || reviewer)
          ? {
              outcome: r.review_outcome as 'public' | 'revise' | 'reject',
              outcomeLabel: REVIEW_OUTCOME_LABELS[r.review_outcome as 'public'] ?? r.review_outcome,
              comment: r.review_comment,
              at: r.reviewed_at,
            }
          : null,
      publishedAt: r.published_at,
      createdAt: r.created_at,
      updatedAt: r.updated_at,
      notice: NON_CLASSIFIED_NOTICE,
      declarationWording: DECLARATION_TEXT,
      abilities: {
        edit: owner && (r.status === 'draft' || r.status === 'changes_requested'),
        submit: owner && (r.status === 'draft' || r.status === 'changes_requested'),
        review: reviewer && r.status === 'in_review' && r.declared_by !== actor?.userId,
        apply: !!actor?.organisationId && !owner && r.status === 'public' && actsFor(actor, actor.organisationId),
        viewApplications: owner,
      },
    };
  });
}

// ----- commands -------------------------------------------------------------------------------------------

/** Creates a draft result of the actor's organisation (any organisation may publish results). */
export async function createResult(req: FastifyRequest, actor: Actor, orgId: string, b: ResultBody): Promise<string> {
  const app = req.server;
  if (b.themeDayId) await requireThemeDayArea(app.database.db, actor, b.themeDayId, 'joint_commercialisation');
  const now = nowIso(app.clock.now());
  const row: ResultRow = {
    id: newId(),
    organisation_id: orgId,
    theme_day_id: b.themeDayId ?? null,
    title: b.title,
    field_code: b.fieldCode,
    description: b.description,
    trl: b.trl,
    patents: json.stringify(b.patents),
    transfer_mode: b.transferMode,
    price_expectation: b.priceExpectation || null,
    status: 'draft',
    declaration_text: null,
    declared_by: null,
    declared_org_id: null,
    declared_at: null,
    review_outcome: null,
    review_comment: null,
    reviewed_by: null,
    reviewed_at: null,
    published_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await app.database.db.transaction().execute(async (trx) => {
    await trx.insertInto('results').values(row).execute();
    await audit(trx, req.ctx, { entityType: 'result', entityId: row.id, action: 'create', after: row });
  });
  return row.id;
}

/** Edits a draft or a result sent back for changes (a result under review or public is frozen). */
export async function updateResult(req: FastifyRequest, actor: Actor, r: ResultRow, b: Partial<ResultBody>): Promise<void> {
  if (r.status !== 'draft' && r.status !== 'changes_requested') throw invalidState('成果送审后不能修改；如需修改请等待审查意见');
  const app = req.server;
  if (b.themeDayId) await requireThemeDayArea(app.database.db, actor, b.themeDayId, 'joint_commercialisation');
  const c: Partial<ResultRow> = {};
  if (b.title !== undefined) c.title = b.title;
  if (b.fieldCode !== undefined) c.field_code = b.fieldCode;
  if (b.description !== undefined) c.description = b.description;
  if (b.trl !== undefined) c.trl = b.trl;
  if (b.patents !== undefined) c.patents = json.stringify(b.patents);
  if (b.transferMode !== undefined) c.transfer_mode = b.transferMode;
  if (b.priceExpectation !== undefined) c.price_expectation = b.priceExpectation || null;
  if (b.themeDayId !== undefined) c.theme_day_id = b.themeDayId;
  await app.database.db.transaction().execute(async (trx) => {
    await trx.updateTable('results').set({ ...c, updated_at: nowIso(app.clock.now()) }).where('id', '=', r.id).execute();
    await audit(trx, req.ctx, { entityType: 'result', entityId: r.id, action: 'update', before: r, after: c });
  });
}

/**
 * Declares 不涉密 and sends the result to the organisation's confidentiality reviewers. 422
 * `declaration_required` unless `declaration === true` (and any text sent is the fixed wording); 409
 * `no_confidentiality_reviewer` when the organisation has designated nobody.
 */
export async function submitResult(req: FastifyRequest, actor: Actor, r: ResultRow, body: { declaration: boolean; declarationText?: string | undefined }): Promise<void> {
  if (r.status !== 'draft' && r.status !== 'changes_requested') throw invalidState('只有草稿或退回修改的成果可以送审');
  if (body.declaration !== true || (body.declarationText !== undefined && body.declarationText !== DECLARATION_TEXT)) {
    throw fieldError(422, 'declaration_required', 'declaration', `发布成果须勾选声明：「${DECLARATION_TEXT}」`);
  }
  const app = req.server;
  const db = app.database.db;
  const reviewers = (await db.selectFrom('confidentiality_reviewers').select('user_id').where('organisation_id', '=', r.organisation_id).execute()).map((x) => x.user_id);
  if (reviewers.length === 0) throw new AppError(409, 'no_confidentiality_reviewer', '本单位尚未指定保密审查人，请联系本单位管理员指定后再送审');
  const now = nowIso(app.clock.now());
  await db.transaction().execute(async (trx) => {
    const n = await trx
      .updateTable('results')
      .set({ status: 'in_review', declaration_text: DECLARATION_TEXT, declared_by: actor.userId, declared_org_id: actor.organisationId, declared_at: now, updated_at: now })
      .where('id', '=', r.id)
      .where('status', '=', r.status)
      .executeTakeFirst();
    if (Number(n.numUpdatedRows) !== 1) throw invalidState('成果状态已变化，请刷新');
    await audit(trx, req.ctx, {
      entityType: 'result',
      entityId: r.id,
      action: 'declare_and_submit',
      before: { status: r.status },
      after: { status: 'in_review', declaration: DECLARATION_TEXT, userId: actor.userId, organisationId: actor.organisationId, at: now },
    });
    await notifyUsers(trx, reviewers.filter((u) => u !== actor.userId), { kind: 'confidentiality_review', title: `待保密审查：${r.title}`, link: resultLink(r.id) }, app.clock.now());
  });
}

const OUTCOME_STATUS = { public: 'public', revise: 'changes_requested', reject: 'rejected' } as const;

/** The designated reviewer's decision: 可以公开 → public; 修改后公开 → back to the author; 不同意公开 → rejected. */
export async function reviewResult(req: FastifyRequest, actor: Actor, r: ResultRow, outcome: 'public' | 'revise' | 'reject', comment: string | null): Promise<void> {
  if (r.status !== 'in_review') throw invalidState('该成果不在待审查状态');
  if (r.declared_by === actor.userId) throw new AppError(403, 'self_review', '不能审查本人送审的成果');
  if (outcome !== 'public' && !comment) throw fieldError(422, 'validation_failed', 'comment', outcome === 'revise' ? '请写明需修改的内容' : '请写明不同意公开的理由');
  const app = req.server;
  const now = nowIso(app.clock.now());
  const to = OUTCOME_STATUS[outcome];
  await app.database.db.transaction().execute(async (trx) => {
    const n = await trx
      .updateTable('results')
      .set({ status: to, review_outcome: outcome, review_comment: comment, reviewed_by: actor.userId, reviewed_at: now, updated_at: now, ...(outcome === 'public' ? { published_at: now } : {}) })
      .where('id', '=', r.id)
      .where('status', '=', 'in_review')
      .executeTakeFirst();
    if (Number(n.numUpdatedRows) !== 1) throw invalidState('成果状态已变化，请刷新');
    await audit(trx, req.ctx, { entityType: 'result', entityId: r.id, action: `review_${outcome}`, before: { status: 'in_review' }, after: { status: to, outcome, comment } });
    const authors = [...new Set([r.created_by, r.declared_by].filter((x): x is string => !!x))];
    await notifyUsers(trx, authors, { kind: 'confidentiality_review', title: `保密审查意见：${REVIEW_OUTCOME_LABELS[outcome]}——${r.title}`, body: comment ?? '', link: resultLink(r.id) }, app.clock.now());
  });
}

/** Members (acting roles) of the result's organisation, to notify of applications. */
export const orgActors = (db: Executor, orgId: string) => usersWithRole(db, [orgId], ['member', 'base_admin']);
