import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type ErrorCode, fail, ok } from '../../src-shared/result';

/**
 * The HTTP status for each error code of the shared envelope. A `Record` over every code, so a new
 * code cannot be added without deciding its status here.
 */
export const statusForCode: Record<ErrorCode, ContentfulStatusCode> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_operation: 404,
  conflict: 409,
  setup_required: 409,
  already_set_up: 409,
  locked: 423,
  payload_too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

/** Answers `{ ok: true, value }`. */
export function okResponse<T>(c: Context, value: T, status: ContentfulStatusCode = 200): Response {
  return c.json(ok(value), status);
}

/** Answers `{ ok: false, error: { code, message, fields? } }` with the code's HTTP status. */
export function errorResponse(
  c: Context,
  code: ErrorCode,
  message: string,
  fields?: Record<string, string[]>,
): Response {
  return c.json(fail(code, message, fields), statusForCode[code]);
}
