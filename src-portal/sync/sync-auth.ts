import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { errorResponse } from '../http/envelope';
import type { PortalEnv } from '../http/env';
import type { Logger } from '../logger';

export const syncAuthMessages = {
  notConfigured:
    'La synchronisation n’est pas configurée sur le portail (PORTAL_SYNC_SECRET absent) : renseignez le même secret des deux côtés.',
  refused: 'Secret de synchronisation absent ou incorrect.',
} as const;

/**
 * The office's credentials on the sync endpoints: `Authorization: Bearer <PORTAL_SYNC_SECRET>`,
 * compared in constant time (SHA-256 of both sides, so neither the content nor the length leaks
 * through timing). Without a configured secret the endpoints answer 503 `unavailable`; a missing or
 * wrong secret gets 401 `unauthenticated` before the body is read, and a warning in the log that
 * never contains what was sent.
 */
export function requireSyncSecret(secret: string | undefined, logger: Logger): MiddlewareHandler<PortalEnv> {
  const expected = secret === undefined ? undefined : digest(secret);
  return async (c, next) => {
    if (expected === undefined) return errorResponse(c, 'unavailable', syncAuthMessages.notConfigured);
    const header = c.req.header('Authorization');
    const presented = header === undefined ? undefined : /^Bearer +(\S+) *$/i.exec(header)?.[1];
    if (presented === undefined || !timingSafeEqual(digest(presented), expected)) {
      logger.warn(
        {
          reqId: c.get('requestId'),
          path: c.req.path,
          reason: header === undefined ? 'missing' : presented === undefined ? 'malformed' : 'wrong secret',
        },
        'sync request refused',
      );
      c.header('WWW-Authenticate', 'Bearer realm="portal-sync"');
      return errorResponse(c, 'unauthenticated', syncAuthMessages.refused);
    }
    await next();
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}
