/**
 * What the four content-area modules (resources, demands, results, docking) share: who may publish for an
 * organisation, the link to a theme day whose activity plan enables the area (417号 二、主题内容), list paging,
 * upload sniffing and the 非涉密平台 notice, and .xlsx export/import with Chinese headers.
 *
 * Decisions (documented here once):
 * - A person acts for their ACTIVE organisation when they hold `member` or `base_admin` there; other roles
 *   (expert, evaluator, investor…) take part through their own modules.
 * - Resources, demands and technology catalogues are published by "大企业、高校和科研院所" (417号 二(一)(二)):
 *   an organisation of kind university/institute, or one whose size class is `large` (GB 企业划型). Results
 *   may be published by any organisation.
 * - An item may hang on a theme day only when that theme day's activity plan enables the item's content
 *   area; any eligible organisation may attach to any visible theme day (the host invites outside firms to
 *   open resources on its day). Without a theme day the item stands on the organisation's page.
 */
import ExcelJS from 'exceljs';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Role } from '../../../common/roles.ts';
import type { Executor } from '../../db/index.ts';
import type { Actor } from '../../lib/context.ts';
import { AppError, notFound, type FieldError } from '../../lib/errors.ts';
import { getActivityPlanRow, parseContent } from '../activity-plans/service.ts';
import { getThemeDay, type ThemeDayRecord } from '../themedays/repository.ts';

/** Shown at every upload point (417号 要求各基地做好保密工作; the platform is not cleared for classified data). */
export const NON_CLASSIFIED_NOTICE = '本平台为非涉密平台，严禁上传涉密信息';

export type ContentAreaKey = 'resource_sharing' | 'collaborative_rd' | 'joint_commercialisation' | 'deep_docking';

export const ACTING_ROLES: readonly Role[] = ['member', 'base_admin'];

/** True when the actor acts for `organisationId` (it is their active organisation and they hold an acting role there). */
export const actsFor = (actor: Actor | null | undefined, organisationId: string): boolean =>
  !!actor && actor.organisationId === organisationId && actor.roles.some((r) => ACTING_ROLES.includes(r));

/** The signed-in actor or null: public lists and published items need no sign-in. */
export const optionalActor = (req: FastifyRequest): Actor | null => req.actor ?? null;

export interface OrgFacts {
  id: string;
  name: string;
  kind: string;
  size_class: string | null;
  region_code: string | null;
}

export async function getOrg(db: Executor, id: string | null): Promise<OrgFacts | undefined> {
  if (!id) return undefined;
  return db.selectFrom('organisations').select(['id', 'name', 'kind', 'size_class', 'region_code']).where('id', '=', id).executeTakeFirst();
}

/** 大企业、高校和科研院所 (see the module comment). */
export const isLargeOrResearch = (o: Pick<OrgFacts, 'kind' | 'size_class'>): boolean =>
  o.kind === 'university' || o.kind === 'institute' || o.size_class === 'large';

/**
 * The organisation the actor publishes for. 403 `not_acting_for_organisation` without an acting role;
 * 403 `publisher_not_eligible` when `largeOnly` and the organisation is not large / a university / an institute.
 */
export async function requirePublisher(db: Executor, actor: Actor, largeOnly: boolean): Promise<OrgFacts> {
  const org = actor.organisationId ? await getOrg(db, actor.organisationId) : undefined;
  if (!org || !actsFor(actor, org.id)) throw new AppError(403, 'not_acting_for_organisation', '请以所在单位成员身份操作（切换到相应单位）');
  if (largeOnly && !isLargeOrResearch(org)) {
    throw new AppError(403, 'publisher_not_eligible', '仅大型企业、高校和科研院所可以发布此类信息（417号文：大企业、高校和科研院所开放创新资源、发布创新需求）');
  }
  return org;
}

/** The actor's active organisation for applying/responding (any acting role). */
export async function requireActingOrg(db: Executor, actor: Actor): Promise<OrgFacts> {
  return requirePublisher(db, actor, false);
}

/**
 * The theme day an item is attached to: 404 when it does not exist or the caller may not see it (a draft
 * programme), 422 `content_area_not_enabled` when its activity plan does not enable `area`.
 */
export async function requireThemeDayArea(db: Executor, actor: Actor, themeDayId: string, area: ContentAreaKey): Promise<ThemeDayRecord> {
  const td = await getThemeDay(db, themeDayId);
  if (!td || (td.programme.status === 'draft' && !actor.roles.includes('programme_owner'))) {
    throw new AppError(404, 'not_found', '主题日不存在', [{ field: 'themeDayId', code: 'not_found', message: '主题日不存在' }]);
  }
  const plan = await getActivityPlanRow(db, td.id);
  const parts = plan ? parseContent(plan.content).parts : [];
  if (!parts.some((p) => p.key === area)) {
    const msg = '该主题日的活动方案未设置本内容板块，不能挂在该主题日下（可不选主题日，发布在本单位页面）';
    throw new AppError(422, 'content_area_not_enabled', msg, [{ field: 'themeDayId', code: 'content_area_not_enabled', message: msg }]);
  }
  return td;
}

/** Names of organisations by id (one query). */
export async function orgNames(db: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('organisations').select(['id', 'name']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Theme-day titles by id (one query). */
export async function themeDayTitles(db: Executor, ids: Iterable<string | null>): Promise<Map<string, string>> {
  const list = [...new Set([...ids].filter((x): x is string => !!x))];
  if (list.length === 0) return new Map();
  const rows = await db.selectFrom('theme_days').select(['id', 'title']).where('id', 'in', list).execute();
  return new Map(rows.map((r) => [r.id, r.title]));
}

export const Paging = {
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  order: z.enum(['asc', 'desc']).default('desc'),
};

export const listOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const IdParams = z.object({ id: z.string().min(1).max(100) });

export const OrgRef = z.object({ id: z.string(), name: z.string() });
export const ThemeDayRef = z.object({ id: z.string(), title: z.string() }).nullable();

/** YYYY-MM-DD that is a real calendar date. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), '日期无效');

export const fieldError = (status: number, code: string, field: string, message: string) =>
  new AppError(status, code, message, [{ field, code, message }]);

export function ensure<T>(v: T | undefined | null): T {
  if (v == null) throw notFound();
  return v;
}

// ---------------------------------------------------------------------------------------------------------
// Uploads

export type AttachmentType = 'pdf' | 'docx' | 'png' | 'jpeg';
export const ATTACHMENT_MIME: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/**
 * The file's real type from its first bytes (the name and declared type are not trusted): PDF `%PDF-`,
 * PNG signature, JPEG `FF D8 FF`, DOCX = a ZIP (`PK\x03\x04`) holding a `word/` part. Null otherwise.
 */
export function sniffAttachment(buf: Buffer): AttachmentType | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (buf.length >= 4 && buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) && buf.includes('word/', 0, 'latin1')) return 'docx';
  return null;
}

// ---------------------------------------------------------------------------------------------------------
// Excel

/** An .xlsx with one sheet: bold Chinese header row, then the rows. Formula-looking text is kept as text. */
export async function toXlsx(sheetName: string, header: string[], rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '融通创新平台';
  const ws = wb.addWorksheet(sheetName);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) {
    ws.addRow(r.map((v) => (v == null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : Array.isArray(v) ? v.join('、') : (v as string | number))));
  }
  ws.columns.forEach((c) => {
    c.width = 18;
  });
  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 file name. */
export const xlsxAttachment = (name: string): string => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Reads the first sheet as rows keyed by the header cells. 400 `import_file_invalid` when it is not an
 * .xlsx or a required header is missing.
 */
export async function readXlsx(buf: Buffer, headers: readonly string[]): Promise<{ rowNumber: number; cells: Record<string, string> }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'import_file_invalid', '无法读取文件，请使用下载的 .xlsx 模板');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError(400, 'import_file_invalid', '文件中没有工作表');
  const head = new Map<string, number>();
  ws.getRow(1).eachCell((cell, col) => head.set(String(cell.text).trim(), col));
  const missing = headers.filter((h) => !head.has(h));
  if (missing.length) {
    throw new AppError(400, 'import_file_invalid', `模板缺少列：${missing.join('、')}`, missing.map((h) => ({ field: h, code: 'missing_column', message: `缺少列「${h}」` })));
  }
  const out: { rowNumber: number; cells: Record<string, string> }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    for (const h of headers) {
      const cell = row.getCell(head.get(h)!);
      // A date typed into Excel arrives as a Date (UTC midnight): keep it as YYYY-MM-DD.
      const t = cell.value instanceof Date ? cell.value.toISOString().slice(0, 10) : String(cell.text ?? '').trim();
      cells[h] = t;
      if (t) any = true;
    }
    if (any) out.push({ rowNumber: n, cells });
  });
  return out;
}

export type { FieldError };
