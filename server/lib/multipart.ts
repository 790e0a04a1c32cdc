/**
 * The one reader of multipart/form-data bodies (the upload routes of demands, resources, projects, roadshows and
 * publicity, each with @fastify/multipart registered in its own plugin with its own limits). It reads every part
 * in order, a file into one Buffer (bounded by the route's `fileSize` limit; @fastify/multipart throws
 * RequestFileTooLargeError past it) with the SHA-256 of its bytes, and keeps the result on the request: the
 * Idempotency-Key plugin (server/plugins/idempotency.ts) may read the body before the handler to fingerprint
 * it, and the handler then gets the same parts — the bytes are read and held once. A parse error is kept too
 * and thrown again to the handler, which turns it into its own 413/400 as before.
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

export interface FieldPart {
  type: 'field';
  field: string;
  value: string;
}

export interface FilePart {
  type: 'file';
  field: string;
  /** The file name as the client sent it (routes store it through `uploadName`). */
  filename: string;
  mimetype: string;
  data: Buffer;
  /** Hex SHA-256 of `data`. */
  sha256: string;
}

export type Part = FieldPart | FilePart;

const read = new WeakMap<FastifyRequest, Promise<Part[]>>();

/** Every part of the request's multipart body, in order; read once per request however often it is asked. */
export function readMultipart(req: FastifyRequest): Promise<Part[]> {
  let p = read.get(req);
  if (!p) {
    p = parse(req);
    read.set(req, p);
  }
  return p;
}

async function parse(req: FastifyRequest): Promise<Part[]> {
  const parts: Part[] = [];
  for await (const part of req.parts()) {
    if (part.type === 'file') {
      const data = await part.toBuffer();
      parts.push({
        type: 'file',
        field: part.fieldname,
        filename: part.filename,
        mimetype: part.mimetype,
        data,
        sha256: createHash('sha256').update(data).digest('hex'),
      });
    } else {
      parts.push({ type: 'field', field: part.fieldname, value: String(part.value) });
    }
  }
  return parts;
}

/** The last file part (of `field` when given): the upload routes accept one file. */
export function lastFile(parts: Part[], field?: string): FilePart | null {
  for (let i = parts.length - 1; i >= 0; i--) {
    const p = parts[i]!;
    if (p.type === 'file' && (field === undefined || p.field === field)) return p;
  }
  return null;
}

/** The text fields by name (a repeated name keeps its last value). */
export function fieldsOf(parts: Part[]): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of parts) if (p.type === 'field') fields[p.field] = p.value;
  return fields;
}

/**
 * What identifies a multipart submission, independent of the boundary the client chose (a browser resending
 * the same FormData picks a new one): each part in order — a field's name and value; a file's field name,
 * file name, content type and SHA-256.
 */
export function multipartIdentity(parts: Part[]): unknown[] {
  return parts.map((p) =>
    p.type === 'field' ? ['field', p.field, p.value] : ['file', p.field, p.filename, p.mimetype, p.sha256],
  );
}
