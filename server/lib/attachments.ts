/**
 * Uploaded files: the real type from the first bytes (the name and declared type are not trusted) and
 * where files are stored (an `uploads/` folder next to the SQLite file, so one base's machine keeps its
 * data in one place).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { AttachmentType } from '../../common/contracts/common.ts';

export type { AttachmentType };

export const ATTACHMENT_MIME: Record<AttachmentType, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  png: 'image/png',
  jpeg: 'image/jpeg',
};

/**
 * PDF `%PDF-`, PNG signature, JPEG `FF D8 FF`, DOCX = a ZIP (`PK\x03\x04`) holding a `word/` part. Null otherwise.
 */
export function sniffAttachment(buf: Buffer): AttachmentType | null {
  if (buf.length >= 5 && buf.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buf.length >= 8 && buf.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'png';
  if (buf.length >= 3 && buf[0] === 0xff && buf[1] === 0xd8 && buf[2] === 0xff) return 'jpeg';
  if (
    buf.length >= 4 &&
    buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])) &&
    buf.includes('word/', 0, 'latin1')
  )
    return 'docx';
  return null;
}

/**
 * Images for covers and photos: PNG, JPEG, or WebP (`RIFF` …. `WEBP`), from the first bytes. Null for anything
 * else, including SVG (script inside) and GIF.
 */
export function sniffImage(buf: Buffer): 'png' | 'jpeg' | 'webp' | null {
  const t = sniffAttachment(buf);
  if (t === 'png' || t === 'jpeg') return t;
  if (
    buf.length >= 12 &&
    buf.subarray(0, 4).toString('latin1') === 'RIFF' &&
    buf.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'webp';
  return null;
}

/** The uploads folder for a SQLite path from the config (also used with PostgreSQL: files stay on disk). */
export const uploadDirFor = (sqlitePath: string): string => join(dirname(sqlitePath), 'uploads');

/** Writes `data` under the uploads folder at the relative path `rel`; returns the absolute path. */
export async function storeUpload(uploadDir: string, rel: string, data: Buffer): Promise<string> {
  const abs = join(uploadDir, rel);
  await mkdir(dirname(abs), { recursive: true });
  await writeFile(abs, data);
  return abs;
}
