/**
 * Runs in a worker thread (server/lib/xlsx.ts `readXlsx`): reads the first sheet of an import .xlsx with exceljs'
 * streaming reader, row by row, and stops at the first row past the limit — a small file that unzips to a million
 * rows is read no further than the limit. The thread has its own heap limit and the caller a time limit, so no
 * upload can stall the server's event loop or exhaust its memory.
 *
 * Before exceljs sees the file it is unpacked here with a cap on the unpacked size (a zip bomb stops at the cap,
 * whatever sizes it declares) and packed again with the workbook, relationships, styles and shared strings ahead
 * of the sheets: exceljs streams a sheet only when those came first, and otherwise copies it whole to a
 * temporary file before reading a row.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { unzip, zip, ZipTooLarge } from './zip.ts';

export interface ReadRequest {
  file: Uint8Array;
  headers: readonly string[];
  maxRows: number;
  maxCellChars: number;
  maxUnpackedBytes: number;
}

export type ReadReply =
  | { ok: true; rows: { rowNumber: number; cells: Record<string, string> }[] }
  | {
      ok: false;
      error: 'invalid' | 'no_sheet' | 'too_many_rows' | 'cell_too_long' | 'too_large';
      missing?: string[];
      at?: string;
    };

const EMPTY_SST =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>';
const SHEET = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/** The parts, capped, with the sheets last (by number) and a shared-strings part present. */
function streamable(file: Uint8Array, maxUnpackedBytes: number): Buffer {
  const parts = unzip(Buffer.from(file.buffer, file.byteOffset, file.byteLength), { maxTotalBytes: maxUnpackedBytes });
  if (!parts.has('xl/workbook.xml')) throw new Error('not a workbook');
  if (!parts.has('xl/sharedStrings.xml')) parts.set('xl/sharedStrings.xml', Buffer.from(EMPTY_SST));
  const sheetNo = (name: string) => Number(SHEET.exec(name)?.[1] ?? -1);
  const ordered = [...parts.entries()]
    .filter(([name]) => !name.endsWith('/'))
    .sort(([a], [b]) => sheetNo(a) - sheetNo(b));
  return zip(new Map(ordered), { store: true });
}

type CellLike = { value: unknown; text?: string };

function text(c: CellLike): string {
  // A date typed into Excel arrives as a Date (UTC midnight): keep it as YYYY-MM-DD.
  if (c.value instanceof Date) return c.value.toISOString().slice(0, 10);
  try {
    return String(c.text ?? '').trim();
  } catch {
    return '';
  }
}

async function read(req: ReadRequest): Promise<ReadReply> {
  let packed: Buffer;
  try {
    packed = streamable(req.file, req.maxUnpackedBytes);
  } catch (e) {
    return { ok: false, error: e instanceof ZipTooLarge ? 'too_large' : 'invalid' };
  }
  // Small pieces: exceljs parses each piece it is given in one go, so a large one would hold all its rows at once.
  const pieces = function* () {
    for (let i = 0; i < packed.length; i += 64 * 1024) yield packed.subarray(i, i + 64 * 1024);
  };
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(pieces()), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const rows: { rowNumber: number; cells: Record<string, string> }[] = [];
  for await (const sheet of reader) {
    let head: Map<string, number> | null = null;
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      if (!head) {
        head = new Map();
        row.eachCell((c, col) => head!.set(text(c), col));
        const missing = req.headers.filter((h) => !head!.has(h));
        if (missing.length) return { ok: false, error: 'invalid', missing };
        continue;
      }
      const cells: Record<string, string> = {};
      let any = false;
      for (const h of req.headers) {
        const t = text(row.getCell(head.get(h)!));
        if (t.length > req.maxCellChars) return { ok: false, error: 'cell_too_long', at: `${h}${row.number}` };
        cells[h] = t;
        if (t) any = true;
      }
      if (!any) continue;
      if (rows.length === req.maxRows) return { ok: false, error: 'too_many_rows' };
      rows.push({ rowNumber: row.number, cells });
    }
    if (!head) return { ok: false, error: 'no_sheet' };
    return { ok: true, rows }; // the first sheet only
  }
  return { ok: false, error: 'no_sheet' };
}

const req = workerData as ReadRequest & { entry: string };
let reply: ReadReply;
try {
  reply = await read(req);
} catch {
  reply = { ok: false, error: 'invalid' };
}
parentPort!.postMessage(reply);
