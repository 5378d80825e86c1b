import type { Kysely } from 'kysely';

/**
 * 0004 — `rate_limits`: fixed-window counters (account requests per IP and per e-mail, logins, …)
 * kept in the database so that every portal instance counts the same hits. `id` is a SHA-256 of the
 * bucket and the key, so the table never holds an IP address or an e-mail in clear; `expires_at` ends
 * the window (and lets old rows be purged).
 *
 * Frozen: describes the schema as it was when written; never imports app code.
 */
type SchemaAt0004 = {
  rate_limits: { id: string; bucket: string; hits: number; window_started_at: string; expires_at: string };
};

export async function up(db: Kysely<SchemaAt0004>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('id', 'text', (column) => column.primaryKey())
    .addColumn('bucket', 'text', (column) => column.notNull())
    .addColumn('hits', 'integer', (column) => column.notNull())
    .addColumn('window_started_at', 'text', (column) => column.notNull())
    .addColumn('expires_at', 'text', (column) => column.notNull())
    .execute();
  await db.schema.createIndex('rate_limits_expiry').on('rate_limits').column('expires_at').execute();
}
