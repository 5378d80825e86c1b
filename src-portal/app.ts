import { Hono } from 'hono';
import { portalApi } from '../src-shared/portal/api';
import { configureAccountLinks } from './accounts/account-links';
import { parentSessions } from './accounts/session.middleware';
import type { PortalConfig } from './config';
import type { PortalDb } from './db/database';
import { limitBodySize } from './http/body-limit';
import { csrfProtection } from './http/csrf';
import type { PortalEnv } from './http/env';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { requestIdentifier } from './http/request-id';
import { requestLog } from './http/request-log';
import { noStoreByDefault, securityHeaders } from './http/security-headers';
import type { Logger } from './logger';
import { csrfRefusalPage } from './pages/shared/message-page';
import { accountRequestRoutes } from './routes/account-request';
import { healthRoutes } from './routes/health';
import { parentAccountRoutes } from './routes/parent-account';
import { parentFamilyRoutes } from './routes/parent-family';
import { staticRoutes } from './routes/static';
import { syncRoutes } from './routes/sync';

/** What the portal's HTTP app is built from; nothing here listens on a port. */
export type PortalAppDeps = {
  config: Pick<PortalConfig, 'trustProxy' | 'bodyLimitBytes' | 'publicUrl' | 'syncSecret'>;
  db: PortalDb;
  logger: Logger;
  version: string;
  /** The current instant for every feature's rules (a manual clock in tests); the system clock by default. */
  clock?: () => Date;
};

/**
 * Builds the portal's HTTP application: the cross-cutting middleware in order (request id, request
 * log, security headers, no-store, body limit), the central error and not-found handlers, then one
 * route module per feature. Testable in process with `app.request()` or served by `server.ts`.
 */
export function createApp({
  config,
  db,
  logger,
  version,
  clock = () => new Date(),
}: PortalAppDeps): Hono<PortalEnv> {
  const app = new Hono<PortalEnv>();
  // Activation and reset links mailed to parents (also from inside a sync push) start with this.
  configureAccountLinks(config.publicUrl);

  // Outermost first: the id exists before anything logs, and the log sees the final status.
  app.use(requestIdentifier(config.trustProxy));
  app.use(requestLog(logger, config.trustProxy));
  app.use(securityHeaders());
  app.use(noStoreByDefault());
  // The sync push carries up to SYNC_BATCH_MAX records and has its own, larger limit, checked after its secret.
  const bodyLimit = limitBodySize(config.bodyLimitBytes);
  app.use((c, next) => (c.req.path === portalApi['sync.push'].path ? next() : bodyLimit(c, next)));
  // The logged-in parent, if any; binds the CSRF token to the session, so it runs before the check.
  app.use(parentSessions({ db, trustProxy: config.trustProxy, clock }));
  // Every form post: same origin and a matching token. The sync API authenticates with its bearer
  // secret, not cookies, so it has nothing to forge.
  app.use(
    csrfProtection({
      publicUrl: config.publicUrl,
      trustProxy: config.trustProxy,
      exemptPrefixes: ['/sync/'],
      renderForbidden: csrfRefusalPage(db),
    }),
  );

  app.onError(errorHandler(logger));
  app.notFound(notFoundHandler);

  // One module per feature; parent accounts, sync and payments will mount theirs here.
  app.route('/', healthRoutes({ db, version }));
  app.route('/', staticRoutes({ db }));
  app.route('/', parentAccountRoutes({ db, trustProxy: config.trustProxy, clock }));
  app.route('/', parentFamilyRoutes({ db, logger, clock }));
  app.route('/', syncRoutes({ db, logger, syncSecret: config.syncSecret, now: clock }));
  app.route('/', accountRequestRoutes({ db, trustProxy: config.trustProxy }));

  return app;
}
