import type { Kysely } from 'kysely';

/**
 * 0007 — `parent_sessions`: logged-in parents. The cookie holds a random value; only its SHA-256 is
 * stored (`id`), so reading the database does not let anyone ride a session, and several portal
 * instances share the sessions through the database. `csrf_token` is the session's anti-CSRF token;
 * a session ends at `expires_at` (absolute lifetime) or when idle too long after `last_seen_at`.
 *
 * Frozen: describes the schema as it was when written; never imports app code.
 */
type SchemaAt0007 = {
  parent_sessions: {
    id: string;
    family_id: number;
    csrf_token: string;
    created_at: string;
    last_seen_at: string;
    expires_at: string;
  };
};

export async function up(db: Kysely<SchemaAt0007>): Promise<void> {
  await db.schema
    .createTable('parent_sessions')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('family_id', 'integer', (column) => column.notNull())
    .addColumn('csrf_token', 'text', (column) => column.notNull())
    .addColumn('created_at', 'text', (column) => column.notNull())
    .addColumn('last_seen_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('parent_sessions_family').on('parent_sessions').column('family_id').execute();
  await db.schema.createIndex('parent_sessions_expiry').on('parent_sessions').column('expires_at').execute();
}
