/**
 * .xlsx exports of registrants and check-ins (issue 5: "导出报名与签到名单"), in the format government
 * offices open: one sheet, a bold frozen header row, Chinese column names, text cells stay text (exceljs
 * writes strings as shared strings, so "=1+1" is never run as a formula).
 */
import ExcelJS from 'exceljs';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface SheetSpec {
  name: string;
  /** A title line above the table (session, time, export time). */
  caption: string;
  header: string[];
  rows: unknown[][];
  widths?: number[];
}

const cell = (v: unknown): string | number => (v == null ? '' : typeof v === 'boolean' ? (v ? '是' : '否') : Array.isArray(v) ? v.join('、') : typeof v === 'number' ? v : String(v));

/** One workbook with one sheet per spec; the header is row 2 (row 1 carries the caption). */
export async function toWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '融通创新平台';
  for (const s of sheets) {
    const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.addRow([s.caption]).font = { bold: true, size: 12 };
    const head = ws.addRow(s.header);
    head.font = { bold: true };
    head.eachCell((c) => {
      c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F4FF' } };
      c.border = { bottom: { style: 'thin' } };
    });
    for (const r of s.rows) ws.addRow(r.map(cell));
    s.header.forEach((h, i) => {
      ws.getColumn(i + 1).width = s.widths?.[i] ?? Math.max(10, Math.min(40, h.length * 2 + 4));
    });
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 file name. */
export const xlsxAttachment = (name: string): string => `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
