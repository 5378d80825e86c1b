/**
 * The envelope every result crosses a process or network boundary in (IPC, browser-mode HTTP, the
 * portal's JSON API, the sync protocol). Errors travel as data with a stable `code` the UI maps to
 * French text, and a `message` already fit to show a person (French).
 */
export type ApiError = {
  code: ErrorCode;
  message: string;
  /** Field-level problems of an invalid input, keyed by dotted path. */
  fields?: Record<string, string[]>;
};

export type Result<T> = { ok: true; value: T } | { ok: false; error: ApiError };

/** Stable error codes shared by the office API and the portal. */
export const errorCodes = [
  'invalid_input',
  'unknown_operation',
  'unauthenticated',
  'forbidden',
  'not_found',
  'conflict',
  'rate_limited',
  'locked',
  'setup_required',
  'already_set_up',
  'payload_too_large',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof errorCodes)[number];

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, fields?: Record<string, string[]>): Result<never> {
  return fields ? { ok: false, error: { code, message, fields } } : { ok: false, error: { code, message } };
}

/**
 * An error a service throws on purpose: the transport turns it into `{ ok: false, error }` with this
 * code and message, where any other exception becomes a generic `internal` error (details logged,
 * never sent).
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string[]>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}
