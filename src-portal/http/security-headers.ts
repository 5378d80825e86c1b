import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { PortalEnv } from './env';

/**
 * Security headers on every response, errors included. The CSP suits server-rendered pages with their
 * scripts and styles served from the portal itself: nothing inline, nothing from elsewhere, no
 * framing (clickjacking), no plugins, forms posting only back to the portal. When Stripe Checkout
 * arrives, the redirect to it happens after a form post: Chromium applies `form-action` to that
 * redirect, so its origin will have to be added there.
 */
export function securityHeaders(): MiddlewareHandler<PortalEnv> {
  return secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'"],
      imgSrc: ["'self'", 'data:'],
      fontSrc: ["'self'"],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
      baseUri: ["'none'"],
      objectSrc: ["'none'"],
    },
    xFrameOptions: 'DENY',
    // Not `no-referrer`: with it, browsers send `Origin: null` on same-origin form posts, which the
    // CSRF origin check must refuse. `same-origin` still sends nothing to other sites (a token in
    // an activation URL never leaks through a link).
    referrerPolicy: 'same-origin',
    permissionsPolicy: {
      camera: [],
      microphone: [],
      geolocation: [],
      payment: [],
      usb: [],
    },
  });
}

/**
 * Responses of the portal carry a family's personal data or a fresh state: no cache stores them unless
 * a route says otherwise (static assets, later).
 */
export function noStoreByDefault(): MiddlewareHandler<PortalEnv> {
  return async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  };
}
