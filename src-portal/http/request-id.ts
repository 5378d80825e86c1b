import type { MiddlewareHandler } from 'hono';
import type { PortalEnv } from './env';

const REQUEST_ID_HEADER = 'X-Request-Id';
const acceptableId = /^[\w\-=.]{1,128}$/;

/**
 * Gives every request an id, returned in `X-Request-Id` and written in its log lines so a person can
 * quote it. An incoming `X-Request-Id` is kept only behind a trusted reverse proxy (which sets it, so
 * its logs and ours match); otherwise a client could choose ids that collide in our logs.
 */
export function requestIdentifier(trustIncoming: boolean): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const incoming = trustIncoming ? c.req.header(REQUEST_ID_HEADER) : undefined;
    const id = incoming !== undefined && acceptableId.test(incoming) ? incoming : crypto.randomUUID();
    c.set('requestId', id);
    await next();
    c.res.headers.set(REQUEST_ID_HEADER, id);
  };
}
