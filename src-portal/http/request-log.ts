import type { MiddlewareHandler } from 'hono';
import type { Logger } from '../logger';
import { clientIp } from './client';
import type { PortalEnv } from './env';

/**
 * One log line per request: method, path (never the query string, which may carry a token, nor the
 * body), status, duration and request id. 5xx answers log at error level, 4xx at warn.
 */
export function requestLog(logger: Logger, trustProxy: boolean): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const status = c.res.status;
      const line = {
        reqId: c.get('requestId'),
        method: c.req.method,
        path: loggablePath(c.req.path),
        status,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        ip: clientIp(c, trustProxy),
      };
      if (status >= 500) logger.error(line, 'request');
      else if (status >= 400) logger.warn(line, 'request');
      else logger.info(line, 'request');
    }
  };
}

/**
 * A request path as it may be logged: the one-time links mailed to parents carry their secret in the
 * path (`/activation/<token>`, `/reinitialisation/<token>`), and whoever reads the logs must not be
 * able to use one. Any path segment shaped like such a secret (43 base64url characters) is masked;
 * long paths are cut.
 */
export function loggablePath(path: string): string {
  const masked = path.replace(/(?<=^|\/)[A-Za-z0-9_-]{43}(?=\/|$)/g, '[secret]');
  return masked.length > 200 ? `${masked.slice(0, 200)}…` : masked;
}
