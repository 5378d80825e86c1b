import { z } from 'zod';
import { eventsQuerySchema, eventsResultSchema, pushRequestSchema, pushResultSchema } from '../sync/protocol';
import { healthSchema } from './health';

/**
 * One entry of the portal's HTTP contract: the method and path a route module serves, the schema its
 * input is validated with at the boundary (query string for GET, JSON body otherwise) and the schema of
 * the `value` of its successful result.
 */
export type PortalRouteContract = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: `/${string}`;
  input: z.ZodType;
  output: z.ZodType;
};

/**
 * The portal's HTTP API, defined once: route modules in `src-portal/routes` serve these entries, and
 * clients (tests, the office's sync client) check responses against the same schemas. Names are
 * `feature.verb` and unique (object keys).
 */
export const portalApi = {
  'health.get': { method: 'GET', path: '/health', input: z.object({}), output: healthSchema },
  /**
   * Office → portal: records of the office outbox, sent as JSON lines (`encodePushBody`, read back
   * by `decodePushBody` into this input) (Authorization: Bearer <sync secret>).
   */
  'sync.push': { method: 'POST', path: '/sync/push', input: pushRequestSchema, output: pushResultSchema },
  /** Portal → office: parent actions after the office's cursor (Authorization: Bearer <sync secret>). */
  'sync.events': {
    method: 'GET',
    path: '/sync/events',
    input: eventsQuerySchema,
    output: eventsResultSchema,
  },
} as const satisfies Record<string, PortalRouteContract>;

export type PortalApi = typeof portalApi;
export type PortalRouteName = keyof PortalApi;
export type PortalInput<N extends PortalRouteName> = z.infer<PortalApi[N]['input']>;
export type PortalOutput<N extends PortalRouteName> = z.infer<PortalApi[N]['output']>;
