/**
 * Imports that cannot stall the server (issue 15): `readXlsx` reads in a worker thread, unpacks with a cap,
 * streams the sheet and stops at the row limit, and maps a read that needs too much memory or time to 413. A
 * 1,000,000-row sheet that zips to a few megabytes is refused without being read, and while three of them are
 * imported at once the server keeps answering other requests.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMAND_TEMPLATE_HEADERS } from '../../common/contracts/demands.ts';
import { person, type Person } from '../modules/events/testkit.ts';
import { form } from '../modules/publicity/testkit.ts';
import { createTestEnv, problem, type TestEnv } from '../test/harness.ts';
import { unzip, zip } from './zip.ts';
import { XLSX_READ_LIMITS, readXlsx } from './xlsx.ts';
import { AppError } from './errors.ts';

const HEAD = ['名称', '日期', '说明'] as const;

async function workbook(rows: (string | Date | null)[][], header: readonly string[] = HEAD): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('导入');
  ws.addRow([...header]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A real workbook whose first sheet is replaced by `rows` rows of inline strings (highly compressible). */
async function bomb(header: readonly string[], rows: number): Promise<Buffer> {
  const parts = unzip(await workbook([], header));
  const cols = header.map((_, i) => String.fromCharCode(65 + i));
  const cell = (r: number, i: number, v: string) => `<c r="${cols[i]}${r}" t="inlineStr"><is><t>${v}</t></is></c>`;
  const chunks: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
    `<row r="1">${header.map((h, i) => cell(1, i, h)).join('')}</row>`,
  ];
  for (let r = 2; r <= rows + 1; r++) chunks.push(`<row r="${r}">${cell(r, 0, 'x')}</row>`);
  chunks.push('</sheetData></worksheet>');
  parts.set('xl/worksheets/sheet1.xml', Buffer.from(chunks.join('')));
  return zip(parts);
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

let env: TestEnv;
let large: Person;
let million: Buffer;
beforeAll(async () => {
  env = await createTestEnv();
  large = await person(env, 'member', undefined, { sizeClass: 'large' });
  million = await bomb(DEMAND_TEMPLATE_HEADERS, 1_000_000);
}, 60_000);
afterAll(async () => {
  await env?.close();
});

describe('readXlsx', () => {
  it('reads rows by header name, keeps typed dates as dates and skips empty rows', async () => {
    const buf = await workbook([
      ['边缘计算网关', new Date(Date.UTC(2020, 11, 31)), '说明一'],
      [null, null, null],
      ['第二行', null, '  留白  '],
    ]);
    expect(await readXlsx(buf, HEAD)).toEqual([
      { rowNumber: 2, cells: { 名称: '边缘计算网关', 日期: '2020-12-31', 说明: '说明一' } },
      { rowNumber: 4, cells: { 名称: '第二行', 日期: '', 说明: '留白' } },
    ]);
  });

  it('refuses a file that is not an .xlsx, a missing column, a cell that is too long, and one row too many', async () => {
    expect(await refusal(readXlsx(Buffer.from('名称,日期\n'), HEAD))).toMatchObject({
      status: 400,
      code: 'import_file_invalid',
    });
    const missing = await refusal(readXlsx(await workbook([['a']], ['名称']), HEAD));
    expect(missing).toMatchObject({ status: 400, code: 'import_file_invalid' });
    expect(missing.errors?.map((e) => e.field)).toEqual(['日期', '说明']);
    expect(
      await refusal(readXlsx(await workbook([['a', '', 'x'.repeat(XLSX_READ_LIMITS.maxCellChars + 1)]]), HEAD)),
    ).toMatchObject({ status: 422, code: 'import_cell_too_long', message: expect.stringContaining('说明2') });
    const three = await workbook([['a'], ['b'], ['c']]);
    expect(await readXlsx(three, HEAD, { maxRows: 3 })).toHaveLength(3);
    expect(await refusal(readXlsx(three, HEAD, { maxRows: 2 }))).toMatchObject({
      status: 422,
      code: 'import_too_many_rows',
      message: '一次最多导入2行',
    });
  });

  it('stops at the row limit without reading the rest of the sheet', async () => {
    const hundredThousand = await bomb(DEMAND_TEMPLATE_HEADERS, 100_000);
    expect(await refusal(readXlsx(hundredThousand, DEMAND_TEMPLATE_HEADERS, { maxRows: 1000 }))).toMatchObject({
      status: 422,
      code: 'import_too_many_rows',
    });
  });

  it('refuses a small file that unpacks past the cap (a million rows), whatever sizes it declares', async () => {
    expect(million.length).toBeLessThan(5 * 1024 * 1024);
    expect(await refusal(readXlsx(million, DEMAND_TEMPLATE_HEADERS, { maxRows: 1000 }))).toMatchObject({
      status: 413,
      code: 'import_file_too_complex',
    });
  });

  it('answers 413 when a read takes longer than its time limit (the reading thread is stopped)', async () => {
    const saved = { ...XLSX_READ_LIMITS };
    try {
      XLSX_READ_LIMITS.timeoutMs = 200;
      XLSX_READ_LIMITS.maxUnpackedBytes = 1024 * 1024 * 1024;
      expect(await refusal(readXlsx(million, DEMAND_TEMPLATE_HEADERS, { maxRows: 10_000_000 }))).toMatchObject({
        status: 413,
        code: 'import_file_too_complex',
      });
    } finally {
      Object.assign(XLSX_READ_LIMITS, saved);
    }
    // The next read has its turn at once (the stopped one released it).
    expect(await readXlsx(await workbook([['a']]), HEAD)).toHaveLength(1);
  }, 30_000);
});

describe('importing through the API', () => {
  it('keeps answering other requests while three million-row imports run at once', async () => {
    const importing = [0, 1, 2].map(() =>
      large.client
        .request({ method: 'POST', url: '/api/demands/import', ...form({ name: 'd.xlsx', data: million }) })
        .then((r) => ({ r, at: performance.now() })),
    );
    const latencies: number[] = [];
    let lastHealth = 0;
    for (let i = 0; i < 10; i++) {
      const t0 = performance.now();
      const h = await env.app.inject({ method: 'GET', url: '/api/health' });
      lastHealth = performance.now();
      expect(h.statusCode).toBe(200);
      latencies.push(lastHealth - t0);
    }
    const done = await Promise.all(importing);
    for (const { r } of done) expect(problem(r)).toMatchObject({ status: 413, code: 'import_file_too_complex' });
    // The health checks were not queued behind the imports: they finished first, each well under a second
    // (reading in the request's own thread blocked the event loop for about 8.5 s per file).
    expect(lastHealth).toBeLessThan(Math.max(...done.map((d) => d.at)));
    expect(Math.max(...latencies)).toBeLessThan(1_000);
  }, 60_000);
});
