/**
 * The virtual exhibition hall (云展厅, 417号 三(五): "充分利用互联网、云展厅、VR等方式"): booths of a theme day's
 * exhibitors and contact requests from visitors. SQL with bound parameters only; each command runs in one
 * transaction with its audit event and notifications. Rules are in ./policy.ts.
 */
import { isUniqueViolation, json, type Executor } from '../../db/index.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, forbidden, type FieldError } from '../../lib/errors.ts';
import { audit } from '../../lib/audit.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { notifyUsers, usersWithRole } from '../notifications/service.ts';
import { proposeFromBoothContact } from '../projects/signals.ts';
import type { ThemeDayRecord } from '../themedays/repository.ts';
import { EXHIBITOR_ROLES } from './policy.ts';
import { resolveItems, type BoothRow, type ContactRequestRow, type ItemRef } from './repository.ts';
import type {
  BoothBody,
  BoothStatus,
  BoothUpdateBody,
  ContactRequestStatus,
} from '../../../common/contracts/exhibition.ts';
import { links } from '../../../common/links.ts';

/** A booth shows only its own organisation's records: a roadshow project it filed, its results, resources, demands. */
async function checkItems(db: Executor, orgId: string, refs: ItemRef[]): Promise<void> {
  const resolved = await resolveItems(db, refs);
  const errors: FieldError[] = [];
  refs.forEach((ref, i) => {
    const r = resolved.find((x) => x.type === ref.type && x.id === ref.id);
    if (!r || r.organisationId !== orgId)
      errors.push({
        field: `items.${i}`,
        code: 'booth_item_invalid',
        message: '只能展示本单位的项目、成果、资源或需求',
      });
  });
  const keys = refs.map((r) => `${r.type}:${r.id}`);
  if (new Set(keys).size !== keys.length)
    errors.push({ field: 'items', code: 'booth_item_invalid', message: '展品不能重复' });
  if (errors.length) throw new AppError(400, 'booth_item_invalid', errors.map((e) => e.message)[0], errors);
}

async function hostAdmins(db: Executor, td: ThemeDayRecord): Promise<string[]> {
  return td.host.organisationId ? usersWithRole(db, [td.host.organisationId], ['base_admin']) : [];
}

/** An exhibitor files its booth for a theme day; it waits for the host staff's approval. */
export async function createBooth(ctx: Ctx, p: { themeDay: ThemeDayRecord; body: BoothBody }): Promise<string> {
  const actor = requireActor(ctx);
  const org = actor.organisationId;
  if (!org) throw forbidden('请以企业、机构成员身份设置展位');
  const b = p.body;
  await checkItems(ctx.db, org, b.items);
  const id = newId();
  const now = ctx.clock.now();
  const status: BoothStatus = 'pending';
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const values = {
        id,
        theme_day_id: p.themeDay.id,
        organisation_id: org,
        title: b.title,
        intro: b.intro,
        contact_name: b.contactName,
        contact_phone: b.contactPhone || null,
        contact_email: b.contactEmail || null,
        items: json.stringify(b.items),
        status,
        review_note: null,
        reviewed_by: null,
        reviewed_at: null,
        created_by: actor.userId,
        created_at: nowIso(now),
        updated_at: nowIso(now),
      };
      await trx.insertInto('exhibition_booths').values(values).execute();
      await audit(trx, ctx, {
        entityType: 'exhibition_booth',
        entityId: id,
        action: 'create',
        after: { ...values, contact_phone: undefined, contact_email: undefined },
      });
      await notifyUsers(
        trx,
        await hostAdmins(trx, p.themeDay),
        {
          kind: 'exhibition_booth_submitted',
          title: `云展厅展位「${b.title}」待审核`,
          body: `${p.themeDay.title}有新的展位申请。`,
          link: links.hallReview(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'booth_exists', '本单位已在该主题日设置展位，请编辑原展位');
    throw err;
  }
  return id;
}

/** The exhibitor edits its booth; the edit goes back to the host staff for review. */
export async function updateBooth(ctx: Ctx, p: { booth: BoothRow; body: BoothUpdateBody }): Promise<void> {
  const b = p.body;
  if (b.items) await checkItems(ctx.db, p.booth.organisation_id, b.items);
  const status: BoothStatus = 'pending';
  const set = {
    ...(b.title !== undefined ? { title: b.title } : {}),
    ...(b.intro !== undefined ? { intro: b.intro } : {}),
    ...(b.contactName !== undefined ? { contact_name: b.contactName } : {}),
    ...(b.contactPhone !== undefined ? { contact_phone: b.contactPhone || null } : {}),
    ...(b.contactEmail !== undefined ? { contact_email: b.contactEmail || null } : {}),
    ...(b.items !== undefined ? { items: json.stringify(b.items) } : {}),
    status,
    updated_at: nowIso(ctx.clock.now()),
  };
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('exhibition_booths').set(set).where('id', '=', p.booth.id).execute();
    await audit(trx, ctx, {
      entityType: 'exhibition_booth',
      entityId: p.booth.id,
      action: 'update',
      before: { title: p.booth.title, intro: p.booth.intro, items: p.booth.items, status: p.booth.status },
      after: set,
    });
  });
}

/** The host staff approve or reject a pending booth; the exhibitor's members are told. */
export async function reviewBooth(
  ctx: Ctx,
  p: { booth: BoothRow; decision: 'approve' | 'reject'; note?: string | undefined },
): Promise<void> {
  const actor = requireActor(ctx);
  if (p.booth.status !== 'pending') throw new AppError(409, 'invalid_state', '只有待审核的展位可以审核');
  const now = ctx.clock.now();
  const status: BoothStatus = p.decision === 'approve' ? 'approved' : 'rejected';
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('exhibition_booths')
      .set({
        status,
        review_note: p.note ?? null,
        reviewed_by: actor.userId,
        reviewed_at: nowIso(now),
        updated_at: nowIso(now),
      })
      .where('id', '=', p.booth.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'invalid_state', '展位状态已变化，请刷新');
    await audit(trx, ctx, {
      entityType: 'exhibition_booth',
      entityId: p.booth.id,
      action: p.decision,
      before: { status: 'pending' },
      after: { status, note: p.note ?? null },
    });
    await notifyUsers(
      trx,
      await usersWithRole(trx, [p.booth.organisation_id], EXHIBITOR_ROLES),
      status === 'approved'
        ? {
            kind: 'exhibition_booth_approved',
            title: `展位「${p.booth.title}」已上线云展厅`,
            link: links.booth(p.booth.id),
          }
        : {
            kind: 'exhibition_booth_rejected',
            title: `展位「${p.booth.title}」未通过审核`,
            body: p.note ? `原因：${p.note}` : '请修改后重新提交。',
            link: links.hallManage(),
          },
      now,
    );
  });
}

/** A visitor asks the exhibitor for contact; the exhibitor's members are notified. One request per person and booth. */
export async function requestContact(ctx: Ctx, p: { booth: BoothRow; message: string }): Promise<string> {
  const actor = requireActor(ctx);
  const now = ctx.clock.now();
  const id = newId();
  const status: ContactRequestStatus = 'pending';
  try {
    await ctx.db.transaction().execute(async (trx) => {
      const values = {
        id,
        booth_id: p.booth.id,
        requester_user_id: actor.userId,
        requester_organisation_id: actor.organisationId,
        message: p.message,
        status,
        decided_by: null,
        decided_at: null,
        created_at: nowIso(now),
        updated_at: nowIso(now),
      };
      await trx.insertInto('exhibition_contact_requests').values(values).execute();
      await audit(trx, ctx, {
        entityType: 'exhibition_contact_request',
        entityId: id,
        action: 'create',
        after: { boothId: p.booth.id, message: p.message },
      });
      await notifyUsers(
        trx,
        await usersWithRole(trx, [p.booth.organisation_id], EXHIBITOR_ROLES),
        {
          kind: 'exhibition_contact_requested',
          title: `${actor.name} 希望与「${p.booth.title}」取得联系`,
          body: p.message.slice(0, 200),
          link: links.hallRequests(),
        },
        now,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError(409, 'contact_request_exists', '您已向该展位发送过联系请求');
    throw err;
  }
  return id;
}

/** The exhibitor accepts (the visitor then sees the contact person) or declines; the visitor is told. */
export async function decideContact(
  ctx: Ctx,
  p: { request: ContactRequestRow; booth: BoothRow; decision: 'accept' | 'decline' },
): Promise<void> {
  const actor = requireActor(ctx);
  if (p.request.status !== 'pending') throw new AppError(409, 'contact_request_decided', '该联系请求已处理');
  const now = ctx.clock.now();
  const status: ContactRequestStatus = p.decision === 'accept' ? 'accepted' : 'declined';
  await ctx.db.transaction().execute(async (trx) => {
    const r = await trx
      .updateTable('exhibition_contact_requests')
      .set({ status, decided_by: actor.userId, decided_at: nowIso(now), updated_at: nowIso(now) })
      .where('id', '=', p.request.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(r.numUpdatedRows) !== 1) throw new AppError(409, 'contact_request_decided', '该联系请求已处理');
    await audit(trx, ctx, {
      entityType: 'exhibition_contact_request',
      entityId: p.request.id,
      action: p.decision,
      before: { status: 'pending' },
      after: { status },
    });
    // Issue 10: an accepted contact request is a signal; a candidate cooperation project (once per request).
    if (status === 'accepted') await proposeFromBoothContact(trx, ctx, { requestId: p.request.id });
    await notifyUsers(
      trx,
      [p.request.requester_user_id],
      status === 'accepted'
        ? {
            kind: 'exhibition_contact_accepted',
            title: `「${p.booth.title}」已同意与您联系`,
            body: '展位页面现在显示联系人信息。',
            link: links.booth(p.booth.id),
          }
        : {
            kind: 'exhibition_contact_declined',
            title: `「${p.booth.title}」暂未接受您的联系请求`,
            link: links.booth(p.booth.id),
          },
      now,
    );
  });
}
