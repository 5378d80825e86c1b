import type { Migration } from 'kysely';
import * as m0001 from './0001_portal_meta';

/**
 * Every migration of the portal database, by name, listed statically so that tsx, vitest and a bundle
 * all see the same list without dynamic imports. Names are `NNNN_what`, applied in name order,
 * forward-only: a released migration never changes; a new change is a new file added here.
 */
export const portalMigrations: Record<string, Migration> = {
  '0001_portal_meta': m0001,
};
