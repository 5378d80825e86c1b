import type { RequestIdVariables } from 'hono/request-id';

/** Hono's environment for the portal: what middleware puts on the context for handlers. */
export type PortalEnv = {
  Variables: RequestIdVariables;
};
