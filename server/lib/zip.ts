/**
 * Read and write the parts of a .docx / .xlsx (a ZIP) without a dependency: tests look inside generated files,
 * and the .xlsx import reader (server/lib/xlsx-reader.ts) unpacks uploads with a cap on the unpacked size.
 */
import { crc32, deflateRawSync, inflateRawSync } from 'node:zlib';

/** Thrown when the unpacked parts would exceed `maxTotalBytes`. */
export class ZipTooLarge extends Error {}

/**
 * Minimal ZIP reader (central directory → local header → inflate). With `maxTotalBytes`, inflating stops at that
 * many bytes in all (whatever sizes the archive declares) and ZipTooLarge is thrown.
 */
export function unzip(buf: Buffer, opts: { maxTotalBytes?: number } = {}): Map<string, Buffer> {
  let budget = opts.maxTotalBytes ?? 2 ** 32;
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip');
  const entries = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error('bad central directory');
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.subarray(p + 46, p + 46 + nameLen).toString('utf8');
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    let part: Buffer;
    try {
      part =
        method === 8
          ? inflateRawSync(data, { maxOutputLength: Math.min(2 ** 32, Math.max(1, budget)) })
          : Buffer.from(data);
    } catch (e) {
      if ((e as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw new ZipTooLarge(name);
      throw e;
    }
    budget -= part.length;
    if (budget < 0) throw new ZipTooLarge(name);
    out.set(name, part);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Minimal ZIP writer (deflate, or stored with `store`; no ZIP64), in the order of `entries`. */
export function zip(entries: Map<string, Buffer>, opts: { store?: boolean } = {}): Buffer {
  const method = opts.store ? 0 : 8;
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const n = Buffer.from(name, 'utf8');
    const packed = opts.store ? data : deflateRawSync(data, { level: 9 });
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(n.length, 26);
    locals.push(local, n, packed);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x0800, 8);
    c.writeUInt16LE(method, 10);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(n.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, n);
    offset += 30 + n.length + packed.length;
  }
  const dir = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}
