/**
 * .xlsx in the form government offices open: Chinese sheet names and headers, a bold frozen header row,
 * text kept as text (exceljs writes strings as shared strings, so "=1+1" is never run as a formula), and
 * reading an import template back by its header names — off the event loop, streamed, and stopped at a limit.
 */
import { Worker } from 'node:worker_threads';
import ExcelJS from 'exceljs';
import { AppError } from './errors.ts';
import type { ReadReply, ReadRequest } from './xlsx-reader.ts';

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

/** Limits of one import read (see server/lib/xlsx-reader.ts). */
export const XLSX_READ_LIMITS = {
  /** Heap of the reading thread: a zip bomb fails there, not in the server. */
  heapMb: 192,
  /** Wall-clock limit of one read. */
  timeoutMs: 15_000,
  /** Reads running at once in one process; the others wait their turn. */
  parallel: 2,
  maxCellChars: 5_000,
  /** All parts of the workbook unpacked (a 1,000-row import template is well under 2 MB). */
  maxUnpackedBytes: 32 * 1024 * 1024,
};

let running = 0;
const waiting: (() => void)[] = [];
async function turn(): Promise<() => void> {
  if (running >= XLSX_READ_LIMITS.parallel) await new Promise<void>((r) => waiting.push(r));
  running++;
  return () => {
    running--;
    waiting.shift()?.();
  };
}

function readInWorker(req: ReadRequest): Promise<ReadReply | 'timeout' | 'out_of_memory'> {
  return new Promise((resolve) => {
    const worker = new Worker(new URL('./worker-boot.mjs', import.meta.url), {
      workerData: { ...req, entry: new URL('./xlsx-reader.ts', import.meta.url).href },
      resourceLimits: { maxOldGenerationSizeMb: XLSX_READ_LIMITS.heapMb, maxYoungGenerationSizeMb: 32 },
    });
    let settled = false;
    const done = (v: ReadReply | 'timeout' | 'out_of_memory') => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      resolve(v);
    };
    const timer = setTimeout(() => done('timeout'), XLSX_READ_LIMITS.timeoutMs);
    worker.on('message', (m: ReadReply) => done(m));
    worker.on('error', (e: Error & { code?: string }) =>
      done(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'out_of_memory' : { ok: false, error: 'invalid' }),
    );
    worker.on('exit', () => done({ ok: false, error: 'invalid' }));
  });
}

/**
 * Reads the first sheet as rows keyed by the header cells, in a worker thread with a heap and a time limit, and
 * no further than `maxRows` data rows (empty rows skipped). Refusals: 400 `import_file_invalid` when it is not an
 * .xlsx or a required header is missing; 422 `import_too_many_rows` past the limit; 422 `import_cell_too_long`;
 * 413 `import_file_too_complex` when reading needs more memory or time than allowed.
 */
export async function readXlsx(
  buf: Buffer,
  headers: readonly string[],
  opts: { maxRows?: number } = {},
): Promise<{ rowNumber: number; cells: Record<string, string> }[]> {
  const maxRows = opts.maxRows ?? 100_000;
  const release = await turn();
  let r: Awaited<ReturnType<typeof readInWorker>>;
  try {
    r = await readInWorker({
      file: buf,
      headers,
      maxRows,
      maxCellChars: XLSX_READ_LIMITS.maxCellChars,
      maxUnpackedBytes: XLSX_READ_LIMITS.maxUnpackedBytes,
    });
  } finally {
    release();
  }
  if (r === 'timeout' || r === 'out_of_memory' || (!r.ok && r.error === 'too_large'))
    throw new AppError(413, 'import_file_too_complex', '文件内容过多，无法处理，请按模板分批导入');
  if (r.ok) return r.rows;
  switch (r.error) {
    case 'too_many_rows':
      throw new AppError(422, 'import_too_many_rows', `一次最多导入${maxRows}行`);
    case 'cell_too_long':
      throw new AppError(
        422,
        'import_cell_too_long',
        `单元格 ${r.at ?? ''} 内容过长（不超过${XLSX_READ_LIMITS.maxCellChars}字）`,
      );
    case 'no_sheet':
      throw new AppError(400, 'import_file_invalid', '文件中没有工作表');
    default:
      if (r.missing?.length)
        throw new AppError(
          400,
          'import_file_invalid',
          `模板缺少列：${r.missing.join('、')}`,
          r.missing.map((h) => ({ field: h, code: 'missing_column', message: `缺少列「${h}」` })),
        );
      throw new AppError(400, 'import_file_invalid', '无法读取文件，请使用下载的 .xlsx 模板');
  }
}
