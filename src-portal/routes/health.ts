import { Hono } from 'hono';
import { portalApi } from '../../src-shared/portal/api';
import type { PortalDb } from '../db/database';
import { checkHealth } from '../health/health.service';
import { okResponse } from '../http/envelope';
import type { PortalEnv } from '../http/env';

export type HealthRouteDeps = { db: PortalDb; version: string };

/**
 * `GET /health`: 200 `{ ok: true, value: { status, database, version } }` when the portal and its
 * database work, 503 `unavailable` otherwise (for load balancers and monitoring).
 */
export function healthRoutes({ db, version }: HealthRouteDeps): Hono<PortalEnv> {
  const routes = new Hono<PortalEnv>();
  routes.get(portalApi['health.get'].path, async (c) => okResponse(c, await checkHealth({ db, version })));
  return routes;
}
