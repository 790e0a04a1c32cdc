/**
 * Renders every error as RFC 9457 problem+json: stable `code`, `title` in the caller's language,
 * a safe `detail`, field `errors`, and `instance` = the request id so a user's report can be traced.
 * 5xx never shows internals. Unknown /api routes are problem 404s. Refusals from below the routes are
 * problem+json too: Fastify's own (bad JSON, body too large, unsupported media type, malformed URL, path
 * parameter too long → `frameworkErrors`), a broken multipart body, and Node's HTTP parser (headers or URL too
 * large, malformed request, timeout → `clientErrorHandler`, written straight to the socket).
 */
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fp from 'fastify-plugin';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { errorTitle, type Locale } from '../../common/i18n/errors.ts';
import type { FieldError, Problem } from '../../common/contracts/problem.ts';
import { AppError } from '../lib/errors.ts';

export function requestLocale(req: FastifyRequest): Locale {
  const h = String(req.headers['accept-language'] ?? '');
  return /^en/i.test(h) ? 'en-US' : 'zh-CN';
}

const FIELD_MESSAGES: Record<string, string> = {
  too_small: '内容过短或数值过小',
  too_big: '内容过长或数值过大',
  invalid_type: '类型不正确或缺失',
  invalid_format: '格式不正确',
  invalid_value: '取值不在允许范围内',
  unrecognized_keys: '包含未知字段',
  custom: '取值无效',
};

export function sendProblem(
  req: FastifyRequest,
  reply: FastifyReply,
  status: number,
  code: string,
  detail?: string,
  errors?: FieldError[],
  extra?: Record<string, unknown>,
) {
  const locale = requestLocale(req);
  const body: Problem = {
    type: `about:blank#${code}`,
    title: errorTitle(code, locale),
    status,
    code,
    instance: req.id,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
    ...(extra ?? {}),
  };
  return reply.status(status).type('application/problem+json; charset=utf-8').send(body);
}

const HAS_CHINESE = /[\u4e00-\u9fff]/;

/**
 * Field code and message of one validation error (fastify-type-provider-zod: `keyword` is the zod issue code,
 * `message` its message, `params` the rest of the issue): a contract's own code (`params.code` of a refinement)
 * and Chinese message win over the generic ones.
 */
function fieldOf(v: { keyword?: string; message?: string; params?: Record<string, unknown> }) {
  const zcode = v.keyword ?? 'custom';
  const own = v.params?.params;
  const code =
    typeof own === 'object' && own !== null && 'code' in own && typeof own.code === 'string' ? own.code : zcode;
  const message = v.message && HAS_CHINESE.test(v.message) ? v.message : (FIELD_MESSAGES[zcode] ?? '取值无效');
  return { code, message };
}

/** Errors of the multipart parser (busboy) on a malformed body: missing/unknown boundary, truncated parts. */
function isMultipartParseError(req: FastifyRequest, err: unknown): boolean {
  if (!(err instanceof Error) || statusCodeOf(err) !== undefined) return false;
  if (!/^multipart\//i.test(String(req.headers['content-type'] ?? ''))) return false;
  return (
    /@fastify[\\/]busboy/.test(err.stack ?? '') ||
    /^(Multipart: |Unexpected end of |Malformed part header|Boundary required)|terminated early/.test(err.message)
  );
}

/** Stable codes of Fastify's own 4xx errors (content-type parsing, URL). */
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_BAD_URL: 'invalid_url_encoding',
  FST_ERR_MAX_PARAM_LENGTH: 'uri_too_long',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_PARTS_LIMIT: 'payload_too_large',
  FST_FILES_LIMIT: 'payload_too_large',
  FST_FIELDS_LIMIT: 'payload_too_large',
  FST_REQ_FILE_TOO_LARGE: 'payload_too_large',
  FST_PROTO_VIOLATION: 'invalid_multipart',
  FST_MP_PREMATURE_CLOSE: 'invalid_multipart',
};

/** The problem code of any 4xx error that is not an AppError. */
function codeOf4xx(err: unknown, status: number): string {
  const fcode = typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : '';
  if (FASTIFY_CODES[fcode]) return FASTIFY_CODES[fcode];
  if (status === 404) return 'not_found';
  if (status === 405) return 'method_not_allowed';
  if (status === 406 || status === 415) return 'unsupported_media_type';
  if (status === 413) return 'payload_too_large';
  if (status === 414) return 'uri_too_long';
  if (status === 429) return 'rate_limited';
  return 'bad_request';
}

/** The HTTP status Fastify or a plugin attached to an error (404 route, 413 body, 429 rate limit, …). */
function statusCodeOf(err: unknown): number | undefined {
  return typeof err === 'object' && err !== null && 'statusCode' in err && typeof err.statusCode === 'number'
    ? err.statusCode
    : undefined;
}

export default fp(async (app) => {
  app.setErrorHandler((err, req, reply) => {
    if (err instanceof AppError) {
      return sendProblem(req, reply, err.status, err.code, err.detail, err.errors, err.extra);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const where = err.validationContext ?? 'body';
      const errors: FieldError[] = err.validation.map((v) => {
        const path = (v.instancePath || '').replace(/^\//, '').replace(/\//g, '.');
        return { field: path || where, ...fieldOf(v) };
      });
      return sendProblem(req, reply, 400, 'validation_failed', '请检查标红的字段', errors);
    }
    if (isMultipartParseError(req, err)) {
      return sendProblem(req, reply, 400, 'invalid_multipart', '上传内容格式错误，请重新选择文件上传');
    }
    const status = statusCodeOf(err) ?? 500;
    if (status >= 400 && status < 500) return sendProblem(req, reply, status, codeOf4xx(err, status));
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, 500, 'internal_error');
  });
});

/** Fastify's refusals before routing (malformed %-encoding, over-long path parameter): `frameworkErrors` option. */
export function frameworkErrors(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  void sendProblem(req, reply, status, codeOf4xx(err, status));
}

/**
 * Node's HTTP parser refusals (`clientErrorHandler` option): headers or request line too large (431), a
 * request timeout (408), anything malformed (400). There is no request yet, so the answer is written to the
 * socket directly, in Chinese (no Accept-Language was read), with a fresh id as `instance`.
 */
export function clientErrorHandler(err: NodeJS.ErrnoException, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code] =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'headers_too_large']
      : err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'request_timeout']
        : [400, 'bad_request'];
  if (socket.writable) {
    const problem: Problem = {
      type: `about:blank#${code}`,
      title: errorTitle(code, 'zh-CN'),
      status,
      code,
      instance: randomUUID(),
    };
    const body = Buffer.from(JSON.stringify(problem));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
        `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n`,
    );
    socket.write(body);
  }
  socket.destroy(err);
}
