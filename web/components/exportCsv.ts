/**
 * Client-side export of the current filter: pages through the list endpoint and writes a UTF-8 CSV
 * with a BOM, so Excel on Chinese Windows opens it with the right characters.
 */
import { api, saveBlob, type Query } from '../api/client.ts';
import type { Page } from '../api/types.ts';

export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
}

function cell(v: string | number | null | undefined): string {
  const s = v === null || v === undefined ? '' : String(v);
  // Guard against formula injection in spreadsheet programs.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv<T>(rows: T[], columns: ExportColumn<T>[]): string {
  const lines = [columns.map((c) => cell(c.title)).join(',')];
  for (const r of rows) lines.push(columns.map((c) => cell(c.value(r))).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Fetches every page of `path` with `query` (at most `limit` rows) and saves it as CSV. */
export async function exportList<T>(
  path: string,
  query: Query,
  columns: ExportColumn<T>[],
  fileBase: string,
  limit = 10_000,
): Promise<number> {
  const rows: T[] = [];
  const pageSize = 100;
  for (let page = 1; rows.length < limit; page++) {
    const res = await api.get<Page<T>>(path, { ...query, page, pageSize });
    rows.push(...res.items);
    if (res.items.length < pageSize || rows.length >= res.total) break;
  }
  exportRows(rows, columns, fileBase);
  return rows.length;
}

export function exportRows<T>(rows: T[], columns: ExportColumn<T>[], fileBase: string): void {
  const stamp = new Date().toISOString().slice(0, 10);
  saveBlob(new Blob([toCsv(rows, columns)], { type: 'text/csv;charset=utf-8' }), `${fileBase}-${stamp}.csv`);
}
