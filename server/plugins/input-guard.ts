/**
 * The shared text rule (common/contracts/text.ts) on every request, before any route validates or reads it:
 * each string in the JSON body, the query and the path parameters — values and object keys alike — must be
 * free of control characters (tab and line breaks allowed in the body), unpaired surrogates and bidi
 * overrides, and within the length ceiling; it is then stored in Unicode NFC. A breach is one 400
 * problem+json `invalid_text` naming every field at fault, the same on SQLite and PostgreSQL (which would
 * otherwise fail on a NUL byte). Multipart text fields go through `checkTextFields` in the route.
 */
import fp from 'fastify-plugin';
import type { FastifyRequest } from 'fastify';
import {
  BODY_TEXT_MAX,
  QUERY_TEXT_MAX,
  normaliseText,
  textFault,
  textFaultMessage,
} from '../../common/contracts/text.ts';
import { AppError, type FieldError } from '../lib/errors.ts';

/** Deeper JSON than this is refused rather than walked (no contract nests more than a few levels). */
const MAX_DEPTH = 32;
/** Field errors reported for one request (the first ones; the rest are the same fault). */
const MAX_ERRORS = 20;

type Where = 'body' | 'querystring' | 'params';

/** A field path safe to echo back (a key may itself hold the control character at fault). */
const UNPRINTABLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const printable = (path: string) => path.replace(UNPRINTABLE, '\uFFFD');

/**
 * Checks and NFC-normalises every string in `root` in place (iteratively: a hostile body cannot exhaust the
 * stack). Returns the field errors, with paths like zod's (`title`, `questions.0.key`).
 */
function guard(root: unknown, where: Where): { value: unknown; errors: FieldError[] } {
  const multiline = where === 'body';
  const max = where === 'body' ? BODY_TEXT_MAX : QUERY_TEXT_MAX;
  const errors: FieldError[] = [];
  const report = (path: string, fault: ReturnType<typeof textFault>) => {
    if (fault && errors.length < MAX_ERRORS)
      errors.push({ field: printable(path) || where, code: fault, message: textFaultMessage(fault, max) });
  };
  const clean = (s: string, path: string): string => {
    const fault = textFault(s, { multiline, max });
    report(path, fault);
    return fault ? s : normaliseText(s);
  };
  if (typeof root === 'string') return { value: clean(root, ''), errors };

  const stack: { node: unknown; path: string; depth: number }[] = [{ node: root, path: '', depth: 0 }];
  while (stack.length > 0 && errors.length < MAX_ERRORS) {
    const { node, path, depth } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (depth > MAX_DEPTH) {
      errors.push({ field: path || where, code: 'too_deep', message: '数据层级过深' });
      break;
    }
    const at = (k: string | number) => (path ? `${path}.${k}` : String(k));
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        if (typeof v === 'string') node[i] = clean(v, at(i));
        else if (v !== null && typeof v === 'object') stack.push({ node: v, path: at(i), depth: depth + 1 });
      });
      continue;
    }
    if (Buffer.isBuffer(node)) continue;
    const obj = node as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const v = obj[key];
      // Keys are text too (answers and other records keep them); a bad key is reported, never renamed.
      const keyFault = textFault(key, { multiline: false, max: QUERY_TEXT_MAX });
      report(at(key), keyFault);
      if (typeof v === 'string') obj[key] = clean(v, at(key));
      else if (v !== null && typeof v === 'object') stack.push({ node: v, path: at(key), depth: depth + 1 });
    }
  }
  return { value: root, errors };
}

/** The text rule on a request's body, query and params: throws the 400 `invalid_text` problem. */
export function checkRequestText(req: FastifyRequest): void {
  const errors: FieldError[] = [];
  const q = guard(req.query, 'querystring');
  const p = guard(req.params, 'params');
  const b = guard(req.body, 'body');
  errors.push(...q.errors, ...p.errors, ...b.errors);
  if (errors.length > 0) throw invalidText(errors);
  if (typeof req.body === 'string') req.body = b.value;
}

/** The text rule on text fields a route reads itself (multipart form fields): normalised copies, or the 400. */
export function checkTextFields(fields: Record<string, string>): Record<string, string> {
  const copy = { ...fields };
  const { errors } = guard(copy, 'body');
  if (errors.length > 0) throw invalidText(errors);
  return copy;
}

const invalidText = (errors: FieldError[]) =>
  new AppError(400, 'invalid_text', [...new Set(errors.map((e) => e.message))].join('；'), errors);

export default fp(
  async (app) => {
    app.addHook('preValidation', (req, _reply, done) => {
      try {
        checkRequestText(req);
      } catch (err) {
        done(err as Error);
        return;
      }
      done();
    });
  },
  { name: 'input-guard' },
);

/**
 * The name of an uploaded file as the client sent it, made safe to store and show: control characters,
 * unpaired surrogates, bidi overrides and path separators become '_', NFC, at most 200 characters.
 */
export function uploadName(raw: string | undefined): string {
  const s = String(raw ?? '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\uFFFE\uFFFF/\\]/g, '_')
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '_')
    .normalize('NFC')
    .trim();
  return Array.from(s).slice(0, 200).join('');
}
