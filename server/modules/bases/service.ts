/**
 * The base register: rules for a base record and the create/update commands (one transaction each, with
 * their audit event).
 */
import { isRegionCode } from '../../../common/region.ts';
import { BasePatch, type BaseCreate } from '../../../common/contracts/bases.ts';
import { isUniqueViolation, type Executor } from '../../db/index.ts';
import { audit } from '../../lib/audit.ts';
import type { Ctx } from '../../lib/context.ts';
import { AppError, type FieldError } from '../../lib/errors.ts';
import { newId, nowIso } from '../../lib/ids.ts';
import { basePolicy } from './policy.ts';
import { baseFieldTaken, insertBase, organisationExists, updateBaseRow, type BaseRow } from './repository.ts';

/** 基地简称 goes into plan titles, so it is short: at most 20 characters (each CJK character one). */
export const SHORT_NAME_MAX = 20;

type BaseFields = Omit<BaseRow, 'id' | 'created_at' | 'updated_at'>;

async function validateBase(db: Executor, f: BaseFields): Promise<BaseFields> {
  const errors: FieldError[] = [];
  const shortName = f.short_name.trim();
  if (shortName.length === 0) errors.push({ field: 'shortName', code: 'required', message: '请填写基地简称' });
  else if ([...shortName].length > SHORT_NAME_MAX) {
    errors.push({
      field: 'shortName',
      code: 'too_long',
      message: `基地简称不超过${SHORT_NAME_MAX}个字（当前${[...shortName].length}个）`,
    });
  }
  if (!isRegionCode(f.region_code)) {
    errors.push({
      field: 'regionCode',
      code: 'unknown_region',
      message: `「${f.region_code}」不是有效的行政区划代码（GB/T 2260）`,
    });
  }
  if (f.organisation_id && !(await organisationExists(db, f.organisation_id))) {
    errors.push({ field: 'organisationId', code: 'not_found', message: '所选运营机构不存在' });
  }
  if (f.supervisor_organisation_id && !(await organisationExists(db, f.supervisor_organisation_id))) {
    errors.push({ field: 'supervisorOrganisationId', code: 'not_found', message: '所选基地主管部门不存在' });
  }
  if (errors.length) throw new AppError(400, 'validation_failed', errors.map((e) => e.message).join('；'), errors);
  return { ...f, short_name: shortName };
}

/** Translates a unique violation into `duplicate` naming the field (name or short name) that clashed. */
async function duplicateError(
  db: Executor,
  f: { name: string; short_name: string },
  selfId?: string,
): Promise<AppError> {
  const errors: FieldError[] = [];
  if (await baseFieldTaken(db, 'name', f.name, selfId))
    errors.push({ field: 'name', code: 'duplicate', message: '已有同名的示范基地' });
  if (await baseFieldTaken(db, 'short_name', f.short_name, selfId))
    errors.push({ field: 'shortName', code: 'duplicate', message: '该基地简称已被其他示范基地使用' });
  if (!errors.length) errors.push({ field: 'name', code: 'duplicate', message: '示范基地已存在' });
  return new AppError(409, 'duplicate', errors.map((e) => e.message).join('；'), errors);
}

/** Registers a base; unique indexes on name and short name decide races. */
export async function createBase(ctx: Ctx, props: { input: BaseCreate }): Promise<BaseRow> {
  const body = props.input;
  const now = ctx.clock.now();
  const fields = await validateBase(ctx.db, {
    name: body.name,
    short_name: body.shortName,
    kind: body.kind,
    batch: body.batch,
    region_code: body.regionCode,
    supervising_department: body.supervisingDepartment ?? null,
    organisation_id: body.organisationId ?? null,
    description: body.description ?? null,
    supervisor_organisation_id: body.supervisorOrganisationId ?? null,
  });
  const row: BaseRow = { id: newId(), ...fields, created_at: nowIso(now), updated_at: nowIso(now) };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await insertBase(trx, row);
      await audit(trx, ctx, { entityType: 'base', entityId: row.id, action: 'create', after: row });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw await duplicateError(ctx.db, row);
    throw err;
  }
  return row;
}

/** The fields a patch may carry. */
const PATCH_KEYS = BasePatch.keyof().options;
type PatchKey = keyof BasePatch;

/**
 * Changes a base. The caller already knows the actor may edit the description; anything else needs the
 * register keepers (programme owner, system administrator).
 */
export async function updateBase(ctx: Ctx, props: { current: BaseRow; patch: BasePatch }): Promise<BaseRow> {
  const { current, patch } = props;
  const actor = ctx.actor;
  const now = ctx.clock.now();
  const changed = PATCH_KEYS.filter((k) => patch[k] !== undefined && patch[k] !== currentValue(current, k));
  if (changed.includes('shortName') && !basePolicy.editShortName(actor)) {
    throw new AppError(403, 'forbidden', '基地简称用于活动方案标题，只能由国家发展改革委或系统管理员修改');
  }
  if (changed.some((k) => k !== 'description' && k !== 'shortName') && !basePolicy.edit(actor)) {
    throw new AppError(403, 'forbidden', '示范基地管理员只能修改基地简介');
  }
  const pick = <T>(v: T | undefined, fallback: T): T => (v === undefined ? fallback : v);
  const fields = await validateBase(ctx.db, {
    name: pick(patch.name, current.name),
    short_name: pick(patch.shortName, current.short_name),
    kind: pick(patch.kind, current.kind),
    batch: pick(patch.batch, current.batch),
    region_code: pick(patch.regionCode, current.region_code),
    supervising_department: pick(patch.supervisingDepartment, current.supervising_department),
    organisation_id: pick(patch.organisationId, current.organisation_id),
    description: pick(patch.description, current.description),
    supervisor_organisation_id: pick(patch.supervisorOrganisationId, current.supervisor_organisation_id),
  });
  const next: BaseRow = { ...current, ...fields, updated_at: nowIso(now) };
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await updateBaseRow(trx, current.id, { ...fields, updated_at: next.updated_at });
      await audit(trx, ctx, {
        entityType: 'base',
        entityId: current.id,
        action: 'update',
        before: current,
        after: next,
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw await duplicateError(ctx.db, next, current.id);
    throw err;
  }
  return next;
}

function currentValue(r: BaseRow, k: PatchKey): unknown {
  const map: Record<PatchKey, unknown> = {
    name: r.name,
    shortName: r.short_name,
    kind: r.kind,
    batch: r.batch,
    regionCode: r.region_code,
    supervisingDepartment: r.supervising_department,
    organisationId: r.organisation_id,
    description: r.description,
    supervisorOrganisationId: r.supervisor_organisation_id,
  };
  return map[k];
}
