import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';

/**
 * The client's IP address: the socket's peer, or — only when `trustProxy` is on, i.e. a reverse proxy
 * we control sets the header — the left-most address of X-Forwarded-For. Used by the request log now
 * and by the per-IP rate limits later.
 */
export function clientIp(c: Context, trustProxy: boolean): string | undefined {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address;
  } catch {
    // In-process requests (`app.request()` in tests) have no socket.
    return undefined;
  }
}

/**
 * Whether the client reached the portal over HTTPS: from the request URL, or X-Forwarded-Proto when
 * `trustProxy` is on (TLS ends at the proxy). Decides the `Secure` flag of session cookies later.
 */
export function isHttps(c: Context, trustProxy: boolean): boolean {
  if (trustProxy) {
    const proto = c.req.header('X-Forwarded-Proto')?.split(',')[0]?.trim().toLowerCase();
    if (proto) return proto === 'https';
  }
  return new URL(c.req.url).protocol === 'https:';
}
