import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/**
 * The parent's session cookie: `__Host-alp_session` over HTTPS (the prefix makes the browser refuse
 * it unless Secure, Path=/ and without Domain, so no sub-domain can plant or widen it), `alp_session`
 * over plain HTTP (a developer's machine). HttpOnly (no script reads it), SameSite=Lax (not sent on
 * cross-site posts), no Max-Age: the server ends sessions (idle and absolute limits), and the browser
 * forgets the cookie when it closes.
 */
const BASE_NAME = 'alp_session';

export function sessionCookieName(https: boolean): string {
  return https ? `__Host-${BASE_NAME}` : BASE_NAME;
}

export function readSessionCookie(c: Context, https: boolean): string | undefined {
  return getCookie(c, sessionCookieName(https));
}

export function writeSessionCookie(c: Context, value: string, https: boolean): void {
  setCookie(c, BASE_NAME, value, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: https,
    ...(https ? { prefix: 'host' as const } : {}),
  });
}

export function clearSessionCookie(c: Context, https: boolean): void {
  deleteCookie(c, BASE_NAME, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: https,
    ...(https ? { prefix: 'host' as const } : {}),
  });
}
