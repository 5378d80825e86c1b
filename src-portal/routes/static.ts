import { Hono } from 'hono';
import type { PortalDb } from '../db/database';
import type { PortalEnv } from '../http/env';
import { renderPrivacyPage } from '../pages/shared/privacy';
import { loadSiteInfo } from '../pages/shared/site';
import { findStaticAsset } from '../static/assets';

export type StaticRouteDeps = { db: PortalDb };

/** A year: the URLs carry a content hash (`?v=`), so a changed file gets a new URL. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `GET /static/<file>`: the stylesheet and the script, from memory, cached for a year (with an ETag
 * for revalidation); any other name is a 404. `GET /confidentialite`: the privacy notice.
 */
export function staticRoutes({ db }: StaticRouteDeps): Hono<PortalEnv> {
  const routes = new Hono<PortalEnv>();

  routes.get('/static/:name', (c) => {
    const asset = findStaticAsset(c.req.param('name'));
    if (asset === undefined) return c.notFound();
    c.header('Cache-Control', IMMUTABLE);
    c.header('ETag', asset.etag);
    if (c.req.header('If-None-Match') === asset.etag) return c.body(null, 304);
    c.header('Content-Type', asset.contentType);
    return c.body(asset.body);
  });

  routes.get('/confidentialite', async (c) => renderPrivacyPage(c, await loadSiteInfo(db)));

  return routes;
}
