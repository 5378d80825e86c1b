import { Hono } from 'hono';
import type { Context } from 'hono';
import { LOCKOUT_MS, LOCKOUT_THRESHOLD } from '../../src-shared/portal/parent-account';
import {
  forgotPasswordFormSchema,
  loginFormSchema,
  newPasswordFormSchema,
} from '../../src-shared/portal/parent-forms';
import { parseOrThrow } from '../../src-shared/validation';
import { accountMessages } from '../accounts/account-messages';
import { activateAccount, checkActivationLink } from '../accounts/activation.service';
import { logIn } from '../accounts/login.service';
import { checkResetLink, requestPasswordReset, resetPassword } from '../accounts/password-reset.service';
import { clearSessionCookie, writeSessionCookie } from '../accounts/session-cookie';
import { type OpenedSession, closeSession } from '../accounts/session.service';
import type { PortalDb } from '../db/database';
import { clientIp, isHttps } from '../http/client';
import { rotateCsrfToken } from '../http/csrf';
import type { PortalEnv } from '../http/env';
import { type RateLimitRule, hitRateLimit } from '../http/rate-limit';
import { renderDeadLinkPage } from '../pages/parent/dead-link';
import { renderForgotPasswordPage, renderResetRequestedPage } from '../pages/parent/forgot-password';
import { renderHomePage } from '../pages/parent/home';
import { renderLoginPage } from '../pages/parent/login';
import { renderSetPasswordPage } from '../pages/parent/set-password';
import type { FlashMessage } from '../pages/shared/forms';
import { loadSiteInfo } from '../pages/shared/site';
import { formErrors, formFields, isInvalidInput } from './parent-http';

export type ParentAccountRouteDeps = {
  db: PortalDb;
  trustProxy: boolean;
  /** The current instant (a manual clock in tests). */
  clock: () => Date;
};

/** Limits on what one client may try (per IP), and on how often one address gets mail. */
export const parentRateLimits = {
  loginPerIp: { bucket: 'login:ip', limit: 30, windowMs: 15 * 60_000 },
  /** Mirrors the lockout of a real account for e-mails that have none (see `logIn`). */
  loginUnknownEmail: { bucket: 'login:unknown-email', limit: LOCKOUT_THRESHOLD, windowMs: LOCKOUT_MS },
  resetPerIp: { bucket: 'password-reset:ip', limit: 10, windowMs: 60 * 60_000 },
  resetPerEmail: { bucket: 'password-reset:email', limit: 3, windowMs: 60 * 60_000 },
} satisfies Record<string, RateLimitRule>;

const flashes: Record<string, FlashMessage> = {
  deconnecte: { kind: 'success', text: accountMessages.loggedOut },
  expire: { kind: 'info', text: accountMessages.sessionEnded },
};

/**
 * The parent's account pages: home, login and logout, the invitation link (first password), the
 * forgotten password and its reset link. Each handler validates the form, calls one service and turns
 * its outcome into a page or a redirect (POST → 303 → GET).
 */
export function parentAccountRoutes({ db, trustProxy, clock }: ParentAccountRouteDeps): Hono<PortalEnv> {
  const routes = new Hono<PortalEnv>();
  const ipOf = (c: Context) => clientIp(c, trustProxy) ?? 'unknown';

  /**
   * Logs the parent in with a fresh session: new cookie, new CSRF token, then "Ma famille". A session
   * this browser still had (a login form left open in another tab) is ended, not left to expire.
   */
  const startSession = async (c: Context<PortalEnv>, opened: OpenedSession, landing = '/ma-famille') => {
    const previous = c.get('parentSession');
    if (previous !== null && previous.id !== opened.session.id) await closeSession(db, previous.id);
    writeSessionCookie(c, opened.cookieValue, isHttps(c, trustProxy));
    rotateCsrfToken(c);
    return c.redirect(landing, 303);
  };

  routes.get('/', async (c) => {
    if (c.get('parentSession') !== null) return c.redirect('/ma-famille', 303);
    return renderHomePage(c, await loadSiteInfo(db));
  });

  routes.get('/connexion', async (c) => {
    if (c.get('parentSession') !== null) return c.redirect('/ma-famille', 303);
    const flash = Object.keys(flashes)
      .filter((key) => c.req.query(key) !== undefined)
      .map((key) => flashes[key]!);
    return renderLoginPage(c, { site: await loadSiteInfo(db), flash });
  });

  routes.post('/connexion', async (c) => {
    const now = clock();
    const site = await loadSiteInfo(db);
    const form = loginFormSchema.safeParse(await formFields(c));
    const email = form.success ? form.data.email : '';
    const refuse = (text: string, status: 401 | 429) =>
      renderLoginPage(c, { site, email, flash: [{ kind: 'error', text }], status });
    const perIp = await hitRateLimit(db, parentRateLimits.loginPerIp, ipOf(c), now);
    if (!perIp.allowed) {
      c.header('Retry-After', String(perIp.retryAfterSeconds));
      return refuse(accountMessages.tooManyRequests, 429);
    }
    if (!form.success) return refuse(accountMessages.badCredentials, 401);
    const outcome = await logIn(
      db,
      {
        email: form.data.email,
        password: form.data.password,
        failUnknown: async (login) => ({
          locked: !(await hitRateLimit(db, parentRateLimits.loginUnknownEmail, login, now)).allowed,
        }),
      },
      now,
    );
    if (outcome.ok) return startSession(c, outcome.opened);
    return outcome.reason === 'locked'
      ? refuse(accountMessages.lockedOut, 429)
      : refuse(accountMessages.badCredentials, 401);
  });

  routes.post('/deconnexion', async (c) => {
    const session = c.get('parentSession');
    if (session !== null) await closeSession(db, session.id);
    clearSessionCookie(c, isHttps(c, trustProxy));
    rotateCsrfToken(c);
    return c.redirect('/connexion?deconnecte', 303);
  });

  /**
   * A one-time link that lets the parent choose a password: the activation link of the invitation
   * and the password-reset link. Both show the form while the link is valid, say why when it is not
   * (unknown, used, expired), and sign the parent in once the password is set.
   */
  const passwordLinkRoutes = (
    path: '/activation/:token' | '/reinitialisation/:token',
    purpose: 'activation' | 'reset',
    check: typeof checkActivationLink | typeof checkResetLink,
    complete: typeof activateAccount | typeof resetPassword,
    landing: string,
  ) => {
    routes.get(path, async (c) => {
      const site = await loadSiteInfo(db);
      const link = await check(db, c.req.param('token'), clock());
      if (!link.ok) return renderDeadLinkPage(c, { site, purpose, reason: link.reason });
      return renderSetPasswordPage(c, { site, purpose, action: c.req.path, email: link.family.email });
    });

    routes.post(path, async (c) => {
      const token = c.req.param('token');
      const now = clock();
      const site = await loadSiteInfo(db);
      try {
        const { password } = parseOrThrow(newPasswordFormSchema, await formFields(c));
        const outcome = await complete(db, token, password, now);
        if (!outcome.ok) return renderDeadLinkPage(c, { site, purpose, reason: outcome.reason });
        return startSession(c, outcome.opened, landing);
      } catch (error) {
        if (!isInvalidInput(error)) throw error;
        const link = await check(db, token, now);
        if (!link.ok) return renderDeadLinkPage(c, { site, purpose, reason: link.reason });
        return renderSetPasswordPage(c, {
          site,
          purpose,
          action: c.req.path,
          email: link.family.email,
          errors: formErrors(error),
          status: 400,
        });
      }
    });
  };

  passwordLinkRoutes(
    '/activation/:token',
    'activation',
    checkActivationLink,
    activateAccount,
    '/ma-famille?bienvenue',
  );
  passwordLinkRoutes(
    '/reinitialisation/:token',
    'reset',
    checkResetLink,
    resetPassword,
    '/ma-famille?mot-de-passe',
  );

  routes.get('/mot-de-passe-oublie', async (c) =>
    renderForgotPasswordPage(c, { site: await loadSiteInfo(db) }),
  );

  routes.post('/mot-de-passe-oublie', async (c) => {
    const now = clock();
    const site = await loadSiteInfo(db);
    const perIp = await hitRateLimit(db, parentRateLimits.resetPerIp, ipOf(c), now);
    if (!perIp.allowed) {
      c.header('Retry-After', String(perIp.retryAfterSeconds));
      return renderForgotPasswordPage(c, {
        site,
        flash: [{ kind: 'error', text: accountMessages.tooManyRequests }],
        status: 429,
      });
    }
    const form = forgotPasswordFormSchema.safeParse(await formFields(c));
    const email = form.success ? form.data.email.trim().toLowerCase() : '';
    // Past the per-address limit nothing is sent, but the answer stays the same: it must not tell
    // whether the address has an account, nor how many links it was sent.
    if (email !== '' && (await hitRateLimit(db, parentRateLimits.resetPerEmail, email, now)).allowed) {
      await requestPasswordReset(db, email, now);
    }
    return renderResetRequestedPage(c, site);
  });

  return routes;
}
