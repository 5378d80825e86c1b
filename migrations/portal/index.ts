import type { Migration } from 'kysely';
import * as m0001 from './0001_portal_meta';
import * as m0002 from './0002_sync';
import * as m0003 from './0003_mail_queue';
import * as m0004 from './0004_rate_limits';
import * as m0005 from './0005_parent_accounts';
import * as m0006 from './0006_auth_tokens';
import * as m0007 from './0007_parent_sessions';
import * as m0008 from './0008_pending_changes';

/**
 * Every migration of the portal database, by name, listed statically so that tsx, vitest and a bundle
 * all see the same list without dynamic imports. Names are `NNNN_what`, applied in name order,
 * forward-only: a released migration never changes; a new change is a new file added here.
 */
export const portalMigrations: Record<string, Migration> = {
  '0001_portal_meta': m0001,
  '0002_sync': m0002,
  '0003_mail_queue': m0003,
  '0004_rate_limits': m0004,
  '0005_parent_accounts': m0005,
  '0006_auth_tokens': m0006,
  '0007_parent_sessions': m0007,
  '0008_pending_changes': m0008,
};
