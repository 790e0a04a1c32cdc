/**
 * Form drafts (issue 15, safe forms): the plan and activity-plan editors write their unsaved state here every
 * few seconds while it differs from the saved record, read it back when the editor opens again, and delete it
 * once the record is saved. A draft is its owner's alone: every read and write is keyed by the caller's user
 * id, so another person's draft does not exist for them (404).
 *
 * Not audited, on purpose: a draft is not a change to any record (the save that follows is audited by its own
 * module), it is written every few seconds, and copying typed-but-unsaved content into the audit log would show
 * it to audit readers outside the organisation (issue 15, least privilege in the audit log).
 */
import { DRAFT_MAX_BYTES } from '../../../common/contracts/drafts.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, notFound } from '../../lib/errors.ts';
import { nowIso } from '../../lib/ids.ts';
import { requireActor } from '../../lib/policy.ts';
import { deleteDraft, deleteOldDrafts, findDraft, upsertDraft, type DraftRow } from './repository.ts';

/** Drafts not written for this long are dropped (at the owner's next save): the record has moved on. */
export const DRAFT_TTL_DAYS = 30;

export async function getDraft(ctx: Ctx, props: { key: string }): Promise<DraftRow> {
  const actor = requireActor(ctx);
  const row = await findDraft(ctx.db, actor.userId, props.key);
  if (!row) throw notFound('没有保存的草稿');
  return row;
}

export async function saveDraft(ctx: Ctx, props: { key: string; data: Record<string, unknown> }): Promise<DraftRow> {
  const actor = requireActor(ctx);
  const data = JSON.stringify(props.data);
  const bytes = Buffer.byteLength(data, 'utf8');
  if (bytes > DRAFT_MAX_BYTES) {
    throw new AppError(
      413,
      'payload_too_large',
      `草稿过大（${Math.ceil(bytes / 1024)} KB），最多 ${DRAFT_MAX_BYTES / 1024} KB`,
    );
  }
  const now = ctx.clock.now();
  const row: DraftRow = { user_id: actor.userId, key: props.key, data, updated_at: nowIso(now) };
  await ctx.db.transaction().execute(async (trx) => {
    await upsertDraft(trx, row);
    await deleteOldDrafts(trx, actor.userId, nowIso(new Date(now.getTime() - DRAFT_TTL_DAYS * 86_400_000)));
  });
  return row;
}

/** Deletes the caller's draft; deleting one that is not there is not an error (the goal state holds). */
export async function discardDraft(ctx: Ctx, props: { key: string }): Promise<void> {
  const actor = requireActor(ctx);
  await deleteDraft(ctx.db, actor.userId, props.key);
}
