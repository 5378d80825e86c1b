import type { Kysely } from 'kysely';

/**
 * The portal's tables as the application sees them after every migration of `migrations/portal` has
 * run. Each migration describes its own frozen snapshot instead of importing this, so a later change
 * here never rewrites history. Instants are UTC ISO-8601 strings (`text`), the same on SQLite and
 * PostgreSQL.
 */
export interface PortalDatabase {
  portal_meta: PortalMetaTable;
}

/** Facts about this portal database itself, one row per key. */
export interface PortalMetaTable {
  key: PortalMetaKey;
  value: string;
}

/** Keys of `portal_meta`: `schema_created_at` is when migration 0001 created the schema (UTC ISO). */
export type PortalMetaKey = 'schema_created_at';

export type PortalDb = Kysely<PortalDatabase>;

/** An open portal database and how to release it. */
export type PortalDatabaseHandle = {
  db: PortalDb;
  dialect: 'sqlite' | 'postgres';
  /** How to name it in logs: `sqlite:/path` or the URL with its password masked. */
  label: string;
  /** Closes the file or the connection pool; safe to call twice. */
  close(): Promise<void>;
};
