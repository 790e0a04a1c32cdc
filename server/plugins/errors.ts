/**
 * Renders every error as RFC 9457 problem+json: stable `code`, `title` in the caller's language,
 * a safe `detail`, field `errors`, and `instance` = the request id so a user's report can be traced.
 * 5xx never shows internals. Unknown /api routes are problem 404s.
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
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

/** The zod issue code a validation error carries (fastify-type-provider-zod puts the issue in its params). */
function zodIssueCode(params: Record<string, unknown> | undefined): string | undefined {
  const issue = params?.issue;
  return typeof issue === 'object' && issue !== null && 'code' in issue && typeof issue.code === 'string'
    ? issue.code
    : undefined;
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
        const zcode = zodIssueCode(v.params) ?? v.keyword ?? 'custom';
        return {
          field: path || where,
          code: zcode,
          message: FIELD_MESSAGES[zcode] ?? '取值无效',
        };
      });
      return sendProblem(req, reply, 400, 'validation_failed', '请检查标红的字段', errors);
    }
    const status = statusCodeOf(err) ?? 500;
    if (status === 429) return sendProblem(req, reply, 429, 'rate_limited');
    if (status === 413) return sendProblem(req, reply, 413, 'payload_too_large');
    if (status === 415) return sendProblem(req, reply, 415, 'unsupported_media_type');
    if (status >= 400 && status < 500) {
      return sendProblem(req, reply, status, status === 404 ? 'not_found' : 'bad_request');
    }
    req.log.error({ err }, 'unhandled error');
    return sendProblem(req, reply, 500, 'internal_error');
  });
});
