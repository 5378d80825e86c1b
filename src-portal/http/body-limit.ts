import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { errorResponse } from './envelope';
import type { PortalEnv } from './env';
import { httpMessages } from './messages';

/**
 * Refuses request bodies larger than `maxBytes` with 413 and the `payload_too_large` envelope, before
 * any handler reads them: from `Content-Length` at once, or while streaming a chunked body.
 */
export function limitBodySize(maxBytes: number): MiddlewareHandler<PortalEnv> {
  return bodyLimit({
    maxSize: maxBytes,
    onError: (c) => errorResponse(c, 'payload_too_large', httpMessages.payloadTooLarge),
  });
}
