import { Hono } from 'hono';
import { portalApi } from '../../src-shared/portal/api';
import type { PortalDb } from '../db/database';
import { limitBodySize } from '../http/body-limit';
import { okResponse } from '../http/envelope';
import type { PortalEnv } from '../http/env';
import { readPushBody, readQuery } from '../http/validate';
import type { Logger } from '../logger';
import { readEvents } from '../sync/events.service';
import { applyPush } from '../sync/push.service';
import { requireSyncSecret } from '../sync/sync-auth';

export type SyncRouteDeps = {
  db: PortalDb;
  logger: Logger;
  syncSecret: string | undefined;
  now?: () => Date;
};

/**
 * A full batch (SYNC_BATCH_MAX = 1000 family records of one to a few KB each) with room to spare. The app-wide 100 KB limit
 * does not apply to this path (see app.ts); this one does, after the secret is checked, so an
 * unauthenticated client cannot make the portal read megabytes.
 */
export const SYNC_PUSH_BODY_LIMIT_BYTES = 5 * 1024 * 1024;

/**
 * The office ↔ portal sync endpoints (src-shared/sync/protocol.ts), authenticated with the shared
 * bearer secret: `POST /sync/push` stores the office's records, `GET /sync/events` hands out the
 * parent actions after the office's cursor.
 */
export function syncRoutes({
  db,
  logger,
  syncSecret,
  now = () => new Date(),
}: SyncRouteDeps): Hono<PortalEnv> {
  const routes = new Hono<PortalEnv>();
  const auth = requireSyncSecret(syncSecret, logger);

  routes.post(portalApi['sync.push'].path, auth, limitBodySize(SYNC_PUSH_BODY_LIMIT_BYTES), async (c) => {
    const records = await readPushBody(c);
    const result = await applyPush(db, records, now());
    logger.info({ reqId: c.get('requestId'), ...result, records: records.length }, 'sync push stored');
    return okResponse(c, result);
  });

  routes.get(portalApi['sync.events'].path, auth, async (c) =>
    okResponse(c, await readEvents(db, readQuery(c, portalApi['sync.events'].input))),
  );

  return routes;
}
