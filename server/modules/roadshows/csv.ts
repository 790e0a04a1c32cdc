/**
 * CSV for exports that open correctly in Excel/WPS on a Chinese desktop: UTF-8 with a byte-order mark,
 * CRLF line ends, RFC 4180 quoting. Cells that a spreadsheet would run as a formula (=, +, -, @) are
 * prefixed with an apostrophe (CSV injection). Only the roadshow's scores.csv still uses it (the pages
 * download scores.xlsx; every other export is .xlsx, lib/xlsx.ts).
 */
export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = Array.isArray(v) ? v.join('、') : typeof v === 'boolean' ? (v ? '是' : '否') : String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(header: string[], rows: unknown[][]): Buffer {
  const lines = [header, ...rows].map((r) => r.map(csvCell).join(','));
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

/** RFC 6266 Content-Disposition with an ASCII fallback and the UTF-8 file name. */
export function attachment(name: string): string {
  return `attachment; filename="export.csv"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
