import type { MiddlewareHandler } from 'hono';
import type { PortalDb } from '../db/database';
import { isHttps } from '../http/client';
import { bindCsrfToken } from '../http/csrf';
import type { PortalEnv } from '../http/env';
import { clearSessionCookie, readSessionCookie } from './session-cookie';
import { type ParentSession, resolveParentSession } from './session.service';

declare module 'hono' {
  interface ContextVariableMap {
    /** The logged-in parent of the request, or null (set by `parentSessions`). */
    parentSession: ParentSession | null;
    /** The request carried a session cookie that no longer opens anything (expired, ended). */
    parentSessionEnded: boolean;
  }
}

/** Paths that never concern a parent's session: no database look-up for them. */
const SESSIONLESS = /^\/(?:static|sync|health)(?:\/|$)/;

/**
 * Finds the logged-in parent of each page request from the session cookie (`parentSession` on the
 * context, null for a visitor) and binds the CSRF token to the session, so forms of a logged-in
 * parent carry the session's token. Must run before `csrfProtection`. A cookie that designates no
 * live session is deleted.
 */
export function parentSessions({
  db,
  trustProxy,
  clock,
}: {
  db: PortalDb;
  trustProxy: boolean;
  clock: () => Date;
}): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    c.set('parentSession', null);
    c.set('parentSessionEnded', false);
    if (SESSIONLESS.test(c.req.path)) return next();
    const https = isHttps(c, trustProxy);
    const cookie = readSessionCookie(c, https);
    if (cookie !== undefined) {
      const session = await resolveParentSession(db, cookie, clock());
      if (session === null) {
        clearSessionCookie(c, https);
        c.set('parentSessionEnded', true);
      } else {
        c.set('parentSession', session);
        bindCsrfToken(c, session.csrfToken);
      }
    }
    await next();
  };
}
