import type { Kysely } from 'kysely';

/**
 * 0001 — `portal_meta`: facts about the portal database itself, one row per key. Records when the
 * schema was created (`schema_created_at`, UTC ISO-8601), which `/health` reads to prove the schema is
 * there.
 *
 * Frozen: this file describes the schema as it was when it was written and must never import app code
 * nor change once released.
 */
type SchemaAt0001 = {
  portal_meta: { key: string; value: string };
};

export async function up(db: Kysely<SchemaAt0001>): Promise<void> {
  await db.schema
    .createTable('portal_meta')
    .addColumn('key', 'text', (column) => column.primaryKey())
    .addColumn('value', 'text', (column) => column.notNull())
    .execute();
  await db
    .insertInto('portal_meta')
    .values({ key: 'schema_created_at', value: new Date().toISOString() })
    .execute();
}
