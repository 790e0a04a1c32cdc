/**
 * .xlsx in the form government offices open: Chinese sheet names and headers, a bold frozen header row,
 * text kept as text (exceljs writes strings as shared strings, so "=1+1" is never run as a formula), and
 * reading an import template back by its header names.
 */
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 file name. */
export const xlsxAttachment = (name: string): string =>
  `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** What a cell of an export may hold (see `cell` for how each is written). */
export type CellValue = string | number | boolean | null | undefined | readonly (string | number)[];

export interface SheetSpec {
  name: string;
  /** A title line above the table (session, time, export time); the header then is row 2. */
  caption?: string;
  header: string[];
  rows: CellValue[][];
  /** Column widths in characters; default from the header length (or 18 without a caption). */
  widths?: number[];
}

/** A cell as written: booleans as 是/否, lists joined with 、, numbers as numbers, the rest as text. */
const cell = (v: CellValue): string | number =>
  v == null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : typeof v === 'object' ? v.join('、') : v;

/** One workbook with one sheet per spec. */
export async function toWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '融通创新平台';
  for (const s of sheets) {
    const headerRow = s.caption === undefined ? 1 : 2;
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: headerRow }] });
    if (s.caption !== undefined) ws.addRow([s.caption]).font = { bold: true, size: 12 };
    const head = ws.addRow(s.header);
    head.font = { bold: true };
    if (s.caption !== undefined) {
      head.eachCell((c) => {
        c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
        c.border = { bottom: { style: 'thin' } };
      });
    }
    for (const r of s.rows) ws.addRow(r.map(cell));
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width =
        s.widths?.[i] ?? (s.caption === undefined ? 18 : Math.max(10, Math.min(40, h.length * 2 + 4)));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** An .xlsx with one sheet: bold Chinese header row, then the rows. */
export const toXlsx = (sheetName: string, header: string[], rows: CellValue[][]): Promise<Buffer> =>
  toWorkbook([{ name: sheetName, header, rows }]);

/**
 * Reads the first sheet as rows keyed by the header cells. 400 `import_file_invalid` when it is not an
 * .xlsx or a required header is missing.
 */
export async function readXlsx(
  buf: Buffer,
  headers: readonly string[],
): Promise<{ rowNumber: number; cells: Record<string, string> }[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new AppError(400, 'import_file_invalid', '无法读取文件，请使用下载的 .xlsx 模板');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw new AppError(400, 'import_file_invalid', '文件中没有工作表');
  const head = new Map<string, number>();
  ws.getRow(1).eachCell((c, col) => head.set(String(c.text).trim(), col));
  const missing = headers.filter((h) => !head.has(h));
  if (missing.length) {
    throw new AppError(
      400,
      'import_file_invalid',
      `模板缺少列：${missing.join('、')}`,
      missing.map((h) => ({ field: h, code: 'missing_column', message: `缺少列「${h}」` })),
    );
  }
  const out: { rowNumber: number; cells: Record<string, string> }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells: Record<string, string> = {};
    let any = false;
    for (const h of headers) {
      const c = row.getCell(head.get(h)!);
      // A date typed into Excel arrives as a Date (UTC midnight): keep it as YYYY-MM-DD.
      const t = c.value instanceof Date ? c.value.toISOString().slice(0, 10) : String(c.text ?? '').trim();
      cells[h] = t;
      if (t) any = true;
    }
    if (any) out.push({ rowNumber: n, cells });
  });
  return out;
}
