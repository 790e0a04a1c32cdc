/**
 * One error vocabulary: an AppError has an HTTP status, a stable snake_case code, an optional
 * Chinese detail safe to show, and optional per-field errors. The error plugin renders it as
 * RFC 9457 application/problem+json.
 */
import type { FieldError } from '../../common/contracts/problem.ts';

export type { FieldError };

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly extra?: Record<string, unknown>,
  ) {
    super(detail ?? code);
    this.name = 'AppError';
  }
}

export const notFound = (detail?: string) => new AppError(404, 'not_found', detail);
export const forbidden = (detail?: string) => new AppError(403, 'forbidden', detail);
export const unauthenticated = () => new AppError(401, 'unauthenticated');
export const invalidState = (detail: string) => new AppError(409, 'invalid_state', detail);
export const validationFailed = (errors: FieldError[], detail?: string) =>
  new AppError(400, 'validation_failed', detail ?? errors.map((e) => e.message).join('；'), errors);

/** A problem about one field: the message is both the detail and the field's error. */
export const fieldError = (status: number, code: string, field: string, message: string) =>
  new AppError(status, code, message, [{ field, code, message }]);

/** The record, or a 404 problem. */
export function ensure<T>(v: T | undefined | null): T {
  if (v == null) throw notFound();
  return v;
}
