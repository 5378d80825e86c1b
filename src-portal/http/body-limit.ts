import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './envelope';
import type { PortalEnv } from './env';
import { httpMessages } from './messages';

/**
 * Refuses request bodies larger than `maxBytes` with 413 and the `payload_too_large` envelope, before
 * any handler reads them: from `Content-Length` at once, or while streaming a chunked body.
 *
 * A body announced by `Content-Length` (what browsers and the office send) is judged from the header
 * alone, without touching `c.req.raw.body`: asking for that stream makes the Node adapter wrap the
 * request in a web stream, and every later read of the body then goes through it (several times
 * slower than the adapter's direct read, which the sync push's megabyte batches notice). Node's HTTP
 * parser never delivers more bytes than `Content-Length` says. Other bodies (chunked) are counted
 * as they stream, by hono's middleware.
 */
export function limitBodySize(maxBytes: number): MiddlewareHandler<PortalEnv> {
  const onError: Parameters<typeof bodyLimit>[0]['onError'] = (c) =>
    errorResponse(c, 'payload_too_large', httpMessages.payloadTooLarge);
  const streamed = bodyLimit({ maxSize: maxBytes, onError });
  return async (c, next) => {
    const length = c.req.header('Content-Length');
    if (length !== undefined && c.req.header('Transfer-Encoding') === undefined) {
      // Node refuses a malformed Content-Length with 400 before the app sees the request.
      return Number(length) > maxBytes ? onError(c) : next();
    }
    return streamed(c, next);
  };
}
