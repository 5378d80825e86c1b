import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { jsx } from 'hono/jsx';
import { isHttps } from './client';
import { errorResponse } from './envelope';
import type { PortalEnv } from './env';

/**
 * CSRF protection for every state-changing request of the portal's pages (POST, PUT, PATCH, DELETE).
 * Two independent checks, both required:
 *
 * 1. **Origin.** The request's `Origin` header (or, when a browser sends none, the origin of its
 *    `Referer`) must be the portal's public origin (`PORTAL_PUBLIC_URL`). A request with neither is
 *    refused: every browser sends `Origin` on a POST (for same-origin requests too, since our
 *    Referrer-Policy is `same-origin`; `no-referrer` would make browsers send `Origin: null`).
 * 2. **Token.** A random token, in an HttpOnly, SameSite=Lax cookie (`__Host-csrf` over HTTPS, which
 *    a sub-domain cannot plant, with `Secure`; `csrf` over plain HTTP), must be repeated in the form's
 *    hidden `_csrf` field (or the `X-CSRF-Token` header of a JSON request). The cookie is set the first
 *    time a page renders a form with `csrfField(c)`, and only then (static files and the sync API
 *    never set it).
 *
 * A logged-in parent's token can be bound to the session instead of the cookie: a middleware that
 * runs **before** this one calls `bindCsrfToken(c, session.csrfToken)`; that token is then the one
 * forms carry and the one checked. Call `rotateCsrfToken(c)` when the login state changes.
 *
 * A refused request gets 403 and reaches no handler, so nothing changes: a French HTML page for a
 * browser (`renderForbidden`), the `forbidden` envelope for a JSON client.
 */

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';
const TOKEN_BYTES = 32;

type CsrfState = {
  token: string | undefined;
  /** The token was made during this request: the response must set the cookie. */
  fresh: boolean;
  /** The token comes from the session (`bindCsrfToken`), not the cookie. */
  bound: boolean;
  https: boolean;
};

declare module 'hono' {
  interface ContextVariableMap {
    csrf: CsrfState;
  }
}

export type CsrfOptions = {
  /** `PORTAL_PUBLIC_URL`: the only origin allowed to post to the portal. */
  publicUrl: string;
  trustProxy: boolean;
  /** Paths not protected (bearer-authenticated APIs, signed webhooks), matched by prefix. */
  exemptPrefixes?: string[];
  /** The answer to a refused browser request (a French page). */
  renderForbidden: (c: Context, reason: CsrfFailure) => Response | Promise<Response>;
};

export type CsrfFailure = 'origin' | 'token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function csrfCookieName(https: boolean): string {
  return https ? '__Host-csrf' : 'csrf';
}

/** The middleware; mount it before every route that accepts a form. */
export function csrfProtection(options: CsrfOptions): MiddlewareHandler<PortalEnv> {
  const allowedOrigin = new URL(options.publicUrl).origin;
  const exempt = options.exemptPrefixes ?? [];
  return async (c, next) => {
    if (exempt.some((prefix) => c.req.path === prefix || c.req.path.startsWith(prefix))) return next();

    const https = isHttps(c, options.trustProxy);
    const previous = c.get('csrf') as CsrfState | undefined;
    const state: CsrfState = previous?.bound
      ? { ...previous, https }
      : { token: validToken(getCookie(c, csrfCookieName(https))), fresh: false, bound: false, https };
    c.set('csrf', state);

    if (!SAFE_METHODS.has(c.req.method)) {
      const failure = !originAllowed(c, allowedOrigin)
        ? 'origin'
        : !tokensMatch(state.token, await submittedToken(c))
          ? 'token'
          : null;
      if (failure !== null) {
        c.header('Cache-Control', 'no-store');
        return wantsJson(c)
          ? errorResponse(c, 'forbidden', csrfMessages[failure])
          : options.renderForbidden(c, failure);
      }
    }

    await next();

    const after = c.get('csrf');
    if (after.fresh && !after.bound && after.token !== undefined) writeCookie(c, after);
  };
}

/** French texts of a refusal, for the JSON envelope and the HTML page. */
export const csrfMessages: Record<CsrfFailure, string> = {
  origin:
    'Cette demande ne vient pas d’une page du portail : elle a été refusée. Ouvrez le portail à son adresse habituelle et recommencez.',
  token:
    'Le formulaire a expiré ou n’a pas pu être vérifié : il a été refusé. Rechargez la page et recommencez (les cookies doivent être autorisés pour ce site).',
};

/** The token forms must carry, made (and its cookie queued) on first use in the request. */
export function csrfToken(c: Context): string {
  const state = c.get('csrf') as CsrfState | undefined;
  if (state === undefined) throw new Error('csrfProtection() must run before csrfToken()');
  if (state.token === undefined) {
    state.token = newToken();
    state.fresh = true;
  }
  return state.token;
}

/** The hidden input carrying the token, to put in every `<form method="post">`. */
export function csrfField(c: Context) {
  return jsx('input', { type: 'hidden', name: CSRF_FIELD, value: csrfToken(c) });
}

/**
 * Makes the session's token the expected one (call from a session middleware mounted before
 * `csrfProtection`). The cookie is then neither read nor written for this request.
 */
export function bindCsrfToken(c: Context, token: string): void {
  const https = (c.get('csrf') as CsrfState | undefined)?.https ?? false;
  c.set('csrf', { token, fresh: false, bound: true, https });
}

/**
 * Replaces the cookie token with a new one (at login and logout, so a token planted or read before
 * cannot be used after). Returns the new token.
 */
export function rotateCsrfToken(c: Context): string {
  const state = c.get('csrf') as CsrfState | undefined;
  if (state === undefined) throw new Error('csrfProtection() must run before rotateCsrfToken()');
  state.token = newToken();
  state.fresh = true;
  state.bound = false;
  return state.token;
}

function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/** Only well-formed tokens are believed: a cookie of another shape is ignored (and replaced). */
function validToken(value: string | undefined): string | undefined {
  return value !== undefined && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : undefined;
}

function writeCookie(c: Context, state: CsrfState): void {
  // A session cookie (no Max-Age): a new token is made when the browser is reopened. hono's `host`
  // prefix names it `__Host-csrf` and enforces what that prefix requires (Secure, Path=/, no Domain).
  setCookie(c, 'csrf', state.token!, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: state.https,
    ...(state.https ? { prefix: 'host' as const } : {}),
  });
}

function originAllowed(c: Context, allowed: string): boolean {
  const origin = c.req.header('Origin');
  if (origin !== undefined) return origin === allowed;
  const referer = c.req.header('Referer');
  if (referer === undefined) return false;
  try {
    return new URL(referer).origin === allowed;
  } catch {
    return false;
  }
}

async function submittedToken(c: Context): Promise<string | undefined> {
  const header = c.req.header(CSRF_HEADER);
  if (header !== undefined) return header;
  const contentType = c.req.header('Content-Type') ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) return undefined;
  // hono caches the parsed body: the route reads it again for free.
  let body: Record<string, unknown>;
  try {
    body = await c.req.parseBody();
  } catch {
    // A body that does not parse (a broken multipart) carries no token: refused like a missing one.
    return undefined;
  }
  const value = body[CSRF_FIELD];
  return typeof value === 'string' ? value : undefined;
}

/** Constant-time comparison (of fixed-length digests, so the lengths leak nothing either). */
function tokensMatch(expected: string | undefined, submitted: string | undefined): boolean {
  if (expected === undefined || submitted === undefined) return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(expected), digest(submitted));
}

function wantsJson(c: Context): boolean {
  const contentType = c.req.header('Content-Type') ?? '';
  const accept = c.req.header('Accept') ?? '';
  return /json/i.test(contentType) || (/json/i.test(accept) && !/text\/html/i.test(accept));
}
