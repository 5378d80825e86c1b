import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { AppError, type ErrorCode } from '../../src-shared/result';
import type { Logger } from '../logger';
import { describeError } from '../startup-error';
import { errorResponse, statusForCode } from './envelope';
import type { PortalEnv } from './env';
import { httpMessages } from './messages';
import { loggablePath } from './request-log';

/**
 * The portal's one error handler. An `AppError` (thrown on purpose by a service or the validation
 * helper) becomes its envelope. Anything else is a bug or an outage: the client gets a generic
 * `internal` error with the request id to quote, and the details go to the log only.
 */
export function errorHandler(logger: Logger): ErrorHandler<PortalEnv> {
  return (error, c) => {
    const requestId = c.get('requestId');
    if (error instanceof AppError) {
      if (statusForCode[error.code] >= 500) {
        logger.error(
          { reqId: requestId, code: error.code, err: causeOf(error) },
          `${error.code}: ${error.message}`,
        );
      }
      return errorResponse(c, error.code, error.message, error.fields);
    }
    if (error instanceof HTTPException && error.status < 500) {
      // Raised by hono's own middleware (e.g. CSRF later); keep the status, use our envelope and text.
      const code = codeForClientStatus(error.status);
      return c.json({ ok: false, error: { code, message: messageFor(code) } }, error.status);
    }
    logger.error(
      { reqId: requestId, method: c.req.method, path: loggablePath(c.req.path), err: error },
      'unhandled error while serving a request',
    );
    return errorResponse(c, 'internal', httpMessages.internal(requestId));
  };
}

/** Unknown routes: a 404 envelope (never hono's plain-text default). */
export const notFoundHandler: NotFoundHandler<PortalEnv> = (c: Context) =>
  errorResponse(c, 'not_found', httpMessages.notFound);

function causeOf(error: Error): { message: string; stack?: string } | undefined {
  if (error.cause === undefined) return undefined;
  return error.cause instanceof Error
    ? { message: describeError(error.cause), ...(error.cause.stack ? { stack: error.cause.stack } : {}) }
    : { message: String(error.cause) };
}

function codeForClientStatus(status: number): ErrorCode {
  switch (status) {
    case 401:
      return 'unauthenticated';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 413:
      return 'payload_too_large';
    case 429:
      return 'rate_limited';
    default:
      return 'invalid_input';
  }
}

function messageFor(code: ErrorCode): string {
  switch (code) {
    case 'unauthenticated':
      return httpMessages.unauthenticated;
    case 'forbidden':
      return httpMessages.forbidden;
    case 'not_found':
      return httpMessages.notFound;
    case 'payload_too_large':
      return httpMessages.payloadTooLarge;
    case 'rate_limited':
      return httpMessages.rateLimited;
    default:
      return httpMessages.invalidInput;
  }
}
